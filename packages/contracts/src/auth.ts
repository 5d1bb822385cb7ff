import { z } from 'zod';
import { permissions } from './access.ts';
import { userRoleSchema } from './enums.ts';
import { nonEmptyTextSchema } from './primitives.ts';

// Sign-in, the session, the second factor and the user's own password (docs/security.md).

/** Emails are compared lower-case: the sign-in name. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

/**
 * A password as a request carries it: its rules (length, the common-password list, context words) are
 * the API's password policy, answered as a field problem (`too_short`, `common`...), not a schema
 * error; the bound here only keeps absurd bodies away from the hash function.
 */
export const passwordInputSchema = z.string().min(1).max(4096);

export const sessionStageSchema = z.enum([
  'totp_required',
  'totp_enrolment_required',
  'password_change_required',
  'active',
]);
export type SessionStage = z.infer<typeof sessionStageSchema>;

export const permissionSchema = z.enum(permissions);

export const currentUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  allSites: z.boolean(),
  /** The sites the user works at (every site when allSites). */
  sites: z.array(z.object({ id: z.uuid(), name: z.string() })),
  permissions: z.array(permissionSchema),
  totpEnabled: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** GET /api/auth/session and the answer to every sign-in step. */
export const sessionInfoSchema = z.object({
  stage: sessionStageSchema,
  user: currentUserSchema,
  /** Send it back as the X-CSRF-Token header of every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  /** When the session ends unless it is used before then (the idle limit). */
  idleExpiresAt: z.iso.datetime({ offset: true }),
  /** When the session ends whatever happens (the absolute limit). */
  absoluteExpiresAt: z.iso.datetime({ offset: true }),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const signInBodySchema = z.object({ email: emailSchema, password: passwordInputSchema }).strict();
export type SignInBody = z.input<typeof signInBodySchema>;

/** POST /api/auth/totp: a code from the authenticator app, or one of the recovery codes. */
export const secondFactorBodySchema = z.union([
  z
    .object({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, 'Six digits'),
    })
    .strict(),
  z.object({ recoveryCode: z.string().trim().min(1).max(64) }).strict(),
]);
export type SecondFactorBody = z.infer<typeof secondFactorBodySchema>;

/**
 * POST /api/auth/totp/setup's body: nothing while enrolling at sign-in (the password was just given);
 * the current password when a signed-in user adds an authenticator, so a stolen session cannot.
 */
export const totpSetupBodySchema = z
  .object({ currentPassword: passwordInputSchema.optional() })
  .strict()
  .nullish();

/** POST /api/auth/totp/setup: a new secret to add to the authenticator app (not in force yet). */
export const totpSetupSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});
export type TotpSetup = z.infer<typeof totpSetupSchema>;

/** POST /api/auth/totp/confirm: the first code proves the app has the secret. */
export const totpConfirmBodySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Six digits'),
  })
  .strict();

/** Shown once: the user keeps them somewhere safe; each works once instead of a code. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** The answer to POST /api/auth/totp/confirm: the codes (shown once) and the session's next stage. */
export const totpConfirmResponseSchema = z.object({
  recoveryCodes: z.array(z.string()),
  session: sessionInfoSchema,
});
export type TotpConfirmResponse = z.infer<typeof totpConfirmResponseSchema>;

/** Turning TOTP off and new recovery codes: the user re-enters their password first. */
export const currentPasswordBodySchema = z.object({ currentPassword: passwordInputSchema }).strict();
export type CurrentPasswordBody = z.infer<typeof currentPasswordBodySchema>;

export const passwordChangeBodySchema = z
  .object({ currentPassword: passwordInputSchema, newPassword: passwordInputSchema })
  .strict();
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

/** POST /api/auth/calendar-feed-token: a new secret for the .ics feed URLs (the old one stops working). */
export const calendarFeedTokenSchema = z.object({
  token: z.string(),
  /** The user's own feed: `?token=` added. */
  clinicianFeedPath: z.string(),
});

// ─── Security settings (admin) ─────────────────────────────────────────────────────────────────

export const securitySettingsSchema = z.object({
  /** A session unused this long ends (HIPAA automatic logoff). */
  sessionIdleMinutes: z.number().int().min(2).max(60).default(15),
  /** A session ends this long after sign-in, used or not. */
  sessionAbsoluteHours: z.number().int().min(1).max(24).default(12),
  /** Admins cannot use PumpDesk without an authenticator app. */
  requireTotpForAdmins: z.boolean().default(true),
  /** Everyone must use an authenticator app. */
  requireTotpForAll: z.boolean().default(false),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = securitySettingsSchema.parse({});

export const securitySettingsUpdateSchema = securitySettingsSchema
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();

export const securitySettingsResponseSchema = z.object({
  settings: securitySettingsSchema,
  version: z.number().int(),
});

// ─── Users (admin) ─────────────────────────────────────────────────────────────────────────────

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  allSites: z.boolean(),
  siteIds: z.array(z.uuid()),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordSet: z.boolean(),
  activeSessions: z.number().int(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListSchema = z.object({ items: z.array(userSummarySchema) });

export const userIdParamsSchema = z.object({ userId: z.uuid() });

export const userCreateBodySchema = z
  .object({
    name: nonEmptyTextSchema(200),
    email: emailSchema,
    role: userRoleSchema,
    allSites: z.boolean().default(false),
    siteIds: z.array(z.uuid()).max(500).default([]),
    /** A first password the user must change at their first sign-in. */
    password: passwordInputSchema,
  })
  .strict();
export type UserCreateBody = z.input<typeof userCreateBodySchema>;

export const userUpdateBodySchema = z
  .object({
    name: nonEmptyTextSchema(200).optional(),
    role: userRoleSchema.optional(),
    allSites: z.boolean().optional(),
    siteIds: z.array(z.uuid()).max(500).optional(),
    /** false disables the user and ends their sessions; true re-enables them. */
    active: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type UserUpdateBody = z.input<typeof userUpdateBodySchema>;

/** An admin's reset: the user must choose their own password at the next sign-in. */
export const passwordResetBodySchema = z.object({ newPassword: passwordInputSchema }).strict();

// ─── Sessions (admin) ──────────────────────────────────────────────────────────────────────────

export const sessionSummarySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  stage: sessionStageSchema,
  createdAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export const sessionListSchema = z.object({ items: z.array(sessionSummarySchema) });
export const sessionListQuerySchema = z.object({ userId: z.uuid().optional() });
export const sessionIdParamsSchema = z.object({ sessionId: z.uuid() });
