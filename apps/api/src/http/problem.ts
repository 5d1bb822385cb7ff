import { type FieldError, type FindingDto, type Problem } from '@pumpdesk/contracts';

/**
 * An error that becomes an RFC 9457 problem response. Use cases and routes throw these (or domain
 * errors mapped to them); the central error handler renders them.
 */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** A safety refusal's findings (the engine's codes and sentences). */
    readonly findings?: FindingDto[],
  ) {
    super(detail ?? title);
  }

  /** Sent as Retry-After (seconds) when set: the request may simply be sent again. */
  retryAfterSeconds: number | undefined = undefined;
}

/** A transient failure (a deadlock, a transaction timeout): retrying the same request is the fix. */
export function retryLater(status: 409 | 503, code: string, title: string, detail: string): HttpProblem {
  const problem = new HttpProblem(status, code, title, detail);
  problem.retryAfterSeconds = 1;
  return problem;
}

export const notFound = (detail: string): HttpProblem =>
  new HttpProblem(404, 'NOT_FOUND', 'Not found', detail);

/** A body that is well-formed but names something that is not there (a site, a pump model...). */
export const invalidReference = (path: string, detail: string): HttpProblem =>
  new HttpProblem(422, 'INVALID_REFERENCE', 'Unknown reference', detail, [
    { path, message: detail, code: 'invalid_reference' },
  ]);

/** The record was changed since the client read it (optimistic concurrency). */
export const versionConflict = (detail: string): HttpProblem =>
  new HttpProblem(409, 'VERSION_CONFLICT', 'Changed by someone else', detail);

/**
 * The engine refused the write. `code` is the first blocking finding's (CONCENTRATION_MISMATCH,
 * TITRATION_LIMIT_EXCEEDED...), so a client can branch on it; every blocking finding is listed.
 */
export function safetyRefusal(blocking: readonly FindingDto[], findings: readonly FindingDto[]): HttpProblem {
  const first = blocking[0];
  const code = first?.code ?? 'SAFETY_REFUSAL';
  const overrideOnly = blocking.every((finding) => finding.severity === 'override_required');
  return new HttpProblem(
    422,
    code,
    overrideOnly ? 'Needs a physician override' : 'Refused by the safety checks',
    blocking.map((finding) => finding.message).join(' '),
    undefined,
    [...blocking, ...findings.filter((finding) => !blocking.some((b) => b.code === finding.code))],
  );
}

/**
 * A problem type names its code as a URN (RFC 9457 allows a type that does not resolve): the codes
 * and their meaning are listed in docs/api.md; clients branch on `code`.
 */
export function problemTypeOf(code: string): string {
  return `urn:pumpdesk:problem:${code.toLowerCase()}`;
}

/** The problem body of an error (with its request id and the path it answered). */
export function problemBody(
  problem: Omit<Problem, 'type'> & { type?: string },
  requestId: string,
  instance: string,
): Problem {
  return {
    type: problem.type ?? problemTypeOf(problem.code),
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
    ...(problem.findings === undefined ? {} : { findings: problem.findings }),
    instance,
    requestId,
  };
}
