import { type FieldError, problemSchema } from '@pumpdesk/contracts';
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
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string | undefined;
    fieldErrors?: readonly FieldError[] | undefined;
    requestId?: string | undefined;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId;
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
  if (!response.ok) throw await errorFromResponse(response);
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
  try {
    return await fetch(url, init);
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
      requestId: problem.data.requestId ?? requestIdOf(response),
    });
  }
  return new ApiError({
    status: response.status,
    code: 'HTTP_ERROR',
    title: response.statusText || 'Request failed',
    detail: `The server answered ${response.status}.`,
    requestId: requestIdOf(response),
  });
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}
