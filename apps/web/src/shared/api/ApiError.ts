import type { Problem, ProblemFieldError } from '@zhengtong/contracts';

/**
 * Where an error came from: a problem+json body from the server, a non-2xx answer without one
 * (e.g. a proxy's 502), or no answer at all.
 */
export type ApiErrorKind = 'problem' | 'http' | 'network';

interface ApiErrorInit {
  kind: ApiErrorKind;
  status: number;
  code: string;
  title: string;
  type?: string | undefined;
  detail?: string | undefined;
  requestId?: string | undefined;
  fieldErrors?: readonly ProblemFieldError[] | undefined;
  cause?: unknown;
}

/** A failed API call, carrying the RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: readonly ProblemFieldError[];

  constructor(init: ApiErrorInit) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.type = init.type ?? 'about:blank';
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
  }

  static fromProblem(problem: Problem): ApiError {
    return new ApiError({
      kind: 'problem',
      status: problem.status,
      code: problem.code,
      title: problem.title,
      type: problem.type,
      detail: problem.detail,
      requestId: problem.requestId,
      fieldErrors: problem.errors,
    });
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is ProblemFieldError {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}

/** Reads a problem+json body; undefined when the body is not a Zhengtong problem. */
export function parseProblem(body: unknown): Problem | undefined {
  if (!isRecord(body)) return undefined;
  const { type, title, status, code, detail, instance, requestId, errors } = body;
  if (typeof title !== 'string' || typeof status !== 'number' || typeof code !== 'string') {
    return undefined;
  }
  return {
    type: typeof type === 'string' ? type : 'about:blank',
    title,
    status,
    code,
    ...(typeof detail === 'string' ? { detail } : {}),
    ...(typeof instance === 'string' ? { instance } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(Array.isArray(errors) ? { errors: errors.filter(isFieldError) } : {}),
  };
}
