import { type FieldError, type Problem } from '@pumpdesk/contracts';

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
  ) {
    super(detail ?? title);
  }
}

export const notFound = (detail: string): HttpProblem =>
  new HttpProblem(404, 'NOT_FOUND', 'Not found', detail);

/** Problem type URIs are relative references into our documentation of error codes. */
export function problemBody(
  problem: Omit<Problem, 'type'> & { type?: string },
  requestId: string,
  instance: string,
): Problem {
  return {
    type: problem.type ?? `/api/docs/problems#${problem.code.toLowerCase()}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
    instance,
    requestId,
  };
}
