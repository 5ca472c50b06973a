import type { ProblemFieldError } from '@zhengtong/contracts';

/**
 * The handful of typed errors services throw. One error handler (http/problem.ts) maps them to
 * RFC 9457 problem+json; services never deal in HTTP status codes.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    readonly code: string,
    message: string,
    readonly errors?: ProblemFieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputError extends DomainError {
  readonly status = 400;
  readonly title = 'Invalid input';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = 'Authentication required';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** Input that parses but breaks a business rule (RFC 9457 example: 422). */
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable input';
}

/** A dependency of the installation is missing (a font, a key): the operator must act. */
export class UnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service unavailable';
}
