import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame.tsx';

export interface LineSeries {
  key: string;
  label: string;
  colour: string;
  /** A dashed line (and square markers) tells a second series apart without colour. */
  dashed: boolean;
}

interface ReportLineChartProps {
  title: string;
  description: string;
  data: readonly ({ category: string } & Record<string, string | number>)[];
  series: readonly LineSeries[];
}

/** Counts over time, one line per series: solid with round markers, or dashed with square ones. */
export function ReportLineChart({ title, description, data, series }: ReportLineChartProps) {
  const legend = series.map((item) => ({
    label: item.label,
    swatch: { kind: 'line' as const, colour: item.colour, dashed: item.dashed },
  }));
  return (
    <ChartFrame title={title} description={description} legend={legend}>
      {(size, { titleId, descriptionId }) => (
        <LineChart
          data={[...data]}
          width={size.width}
          height={size.height}
          responsive={size.responsive}
          margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descriptionId}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="category" tick={{ fill: '#1b1f24' }} />
          <YAxis allowDecimals={false} tick={{ fill: '#1b1f24' }} width={40} />
          <Tooltip />
          {series.map((item) => (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stroke={item.colour}
              strokeWidth={2}
              strokeDasharray={item.dashed ? '6 4' : undefined}
              dot={item.dashed ? <SquareDot colour={item.colour} /> : { r: 4, fill: item.colour }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </ChartFrame>
  );
}

/** recharts passes the point's position to a custom dot. */
function SquareDot({ colour, cx, cy }: { colour: string; cx?: number; cy?: number }) {
  if (cx === undefined || cy === undefined) return null;
  return <rect x={cx - 4} y={cy - 4} width={8} height={8} fill={colour} />;
}
