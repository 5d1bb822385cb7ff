import {
  type RecoveryCodes,
  type SecondFactorBody,
  type SessionInfo,
  type TotpConfirmResponse,
  type TotpSetup,
} from '@pumpdesk/contracts';
import {
  acceptTotpStep,
  disableTotp,
  enableTotp,
  findAccountById,
  readSecondFactor,
  readSecuritySettings,
  recordAudit,
  recordSignInSuccess,
  replaceRecoveryCodes,
  secondFactorRequired,
  setPendingTotpSecret,
  useRecoveryCode,
} from '@pumpdesk/db';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.ts';
import { unauthenticated } from '../plugins/authentication.ts';
import { actorOf, codeThrottleSubject, fieldRefused, reserveAttempt, sessionAt } from './auth-problems.ts';
import { requireCurrentPassword } from './current-password.ts';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import { nextStage, startSession } from './start-session.ts';
import { generateTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

// The second factor: giving it at sign-in, enrolling, turning it off, new recovery codes.

const RECOVERY_CODE_COUNT = 10;

/**
 * POST /api/auth/totp: the code of the authenticator app (never the same step twice) or a recovery
 * code (used up). Wrong codes are counted per user (5 in the window, from any address, then refused
 * until it ends). One `auth.second_factor` event per attempt.
 */
export async function giveSecondFactor(
  request: FastifyRequest,
  reply: FastifyReply,
  body: SecondFactorBody,
): Promise<SessionInfo> {
  const app = request.server;
  const prisma = app.database.prisma;
  const session = sessionAt(request, 'totp_required');
  const userId = session.user.id;
  const method = 'code' in body ? 'totp' : 'recovery_code';
  const actor = actorOf(request, userId);
  const event = { action: 'auth.second_factor', entityType: 'user', entityId: userId };
  const reservation = await reserveAttempt(
    request,
    codeThrottleSubject(request, userId),
    actor,
    { ...event, summary: { method, reason: 'throttled' } },
    'second_factor',
  );

  const now = app.clock();
  const state = await readSecondFactor(prisma, userId);
  let accepted = false;
  if ('code' in body) {
    const step = state.totpSecret
      ? verifyTotp(state.totpSecret, body.code, now.getTime(), state.totpLastStep)
      : null;
    accepted = step !== null && (await acceptTotpStep(prisma, userId, step));
  } else {
    accepted = await useRecoveryCode(prisma, { userId, codeHash: hashRecoveryCode(body.recoveryCode), now });
  }
  if (!accepted) {
    await recordAudit(prisma, actor, {
      ...event,
      outcome: 'failure',
      summary: { method, reason: 'wrong_code' },
    });
    throw 'code' in body
      ? fieldRefused(
          'body.code',
          'wrong_code',
          'The code is wrong or was already used. Wait for the next one.',
        )
      : fieldRefused('body.recoveryCode', 'wrong_code', 'The recovery code is wrong or was already used.');
  }
  await recordSignInSuccess(prisma, reservation, now);
  const account = await findAccountById(prisma, userId);
  if (!account) throw unauthenticated();
  const { settings } = await readSecuritySettings(prisma);
  const stage = nextStage(account, settings, true);
  const info = await startSession(request, reply, userId, stage);
  await recordAudit(prisma, actor, { ...event, outcome: 'success', summary: { method, stage } });
  return info;
}

/**
 * POST /api/auth/totp/setup: a new secret, pending until a code from it is confirmed. Refused while
 * an authenticator is on: replacing it takes turning it off first, which asks for the password, so a
 * stolen session cannot swap the factor (and end the owner's sessions) without it.
 */
export async function setUpTotp(
  request: FastifyRequest,
  currentPassword: string | undefined,
): Promise<TotpSetup> {
  const session = sessionAt(request, 'totp_enrolment_required', 'active');
  const prisma = request.server.database.prisma;
  if ((await readSecondFactor(prisma, session.user.id)).totpEnabled) throw alreadyEnabled();
  // Adding a factor ends the user's other sessions and binds the account to the new app: a signed-in
  // user proves it is them (a stolen session could otherwise lock the owner out).
  if (session.stage === 'active') {
    if (currentPassword === undefined) {
      throw fieldRefused(
        'body.currentPassword',
        'required',
        'Enter your current password to set up an authenticator app.',
      );
    }
    await requireCurrentPassword(request, session.user.id, currentPassword, {
      action: 'auth.totp_setup',
      entityType: 'user',
      entityId: session.user.id,
    });
  }
  const secret = generateTotpSecret();
  await setPendingTotpSecret(prisma, session.user.id, secret);
  return { secret, otpauthUri: otpauthUri({ secret, accountName: session.user.email }) };
}

/**
 * POST /api/auth/totp/confirm: a code from the pending secret turns TOTP on, with new recovery codes
 * (shown once); the user's other sessions end and this one is renewed at its next stage.
 */
export async function confirmTotp(
  request: FastifyRequest,
  reply: FastifyReply,
  body: { code: string },
): Promise<TotpConfirmResponse> {
  const app = request.server;
  const prisma = app.database.prisma;
  const session = sessionAt(request, 'totp_enrolment_required', 'active');
  const userId = session.user.id;
  const actor = actorOf(request, userId);
  const event = { action: 'auth.totp_enabled', entityType: 'user', entityId: userId };
  const state = await readSecondFactor(prisma, userId);
  if (state.totpEnabled) throw alreadyEnabled();
  const secret = state.pendingTotpSecret;
  if (!secret) throw noPendingSetup();
  const reservation = await reserveAttempt(
    request,
    codeThrottleSubject(request, userId),
    actor,
    { ...event, summary: { reason: 'throttled' } },
    'second_factor',
  );
  const now = app.clock();
  const step = verifyTotp(secret, body.code, now.getTime(), null);
  if (step === null) {
    await recordAudit(prisma, actor, { ...event, outcome: 'failure', summary: { reason: 'wrong_code' } });
    throw fieldRefused(
      'body.code',
      'wrong_code',
      'The code does not match: check the app and try the next one.',
    );
  }
  const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  const enabled = await enableTotp(prisma, {
    userId,
    secret,
    acceptedStep: step,
    recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
    keepSessionId: session.id,
    now,
  });
  if (!enabled) throw noPendingSetup();
  await recordSignInSuccess(prisma, reservation, now);
  const account = await findAccountById(prisma, userId);
  if (!account) throw unauthenticated();
  const { settings } = await readSecuritySettings(prisma);
  const info = await startSession(request, reply, userId, nextStage(account, settings, true));
  await recordAudit(prisma, actor, {
    ...event,
    outcome: 'success',
    summary: { recoveryCodes: recoveryCodes.length, stage: info.stage },
  });
  return { recoveryCodes, session: info };
}

const alreadyEnabled = (): HttpProblem =>
  new HttpProblem(
    409,
    'SECOND_FACTOR_ALREADY_ENABLED',
    'An authenticator app is already on',
    'To set up another one, turn the current one off first (with your password).',
  );

const noPendingSetup = (): HttpProblem =>
  new HttpProblem(
    409,
    'NO_PENDING_SECOND_FACTOR',
    'Start the setup first',
    'There is no authenticator set-up in progress (or another one replaced it): start again.',
  );

/** POST /api/auth/totp/disable: refused when the settings require a second factor for the role. */
export async function turnOffTotp(
  request: FastifyRequest,
  reply: FastifyReply,
  body: { currentPassword: string },
): Promise<SessionInfo> {
  const app = request.server;
  const prisma = app.database.prisma;
  const session = sessionAt(request, 'active');
  const userId = session.user.id;
  const event = { action: 'auth.totp_disabled', entityType: 'user', entityId: userId };
  const account = await requireCurrentPassword(request, userId, body.currentPassword, event);
  const { settings } = await readSecuritySettings(prisma);
  if (secondFactorRequired(settings, account.role)) {
    await recordAudit(prisma, actorOf(request, userId), {
      ...event,
      outcome: 'refused',
      summary: { reason: 'second_factor_required' },
    });
    throw new HttpProblem(
      409,
      'SECOND_FACTOR_REQUIRED',
      'An authenticator app is required',
      'The security settings require an authenticator app for your role: it cannot be turned off.',
    );
  }
  await disableTotp(prisma, { userId, keepSessionId: session.id, now: app.clock() });
  const info = await startSession(
    request,
    reply,
    userId,
    nextStage({ ...account, totpEnabled: false }, settings, true),
  );
  await recordAudit(prisma, actorOf(request, userId), { ...event, outcome: 'success', summary: {} });
  return info;
}

/** POST /api/auth/recovery-codes: a new set (shown once); the old codes stop working. */
export async function renewRecoveryCodes(
  request: FastifyRequest,
  body: { currentPassword: string },
): Promise<RecoveryCodes> {
  const app = request.server;
  const prisma = app.database.prisma;
  const session = sessionAt(request, 'active');
  const userId = session.user.id;
  const event = { action: 'auth.recovery_codes_replaced', entityType: 'user', entityId: userId };
  const account = await requireCurrentPassword(request, userId, body.currentPassword, event);
  if (!account.totpEnabled) {
    throw new HttpProblem(
      409,
      'SECOND_FACTOR_NOT_ENABLED',
      'No authenticator app',
      'Recovery codes come with an authenticator app: set one up first.',
    );
  }
  const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  await replaceRecoveryCodes(prisma, {
    userId,
    recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
    now: app.clock(),
  });
  await recordAudit(prisma, actorOf(request, userId), {
    ...event,
    outcome: 'success',
    summary: { recoveryCodes: recoveryCodes.length },
  });
  return { recoveryCodes };
}
