import type { FastifyInstance } from 'fastify';
import type { Provider } from 'oidc-provider';
import { CLIENT_SCOPES, clientActor, type Actor } from '../../../kernel/actor.js';
import type { Executor } from '../../../kernel/db/database.js';
import { UnauthenticatedError } from '../../../kernel/errors.js';
import { SESSION_COOKIE } from '../sessions.js';
import { organisationOf } from './clients.js';
import { findClientRow } from './store.js';

/** RFC 6750 §2.1: `Bearer` and a b64token */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

const apiScope = (s: string) => (CLIENT_SCOPES as readonly string[]).includes(s);

/**
 * The machine client behind an access token of Zhengtong's own provider (client-credentials
 * grant, an opaque `ClientCredentials` token looked up through the provider's model, so expiry
 * and revocation are the provider's). Undefined for an unknown, expired or revoked token, a
 * token of a disabled client, and tokens this API cannot honour (sender-constrained, or meant
 * for another resource server).
 */
export async function actorForClientToken(
  provider: Provider,
  db: Executor,
  token: string,
): Promise<Actor | undefined> {
  const cc = await provider.ClientCredentials.find(token);
  if (!cc || cc.isExpired) return undefined;
  if (cc.jkt !== undefined || cc['x5t#S256'] !== undefined || cc.aud !== undefined) {
    return undefined;
  }
  const row = await findClientRow(db, cc.clientId);
  if (!row || row.disabledAt !== null) return undefined;
  const metadata = row.metadata as Record<string, unknown>;
  // the provider lets a client without a registered `scope` ask for any scope; an API scope
  // counts only when the registration names it
  const registered = typeof metadata.scope === 'string' ? metadata.scope.split(' ') : [];
  const scopes = [...new Set((cc.scope ?? '').split(' '))].filter(
    (s) => apiScope(s) && registered.includes(s),
  );
  return clientActor(cc.clientId, scopes, organisationOf(metadata));
}

/**
 * Resolves `Authorization: Bearer` into a `client` actor on the routes that accept department
 * systems (`config.acceptsClients`), and only when the request has no Zhengtong session cookie:
 * a browser's session wins and its Authorization header is not looked at. A token that does not
 * resolve is a 401 `invalid-token` with RFC 6750's challenge. The token is never logged (the
 * logger redacts the Authorization header).
 */
export function registerClientActor(app: FastifyInstance, provider: Provider, db: Executor): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config.acceptsClients !== true) return;
    if (req.cookies[SESSION_COOKIE]) return;
    const header = req.headers.authorization;
    if (header === undefined || !/^Bearer\b/i.test(header)) return;
    const token = BEARER.exec(header)?.[1];
    const actor = token === undefined ? undefined : await actorForClientToken(provider, db, token);
    if (!actor) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new UnauthenticatedError(
        'invalid-token',
        'the access token is unknown, expired or revoked',
      );
    }
    req.actor = actor;
  });
}
