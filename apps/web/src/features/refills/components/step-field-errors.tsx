import { REFILL_STEPS, type RefillStepId } from '../utils/refill-form.ts';

export interface StepFieldError {
  message: string;
  step: RefillStepId;
}

/** The API's field errors, each with a button back to the step that holds the field. */
export function StepFieldErrors({
  fieldErrors,
  onGoToStep,
}: {
  fieldErrors: readonly StepFieldError[];
  onGoToStep: (step: RefillStepId) => void;
}) {
  if (fieldErrors.length === 0) return null;
  return (
    <ul>
      {fieldErrors.map(({ message, step }) => (
        <li key={`${step}:${message}`}>
          {message}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onGoToStep(step);
            }}
          >
            Change it in “{REFILL_STEPS.find((candidate) => candidate.id === step)?.title}”
          </button>
        </li>
      ))}
    </ul>
  );
}
