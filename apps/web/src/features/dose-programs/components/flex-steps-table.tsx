import { MAX_FLEX_STEPS_PER_DAY } from '@pumpdesk/domain';
import { type FieldErrors, newRowKey, type StepRow } from '../utils/program-form.ts';
import { weekdaysText } from '../utils/weekdays.ts';
import { NumberField } from './number-field.tsx';

interface FlexStepsTableProps {
  steps: StepRow[];
  onChange: (steps: StepRow[]) => void;
  errors: FieldErrors;
  caption: string;
}

/** The steps of the day: each starts at a time and runs at its rate until the next one starts. */
export function FlexStepsTable({ steps, onChange, errors, caption }: FlexStepsTableProps) {
  const showDays = steps.some((step) => step.weekdays.length > 0);
  const update = (index: number, change: Partial<StepRow>) => {
    onChange(steps.map((step, at) => (at === index ? { ...step, ...change } : step)));
  };
  const lastTime = steps.at(-1)?.time;
  return (
    <div className="dose-steps">
      <div className="table-scroll">
        <table className="data-table dose-steps__table">
          <caption className="dose-table__caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Starts at</th>
              <th scope="col">Rate (mcg/h)</th>
              {showDays ? <th scope="col">Days</th> : null}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step, index) => {
              const number = index + 1;
              const timeId = `step-${step.key}-time`;
              const timeError = errors[`steps.${index}.startMinute`];
              return (
                <tr key={step.key}>
                  <th scope="row">{number}</th>
                  <td>
                    <div className="field dose-field">
                      <label htmlFor={timeId} className="visually-hidden">
                        Step {number} start time
                      </label>
                      <input
                        id={timeId}
                        type="time"
                        value={step.time}
                        aria-invalid={timeError ? true : undefined}
                        aria-describedby={timeError ? `${timeId}-error` : undefined}
                        onChange={(event) => {
                          update(index, { time: event.target.value });
                        }}
                      />
                      {timeError ? (
                        <p id={`${timeId}-error`} className="field__error">
                          {timeError}
                        </p>
                      ) : null}
                    </div>
                  </td>
                  <td>
                    <NumberField
                      id={`step-${step.key}-rate`}
                      label={`Step ${number} rate (mcg/h)`}
                      labelHidden
                      value={step.rate}
                      error={errors[`steps.${index}.rateMcgPerHour`]}
                      onChange={(rate) => {
                        update(index, { rate });
                      }}
                    />
                  </td>
                  {showDays ? <td>{weekdaysText(step.weekdays)}</td> : null}
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={`Remove step ${number}`}
                      onClick={() => {
                        onChange(steps.filter((_, at) => at !== index));
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {errors['steps'] ? (
        <p className="field__error" role="alert">
          {errors['steps']}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary dose-steps__add"
        disabled={steps.length >= MAX_FLEX_STEPS_PER_DAY}
        onClick={() => {
          onChange([...steps, { key: newRowKey(), time: nextStepTime(lastTime), rate: '', weekdays: [] }]);
        }}
      >
        Add step
      </button>
      {steps.length >= MAX_FLEX_STEPS_PER_DAY ? (
        <p className="field__hint">A pump takes at most {MAX_FLEX_STEPS_PER_DAY} steps a day.</p>
      ) : null}
    </div>
  );
}

/** A new row starts an hour after the last one (00:00 for the first), for the physician to change. */
function nextStepTime(lastTime: string | undefined): string {
  const match = lastTime ? /^(\d{2}):(\d{2})$/.exec(lastTime) : null;
  if (!match) return '00:00';
  const hour = Math.min(23, Number(match[1]) + 1);
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}
