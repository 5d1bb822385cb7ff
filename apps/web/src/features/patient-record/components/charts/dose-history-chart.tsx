import { formatConcentration, formatMcgPerDay, formatNumber } from '@pumpdesk/domain';
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import { formatCalendarDate, formatInstant } from '../../../../lib/format.ts';
import { formatChartDay, timeTickFormatter, timeTicks } from '../../utils/chart-dates.ts';
import {
  type DoseStep,
  type RefillMarker,
  type ScorePoint,
  stepLinePoints,
} from '../../utils/dose-history.ts';
import { doseModeLabels } from '../../utils/labels.ts';
import { ChartFigure } from './chart-figure.tsx';
import { TableScroll } from '../table-scroll.tsx';

interface DoseHistoryChartProps {
  steps: readonly DoseStep[];
  refills: readonly RefillMarker[];
  scores: readonly ScorePoint[];
  timeZone: string;
  /** Now, while a pump is implanted (the last dose runs on to today); null otherwise. */
  now: number | null;
}

const COLORS = {
  dose: '#0b5394',
  refill: '#1d5e2a',
  ashworth: '#8b1414',
  penn: '#7a4100',
  concentration: '#545b64',
  grid: '#d8dde3',
};

/** Ashworth's axis: 1.5 is 1+. */
function scoreTick(value: number): string {
  return value === 1.5 ? '1+' : formatNumber(value);
}

/**
 * The dose history: the daily dose as a step line over the years, across every pump and program;
 * refills as triangles on the line, concentration changes as labelled vertical lines, and the
 * Modified Ashworth and Penn spasm frequency scores on a second axis.
 */
export function DoseHistoryChart({ steps, refills, scores, timeZone, now }: DoseHistoryChartProps) {
  const line = stepLinePoints(steps, now);
  const times = [...line.map((point) => point.at), ...refills.map((r) => r.at), ...scores.map((s) => s.at)];
  const start = Math.min(...times);
  const end = Math.max(...times);
  const tick = timeTickFormatter(timeZone, end - start);
  const refillPoints = refills.map((refill) => ({ at: refill.at, dailyDoseMcg: refill.dailyDoseMcg ?? 0 }));
  const changes = steps.filter((step) => step.concentrationChangedFrom !== null);

  return (
    <ChartFigure
      title="Dose history"
      summary={summarise(steps, refills, scores, timeZone)}
      renderChart={(width) => (
        <ComposedChart
          width={width}
          height={320}
          margin={{ top: 28, right: 8, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[start, end]}
            ticks={timeTicks(start, end, timeZone)}
            tickFormatter={tick}
            allowDuplicatedCategory={false}
          />
          <YAxis
            yAxisId="dose"
            width={64}
            label={{ value: 'mcg/day', angle: -90, position: 'insideLeft', offset: 4 }}
            tickFormatter={(value: number) => formatNumber(value, 0)}
          />
          <YAxis
            yAxisId="score"
            orientation="right"
            width={48}
            domain={[0, 4]}
            ticks={[0, 1, 1.5, 2, 3, 4]}
            tickFormatter={scoreTick}
            label={{ value: 'Score', angle: 90, position: 'insideRight', offset: 4 }}
          />
          {changes.map((step) => (
            <ReferenceLine
              key={step.programId}
              yAxisId="dose"
              x={step.at}
              stroke={COLORS.concentration}
              strokeDasharray="2 3"
              label={{
                value: formatConcentration(step.concentrationMcgPerMl),
                position: 'top',
                fill: COLORS.concentration,
                fontSize: 12,
              }}
            />
          ))}
          <Line
            yAxisId="dose"
            data={line}
            dataKey="dailyDoseMcg"
            name="Daily dose (mcg/day)"
            type="stepAfter"
            stroke={COLORS.dose}
            strokeWidth={2.5}
            dot={false}
            isAnimationActive={false}
          />
          <Scatter
            yAxisId="dose"
            data={refillPoints}
            dataKey="dailyDoseMcg"
            name="Refill"
            fill={COLORS.refill}
            shape="triangle"
            isAnimationActive={false}
          />
          <Line
            yAxisId="score"
            data={scores.filter((score) => score.ashworthValue !== null)}
            dataKey="ashworthValue"
            name="Modified Ashworth"
            stroke={COLORS.ashworth}
            strokeDasharray="5 3"
            dot={{ r: 3, fill: COLORS.ashworth }}
            isAnimationActive={false}
          />
          <Line
            yAxisId="score"
            data={scores.filter((score) => score.pennFrequency !== null)}
            dataKey="pennFrequency"
            name="Penn spasm frequency"
            stroke={COLORS.penn}
            strokeDasharray="1 3"
            dot={{ r: 3, fill: COLORS.penn, strokeDasharray: '0' }}
            isAnimationActive={false}
          />
          <Legend />
        </ComposedChart>
      )}
      tables={
        <>
          <DoseStepTable steps={steps} timeZone={timeZone} />
          <ScoreTable scores={scores} />
        </>
      }
    />
  );
}

function summarise(
  steps: readonly DoseStep[],
  refills: readonly RefillMarker[],
  scores: readonly ScorePoint[],
  timeZone: string,
): string {
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last) return 'No dose program on record.';
  const changes = steps.filter((step) => step.concentrationChangedFrom !== null).length;
  const parts = [
    `${count(steps.length, 'program')} since ${formatChartDay(first.at, timeZone)}`,
    `daily dose from ${formatMcgPerDay(first.dailyDoseMcg)} at first to ${formatMcgPerDay(last.dailyDoseMcg)} in the latest`,
    count(changes, 'concentration change'),
    count(refills.length, 'refill'),
    count(scores.length, 'visit') + ' with spasticity scores',
  ];
  return `Daily dose as a step line: ${parts.join('; ')}. The tables list every step and score.`;
}

/** "1 refill", "5 refills". */
function count(n: number, noun: string): string {
  return `${String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The chart's steps, newest first: what D's journey and screen-reader users read. */
function DoseStepTable({ steps, timeZone }: { steps: readonly DoseStep[]; timeZone: string }) {
  return (
    <TableScroll label="Dose history table">
      <table className="data-table">
        <caption className="record-table__caption">Dose history</caption>
        <thead>
          <tr>
            <th scope="col">Effective from</th>
            <th scope="col">Daily dose</th>
            <th scope="col">Concentration</th>
            <th scope="col">Mode</th>
            <th scope="col">Pump</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {[...steps].reverse().map((step) => (
            <tr key={step.programId}>
              <th scope="row" className="nowrap">
                {formatInstant(step.effectiveFrom, timeZone)}
              </th>
              <td className="nowrap">{formatMcgPerDay(step.dailyDoseMcg)}</td>
              <td className="nowrap">
                {formatConcentration(step.concentrationMcgPerMl)}
                {step.concentrationChangedFrom !== null
                  ? ` (changed from ${formatConcentration(step.concentrationChangedFrom)})`
                  : null}
              </td>
              <td>{doseModeLabels[step.mode]}</td>
              <td className="nowrap">{step.pumpSerial}</td>
              <td>{step.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ScoreTable({ scores }: { scores: readonly ScorePoint[] }) {
  if (scores.length === 0) return <p>No spasticity scores recorded at visits.</p>;
  return (
    <TableScroll label="Spasticity scores table">
      <table className="data-table">
        <caption className="record-table__caption">Spasticity scores</caption>
        <thead>
          <tr>
            <th scope="col">Visit</th>
            <th scope="col">Modified Ashworth</th>
            <th scope="col">Penn spasm frequency</th>
          </tr>
        </thead>
        <tbody>
          {[...scores].reverse().map((score) => (
            <tr key={score.visitId}>
              <th scope="row" className="nowrap">
                {formatCalendarDate(score.visitDate)}
              </th>
              <td>{score.ashworth ?? '—'}</td>
              <td>{score.pennFrequency ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
