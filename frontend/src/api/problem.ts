import { humanFieldMessage } from './fieldMessages';
import type { Problem } from './types';

/** An error answer from the API, always carried as an RFC 9457 problem. */
export class ApiError extends Error {
  readonly problem: Problem;
  /** How long the server asked the client to wait (its Retry-After header), if it did. */
  readonly retryAfterSeconds?: number;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.problem.status;
  }
}

const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';
const SERVER_TROUBLE = 'Something went wrong on our side. Please try again in a moment.';

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Problem>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

/** Turns whatever an error response held (a proxy may answer with plain text) into a problem. */
export function toProblem(body: unknown, response: Response): Problem {
  if (isProblem(body)) return body;
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: response.status >= 500 ? SERVER_TROUBLE : undefined,
  };
}

/** Retry-After in seconds: the header holds either a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

interface Result {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function settle<R extends Result>(pending: Promise<R>): Promise<R> {
  let result: R;
  try {
    result = await pending;
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: UNREACHABLE });
  }
  if (!result.response.ok) {
    const { response } = result;
    throw new ApiError(toProblem(result.error, response), retryAfterSeconds(response.headers.get('Retry-After')));
  }
  return result;
}

/** Resolves to the response body of a successful call; throws ApiError otherwise. */
export async function unwrap<R extends Result>(pending: Promise<R>): Promise<NonNullable<R['data']>> {
  const { data } = await settle(pending);
  return data as NonNullable<R['data']>;
}

/** As unwrap, with the response too, for calls whose headers matter (a download's file name). */
export async function unwrapWithResponse<R extends Result>(pending: Promise<R>): Promise<{ data: NonNullable<R['data']>; response: Response }> {
  const { data, response } = await settle(pending);
  return { data: data as NonNullable<R['data']>, response };
}

/** For calls whose success has no body (202, 204). Throws ApiError on failure. */
export async function expectOk(pending: Promise<Result>): Promise<void> {
  await settle(pending);
}

/** The message to show a person for any error a call may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return SERVER_TROUBLE;
}

// The server may name a field "email", "/email" or "body.email"; forms know it as "email".
const fieldName = (field: string) => field.split(/[./]/).filter(Boolean).pop() ?? field;

/** Field-level messages of a validation problem, keyed by form field name, in words for people. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const { field, message } of error.problem.errors ?? []) {
    const name = fieldName(field);
    result[name] ??= humanFieldMessage(message);
  }
  return result;
}
