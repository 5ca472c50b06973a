import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Provider } from 'oidc-provider';
import type { Logger } from 'pino';
import { systemActor } from '../../../kernel/actor.js';
import type { Kernel } from '../../../kernel/context.js';
import { NotFoundError } from '../../../kernel/errors.js';
import { registerClientActor } from './bearer.js';
import { OidcClientService } from './clients.js';
import { OidcInteractions } from './interactions.js';
import { mountProvider } from './mount.js';
import { createProvider } from './provider.js';
import { registerPurge } from './purge.js';
import { clientRoutes, interactionRoutes } from './routes.js';
import { SESSION_COOKIE } from '../sessions.js';

export { OidcClientService, type NewOidcClient, type OidcClientView } from './clients.js';
export { OIDC_PATH, INTERACTION_PAGE, SCOPE_CLAIMS } from './provider.js';
export { PURGE_JOB } from './purge.js';

declare module 'fastify' {
  interface FastifyInstance {
    oidc: { provider: Provider; clients: OidcClientService };
  }
}

/**
 * 统一身份认证 single sign-on: the OpenID Provider at `/oidc` (oidc-provider, persisted in
 * PostgreSQL), the JSON endpoints of the web app's login and consent page, and the
 * administration of relying parties.
 */
interface KoaCookies {
  get: (name: string) => string | undefined;
  set: (name: string, value: null, options: { path: string }) => void;
}

export const oidcModule = fp(
  async (app: FastifyInstance) => {
    const { kernel } = app;
    const provider = await createProvider({
      kernel,
      claimsFor: (accountId) => app.identity.claimsFor(accountId),
    });
    provider.on('server_error', (_ctx: unknown, err: unknown) =>
      app.log.error({ err }, 'oidc provider error'),
    );
    // RP-initiated logout ends the browser's Zhengtong session too: one logout for SSO
    provider.on('end_session.success', (ctx: unknown) => {
      const cookies = (ctx as { cookies: KoaCookies }).cookies;
      const token = cookies.get(SESSION_COOKIE);
      if (!token) return;
      cookies.set(SESSION_COOKIE, null, { path: '/' });
      void app.identity
        .actorForToken(token)
        .then((actor) => app.identity.service.logout(actor, { requestId: 'oidc-end-session' }))
        .catch((err: unknown) => app.log.error({ err }, 'ending the Zhengtong session failed'));
    });
    const directoryActor = systemActor('oidc');
    const clients = new OidcClientService(
      kernel.db.orm,
      kernel.fieldCrypto,
      (metadata) => provider.Client.validate(metadata),
      (id) =>
        app.directory.getOrganisation(directoryActor, id).catch((err: unknown) => {
          if (err instanceof NotFoundError) return undefined;
          throw err;
        }),
    );
    const interactions = new OidcInteractions(provider);
    app.decorate('oidc', { provider, clients });

    await registerPurge(kernel.jobs, kernel.db.orm);
    // department systems calling the API with client-credentials tokens
    registerClientActor(app, provider, kernel.db.orm);

    await mountProvider(app, provider);
    await app.register(interactionRoutes, {
      prefix: '/api/v1/identity/interactions',
      interactions,
      identity: app.identity,
    });
    await app.register(clientRoutes, { prefix: '/api/v1/identity/oidc-clients', clients });
  },
  { name: 'oidc', dependencies: ['kernel', 'directory', 'identity'] },
);

/** The demo relying parties (demo mode only): a portal for SSO and a department system. */
export async function seedDemoOidcClients(
  kernel: Kernel,
  log: Logger,
  /** the department the demo department system issues certificates for */
  departmentId: string | undefined,
): Promise<void> {
  // the demo metadata is fixed and known good: no provider or directory is needed to check it
  const clients = new OidcClientService(
    kernel.db.orm,
    kernel.fieldCrypto,
    async () => undefined,
    async () => ({ kind: 'department' }),
  );
  const seed = systemActor('seed');
  if (!(await clients.exists('demo-portal'))) {
    await clients.create(
      seed,
      {
        clientId: 'demo-portal',
        name: '演示门户 Demo portal',
        redirectUris: ['http://127.0.0.1:8787/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:8787/'],
        grantTypes: ['authorization_code', 'refresh_token'],
      },
      {},
      'demo-portal-secret',
    );
    log.info('registered the demo OIDC client demo-portal');
  }
  if (!(await clients.exists('demo-department-system'))) {
    await clients.create(
      seed,
      {
        clientId: 'demo-department-system',
        name: '演示部门系统 Demo department system',
        grantTypes: ['client_credentials'],
        ...(departmentId === undefined
          ? {}
          : { scope: 'certificates:issue', organisationId: departmentId }),
      },
      {},
      'demo-department-secret',
    );
    log.info('registered the demo OIDC client demo-department-system');
  }
}
