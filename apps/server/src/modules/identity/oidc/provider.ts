import { Provider, type Account, type AccountClaims, type Configuration } from 'oidc-provider';
import { CLIENT_SCOPES } from '../../../kernel/actor.js';
import type { Kernel } from '../../../kernel/context.js';
import { NotFoundError } from '../../../kernel/errors.js';
import type { IdentityClaims } from '../service.js';
import { createAdapterFactory } from './adapter.js';
import { loadCookieKeys, loadSigningKeys } from './keys.js';

/** Where oidc-provider is mounted; the issuer is `${publicUrl}${OIDC_PATH}`. */
export const OIDC_PATH = '/oidc';
/** The web app's login and consent page; `:uid` is the interaction. */
export const INTERACTION_PAGE = '/oidc-login';

/** Scopes and the claims each one releases (masked personal data only). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  openid: ['sub'],
  profile: ['name', 'account_kind', 'id_number_masked'],
  phone: ['phone_masked'],
  organisation: ['organisation', 'jurisdiction'],
  roles: ['roles'],
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function claimsOf(c: IdentityClaims): AccountClaims {
  return {
    sub: c.sub,
    name: c.name,
    account_kind: c.accountKind,
    id_number_masked: c.idNumberMasked ?? undefined,
    phone_masked: c.phoneMasked ?? undefined,
    organisation:
      c.organisationId === null ? undefined : { id: c.organisationId, name: c.organisationName },
    jurisdiction: c.jurisdiction ?? undefined,
    roles: c.roles,
  };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1f1f1f}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0}pre{white-space:pre-wrap}</style></head><body>${body}</body></html>`;
}

export interface ProviderDeps {
  kernel: Kernel;
  claimsFor: (accountId: string) => Promise<IdentityClaims>;
}

/** The OpenID Provider (统一身份认证) of Zhengtong, persisted in PostgreSQL. */
export async function createProvider({ kernel, claimsFor }: ProviderDeps): Promise<Provider> {
  const { config } = kernel;
  const issuer = `${config.publicUrl}${OIDC_PATH}`;
  const jwks = await loadSigningKeys(config.dataDir, config.oidc.jwks);
  const cookieKeys = await loadCookieKeys(config.dataDir, config.oidc.cookieKeys);
  const firstAlg = jwks.keys[0]?.alg;
  const signingAlg = typeof firstAlg === 'string' ? firstAlg : 'ES256';

  const configuration: Configuration = {
    adapter: createAdapterFactory(kernel.db.orm, kernel.fieldCrypto),
    clients: [],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: signingAlg,
    },
    jwks,
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    claims: SCOPE_CLAIMS,
    scopes: [
      'openid',
      'offline_access',
      ...Object.keys(SCOPE_CLAIMS).filter((s) => s !== 'openid'),
      // API scopes for department systems (client credentials). Listed here so the provider
      // checks a client's request against its registered `scope`; an unlisted scope would be
      // passed into the token unchecked.
      ...CLIENT_SCOPES,
    ],
    // the scope claims go into the ID token too, so a relying party needs no userinfo call
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: unknown }, form: string) => {
          ctx.body = page(
            '退出登录',
            `<h1>退出政通统一身份认证？</h1><p>Sign out of Zhengtong single sign-on?</p>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出 Sign out</button><button type="submit" form="op.logoutForm">保持登录 Stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: (ctx: { body: unknown }) => {
          ctx.body = page('已退出', '<h1>已退出登录</h1><p>You have signed out.</p>');
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        '出错了',
        `<h1>登录请求无法完成</h1><p>The sign-in request could not be completed.</p>${Object.entries(
          out,
        )
          .map(([k, v]) => `<pre><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</pre>`)
          .join('')}`,
      );
    },
    // SPAs as public clients are not registered yet; no cross-origin browser calls
    clientBasedCORS: () => false,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PAGE}/${interaction.uid}` },
    findAccount: async (_ctx, sub): Promise<Account | undefined> => {
      let claims: IdentityClaims;
      try {
        claims = await claimsFor(sub);
      } catch (err) {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }
      return { accountId: sub, claims: () => claimsOf(claims) };
    },
    // confidential clients get a refresh token whenever they may use one; without
    // offline_access it ends with the SSO session (logout ends it)
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') &&
      (code.scopes.has('offline_access') || client.clientAuthMethod !== 'none'),
    // every refresh returns a new refresh token; reusing a spent one revokes the grant
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 10 * MINUTE,
      ClientCredentials: 10 * MINUTE,
      AuthorizationCode: MINUTE,
      IdToken: HOUR,
      RefreshToken: 14 * DAY,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
  };

  const provider = new Provider(issuer, configuration);
  // behind a TLS-terminating proxy (https issuer) trust its X-Forwarded-Proto for cookies
  provider.proxy = issuer.startsWith('https://');
  return provider;
}
