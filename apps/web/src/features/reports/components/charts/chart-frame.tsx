import { type ReactNode, useId } from 'react';
import { usePrinting } from '../../hooks/use-printing.ts';
import { ChartLegend, type LegendEntry } from './chart-legend.tsx';

/** Wide enough to read on screen; on paper the chart takes an A4 page's printable width (≈ 170 mm). */
export const CHART_HEIGHT = 280;
const PRINT_WIDTH = 640;

export interface ChartSize {
  width: number | '100%';
  responsive: boolean;
  height: number;
}

interface ChartFrameProps {
  /** The chart's accessible name, also shown as its caption. */
  title: string;
  /** What the chart shows, for screen readers; the table after it has the numbers. */
  description: string;
  legend: readonly LegendEntry[];
  height?: number;
  children: (size: ChartSize, ids: { titleId: string; descriptionId: string }) => ReactNode;
}

/**
 * A chart as a figure: a visible caption (its name), a description for screen readers, the chart
 * itself (an image to assistive technology: the table next to it is the text equivalent) and a legend
 * in words. On screen it follows the page width; while printing it has a fixed A4 width.
 */
export function ChartFrame({ title, description, legend, height = CHART_HEIGHT, children }: ChartFrameProps) {
  const printing = usePrinting();
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const size: ChartSize = printing
    ? { width: PRINT_WIDTH, responsive: false, height }
    : { width: '100%', responsive: true, height };
  return (
    <figure className="report-chart">
      <figcaption id={titleId} className="report-chart__title">
        {title}
      </figcaption>
      <p id={descriptionId} className="visually-hidden">
        {description}
      </p>
      <div className="report-chart__canvas">{children(size, { titleId, descriptionId })}</div>
      <ChartLegend entries={legend} />
    </figure>
  );
}
