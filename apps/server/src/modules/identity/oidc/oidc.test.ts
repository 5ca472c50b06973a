import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import pino from 'pino';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../kernel/config.js';
import { openRuntime, type Runtime } from '../../../kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../../seed/index.js';
import { createTestDatabase } from '../../../test-support/database.js';
import { FAST_ARGON2, createPerson, type TestPerson } from '../../../test-support/identity.js';
import type { TestApp } from '../../../test-support/app.js';
import { countPayloads } from './store.js';
import { PURGE_JOB } from './purge.js';

const REDIRECT_URI = 'http://127.0.0.1:8787/callback';
const POST_LOGOUT = 'http://127.0.0.1:8787/';
const SCOPE = 'openid profile phone organisation roles';
const insecure = { execute: [client.allowInsecureRequests] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A running server on a real port; `restart` closes it and starts another on the same data. */
class Server {
  app!: FastifyInstance;
  runtime!: Runtime;
  constructor(
    readonly port: number,
    readonly databaseUrl: string,
    readonly dataDir: string,
  ) {}

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(seed: boolean) {
    const config = loadConfig({
      ...FAST_ARGON2,
      DATABASE_URL: this.databaseUrl,
      ZT_DATA_DIR: this.dataDir,
      ZT_PUBLIC_URL: this.base,
      LOG_LEVEL: 'silent',
    });
    const log = pino({ level: 'silent' });
    this.runtime = await openRuntime(config, log);
    if (seed) {
      await loadReferenceData(this.runtime.kernel, log);
      await seedDemoData(this.runtime.kernel, log, { catalogue: false });
    }
    this.app = await buildApp({ kernel: this.runtime.kernel, logger: false });
    await this.app.listen({ port: this.port, host: '127.0.0.1' });
  }

  async stop() {
    await this.app.close();
    await this.runtime.close();
  }

  testApp(): TestApp {
    return {
      app: this.app,
      kernel: this.runtime.kernel,
      restart: async () => {
        await this.stop();
        await this.start(false);
      },
      close: () => this.stop(),
    };
  }
}

/** A browser's cookie jar, enough for one host. */
class Browser {
  private readonly jar = new Map<string, string>();

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0) headers.set('cookie', this.cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  async json<T>(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.fetch(url, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
}

/** The OAuth error code of a failed openid-client call (body or WWW-Authenticate challenge). */
const oauthError = (code: string) => (err: unknown) => {
  const e = err as { error?: string; cause?: { parameters?: { error?: string } }[] };
  return (e.error ?? e.cause?.[0]?.parameters?.error) === code;
};

const location = (res: Response) => {
  const loc = res.headers.get('location');
  assert.ok(loc, `expected a redirect, got ${res.status}`);
  return loc;
};

describe('OIDC single sign-on with a real OpenID Connect client', () => {
  let server: Server;
  let drop: () => Promise<void>;
  let person: TestPerson;
  let ztCookieAtLogin = '';
  let portal: client.Configuration;
  const browser = new Browser();
  let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

  before(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-oidc-'));
    server = new Server(await freePort(), db.url, dataDir);
    await server.start(true);
    person = await createPerson(server.testApp(), { name: '李四' });
    portal = await client.discovery(
      new URL(`${server.base}/oidc`),
      'demo-portal',
      'demo-portal-secret',
      client.ClientSecretBasic('demo-portal-secret'),
      insecure,
    );
  });

  after(async () => {
    await server.stop();
    await drop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  /** Starts an authorization request; returns the response of the provider. */
  async function authorize(checks: { verifier: string; state: string; nonce: string }) {
    const url = client.buildAuthorizationUrl(portal, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return browser.fetch(url);
  }

  const newChecks = () => ({
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  });

  it('serves discovery and a JWKS with the ES256 signing key', async () => {
    const meta = portal.serverMetadata();
    assert.equal(meta.issuer, `${server.base}/oidc`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.ok(meta.grant_types_supported?.includes('client_credentials'));
    assert.ok(meta.end_session_endpoint);
    const jwks = (await (await fetch(meta.jwks_uri!)).json()) as {
      keys: { alg: string; d?: string }[];
    };
    assert.equal(jwks.keys[0]?.alg, 'ES256');
    assert.equal(jwks.keys[0]?.d, undefined, 'no private part is published');
    const stat = fs.statSync(path.join(server.dataDir, 'keys', 'oidc-jwks.json'));
    assert.equal(stat.mode & 0o777, 0o600);
  });

  it('completes the authorization code flow with PKCE, login and consent', async () => {
    const checks = newChecks();
    const start = await authorize(checks);
    assert.equal(start.status, 303);
    const loginPage = location(start);
    assert.match(loginPage, /^\/oidc-login\/[\w-]+$/);
    const uid = loginPage.split('/').pop()!;

    const details = await browser.json<{ prompt: string; client: { clientId: string } }>(
      `${server.base}/api/v1/identity/interactions/${uid}`,
    );
    assert.equal(details.status, 200);
    assert.equal(details.body.prompt, 'login');
    assert.equal(details.body.client.clientId, 'demo-portal');

    const wrong = await browser.json<{ code: string }>(
      `${server.base}/api/v1/identity/interactions/${uid}/login`,
      'POST',
      { username: person.idNumber, password: 'not-the-password' },
    );
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, 'invalid-credentials');

    const login = await browser.json<{ redirectTo: string }>(
      `${server.base}/api/v1/identity/interactions/${uid}/login`,
      'POST',
      { username: person.idNumber, password: person.password },
    );
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.match(browser.cookie, /zt_session=/, 'the browser is signed in to Zhengtong too');
    ztCookieAtLogin = browser.cookie;

    const resumed = await browser.fetch(login.body.redirectTo);
    assert.equal(resumed.status, 303);
    const consentUid = location(resumed).split('/').pop()!;
    const consent = await browser.json<{ prompt: string; scopes: string[] }>(
      `${server.base}/api/v1/identity/interactions/${consentUid}`,
    );
    assert.equal(consent.body.prompt, 'consent');
    assert.ok(consent.body.scopes.includes('profile'));
    const confirmed = await browser.json<{ redirectTo: string }>(
      `${server.base}/api/v1/identity/interactions/${consentUid}/confirm`,
      'POST',
    );
    assert.equal(confirmed.status, 200);

    const done = await browser.fetch(confirmed.body.redirectTo);
    assert.equal(done.status, 303);
    const callback = new URL(location(done));
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI);
    assert.ok(callback.searchParams.get('code'));

    tokens = await client.authorizationCodeGrant(portal, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    });
    assert.ok(tokens.access_token);
    assert.ok(tokens.refresh_token, 'a confidential client gets a refresh token');

    // the signature, independently of openid-client
    const keys = createRemoteJWKSet(new URL(portal.serverMetadata().jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, keys, {
      issuer: `${server.base}/oidc`,
      audience: 'demo-portal',
    });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(payload.sub, person.accountId);
    assert.equal(payload.nonce, checks.nonce);
    assert.equal(payload.name, '李四');
    assert.equal(payload.account_kind, 'person');
    assert.equal(
      payload.id_number_masked,
      `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`,
    );
    assert.ok(Array.isArray(payload.roles));
    assert.equal(tokens.claims()?.sub, person.accountId);

    const userinfo = await client.fetchUserInfo(portal, tokens.access_token, person.accountId);
    assert.equal(userinfo.name, '李四');
    assert.equal(userinfo.account_kind, 'person');
    assert.equal(userinfo.phone_masked, `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`);
    assert.ok(Array.isArray(userinfo.roles));
  });

  it('refreshes, rotating the refresh token', async () => {
    const refreshed = await client.refreshTokenGrant(portal, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    assert.equal(refreshed.claims()?.sub, person.accountId);
    tokens = refreshed;
  });

  it('signs in again without a prompt (SSO), and refuses a wrong PKCE verifier', async () => {
    const checks = newChecks();
    const start = await authorize(checks);
    assert.equal(start.status, 303);
    const callback = new URL(location(start));
    assert.equal(`${callback.origin}${callback.pathname}`, REDIRECT_URI, 'no login, no consent');
    await assert.rejects(
      client.authorizationCodeGrant(portal, callback, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: checks.state,
        expectedNonce: checks.nonce,
      }),
      oauthError('invalid_grant'),
    );
  });

  it('refuses to authorize without PKCE', async () => {
    const url = client.buildAuthorizationUrl(portal, {
      redirect_uri: REDIRECT_URI,
      scope: SCOPE,
      state: client.randomState(),
    });
    const res = await browser.fetch(url);
    assert.equal(res.status, 303);
    const back = new URL(location(res));
    assert.equal(back.searchParams.get('error'), 'invalid_request');
  });

  it('issues client-credentials tokens to the department system', async () => {
    const system = await client.discovery(
      new URL(`${server.base}/oidc`),
      'demo-department-system',
      'demo-department-secret',
      client.ClientSecretBasic('demo-department-secret'),
      insecure,
    );
    const cc = await client.clientCredentialsGrant(system);
    assert.ok(cc.access_token);
    assert.equal(cc.token_type.toLowerCase(), 'bearer');
    assert.ok((cc.expires_in ?? 0) <= 600);
    const introspected = await client.tokenIntrospection(system, cc.access_token);
    assert.equal(introspected.active, true);
    assert.equal(introspected.client_id, 'demo-department-system');
  });

  it('refuses an unknown client and a wrong secret', async () => {
    const unknown = await client.discovery(
      new URL(`${server.base}/oidc`),
      'no-such-client',
      'x',
      client.ClientSecretBasic('x'),
      insecure,
    );
    await assert.rejects(client.clientCredentialsGrant(unknown), oauthError('invalid_client'));
    const res = await browser.fetch(
      `${server.base}/oidc/auth?client_id=no-such-client&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
    );
    assert.equal(res.status, 400);
    assert.match(await res.text(), /invalid_client/);

    const wrongSecret = await client.discovery(
      new URL(`${server.base}/oidc`),
      'demo-portal',
      'wrong',
      client.ClientSecretBasic('wrong'),
      insecure,
    );
    await assert.rejects(
      client.refreshTokenGrant(wrongSecret, tokens.refresh_token!),
      oauthError('invalid_client'),
    );
  });

  it('keeps tokens and sessions across a restart', async () => {
    assert.ok((await countPayloads(server.runtime.kernel.db.orm, 'RefreshToken')) > 0);
    await server.stop();
    await server.start(false);
    const userinfo = await client.fetchUserInfo(portal, tokens.access_token, person.accountId);
    assert.equal(userinfo.sub, person.accountId);
    const refreshed = await client.refreshTokenGrant(portal, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    tokens = refreshed;
    // the SSO session survived too: a new request needs no login
    const start = await authorize(newChecks());
    assert.match(location(start), /^http:\/\/127\.0\.0\.1:8787\/callback\?/);
  });

  it('logs out (RP-initiated), ending the session and its refresh tokens', async () => {
    const url = client.buildEndSessionUrl(portal, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT,
      state: 'bye',
    });
    const confirmPage = await browser.fetch(url);
    assert.equal(confirmPage.status, 200);
    const csp = confirmPage.headers.get('content-security-policy') ?? '';
    assert.match(csp, /form-action 'self' https: http:/);
    const html = await confirmPage.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    const action = /action="([^"]+)"/.exec(html)?.[1];
    assert.ok(xsrf && action, html);
    const done = await browser.fetch(new URL(action, server.base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    assert.equal(done.status, 303);
    assert.equal(location(done), `${POST_LOGOUT}?state=bye`);

    await assert.rejects(
      client.refreshTokenGrant(portal, tokens.refresh_token!),
      oauthError('invalid_grant'),
    );
    // the Zhengtong session of that browser ended with it
    const zt = /zt_session=[^;]+/.exec(ztCookieAtLogin)?.[0];
    assert.ok(zt);
    let me = { status: 0 };
    for (let i = 0; i < 20 && me.status !== 401; i++) {
      me = await fetch(`${server.base}/api/v1/identity/me`, { headers: { cookie: zt } });
      if (me.status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(me.status, 401);
    // a new request asks for a login again
    const start = await authorize(newChecks());
    assert.match(location(start), /^\/oidc-login\//);
  });

  it('purges expired rows with the durable job', async () => {
    const { kernel } = server.runtime;
    await kernel.db.pool.query(
      `INSERT INTO oidc_payload (model, id, payload, expires_at)
       VALUES ('AccessToken', 'expired-one', '{}'::jsonb, now() - interval '1 minute')`,
    );
    const scheduled = await kernel.db.pool.query(
      `SELECT 1 FROM job WHERE kind = $1 AND status = 'pending' AND run_at > now()`,
      [PURGE_JOB],
    );
    assert.equal(scheduled.rowCount, 1, 'start-up scheduled the next hourly purge');
    await kernel.db.pool.query(`UPDATE job SET run_at = now() WHERE kind = $1`, [PURGE_JOB]);
    await kernel.jobs.runOnce();
    const { rowCount } = await kernel.db.pool.query(
      `SELECT 1 FROM oidc_payload WHERE id = 'expired-one'`,
    );
    assert.equal(rowCount, 0);
  });
});
