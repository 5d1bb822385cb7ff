import { type ReactNode } from 'react';

interface RefillFieldProps {
  id: string;
  label: string;
  /** Shown after the input and read with the label: "mL", "mcg/mL". */
  unit?: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** decimal: a number typed as text, so what was typed is kept exactly. */
  kind?: 'decimal' | 'text' | 'date' | 'datetime-local';
  required?: boolean;
  /** Another element that explains this field's value (a refusal about it). */
  describedBy?: string | undefined;
}

/** One labelled field with its unit, hint and error (linked with aria-describedby). */
export function RefillField({
  id,
  label,
  unit,
  value,
  onChange,
  hint,
  error,
  kind = 'decimal',
  required = false,
  describedBy: extraDescription,
}: RefillFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, extraDescription, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field refill-field">
      <label htmlFor={id}>
        {label}
        {unit ? ` (${unit})` : null}
        {required ? null : <span className="muted"> (optional)</span>}
      </label>
      <div className="refill-field__control">
        <input
          id={id}
          name={id}
          type={kind === 'decimal' ? 'text' : kind}
          inputMode={kind === 'decimal' ? 'decimal' : undefined}
          autoComplete="off"
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
        />
        {unit ? (
          <span className="refill-field__unit" aria-hidden="true">
            {unit}
          </span>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
