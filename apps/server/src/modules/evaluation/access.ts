import type { Actor } from '../../kernel/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../../kernel/errors.js';

// Who may act in 好差评: applicants rate their own applications, staff act for their
// organisation.

/** The applicant's account: a person, or a person acting for an enterprise (they filed). */
export function applicantOf(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
  if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
    throw new ForbiddenError('applicants-only', 'applicants rate their own applications');
  }
  if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
  return actor.id;
}

/** The organisation of a signed-in staff member. */
export function staffOf(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
  if (actor.kind !== 'staff' || !actor.organisationId) {
    throw new ForbiddenError('staff-only', 'for staff of an organisation');
  }
  if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
  return actor.organisationId;
}
