import { type DoseProgramPreview } from '@pumpdesk/contracts';
import { formatMcgPerDay, formatPercentChange } from '@pumpdesk/domain';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { FindingList } from '../../../components/finding-list.tsx';
import { LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';

interface PreviewPanelProps {
  preview: DoseProgramPreview | undefined;
  /** The preview on screen is of an earlier version of the typed program. */
  stale: boolean;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  /** The site's today, for "in 12 days". */
  today: string;
  /** The due date before the change, for comparison. */
  currentDueDate: string | null;
  /** Nothing to preview: a field is not valid yet. */
  incomplete: boolean;
}

/** The server's judgement: its findings (the authority) and the alarm and due dates with the new program. */
export function PreviewPanel(props: PreviewPanelProps) {
  const { preview, stale, today } = props;
  return (
    <section className="dose-preview" aria-labelledby="dose-preview-title" aria-busy={stale || undefined}>
      <h2 id="dose-preview-title" className="dose-section__title">
        Safety checks and new dates
      </h2>
      {props.incomplete ? (
        <p className="muted">The checks run once every field above is valid.</p>
      ) : props.error && !preview ? (
        <QueryError what="the safety checks" error={props.error} onRetry={props.onRetry} />
      ) : !preview ? (
        props.isLoading ? (
          <LoadingState what="the safety checks" />
        ) : null
      ) : (
        <>
          {stale ? (
            <p className="page-status" role="status">
              Checking the latest changes…
            </p>
          ) : null}
          <dl className="dose-preview__facts">
            <div>
              <dt>Daily dose (server)</dt>
              <dd>
                {formatMcgPerDay(preview.proposed.dailyDoseMcg)}
                {preview.changePercent === null ? null : ` (${formatPercentChange(preview.changePercent)})`}
              </dd>
            </div>
            <div>
              <dt>Refill due</dt>
              <dd>
                <CalendarDateText
                  date={preview.dueDate}
                  today={today}
                  empty="Not known (no refill on record)"
                />
                {props.currentDueDate && props.currentDueDate !== preview.dueDate ? (
                  <span className="muted">
                    {' '}
                    — now <CalendarDateText date={props.currentDueDate} />
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Low-reservoir alarm</dt>
              <dd>
                <CalendarDateText date={preview.alarmDate} today={today} empty="Not known" />
              </dd>
            </div>
          </dl>
          {preview.dueMessage ? <p className="muted">{preview.dueMessage}</p> : null}
          {preview.findings.length === 0 ? (
            <p>No safety findings.</p>
          ) : (
            <FindingList findings={preview.findings} title="Findings" />
          )}
        </>
      )}
    </section>
  );
}
