import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, Problem } from '@zhengtong/contracts';
import { ConflictError, UnauthenticatedError } from '../../../kernel/errors.js';
import type { IdentityApi } from '../api.js';
import type { OidcClientService } from './clients.js';
import type { OidcInteractions } from './interactions.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

const Uid = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }) });

const InteractionDetails = Type.Object({
  uid: Type.String(),
  prompt: Type.Union([Type.Literal('login'), Type.Literal('consent')]),
  client: Type.Object({ clientId: Type.String(), name: Type.String() }),
  scopes: Type.Array(Type.String()),
  claims: Type.Optional(Type.Array(Type.String())),
  /** the browser already has a Zhengtong session: POST …/continue signs in with it (SSO) */
  signedIn: Type.Optional(
    Type.Object({
      name: Type.String(),
      accountKind: Type.Union([Type.Literal('person'), Type.Literal('staff')]),
    }),
  ),
  /** the client insists on fresh credentials (prompt=login, max_age): no SSO shortcut */
  freshLoginRequired: Type.Boolean(),
});

const Redirect = Type.Object({
  /** where the browser goes next (the provider resumes the authorization request) */
  redirectTo: Type.String(),
});

const GrantType = Type.Union([
  Type.Literal('authorization_code'),
  Type.Literal('refresh_token'),
  Type.Literal('client_credentials'),
]);
const Uri = Type.String({ format: 'uri', maxLength: 2000 });

const OidcClient = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  grantTypes: Type.Array(Type.String()),
  scope: Type.Union([Type.String(), Type.Null()]),
  tokenEndpointAuthMethod: Type.String(),
  /** the department a client-credentials client acts for */
  organisationId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const NewOidcClient = Type.Object({
  clientId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' })),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  redirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  grantTypes: Type.Array(GrantType, { minItems: 1, maxItems: 3 }),
  scope: Type.Optional(
    Type.String({
      pattern: '^[a-z_:]+( [a-z_:]+)*$',
      maxLength: 500,
      description:
        'space-separated; certificates:issue needs client_credentials and organisationId',
    }),
  ),
  tokenEndpointAuthMethod: Type.Optional(
    Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post')]),
  ),
  organisationId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'the department a client_credentials client acts for (issues certificates)',
    }),
  ),
});

const CreatedOidcClient = Type.Composite([
  OidcClient,
  Type.Object({ clientSecret: Type.String({ description: 'shown once; store it now' }) }),
]);

/** The JSON endpoints of the web app's OIDC login and consent page. */
export const interactionRoutes: FastifyPluginAsyncTypebox<{
  interactions: OidcInteractions;
  identity: IdentityApi;
}> = async (app, { interactions, identity }) => {
  app.get(
    '/:uid',
    {
      schema: {
        tags: ['identity'],
        summary: 'An OIDC sign-in request: which step (login or consent), which client, scopes',
        params: Uid,
        response: { 200: InteractionDetails, ...problems },
      },
    },
    async (req) => {
      const { reasons, ...view } = await interactions.describe(req.params.uid);
      const freshLoginRequired = reasons.some((r) => r === 'login_prompt' || r === 'max_age');
      const kind = req.actor.accountKind;
      if (kind === undefined || view.prompt !== 'login') return { ...view, freshLoginRequired };
      const { name } = await identity.claimsFor(req.actor.id);
      return { ...view, freshLoginRequired, signedIn: { name, accountKind: kind } };
    },
  );

  app.post(
    '/:uid/login',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Sign in for an OIDC request (also starts a Zhengtong session); 401 otp-required asks for the TOTP code',
        params: Uid,
        body: LoginBody,
        response: { 200: Redirect, ...problems },
      },
    },
    async (req, reply) => {
      const { uid } = req.params;
      // fail on a dead interaction before spending a password attempt on it
      await interactions.describe(uid);
      const ctx = { ip: req.ip, userAgent: req.headers['user-agent'], requestId: req.id };
      const result = await identity.authenticate({ ...req.body, ...ctx });
      if (!result.ok) {
        throw new UnauthenticatedError(
          result.code,
          result.code === 'otp-required'
            ? 'enter the code from your authenticator app'
            : 'wrong username or password',
        );
      }
      await identity.startSession(reply, result.accountId, {
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        mfa: result.mfa,
      });
      return interactions.login(uid, result.accountId, result.mfa ? ['pwd', 'otp'] : ['pwd']);
    },
  );

  app.post(
    '/:uid/continue',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Single sign-on: satisfy the login step with the Zhengtong session of this browser',
        params: Uid,
        response: { 200: Redirect, ...problems },
      },
    },
    async (req) => {
      const { actor } = req;
      if (actor.accountKind === undefined) {
        throw new UnauthenticatedError('unauthenticated', 'no Zhengtong session; sign in');
      }
      if (await interactions.needsFreshLogin(req.params.uid)) {
        throw new ConflictError(
          'fresh-login-required',
          'the application asks you to sign in again',
        );
      }
      return interactions.login(req.params.uid, actor.id, actor.mfa ? ['pwd', 'otp'] : ['pwd']);
    },
  );

  app.post(
    '/:uid/confirm',
    {
      schema: {
        tags: ['identity'],
        summary: 'Consent: grant the client the scopes and claims it asked for',
        params: Uid,
        response: { 200: Redirect, ...problems },
      },
    },
    (req) => interactions.confirm(req.params.uid),
  );

  app.post(
    '/:uid/abort',
    {
      schema: {
        tags: ['identity'],
        summary: 'Decline: the client receives access_denied',
        params: Uid,
        response: { 200: Redirect, ...problems },
      },
    },
    (req) => interactions.abort(req.params.uid),
  );
};

/** Administration of relying parties (system administrator with MFA). */
export const clientRoutes: FastifyPluginAsyncTypebox<{ clients: OidcClientService }> = async (
  app,
  { clients },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['identity'],
        summary: 'List the registered OIDC clients (no secrets)',
        response: { 200: Type.Object({ items: Type.Array(OidcClient) }), ...problems },
      },
    },
    async (req) => ({ items: await clients.list(req.actor) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['identity'],
        summary: 'Register an OIDC client; the response carries its secret, once',
        body: NewOidcClient,
        response: { 201: CreatedOidcClient, ...problems },
      },
    },
    async (req, reply) => {
      const created = await clients.create(req.actor, req.body, { requestId: req.id });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/:clientId',
    {
      schema: {
        tags: ['identity'],
        summary: 'Disable an OIDC client and revoke its grants and tokens',
        params: Type.Object({ clientId: Type.String({ maxLength: 100 }) }),
        response: { 200: OidcClient, ...problems },
      },
    },
    (req) => clients.disable(req.actor, req.params.clientId, { requestId: req.id }),
  );
};
