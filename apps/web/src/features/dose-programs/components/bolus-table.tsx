import { type BolusRow, type FieldErrors, newRowKey } from '../utils/program-form.ts';
import { weekdaysText } from '../utils/weekdays.ts';
import { NumberField } from './number-field.tsx';
import { RemoveRowButton, RowListError, TimeField } from './row-fields.tsx';

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
              return (
                <tr key={bolus.key}>
                  <th scope="row">{number}</th>
                  <td>
                    <TimeField
                      id={`bolus-${bolus.key}-time`}
                      label={`Bolus ${number} time`}
                      value={bolus.time}
                      error={errors[`boluses.${index}.startMinute`]}
                      onChange={(time) => {
                        update(index, { time });
                      }}
                    />
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
                    <RemoveRowButton
                      label={`Remove bolus ${number}`}
                      onRemove={() => {
                        onChange(boluses.filter((_, at) => at !== index));
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <RowListError error={errors['boluses']} />
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
