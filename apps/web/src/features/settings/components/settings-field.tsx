import { type FieldSpec, describeDefault, describeRange, fieldKey } from '../utils/settings-fields.ts';

interface SettingsFieldProps {
  field: FieldSpec;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}

/** One threshold: label and unit, the input, why it exists, its default and range, and its error. */
export function SettingsField({ field, value, error, disabled, onChange }: SettingsFieldProps) {
  const id = `setting-${fieldKey(field).replaceAll('.', '-')}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'settings-field settings-field--invalid' : 'settings-field'}>
      <label htmlFor={id} className="settings-field__label">
        {field.label} <span className="settings-field__unit">({field.unit})</span>
      </label>
      <div className="settings-field__control">
        <input
          id={id}
          name={fieldKey(field)}
          type="text"
          inputMode={field.kind === 'list' || !field.integer ? 'decimal' : 'numeric'}
          autoComplete="off"
          className={
            field.kind === 'list'
              ? 'settings-field__input settings-field__input--list'
              : 'settings-field__input'
          }
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
        <span className="settings-field__unit" aria-hidden="true">
          {field.unit}
        </span>
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="settings-field__hint">
        {field.explanation}{' '}
        <span className="settings-field__facts">
          Default: {describeDefault(field)}
          {field.kind === 'number'
            ? `. Allowed: ${describeRange(field)}.`
            : field.required
              ? '. At least one value.'
              : '.'}
        </span>
      </p>
    </div>
  );
}
