import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../kernel/actor.js';
import { NotFoundError } from '../../kernel/errors.js';
import { IdentityApi } from './api.js';
import { identityAdministration } from './administration.js';
import { identityRoutes } from './routes.js';
import { IdentityService, type DirectoryLookup } from './service.js';
import { SESSION_COOKIE, Sessions } from './sessions.js';
import * as store from './store.js';
import { registerRecurringJob } from '../../kernel/events/recurring.js';

export const SESSION_PURGE_JOB = 'identity.purge-ended-sessions';

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

    // ended sessions are kept a week for investigation, then deleted by a durable daily job
    await registerRecurringJob(app.kernel.jobs, db.orm, {
      kind: SESSION_PURGE_JOB,
      everyMs: 24 * 3_600_000,
      run: async () => {
        await store.deleteEndedSessions(db.orm, new Date(Date.now() - 7 * 24 * 3_600_000));
      },
    });

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
