/**
 * One sign-in through Zhengtong's OpenID Provider, as a relying party and a fresh browser
 * make it, run in the load driver: the authorization request (PKCE), the login form (the web
 * page's calls), consent, the redirect back with the code, and the code exchanged for tokens
 * at the token endpoint. Loaded in the driver process: imports nothing of the server.
 */
import crypto from 'node:crypto';
import { CookieJar, json, type FlowContext, type FlowReply } from '../lib/flow.js';

export interface LoginParams {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  username: string;
  password: string;
}

/** HTTP Basic client authentication as OAuth 2.0 spells it (form-encoded id and secret). */
export const basicAuth = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** path and query of a URL: the provider's issuer URL need not be the address used here */
function pathOf(location: string | null): string {
  if (!location) throw new Error('no redirect');
  const url = new URL(location, 'http://provider.invalid');
  return `${url.pathname}${url.search}`;
}

const redirectPath = (reply: FlowReply) => pathOf(reply.headers.get('location'));

export async function run(ctx: FlowContext, _n: number, params: unknown): Promise<void> {
  const p = params as LoginParams;
  const browser = new CookieJar();
  const get = async (step: string, path: string, expect: number) => {
    const reply = await ctx.request(step, { method: 'GET', path, headers: browser.header }, expect);
    browser.take(reply);
    return reply;
  };
  const post = async (step: string, path: string, body: unknown) => {
    const reply = await ctx.request(
      step,
      { method: 'POST', path, headers: browser.header, body },
      200,
    );
    browser.take(reply);
    return json<{ redirectTo: string }>(reply).redirectTo;
  };
  const interaction = (reply: FlowReply) => redirectPath(reply).split('/').pop()!;

  const verifier = crypto.randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: p.clientId,
    response_type: 'code',
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: crypto.randomBytes(12).toString('base64url'),
    nonce: crypto.randomBytes(12).toString('base64url'),
    code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const api = '/api/v1/identity/interactions';
  let uid = interaction(await get('authorize', `/oidc/auth?${query.toString()}`, 303));
  await get('login page', `${api}/${uid}`, 200);
  const afterLogin = await post('login', `${api}/${uid}/login`, {
    username: p.username,
    password: p.password,
  });
  let reply = await get('resume', pathOf(afterLogin), 303);
  if (!redirectPath(reply).startsWith(new URL(p.redirectUri).pathname)) {
    // consent asked: the page reads the interaction, the user confirms
    uid = interaction(reply);
    await get('consent page', `${api}/${uid}`, 200);
    const afterConsent = await post('consent', `${api}/${uid}/confirm`, {});
    reply = await get('resume', pathOf(afterConsent), 303);
  }
  const code = new URL(redirectPath(reply), 'http://rp.invalid').searchParams.get('code');
  if (!code) throw new Error('the provider redirected back without a code');
  const tokens = json<{ id_token?: string; access_token?: string }>(
    await ctx.request(
      'token',
      {
        method: 'POST',
        path: '/oidc/token',
        headers: { authorization: basicAuth(p.clientId, p.clientSecret) },
        form: {
          grant_type: 'authorization_code',
          code,
          redirect_uri: p.redirectUri,
          code_verifier: verifier,
        },
      },
      200,
    ),
  );
  if (!tokens.id_token || !tokens.access_token) throw new Error('no ID token or access token');
}
