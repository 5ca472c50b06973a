import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem, ProblemFieldError } from '@zhengtong/contracts';
import { databaseUnavailable } from '../db/errors.js';
import { DomainError } from '../errors.js';

const PROBLEM_BASE = 'https://zhengtong.dev/problems/';
const RETRY_AFTER_SECONDS = 5;

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  p: Omit<Problem, 'type' | 'requestId' | 'instance'>,
): FastifyReply {
  const body: Problem = {
    type: `${PROBLEM_BASE}${p.code}`,
    title: p.title,
    status: p.status,
    code: p.code,
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(p.errors === undefined ? {} : { errors: p.errors }),
  };
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** AJV errors → field paths as JSON pointers into the request part (`/query/days`). */
function fieldErrors(error: FastifyError): ProblemFieldError[] {
  const context = error.validationContext ?? 'request';
  const part = context === 'querystring' ? 'query' : context;
  return ((error.validation ?? []) as AjvError[]).map((e) => {
    let path = `/${part}${e.instancePath}`;
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      path += `/${e.params.missingProperty}`;
    }
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      path += `/${e.params.additionalProperty}`;
    }
    return { path, message: e.message ?? e.keyword };
  });
}

/** Fastify's own 4xx error codes, each with a stable problem code. */
const FRAMEWORK_CODES: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', title: 'Malformed JSON body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed-json', title: 'Empty JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body-too-large', title: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad-content-length',
    title: 'Content-Length does not match the body',
  },
};

/** The ONE place errors become HTTP responses. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendProblem(request, reply, {
        status: 400,
        code: 'validation',
        title: 'Invalid input',
        detail: 'The request does not match the schema: see errors[].',
        errors: fieldErrors(error),
      });
    }
    if (error instanceof DomainError) {
      return sendProblem(request, reply, {
        status: error.status,
        code: error.code,
        title: error.title,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      });
    }
    const known = error.code ? FRAMEWORK_CODES[error.code] : undefined;
    if (known) {
      const status = error.statusCode ?? 400;
      return sendProblem(request, reply, { status, ...known, detail: error.message });
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(request, reply, {
        status: 400,
        code: 'malformed-json',
        title: 'Malformed JSON body',
        detail: error.message,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, {
        status,
        code: (error.code ?? 'bad-request').toLowerCase().replace(/_/g, '-'),
        title: 'Bad request',
        detail: error.message,
      });
    }
    if (databaseUnavailable(error)) {
      // overload or an outage, not a bug: tell the client to come back instead of a 500
      request.log.warn({ err: error }, 'database unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(request, reply, {
        status: 503,
        code: 'database-unavailable',
        title: 'Service unavailable',
        detail: `the database is busy or unreachable; retry in ${RETRY_AFTER_SECONDS} s`,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, {
      status: 500,
      code: 'internal',
      title: 'Internal error',
      detail: `internal error; quote request id ${request.id} when reporting it`,
    });
  });
}
