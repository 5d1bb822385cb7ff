import { type RefillInput, type RefillPreview } from '@pumpdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { FindingList } from '../../../components/finding-list.tsx';
import { LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { formatCalendarDate, formatInstant } from '../../../lib/format.ts';
import { refillServerPreviewQueryOptions } from '../api/refill-writes.ts';
import { fieldOfApiPath, type RefillStepId, stepOfField } from '../utils/refill-form.ts';
import { StepFieldErrors } from './step-field-errors.tsx';

interface ConfirmStepProps {
  pumpId: string;
  body: RefillInput;
  timeZone: string;
  today: string;
  /** Tells the form whether the server would refuse the refill (null while unknown). */
  onPreview: (preview: RefillPreview | null) => void;
  onGoToStep: (step: RefillStepId) => void;
}

/** Step 4: everything typed, and what the server says about it (its preview is the authority). */
export function ConfirmStep({ pumpId, body, timeZone, today, onPreview, onGoToStep }: ConfirmStepProps) {
  const preview = useQuery(refillServerPreviewQueryOptions(pumpId, body));
  const data = preview.data ?? null;
  useEffect(() => {
    onPreview(data);
  }, [data, onPreview]);
  const fieldErrors =
    preview.error instanceof ApiError
      ? preview.error.fieldErrors.flatMap((fieldError) => {
          const field = fieldOfApiPath(fieldError.path);
          return field ? [{ message: fieldError.message, step: stepOfField(field) }] : [];
        })
      : [];
  const rows: [string, string][] = [
    ['Refill date and time', formatInstant(body.performedAt, timeZone)],
    ['Where', body.location === 'home' ? 'At home' : 'In the clinic'],
    ['Expected residual shown by the pump', `${body.expectedResidualMl} mL`],
    ['Volume withdrawn', `${body.withdrawnVolumeMl} mL`],
    ['Drug', 'Baclofen (intrathecal)'],
    ['Concentration', `${body.concentrationMcgPerMl} mcg/mL`],
    ['Lot number', body.drugLot ?? 'Not recorded'],
    ['Expiry date', body.drugExpiry ? formatCalendarDate(body.drugExpiry) : 'Not recorded'],
    ['Volume filled', `${body.volumeFilledMl} mL`],
    ['Reservoir volume after the fill', `${body.reservoirVolumeAfterMl} mL`],
    ['Notes', body.notes ?? 'None'],
  ];
  if (body.newProgram) {
    rows.push([
      'New program',
      `Same doses at ${body.newProgram.concentrationMcgPerMl} mcg/mL, from this refill (${body.newProgram.reason})`,
    ]);
  }
  return (
    <>
      <h3 className="refill-subtitle">Summary</h3>
      <dl className="refill-summary">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="refill-subtitle">What the server says</h3>
      {preview.isPending ? <LoadingState what="the server’s check of this refill" /> : null}
      {preview.isError ? (
        <QueryError
          what="the server’s check of this refill"
          error={preview.error}
          onRetry={() => void preview.refetch()}
        />
      ) : null}
      <StepFieldErrors fieldErrors={fieldErrors} onGoToStep={onGoToStep} />
      {data ? (
        <div data-testid="server-preview">
          <dl className="refill-summary">
            <div>
              <dt>New alarm date</dt>
              <dd>
                <CalendarDateText date={data.alarmDate} today={today} empty="No alarm date" />
              </dd>
            </div>
            <div>
              <dt>New refill due date</dt>
              <dd>
                <CalendarDateText date={data.dueDate} today={today} />
              </dd>
            </div>
          </dl>
          {data.dueMessage ? <p>{data.dueMessage}</p> : null}
          {data.allowed ? null : (
            <p className="alert alert--error" role="alert">
              The server would refuse this refill: change what the findings below point to.
            </p>
          )}
          {data.findings.length === 0 ? (
            <p>No safety findings.</p>
          ) : (
            <FindingList findings={data.findings} title="Safety findings" />
          )}
        </div>
      ) : null}
    </>
  );
}
