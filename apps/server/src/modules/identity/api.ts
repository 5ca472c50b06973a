import type { FastifyReply } from 'fastify';
import { anonymousActor, type Actor } from '../../kernel/actor.js';
import type { Drizzle } from '../../kernel/db/database.js';
import type {
  AuthenticateInput,
  AuthenticateResult,
  CreateStaffInput,
  IdentityClaims,
  IdentityService,
  RequestContext,
} from './service.js';
import { SESSION_COOKIE, hashToken, type Sessions } from './sessions.js';
import * as store from './store.js';

export interface StartSessionOptions {
  ip?: string | undefined;
  userAgent?: string | undefined;
  /** whether the login passed a second factor (use `mfa` from `authenticate`) */
  mfa: boolean;
}

/**
 * The identity module's public API, as `app.identity`. The OIDC provider and the roles, staff
 * and agent services build on these; keep names and shapes stable.
 */
export class IdentityApi {
  constructor(
    readonly service: IdentityService,
    readonly sessions: Sessions,
    private readonly db: Drizzle,
  ) {}

  /**
   * Checks a username (ID number or phone for people, account name for staff), password and,
   * for accounts with TOTP, a code. Same lockout, timing and audit as the login endpoint.
   * `{ ok: false, code: 'otp-required' }` means: the password was right, ask for the code.
   */
  authenticate(input: AuthenticateInput): Promise<AuthenticateResult> {
    return this.service.authenticate(input);
  }

  /**
   * Opens a portal session for an account that just authenticated and sets the `zt_session`
   * cookie on `reply`. A session cookie already on the request is revoked (rotation). Returns
   * the actor of the new session.
   */
  async startSession(
    reply: FastifyReply,
    accountId: string,
    options: StartSessionOptions,
  ): Promise<Actor> {
    const previous = reply.request.cookies[SESSION_COOKIE];
    const { token, tokenHash } = await this.service.openSession(accountId, {
      ...options,
      replaces: previous ? hashToken(previous) : undefined,
    });
    reply.setCookie(SESSION_COOKIE, token, this.sessions.cookieOptions);
    const found = await store.findLiveSessionWithFacts(this.db, tokenHash, new Date());
    return found ? this.service.actorFrom(found.session, found.facts) : anonymousActor;
  }

  /** Clears the session cookie on `reply` (the session itself is revoked by the service). */
  clearCookie(reply: FastifyReply): void {
    reply.clearCookie(SESSION_COOKIE, this.sessions.cookieOptions);
  }

  /** The actor behind a session cookie token, anonymous when it is dead or unknown. */
  async actorForToken(token: string | undefined): Promise<Actor> {
    if (!token) return anonymousActor;
    const found = await this.sessions.resolve(token);
    return found ? this.service.actorFrom(found.session, found.facts) : anonymousActor;
  }

  /** The actor of the same session, re-read (after the session changed mid-request). */
  async refreshActor(actor: Actor): Promise<Actor> {
    if (!actor.sessionId) return actor;
    const found = await store.findLiveSessionWithFacts(this.db, actor.sessionId, new Date());
    return found ? this.service.actorFrom(found.session, found.facts) : anonymousActor;
  }

  /**
   * Claims about an account for relying parties (OIDC ID token and userinfo): masked personal
   * data only. Throws NotFoundError for an unknown account.
   */
  claimsFor(accountId: string): Promise<IdentityClaims> {
    return this.service.claimsFor(accountId);
  }

  /**
   * Creates a staff account (工作人员) in an organisation of the directory. The system actor
   * may pass `roles`; other actors grant roles through the roles service.
   */
  createStaffAccount(
    actor: Actor,
    input: CreateStaffInput,
    ctx?: RequestContext,
  ): Promise<{ accountId: string }> {
    return this.service.createStaffAccount(actor, input, ctx);
  }
}
