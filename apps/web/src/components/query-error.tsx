import { ApiError } from '../lib/api-client.ts';

interface QueryErrorProps {
  /** What failed to load, for the heading: "patients", "more patients". */
  what: string;
  error: unknown;
  onRetry: () => void;
}

/** A failed request: the API's own explanation (problem title and detail) and a way to try again. */
export function QueryError({ what, error, onRetry }: QueryErrorProps) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="alert alert--error" role="alert">
      <h2 className="alert__title">Could not load {what}</h2>
      <p>
        <strong>{apiError?.title ?? 'Something went wrong'}</strong>
        {apiError?.detail ? `: ${apiError.detail}` : null}
      </p>
      {apiError?.requestId ? <p className="muted">Reference for support: {apiError.requestId}</p> : null}
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
