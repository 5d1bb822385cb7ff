import { type ChartSeries } from './chart-series.ts';

/** The hatched and dotted fills of a chart's series, as SVG patterns; ids are the chart's own. */
export function ChartPatterns({
  series,
  patternId,
}: {
  series: readonly ChartSeries[];
  patternId: (series: ChartSeries) => string;
}) {
  return (
    <defs>
      {series.map((item) =>
        item.pattern === 'solid' ? null : (
          <pattern
            key={item.key}
            id={patternId(item)}
            patternUnits="userSpaceOnUse"
            width="6"
            height="6"
            patternTransform={item.pattern === 'hatched' ? 'rotate(45)' : undefined}
          >
            <rect width="6" height="6" fill="#ffffff" />
            {item.pattern === 'hatched' ? (
              <rect width="3" height="6" fill={item.colour} />
            ) : (
              <circle cx="3" cy="3" r="1.6" fill={item.colour} />
            )}
          </pattern>
        ),
      )}
    </defs>
  );
}
