import { type AuditEventInput, ForbiddenError, OutOfScopeError, recordAudit } from '@pumpdesk/db';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { auditActorOf } from '../plugins/authentication.ts';
import { HttpProblem } from './problem.ts';

// Every refused access becomes one audit event (docs/security.md): no session, a foreign origin or
// CSRF token, an unfinished sign-in, a role without the permission, a record at another site. Sign-in
// failures and the engine's safety refusals are audited where they happen, not here.

const ACCESS_PROBLEM_CODES = new Set(['UNAUTHENTICATED', 'CSRF_REFUSED', 'SIGN_IN_INCOMPLETE']);

function refusalEventOf(request: FastifyRequest, error: unknown): AuditEventInput | null {
  // A public route's 401 is an answer, not a refused access: GET /api/auth/session says "signed out"
  // to every page load before sign-in, and a feed without a token reaches nothing. Its CSRF refusals
  // (a sign-in posted from another site) are audited like any other.
  if (
    request.routeOptions.config.access === 'public' &&
    error instanceof HttpProblem &&
    error.code === 'UNAUTHENTICATED'
  ) {
    return null;
  }
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  if (error instanceof OutOfScopeError) {
    return {
      action: 'access.refused',
      entityType: error.entity,
      entityId: error.id,
      outcome: 'refused',
      siteId: error.siteId,
      summary: { code: 'OUT_OF_SCOPE', route },
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      action: 'access.refused',
      entityType: 'route',
      entityId: route,
      outcome: 'refused',
      summary: { code: 'FORBIDDEN', permission: error.permission },
    };
  }
  if (error instanceof HttpProblem && ACCESS_PROBLEM_CODES.has(error.code)) {
    return {
      action: 'access.refused',
      entityType: 'route',
      entityId: route,
      outcome: 'refused',
      summary: { code: error.code },
    };
  }
  return null;
}

/**
 * Appends the refusal's audit event. Never throws: the client gets its 401/403/404 even when the
 * insert fails (the failure is logged with the request id, without the error's message).
 */
export async function auditAccessRefusal(
  app: FastifyInstance,
  request: FastifyRequest,
  error: unknown,
): Promise<void> {
  const event = refusalEventOf(request, error);
  if (!event) return;
  try {
    await recordAudit(app.database.prisma, await auditActorOf(request), event);
  } catch (failure) {
    request.log.error({ auditFailure: (failure as Error).name }, 'refused access not audited');
  }
}
