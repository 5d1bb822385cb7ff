// The 6-digit authenticator code, as both the sign-in step and enrolment ask for it: numeric keypad
// on tablets, `one-time-code` so phones and password managers can fill it. 7 characters allow the
// "123 456" spacing some apps show; the API trims and checks the digits.
export function OneTimeCodeField({
  id,
  hint,
  autoFocus = false,
  value,
  onChange,
}: {
  id: string;
  hint?: string;
  autoFocus?: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>6-digit code</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        className="input--code"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={7}
        aria-describedby={hintId}
        autoFocus={autoFocus}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </div>
  );
}
