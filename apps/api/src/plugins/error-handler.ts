import { type FieldError } from '@pumpdesk/contracts';
import { databaseConstraintOf, SafetyRefusalError } from '@pumpdesk/db';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { dataLayerProblem } from '../http/data-layer-problems.ts';
import { HttpProblem, problemBody } from '../http/problem.ts';
import { auditAccessRefusal } from '../http/refusal-audit.ts';

/**
 * The one place errors become HTTP responses: problem+json with field paths for invalid input, a
 * stable `code`, and nothing internal (no stack, SQL or ORM codes) on a 5xx.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    await auditAccessRefusal(app, request, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'request';
      const errors: FieldError[] = error.validation.map((issue) => ({
        path: [part, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: messageOrDefault(issue.message),
        code: customIssueCode(issue.params) ?? zodIssueCode(issue.params) ?? issue.keyword,
      }));
      return sendProblem(
        request,
        reply,
        new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', describe(errors), errors),
      );
    }
    if (error instanceof HttpProblem) return sendProblem(request, reply, error);
    // The data layer's refusals (not found, field rules, conflicts, stale versions...): routes let them through.
    if (error instanceof SafetyRefusalError && error.auditFailure !== null) {
      // The refusal stands (the client gets its 422); the trail missed it. Only the failure's name
      // and code are logged, never its message (it may quote values), with the request id.
      request.log.error(
        { auditFailure: errorSignature(error.auditFailure), findingCodes: error.blocking.map((f) => f.code) },
        'refused write not audited',
      );
    }
    const dataProblem = dataLayerProblem(error);
    if (dataProblem) return sendProblem(request, reply, dataProblem);
    // A constraint the database enforces and the handler did not check first (two requests racing for
    // the same MRN or serial number): a conflict, never a 500.
    const constraint = databaseConstraintOf(error);
    if (constraint === 'unique') {
      return sendProblem(
        request,
        reply,
        new HttpProblem(
          409,
          'ALREADY_EXISTS',
          'Already exists',
          'A record with the same identifying value exists.',
        ),
      );
    }
    if (constraint === 'foreign_key' || constraint === 'check') {
      return sendProblem(
        request,
        reply,
        new HttpProblem(
          422,
          constraint === 'check' ? 'CONSTRAINT_VIOLATED' : 'INVALID_REFERENCE',
          'Refused by the database rules',
          'The request breaks a rule of the clinical record (an unknown reference or an impossible combination).',
        ),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, unsupported media type).
      return sendProblem(request, reply, new HttpProblem(status, clientErrorCode(error), error.message));
    }
    // Log the error itself (serialised by pino with redaction), never send it.
    request.log.error({ err: error }, 'request failed');
    return sendProblem(
      request,
      reply,
      new HttpProblem(
        500,
        'INTERNAL_ERROR',
        'Internal error',
        'Something went wrong on our side. The request id identifies it in the logs.',
      ),
    );
  });
}

export function routeNotFound(request: FastifyRequest): HttpProblem {
  return new HttpProblem(404, 'NOT_FOUND', 'Not found', `No route ${request.method} ${pathOf(request.url)}`);
}

/** The zod issue code (too_small, invalid_format...) that the type provider keeps in `params.issue`. */
function zodIssueCode(params: Record<string, unknown>): string | undefined {
  const issue = params['issue'];
  if (typeof issue === 'object' && issue !== null && 'code' in issue && typeof issue.code === 'string')
    return issue.code;
  return undefined;
}

/** The stable code a contract's refinement gives its issue (`params: { code: 'out_of_range' }`). */
function customIssueCode(params: Record<string, unknown>): string | undefined {
  const custom = params['params'];
  if (typeof custom === 'object' && custom !== null && 'code' in custom && typeof custom.code === 'string')
    return custom.code;
  return undefined;
}

function describe(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
): FastifyReply {
  if (problem.retryAfterSeconds !== undefined) reply.header('retry-after', String(problem.retryAfterSeconds));
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send(
      problemBody(
        {
          status: problem.status,
          code: problem.code,
          title: problem.title,
          detail: problem.detail,
          errors: problem.errors,
          findings: problem.findings,
        },
        request.id,
        pathOf(request.url),
      ),
    );
}

/** The URL without its query string: query strings can hold patient names, so they are never echoed. */
function pathOf(url: string): string {
  return url.replace(/\?.*$/s, '');
}

// Fastify types a validation message as optional; zod always sets one.
function messageOrDefault(message: string | undefined): string {
  return message ?? 'is invalid';
}

/** An error's class name and code, without its message. */
// errorName/errorCode, not name/code: the logger redacts every `name` and `code` (patient names,
// second-factor codes).
function errorSignature(error: unknown): { errorName: string; errorCode: string | null } {
  if (typeof error !== 'object' || error === null) return { errorName: typeof error, errorCode: null };
  const record = error as { name?: unknown; code?: unknown };
  return {
    errorName: typeof record.name === 'string' ? record.name : 'unknown',
    errorCode: typeof record.code === 'string' ? record.code : null,
  };
}

/** Fastify's client errors carry a code (FST_ERR_CTP_INVALID_JSON...); anything thrown may not. */
function clientErrorCode(error: { code?: unknown }): string {
  return typeof error.code === 'string' ? error.code : 'BAD_REQUEST';
}
