import { Link } from 'react-router';
import { FindingList } from '../../../components/finding-list.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { type RefillStepId } from '../utils/refill-form.ts';
import { StepFieldErrors } from './step-field-errors.tsx';

interface SubmitErrorProps {
  error: unknown;
  patientId: string;
  /** Field errors the API sent, each with the step that holds its field. */
  fieldErrors: readonly { message: string; step: RefillStepId }[];
  onGoToStep: (step: RefillStepId) => void;
}

/** Why the refill was not recorded, and what to do; every value typed stays in the form. */
export function SubmitError({ error, patientId, fieldErrors, onGoToStep }: SubmitErrorProps) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="alert alert--error" role="alert" data-testid="submit-error">
      <h3 className="alert__title">The refill was not recorded</h3>
      <p>{explanation(apiError)}</p>
      {apiError?.code === 'IDEMPOTENCY_KEY_REUSED' ? (
        <p>
          <Link to={`/patients/${patientId}`}>Open the patient’s page</Link> to check the refills on record.
        </p>
      ) : null}
      {apiError && apiError.findings.length > 0 ? <FindingList findings={apiError.findings} /> : null}
      <StepFieldErrors fieldErrors={fieldErrors} onGoToStep={onGoToStep} />
      {apiError?.requestId ? <p className="muted">Reference for support: {apiError.requestId}</p> : null}
    </div>
  );
}

function explanation(error: ApiError | null): string {
  if (!error) return 'Something went wrong. Your entries are kept: record the refill again.';
  if (error.status === 0) {
    return 'PumpDesk could not be reached, so it is not known whether the refill was saved. Your entries are kept: press “Record the refill” again. It is sent with the same key, so the refill cannot be recorded twice.';
  }
  if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
    return 'A refill from this form was already recorded with other values, so this one was not recorded.';
  }
  if (error.code === 'IDEMPOTENCY_KEY_IN_USE' || error.code === 'TRY_AGAIN') {
    return 'The server is still busy with this refill. Your entries are kept: wait a moment, then press “Record the refill” again (it cannot be recorded twice).';
  }
  if (error.findings.length > 0) {
    return 'The safety check refused it. Your entries are kept: correct what the findings point to, then record it again.';
  }
  return `${error.title}${error.detail ? `: ${error.detail}` : ''}. Your entries are kept.`;
}
