import crypto from 'node:crypto';
import type { Config } from '../../kernel/config.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import * as store from './store.js';

/** The portal's session cookie. The token is random; only its SHA-256 is stored. */
export const SESSION_COOKIE = 'zt_session';

/** lastSeenAt is written at most this often, so a busy page does not write on every request */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string): string =>
  crypto.createHash('sha256').update(token).digest('hex');

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
}

export interface NewSession {
  accountId: string;
  mfa: boolean;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/**
 * Sessions: creation with a fresh token (rotation on every login), idle expiry that slides and
 * absolute expiry that does not, revocation one by one or for a whole account.
 */
export class Sessions {
  readonly cookieOptions: CookieOptions;

  constructor(
    private readonly db: Drizzle,
    private readonly config: Config,
  ) {
    this.cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: config.publicUrl.startsWith('https://'),
    };
  }

  /** Creates a session and returns the cookie token (never stored). */
  async create(db: Executor, input: NewSession): Promise<{ token: string; tokenHash: string }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const now = new Date();
    const { sessionIdleMinutes, sessionAbsoluteHours } = this.config.identity;
    const absoluteExpiresAt = new Date(now.getTime() + sessionAbsoluteHours * 3_600_000);
    const idle = new Date(now.getTime() + sessionIdleMinutes * 60_000);
    await store.insertSession(db, {
      tokenHash,
      accountId: input.accountId,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: idle < absoluteExpiresAt ? idle : absoluteExpiresAt,
      absoluteExpiresAt,
      mfaAt: input.mfa ? now : null,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    return { token, tokenHash };
  }

  /**
   * The live session behind a cookie token with its account's ActorFacts, its idle expiry slid
   * forward; undefined if none.
   */
  async resolve(
    token: string,
  ): Promise<{ session: store.SessionRow; facts: store.ActorFacts } | undefined> {
    // a token is 43 base64url characters; anything else is not worth a query
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const tokenHash = hashToken(token);
    const now = new Date();
    const found = await store.findLiveSessionWithFacts(this.db, tokenHash, now);
    if (!found) return undefined;
    if (now.getTime() - found.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      const idle = new Date(now.getTime() + this.config.identity.sessionIdleMinutes * 60_000);
      await store.touchSession(this.db, tokenHash, now, idle);
    }
    return found;
  }

  revoke(db: Executor, tokenHash: string): Promise<boolean> {
    return store.revokeSession(db, tokenHash);
  }

  revokeAll(db: Executor, accountId: string, keep?: string): Promise<number> {
    return store.revokeAccountSessions(db, accountId, keep);
  }
}
