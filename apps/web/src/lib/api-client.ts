import { type FieldError, type FindingDto, problemSchema } from '@pumpdesk/contracts';
import { type z } from 'zod';

/**
 * An error from the API (an `application/problem+json` response), or a failure to talk to it
 * (`status` 0: network error; `INVALID_RESPONSE`: a body that breaks the contract).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** A safety refusal's findings (blocking ones first); empty for other errors. */
  readonly findings: readonly FindingDto[];
  readonly requestId: string | undefined;
  /** From a 429's Retry-After header: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    fieldErrors?: readonly FieldError[] | undefined;
    findings?: readonly FindingDto[] | undefined;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.findings = init.findings ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** 4xx: the request itself is wrong, so sending it again cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** Query-string values; arrays repeat the key (`status=active&status=trial`); empty values are left out. */
export type QueryParams = Record<string, string | number | readonly string[] | null | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  signal?: AbortSignal | undefined;
  /**
   * A 401 is this request's own answer (a wrong password, no session yet), not a sign that the
   * session ended: the session-ended listeners are not told.
   */
  unauthorizedIsAnswer?: boolean;
}

// ─── The session, as far as requests are concerned ────────────────────────────────────────────

const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The latest session's CSRF token: every POST, PUT, PATCH and DELETE sends it back. */
let csrfToken: string | null = null;

/** Set from every session the API hands out (sign-in steps, GET /api/auth/session); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/**
 * Called when any request answers 401: the session ended (signed out elsewhere, idle timeout, ended
 * by an admin). The auth feature listens and shows the sign-in page. Returns the unsubscribe.
 */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => {
    sessionEndedListeners.delete(listener);
  };
}

type ApiResponseListener = (response: Response) => void;
const apiResponseListeners = new Set<ApiResponseListener>();

/**
 * Called with every successful (2xx) response, before its body is read: the API counted the request
 * as use of the session (it moves the idle expiry on), so the auth feature's idle timer starts again.
 * Returns the unsubscribe.
 */
export function onApiResponse(listener: ApiResponseListener): () => void {
  apiResponseListeners.add(listener);
  return () => {
    apiResponseListeners.delete(listener);
  };
}

export function buildUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(key, String(value));
    else for (const item of value) params.append(key, item);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** GET a JSON resource and parse it with its contract schema. */
export async function apiGet<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const response = await send(buildUrl(path, options.query), {
    method: 'GET',
    headers: { Accept: 'application/json' },
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await failure(response, options);
  return parseBody(path, response, schema);
}

export interface SendOptions extends Omit<RequestOptions, 'query'> {
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; no body when undefined. */
  body?: unknown;
  /** Extra request headers (`Idempotency-Key`); they cannot replace Accept, Content-Type or the CSRF token. */
  headers?: Record<string, string>;
}

/** POST (or PUT, PATCH, DELETE) with the CSRF token; the answer parsed with its contract schema. */
export async function apiSend<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options?: SendOptions,
): Promise<z.output<Schema>>;
/** The same, for an answer without a body (204). */
export async function apiSend(path: string, schema: null, options?: SendOptions): Promise<void>;
export async function apiSend<Schema extends z.ZodType>(
  path: string,
  schema: Schema | null,
  options: SendOptions = {},
): Promise<z.output<Schema> | undefined> {
  const method = options.method ?? 'POST';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;
  const response = await send(path, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await failure(response, options);
  if (schema === null) return undefined;
  return parseBody(path, response, schema);
}

async function failure(response: Response, options: RequestOptions): Promise<ApiError> {
  const error = await errorFromResponse(response);
  if (response.status === 401 && !options.unauthorizedIsAnswer) {
    csrfToken = null;
    for (const listener of [...sessionEndedListeners]) listener();
  }
  return error;
}

async function parseBody<Schema extends z.ZodType>(
  path: string,
  response: Response,
  schema: Schema,
): Promise<z.output<Schema>> {
  const parsed = schema.safeParse(await readJson(response));
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: 'INVALID_RESPONSE',
      title: 'Unexpected response from the server',
      detail: `The response to ${path} did not have the expected shape.`,
      requestId: requestIdOf(response),
    });
  }
  return parsed.data;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    // The session cookie is HttpOnly: the browser sends it to our own origin, never elsewhere.
    response = await fetch(url, { ...init, credentials: 'same-origin' });
  } catch (error) {
    // A cancelled request (filters changed, component gone) is not a failure: let it through.
    if (init.signal?.aborted || isAbortError(error)) throw error;
    throw new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      title: 'Could not reach PumpDesk',
      detail: 'Check the network connection, then try again.',
    });
  }
  if (response.ok) for (const listener of [...apiResponseListeners]) listener(response);
  return response;
}

/** By name: the DOMException class differs between browsers, Node and jsdom. */
function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  const body = /[/+]json\b/.test(contentType) ? await readJson(response) : undefined;
  const problem = problemSchema.safeParse(body);
  if (problem.success) {
    return new ApiError({
      status: problem.data.status,
      code: problem.data.code,
      title: problem.data.title,
      detail: problem.data.detail,
      fieldErrors: problem.data.errors,
      findings: problem.data.findings,
      requestId: problem.data.requestId ?? requestIdOf(response),
      retryAfterSeconds: retryAfterOf(response),
    });
  }
  return new ApiError({
    status: response.status,
    code: 'HTTP_ERROR',
    title: response.statusText || 'Request failed',
    detail: `The server answered ${response.status}.`,
    requestId: requestIdOf(response),
    retryAfterSeconds: retryAfterOf(response),
  });
}

/** Retry-After in seconds (the API sends seconds; an HTTP date is turned into seconds from now). */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}
