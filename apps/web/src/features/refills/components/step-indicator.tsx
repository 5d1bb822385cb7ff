import { REFILL_STEPS, type RefillStepId } from '../utils/refill-form.ts';

/** Where the nurse is: the step's number and name in words, the done ones marked with a word too. */
export function StepIndicator({ current }: { current: RefillStepId }) {
  const currentIndex = REFILL_STEPS.findIndex((step) => step.id === current);
  return (
    <nav aria-label="Refill steps" className="refill-steps">
      <ol className="refill-steps__list">
        {REFILL_STEPS.map((step, index) => {
          const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
          return (
            <li
              key={step.id}
              className={`refill-steps__item refill-steps__item--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="refill-steps__number" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span>
                <span className="visually-hidden">Step {index + 1}: </span>
                {step.title}
                {state === 'done' ? <span className="refill-steps__state"> (done)</span> : null}
                {state === 'current' ? <span className="refill-steps__state"> (current)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
