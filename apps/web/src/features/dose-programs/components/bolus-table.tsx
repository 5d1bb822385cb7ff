import { type BolusRow, type FieldErrors, newRowKey } from '../utils/program-form.ts';
import { weekdaysText } from '../utils/weekdays.ts';
import { NumberField } from './number-field.tsx';

interface BolusTableProps {
  boluses: BolusRow[];
  onChange: (boluses: BolusRow[]) => void;
  errors: FieldErrors;
}

/** Periodic boluses: a dose at a set time, delivered over some minutes (0: at once). */
export function BolusTable({ boluses, onChange, errors }: BolusTableProps) {
  const showDays = boluses.some((bolus) => bolus.weekdays.length > 0);
  const update = (index: number, change: Partial<BolusRow>) => {
    onChange(boluses.map((bolus, at) => (at === index ? { ...bolus, ...change } : bolus)));
  };
  return (
    <div className="dose-steps">
      <div className="table-scroll">
        <table className="data-table dose-steps__table">
          <caption className="dose-table__caption">Scheduled boluses</caption>
          <thead>
            <tr>
              <th scope="col">Bolus</th>
              <th scope="col">Given at</th>
              <th scope="col">Dose (mcg)</th>
              <th scope="col">Over (minutes)</th>
              {showDays ? <th scope="col">Days</th> : null}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {boluses.map((bolus, index) => {
              const number = index + 1;
              const timeId = `bolus-${bolus.key}-time`;
              const timeError = errors[`boluses.${index}.startMinute`];
              return (
                <tr key={bolus.key}>
                  <th scope="row">{number}</th>
                  <td>
                    <div className="field dose-field">
                      <label htmlFor={timeId} className="visually-hidden">
                        Bolus {number} time
                      </label>
                      <input
                        id={timeId}
                        type="time"
                        value={bolus.time}
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
                      id={`bolus-${bolus.key}-dose`}
                      label={`Bolus ${number} dose (mcg)`}
                      labelHidden
                      value={bolus.dose}
                      error={errors[`boluses.${index}.doseMcg`]}
                      onChange={(dose) => {
                        update(index, { dose });
                      }}
                    />
                  </td>
                  <td>
                    <NumberField
                      id={`bolus-${bolus.key}-duration`}
                      label={`Bolus ${number} duration (minutes)`}
                      labelHidden
                      value={bolus.duration}
                      error={errors[`boluses.${index}.durationMinutes`]}
                      onChange={(duration) => {
                        update(index, { duration });
                      }}
                    />
                  </td>
                  {showDays ? <td>{weekdaysText(bolus.weekdays)}</td> : null}
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={`Remove bolus ${number}`}
                      onClick={() => {
                        onChange(boluses.filter((_, at) => at !== index));
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
      {errors['boluses'] ? (
        <p className="field__error" role="alert">
          {errors['boluses']}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary dose-steps__add"
        onClick={() => {
          onChange([...boluses, { key: newRowKey(), time: '08:00', dose: '', duration: '0', weekdays: [] }]);
        }}
      >
        Add bolus
      </button>
    </div>
  );
}
