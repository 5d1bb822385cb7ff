import { type SiteSummary } from '@pumpdesk/contracts';
import { type BookedRefills } from '../hooks/use-booked-refills.ts';
import { type RefillSection as Section } from '../utils/refill-sections.ts';
import { REFILL_COLUMNS, RefillRow } from './refill-row.tsx';

interface RefillSectionProps {
  section: Section;
  sites: readonly SiteSummary[];
  booked: BookedRefills;
  busy: boolean;
  canBook: boolean;
  canRecordRefill: boolean;
  onSaved: (message: string) => void;
}

/** One urgency band of the refill worklist: a heading with its count, then its table. */
export function RefillSection({ section, sites, booked, busy, ...rowProps }: RefillSectionProps) {
  const headingId = `refill-section-${section.id}`;
  const count = section.entries.length;
  return (
    <section className={`worklist-section worklist-section--${section.id}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="worklist-section__title">
        {section.title} <span className="worklist-section__count">({count})</span>
      </h2>
      {count === 0 ? (
        <p className="worklist-section__empty muted">{section.emptyText}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table worklist-table" aria-labelledby={headingId} aria-busy={busy}>
            <thead>
              <tr>
                {REFILL_COLUMNS.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {section.entries.map((entry) => (
                <RefillRow
                  key={entry.pump.id}
                  entry={entry}
                  site={sites.find((site) => site.id === entry.site.id)}
                  booked={booked}
                  {...rowProps}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
