import { randomUUID } from 'node:crypto';
import { type FastifyServerOptions } from 'fastify';
import { type DestinationStream } from 'pino';
import { type AppConfig } from './config.ts';

/** Headers that carry credentials: a session cookie, a bearer token, the CSRF token. */
const SECRET_HEADERS = ['cookie', '"set-cookie"', 'authorization', '"x-csrf-token"'];

/** Fields that hold a secret or identify a patient or a user, wherever they sit in a logged object. */
const SECRET_OR_IDENTIFYING_FIELDS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'code',
  'recoveryCode',
  'givenName',
  'familyName',
  'name',
  'dateOfBirth',
  'mrn',
  'email',
];

/** How deep under the logged object a field is still found (`body.patient.contact.email` is 3). */
const REDACT_DEPTH = 4;

function redactPaths(): string[] {
  const prefixes = Array.from({ length: REDACT_DEPTH + 1 }, (_, depth) => '*.'.repeat(depth));
  const headers = SECRET_HEADERS.flatMap((header) => {
    const key = header.startsWith('"') ? `[${header}]` : `.${header}`;
    return [`headers${key}`, `*.headers${key}`, `*.*.headers${key}`];
  });
  const fields = SECRET_OR_IDENTIFYING_FIELDS.flatMap((field) =>
    prefixes.map((prefix) => `${prefix}${field}`),
  );
  return [...headers, ...fields];
}

/**
 * pino options. Logs carry request ids and never patient data or secrets: request logs keep only the
 * method, path and status (no query strings: they can hold a patient's name or MRN; no headers, no
 * bodies), errors keep their type, code, message and stack frames (never their other properties,
 * where drivers put the offending values), and the fields above are redacted wherever they appear.
 * `stream`: where to write instead of stdout (tests read the logs back).
 */
export function loggerOptions(config: AppConfig, stream?: DestinationStream): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent') return false;
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.replace(/\?.*$/s, ''),
        id: request.id,
      }),
      err: (error: unknown) => ({ ...serializeError(error) }),
    },
  };
}

interface SerializedError {
  type: string;
  /** Not `code`: that field is redacted (a sign-in's one-time code). */
  errorCode?: string | number;
  message: string;
  /** The stack's frames, without its first line (the message before it was scrubbed). */
  stack: string;
  cause?: SerializedError;
}

/**
 * An error as logged. Only its type, code, message and stack frames: a driver's or ORM's error also
 * carries the failing values (Postgres's `detail`: "Key (mrn)=(...)", Prisma's `meta`), and a
 * request body can ride on any thrown object. The message loses what is known to quote values.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: '', stack: '' };
  }
  const record = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const type = typeof record.name === 'string' ? record.name : 'Object';
  const serialized: SerializedError = {
    type,
    message: typeof record.message === 'string' ? scrubMessage(type, record.message) : '',
    // Frames only: the stack's first lines repeat the message, before it was scrubbed.
    stack:
      typeof record.stack === 'string'
        ? record.stack
            .split('\n')
            .filter((line) => /^\s+at /.test(line))
            .map((line) => line.trim())
            .join('\n')
        : '',
  };
  if (typeof record.code === 'string' || typeof record.code === 'number') serialized.errorCode = record.code;
  if (record.cause !== undefined && depth < 3) serialized.cause = serializeError(record.cause, depth + 1);
  return serialized;
}

function scrubMessage(type: string, message: string): string {
  if (type === 'PrismaClientValidationError') {
    // Prisma prints the whole failed call, arguments included; keep what failed and why.
    const lines = message
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return [lines[0], lines.at(-1)].filter((line) => line !== undefined).join(' … ');
  }
  return (
    message
      // Postgres: `Key (mrn)=(ABC-1) already exists.`
      .replace(/(Key \([^)]*\))=\((?:[^()]|\([^()]*\))*\)/g, '$1=(…)')
      // Postgres: `invalid input syntax for type uuid: "abc"`, `... for enum role: "x"`.
      .replace(/(for (?:type|enum) [\w."]+: )"[^"]*"/g, '$1"…"')
  );
}

/** Accept a caller's request id when it looks like one (a proxy's), otherwise make a new one. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{8,128}$/.test(header) ? header : randomUUID();
}
