import { ApiError, parseProblem } from './ApiError';
import { notifyApiError } from './errorNotifier';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** do not show a message for a failure; the caller shows it in place */
  silent?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let requestLanguage = 'zh-CN';

/** The UI language, sent as Accept-Language so problem titles can come back in it. */
export function setRequestLanguage(language: string): void {
  requestLanguage = language;
}

export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The failure a non-2xx response stands for: its problem document, or its HTTP status. */
export async function readErrorBody(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
  }
  const problem = parseProblem(body);
  if (problem) return ApiError.fromProblem(problem);
  return new ApiError({
    kind: 'http',
    status: response.status,
    code: `HTTP_${response.status}`,
    title: response.statusText || `HTTP ${response.status}`,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
}

function report(error: ApiError, silent: boolean | undefined): ApiError {
  if (!silent) notifyApiError(error);
  return error;
}

export async function apiRequest<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const { query, body, signal, silent } = options;
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': requestLanguage,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    // A cancelled request (the query was dropped) is not a failure worth telling anyone about.
    if (signal?.aborted) throw cause;
    throw report(
      new ApiError({
        kind: 'network',
        status: 0,
        code: 'NETWORK_ERROR',
        title: 'Network error',
        cause,
      }),
      silent,
    );
  }

  if (!response.ok) throw report(await readErrorBody(response), silent);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw report(
      new ApiError({
        kind: 'http',
        status: response.status,
        code: 'INVALID_RESPONSE',
        title: 'Invalid response',
        cause,
      }),
      silent,
    );
  }
}

export function apiGet<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return apiRequest<T>('GET', path, options);
}

export function apiPost<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return apiRequest<T>('POST', path, { ...options, body });
}

export function apiDelete<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
  return apiRequest<T>('DELETE', path, options);
}

/** The page's language, for requests made outside `apiRequest` (submits, uploads). */
export function documentLanguage(): string {
  return document.documentElement.lang || 'zh-CN';
}

/** The failure of a request that never got an answer. */
export function networkError(cause: unknown): ApiError {
  return new ApiError({
    kind: 'network',
    status: 0,
    code: 'NETWORK_ERROR',
    title: 'Network error',
    cause,
  });
}

/**
 * A silent POST with an Idempotency-Key (申报): a retry with the same key (after a network
 * failure, say) answers with what the first attempt created instead of creating it again.
 */
export async function postWithIdempotencyKey<T>(
  path: string,
  body: unknown,
  idempotencyKey: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': documentLanguage(),
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw await readErrorBody(response);
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new ApiError({
      kind: 'http',
      status: response.status,
      code: 'INVALID_RESPONSE',
      title: 'Invalid response',
      cause,
    });
  }
}
