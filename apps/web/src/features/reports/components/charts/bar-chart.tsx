import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame.tsx';
import { ChartPatterns } from './chart-patterns.tsx';
import { type ChartSeries, seriesFill } from './chart-series.ts';

export interface BarDatum {
  /** The category on the axis: a month, a status, a site, a clinician. */
  category: string;
  [seriesKey: string]: string | number | null;
}

interface ReportBarChartProps {
  title: string;
  description: string;
  data: readonly BarDatum[];
  series: readonly ChartSeries[];
  /** Horizontal bars (categories down the side): long names such as sites and clinicians. */
  horizontal?: boolean;
  /** Print each bar's value next to it (few bars only). */
  showValues?: boolean;
  height?: number;
}

/** Bars per category, one bar (or stack) per series, each series with its own fill pattern. */
export function ReportBarChart({
  title,
  description,
  data,
  series,
  horizontal = false,
  showValues = false,
  height,
}: ReportBarChartProps) {
  const id = useId();
  const patternId = (item: ChartSeries): string => `${id}-${item.key}-pattern`.replaceAll(':', '');
  const legend = series.map((item) => ({
    label: item.label,
    swatch: { kind: 'bar' as const, series: item },
  }));
  return (
    <ChartFrame title={title} description={description} legend={legend} height={height}>
      {(size, { titleId, descriptionId }) => (
        <BarChart
          data={[...data]}
          width={size.width}
          height={size.height}
          responsive={size.responsive}
          maxBarSize={40}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: showValues ? 32 : 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descriptionId}
        >
          <ChartPatterns series={series} patternId={patternId} />
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={{ fill: '#1b1f24' }} />
              <YAxis type="category" dataKey="category" width={150} tick={{ fill: '#1b1f24' }} />
            </>
          ) : (
            <>
              <XAxis dataKey="category" tick={{ fill: '#1b1f24' }} />
              <YAxis allowDecimals={false} tick={{ fill: '#1b1f24' }} width={40} />
            </>
          )}
          <Tooltip />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              fill={seriesFill(item, patternId(item))}
              stroke={item.colour}
              stackId={item.stackId}
              isAnimationActive={false}
            >
              {showValues ? <LabelList dataKey={item.key} position="right" fill="#1b1f24" /> : null}
            </Bar>
          ))}
        </BarChart>
      )}
    </ChartFrame>
  );
}
