import { type ReactNode, useId, useState } from 'react';
import { useContainerWidth } from '../../hooks/use-container-width.ts';
import { TablesShownContext } from '../table-scroll.tsx';

interface ChartFigureProps {
  title: string;
  /** One or two sentences saying what the chart shows: the figure's caption, read by screen readers. */
  summary: string;
  /** Draws the chart at the width it is given. */
  renderChart: (width: number) => ReactNode;
  /** The same data as tables. */
  tables: ReactNode;
}

/**
 * A chart with its heading, its caption, and its data as tables. The drawing itself is hidden from
 * assistive technology (an SVG of ticks says little); the caption summarises it and the tables hold
 * every value. "Show as table" shows the tables on screen; screen readers always have them.
 */
export function ChartFigure({ title, summary, renderChart, tables }: ChartFigureProps) {
  const id = useId();
  const [tableShown, setTableShown] = useState(false);
  const [ref, width] = useContainerWidth<HTMLDivElement>();
  return (
    <section className="chart-figure" aria-labelledby={`${id}-title`}>
      <div className="chart-figure__header">
        <h2 id={`${id}-title`} className="record-section__title">
          {title}
        </h2>
        <button
          type="button"
          className="button button--secondary no-print"
          aria-expanded={tableShown}
          aria-controls={`${id}-tables`}
          onClick={() => {
            setTableShown((shown) => !shown);
          }}
        >
          {tableShown ? 'Hide table' : 'Show as table'}
        </button>
      </div>
      <figure className="chart-figure__figure" aria-labelledby={`${id}-caption`}>
        <div ref={ref} className="chart-figure__chart" aria-hidden="true">
          {renderChart(width)}
        </div>
        <figcaption id={`${id}-caption`} className="chart-figure__caption">
          {summary}
        </figcaption>
      </figure>
      <div id={`${id}-tables`} className={tableShown ? 'chart-figure__tables' : 'visually-hidden'}>
        <TablesShownContext value={tableShown}>{tables}</TablesShownContext>
      </div>
    </section>
  );
}
