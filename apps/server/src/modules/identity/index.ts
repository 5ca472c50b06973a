import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../kernel/actor.js';
import { NotFoundError } from '../../kernel/errors.js';
import { IdentityApi } from './api.js';
import { identityAdministration } from './administration.js';
import { identityRoutes } from './routes.js';
import { IdentityService, type DirectoryLookup } from './service.js';
import { SESSION_COOKIE, Sessions } from './sessions.js';

export { IdentityApi, type StartSessionOptions } from './api.js';
export {
  IdentityService,
  assertMfa,
  maskPhone,
  type AuthenticateInput,
  type AuthenticateResult,
  type CreateStaffInput,
  type IdentityClaims,
  type RequestContext,
} from './service.js';
export { SESSION_COOKIE, hashToken } from './sessions.js';
export { context as requestContext } from './routes.js';
/**
 * Store primitives for the roles, staff and agent services of this module (grantRole,
 * revokeRole, listRoles, listActingEnterprises, revokeAccountSessions, …). Callers check
 * authority and record the audit entry in the same transaction.
 */
export * as identityStore from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    identity: IdentityApi;
  }
}

/**
 * 统一身份认证: accounts, enterprises, login, sessions and the second factor. Its onRequest
 * hook turns the session cookie into `req.actor` for every route of the app.
 */
export const identityModule = fp(
  async (app: FastifyInstance) => {
    const { db, config, fieldCrypto } = app.kernel;
    const directoryActor = systemActor('identity');
    const directory: DirectoryLookup = {
      findOrganisation: (id) => app.directory.getOrganisation(directoryActor, id).catch(absent),
      regionExists: async (code) =>
        (await app.directory.getRegion(directoryActor, code).catch(absent)) !== undefined,
    };
    const sessions = new Sessions(db.orm, config);
    const service = new IdentityService(db.orm, config, fieldCrypto, sessions, directory);
    const api = new IdentityApi(service, sessions, db.orm);
    app.decorate('identity', api);

    app.addHook('onRequest', async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) req.actor = await api.actorForToken(token);
    });

    await app.register(identityRoutes, { prefix: '/api/v1/identity', api });
    // staff administration, enterprise agents and the audit admin's read view
    await app.register(identityAdministration);
  },
  { name: 'identity', dependencies: ['kernel', 'directory'] },
);

function absent(err: unknown): undefined {
  if (err instanceof NotFoundError) return undefined;
  throw err;
}
