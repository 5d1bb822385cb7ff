import { MAX_FLEX_STEPS_PER_DAY } from '@pumpdesk/domain';
import { type FieldErrors, newRowKey, type StepRow } from '../utils/program-form.ts';
import { weekdaysText } from '../utils/weekdays.ts';
import { NumberField } from './number-field.tsx';
import { RemoveRowButton, RowListError, TimeField } from './row-fields.tsx';

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
              return (
                <tr key={step.key}>
                  <th scope="row">{number}</th>
                  <td>
                    <TimeField
                      id={`step-${step.key}-time`}
                      label={`Step ${number} start time`}
                      value={step.time}
                      error={errors[`steps.${index}.startMinute`]}
                      onChange={(time) => {
                        update(index, { time });
                      }}
                    />
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
                    <RemoveRowButton
                      label={`Remove step ${number}`}
                      onRemove={() => {
                        onChange(steps.filter((_, at) => at !== index));
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <RowListError error={errors['steps']} />
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
