import { formatMl, formatNumber } from '@pumpdesk/domain';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  type LabelPosition,
  ReferenceLine,
  XAxis,
  YAxis,
} from 'recharts';
import { formatChartDay, timeTickFormatter, timeTicks } from '../../utils/chart-dates.ts';
import { type ReservoirEvent, type ReservoirSeries } from '../../utils/reservoir-series.ts';
import { ChartFigure } from './chart-figure.tsx';
import { TableScroll } from '../table-scroll.tsx';

interface ReservoirChartProps {
  series: ReservoirSeries;
  reservoirMl: number;
  timeZone: string;
}

const EVENT_LABELS: Record<ReservoirEvent, string> = {
  refill: 'Last refill',
  today: 'Today',
  due: 'Refill due',
  alarm: 'Low-reservoir alarm',
  empty: 'Empty',
};

/**
 * The reservoir since the last refill: the projected volume falling to the alarm volume and to empty,
 * with today and the refill due date marked.
 */
export function ReservoirChart({ series, reservoirMl, timeZone }: ReservoirChartProps) {
  const start = series.refillAt;
  const last = Math.max(series.end, series.today);
  // A little room after the last mark, so its label is not cut at the edge.
  const end = last + (last - start) * 0.05;
  const tick = timeTickFormatter(timeZone, end - start);
  const marks: { at: number | null; label: string; color: string; position: LabelPosition }[] = [
    { at: series.today, label: 'Today', color: '#1b1f24', position: 'insideTopLeft' },
    { at: series.dueAt, label: 'Due', color: '#0b5394', position: 'insideTopRight' },
    { at: series.alarmAt, label: 'Alarm', color: '#7a4100', position: 'insideBottomRight' },
    { at: series.emptyAt, label: 'Empty', color: '#8b1414', position: 'insideBottomLeft' },
  ];
  return (
    <ChartFigure
      title="Reservoir"
      summary={summarise(series, timeZone)}
      renderChart={(width) => (
        <ComposedChart
          width={width}
          height={280}
          data={series.points}
          margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#d8dde3" strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[start, end]}
            ticks={timeTicks(start, end, timeZone)}
            tickFormatter={tick}
          />
          <YAxis
            width={56}
            domain={[0, reservoirMl]}
            tickFormatter={(value: number) => formatNumber(value, 0)}
            label={{ value: 'mL', angle: -90, position: 'insideLeft', offset: 8 }}
          />
          <Area
            dataKey="volumeMl"
            name="Projected volume (mL)"
            type="linear"
            stroke="#0b5394"
            strokeWidth={2}
            fill="#e8f1fb"
            isAnimationActive={false}
          />
          <ReferenceLine
            y={series.alarmVolumeMl}
            stroke="#7a4100"
            strokeDasharray="4 3"
            label={{
              value: `Alarm volume ${formatMl(series.alarmVolumeMl)}`,
              position: 'insideBottomLeft',
              fill: '#7a4100',
              fontSize: 12,
            }}
          />
          {marks.map((mark) =>
            mark.at === null || mark.at < start ? null : (
              <ReferenceLine
                key={mark.label}
                x={mark.at}
                stroke={mark.color}
                strokeWidth={mark.label === 'Today' ? 2 : 1}
                strokeDasharray={mark.label === 'Today' ? undefined : '4 3'}
                label={{ value: mark.label, position: mark.position, fill: mark.color, fontSize: 12 }}
              />
            ),
          )}
        </ComposedChart>
      )}
      tables={<ReservoirTable series={series} timeZone={timeZone} />}
    />
  );
}

function summarise(series: ReservoirSeries, timeZone: string): string {
  const first = series.points[0];
  const today = series.points.find((point) => point.event === 'today');
  const parts = [
    first
      ? `${formatMl(first.volumeMl)} after the refill on ${formatChartDay(series.refillAt, timeZone)}`
      : '',
    today ? `${formatMl(today.volumeMl)} today` : '',
    series.dueAt === null ? '' : `refill due ${formatChartDay(series.dueAt, timeZone)}`,
    series.alarmAt === null
      ? 'no alarm in sight'
      : `alarm at ${formatMl(series.alarmVolumeMl)} on ${formatChartDay(series.alarmAt, timeZone)}`,
    series.emptyAt === null
      ? 'never empty at the programs in force'
      : `empty on ${formatChartDay(series.emptyAt, timeZone)}`,
  ].filter(Boolean);
  return `Projected reservoir volume: ${parts.join('; ')}.`;
}

function ReservoirTable({ series, timeZone }: { series: ReservoirSeries; timeZone: string }) {
  return (
    <TableScroll label="Reservoir volume table">
      <table className="data-table">
        <caption className="record-table__caption">Reservoir volume</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Projected volume</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map((point, index) => (
            <tr key={`${String(point.at)}-${point.event ?? index}`}>
              <th scope="row" className="nowrap">
                {formatChartDay(point.at, timeZone)}
              </th>
              <td>{point.event ? EVENT_LABELS[point.event] : ''}</td>
              <td className="nowrap">{formatMl(point.volumeMl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
