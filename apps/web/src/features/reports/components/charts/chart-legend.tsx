import { type ChartSeries } from './chart-series.ts';

export interface LegendEntry {
  label: string;
  /** How the entry looks: a bar fill, or a line (solid or dashed). */
  swatch: { kind: 'bar'; series: ChartSeries } | { kind: 'line'; colour: string; dashed: boolean };
}

/** The chart's legend in HTML: each series by name, with a swatch of its pattern (decorative). */
export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={entry.label} className="chart-legend__item">
          <Swatch swatch={entry.swatch} />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}

function Swatch({ swatch }: { swatch: LegendEntry['swatch'] }) {
  if (swatch.kind === 'line') {
    return (
      <span
        aria-hidden="true"
        className={`chart-swatch chart-swatch--line${swatch.dashed ? ' chart-swatch--dashed' : ''}`}
        style={{ borderTopColor: swatch.colour }}
      />
    );
  }
  const { pattern, colour } = swatch.series;
  return (
    <span
      aria-hidden="true"
      className={`chart-swatch chart-swatch--${pattern}`}
      style={{ color: colour, borderColor: colour }}
    />
  );
}
