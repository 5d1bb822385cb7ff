import { ApiError } from '../../../lib/api-client.ts';

/** "30 seconds", "1 minute", "15 minutes": a wait the user can act on. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The API's field codes for a secret that did not match (400 on the field). */
const WRONG_ANSWER_CODES = new Set(['wrong_code', 'wrong_password']);

/**
 * What to tell the user when a sign-in step fails, in words they can act on. `wrongAnswer` is the
 * sentence for an answer that means the step's input was wrong (password, code): a 401, or a 400 on
 * the field with a `wrong_…` code.
 */
export function signInErrorMessage(error: unknown, wrongAnswer: string): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  if (error.status === 429) {
    return error.retryAfterSeconds === undefined
      ? 'Too many attempts. Wait a few minutes, then try again.'
      : `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  if (error.status === 401 || error.fieldErrors.some((field) => WRONG_ANSWER_CODES.has(field.code))) {
    return wrongAnswer;
  }
  if (error.status === 0) return `${error.title}. ${error.detail ?? ''}`.trim();
  return error.detail ? `${error.title}: ${error.detail}` : error.title;
}

/** A 401 that says the sign-in session itself ended (it took too long), not that the input was wrong. */
export function signInSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED';
}
