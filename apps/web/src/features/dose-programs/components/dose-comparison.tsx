import { type DoseProgramRecord } from '@pumpdesk/contracts';
import { type DoseMode, formatMcgPerDay, formatNumber, formatPercentChange } from '@pumpdesk/domain';
import { MODE_LABELS } from '../utils/program-form.ts';

interface DoseComparisonProps {
  previous: Pick<DoseProgramRecord, 'mode' | 'concentrationMcgPerMl' | 'dailyDoseMcg'> | null;
  /** What the typed program delivers; null while a field is not a valid number. */
  proposed: { mode: DoseMode; concentrationMcgPerMl: number | null; dailyDoseMcg: number | null };
}

/** (new − old) ÷ old × 100; null for a first program or from a stopped pump. */
export function changePercentOf(previousMcg: number | null, newMcg: number | null): number | null {
  if (previousMcg === null || newMcg === null || !(previousMcg > 0)) return null;
  return ((newMcg - previousMcg) / previousMcg) * 100;
}

/** The program in force and the typed one side by side, with the change in percent, as typed. */
export function DoseComparison({ previous, proposed }: DoseComparisonProps) {
  const change = changePercentOf(previous?.dailyDoseMcg ?? null, proposed.dailyDoseMcg);
  const newDose = proposed.dailyDoseMcg === null ? null : formatMcgPerDay(proposed.dailyDoseMcg);
  const changeText = change === null ? (previous ? '—' : 'First program') : formatPercentChange(change);
  return (
    <section className="dose-comparison" aria-labelledby="dose-comparison-title">
      <h2 id="dose-comparison-title" className="dose-section__title">
        Program in force and new program
      </h2>
      <div className="table-scroll">
        <table className="data-table dose-comparison__table">
          <caption className="visually-hidden">Program in force compared with the new program</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">Program in force</th>
              <th scope="col">New program</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Mode</th>
              <td>{previous ? MODE_LABELS[previous.mode] : 'None'}</td>
              <td>{MODE_LABELS[proposed.mode]}</td>
            </tr>
            <tr>
              <th scope="row">Concentration</th>
              <td>{previous ? `${formatNumber(previous.concentrationMcgPerMl)} mcg/mL` : '—'}</td>
              <td>
                {proposed.concentrationMcgPerMl === null
                  ? '—'
                  : `${formatNumber(proposed.concentrationMcgPerMl)} mcg/mL`}
              </td>
            </tr>
            <tr className="dose-comparison__dose">
              <th scope="row">Daily dose</th>
              <td>{previous ? formatMcgPerDay(previous.dailyDoseMcg) : '—'}</td>
              <td>{newDose ?? '—'}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {/* Announced as it changes: the physician hears the new dose and change while typing. */}
      <p className="dose-comparison__summary" aria-live="polite" data-testid="dose-summary">
        {newDose === null ? (
          'Complete the program to see its daily dose.'
        ) : (
          <>
            New daily dose <strong>{newDose}</strong>
            {previous ? (
              <>
                {' '}
                (change <strong>{changeText}</strong> from {formatMcgPerDay(previous.dailyDoseMcg)})
              </>
            ) : (
              ' (first program of this pump)'
            )}
          </>
        )}
      </p>
    </section>
  );
}
