/** A form's error in words, announced by screen readers as soon as it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__message">{message}</p>
    </div>
  );
}
