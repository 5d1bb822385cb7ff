// The parts the editable row tables (flex steps, boluses) share: each row's start time and its Remove
// button, and the error about the list as a whole.

interface TimeFieldProps {
  id: string;
  /** Read out only: the column header says it on screen. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}

/** A row's time of day (`HH:MM`), its hidden label and its error linked to it. */
export function TimeField({ id, label, value, onChange, error }: TimeFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field dose-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="time"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Remove", named for the row it removes ("Remove step 2"). */
export function RemoveRowButton({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <button type="button" className="button button--secondary" aria-label={label} onClick={onRemove}>
      Remove
    </button>
  );
}

/** The error about the rows as a whole (none, too many, overlapping), announced when it appears. */
export function RowListError({ error }: { error: string | undefined }) {
  return error ? (
    <p className="field__error" role="alert">
      {error}
    </p>
  ) : null;
}
