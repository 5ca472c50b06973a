import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import pino from 'pino';
import type { Certificate, Problem, Verification } from '@zhengtong/contracts';
import { buildApp } from '../../app.js';
import { systemActor } from '../../kernel/actor.js';
import { loadConfig } from '../../kernel/config.js';
import { openRuntime, type Runtime } from '../../kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../seed/index.js';
import type { TestApp } from '../../test-support/app.js';
import { createTestDatabase } from '../../test-support/database.js';
import { FAST_ARGON2, loginCookie } from '../../test-support/identity.js';
import { DEMO_ENTERPRISE, DEMO_STAFF_PASSWORD } from '../identity/demo-accounts.js';
import { referenceCertificateTypeCode } from './reference-certificate-types.js';

// 签发 by API for a department system: OAuth 2.0 client credentials from Zhengtong's own
// provider, real HTTP against the app on a port, tokens obtained with openid-client.

const API = '/api/v1/certificates';
const LICENCE = referenceCertificateTypeCode('营业执照');
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

describe('certificates issued by a department system with a client-credentials token', () => {
  let app: FastifyInstance;
  let runtime: Runtime;
  let t: TestApp;
  let base = '';
  let dropDatabase: () => Promise<void>;
  let dir: string;
  let zzMarket: string;
  let zzLand: string;
  const logLines: string[] = [];
  const tokens: string[] = [];

  const issueBody = (issuerOrganisationId = zzMarket) => ({
    typeCode: LICENCE,
    holder: {
      kind: 'enterprise',
      creditCode: DEMO_ENTERPRISE.creditCode,
      name: DEMO_ENTERPRISE.name,
    },
    issuerOrganisationId,
    data: {
      enterpriseName: DEMO_ENTERPRISE.name,
      enterpriseType: '有限责任公司（自然人投资或控股）',
      legalRepresentativeName: '李四',
      registeredCapital: 500,
      registeredAddress: '河南省郑州市金水区花园路 10 号',
      businessScope: '软件开发',
    },
  });

  const post = async (
    headers: Record<string, string>,
    body: object = issueBody(),
    url = API,
  ): Promise<Response> =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** Registers a client-credentials client and returns openid-client's view of it. */
  async function register(
    clientId: string,
    options: { scope?: string; organisationId?: string },
  ): Promise<client.Configuration> {
    const { clientSecret } = await app.oidc.clients.create(systemActor('test'), {
      clientId,
      name: clientId,
      grantTypes: ['client_credentials'],
      ...options,
    });
    return client.discovery(
      new URL(`${base}/oidc`),
      clientId,
      clientSecret,
      client.ClientSecretBasic(clientSecret),
      insecure,
    );
  }

  async function tokenOf(config: client.Configuration, scope?: string): Promise<string> {
    const cc = await client.clientCredentialsGrant(config, scope === undefined ? {} : { scope });
    tokens.push(cc.access_token);
    return cc.access_token;
  }

  let issuer: client.Configuration;

  before(async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-cc-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      ...FAST_ARGON2,
      DATABASE_URL: database.url,
      ZT_DATA_DIR: dir,
      ZT_PUBLIC_URL: base,
      LOG_LEVEL: 'trace',
    });
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    const log = pino({ level: 'trace' }, stream);
    runtime = await openRuntime(config, log);
    await loadReferenceData(runtime.kernel, log);
    await seedDemoData(runtime.kernel, log, { catalogue: false });
    app = await buildApp({ kernel: runtime.kernel, logStream: stream });
    await app.listen({ port, host: '127.0.0.1' });
    t = {
      app,
      kernel: runtime.kernel,
      restart: () => Promise.reject(new Error('not here')),
      close: () => Promise.reject(new Error('not here')),
    };
    const { items } = await app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
      kind: 'department',
    });
    zzMarket = items.find((o) => o.name === '郑州市市场监督管理局')!.id;
    zzLand = items.find((o) => o.name === '郑州市自然资源和规划局')!.id;
    issuer = await register('zz-market-system', {
      scope: 'certificates:issue',
      organisationId: zzMarket,
    });
  });

  after(async () => {
    await app.close();
    await runtime.close();
    await dropDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('issues with scope certificates:issue for its own organisation: 201, valid, audited as the client', async () => {
    const token = await tokenOf(issuer, 'certificates:issue');
    const res = await post(bearer(token));
    assert.equal(res.status, 201, await res.clone().text());
    const licence = (await res.json()) as Certificate;
    assert.equal(licence.issuerName, '郑州市市场监督管理局');
    assert.equal(licence.state, 'valid');

    const v = (await (
      await fetch(`${base}${API}/verify/${licence.identifier}`)
    ).json()) as Verification;
    assert.equal(v.status, 'valid');
    assert.equal(v.issuer?.organisationName, '郑州市市场监督管理局');

    const audit = await runtime.kernel.db.pool.query<{ actor_id: string; actor_kind: string }>(
      `SELECT actor_id, actor_kind FROM audit_log WHERE action = 'certificates.issue' AND target_id = $1`,
      [licence.id],
    );
    assert.deepEqual(audit.rows, [{ actor_id: 'client:zz-market-system', actor_kind: 'client' }]);
  });

  it('the seeded demo department system issues for 郑州市市场监督管理局', async () => {
    const demo = await client.discovery(
      new URL(`${base}/oidc`),
      'demo-department-system',
      'demo-department-secret',
      client.ClientSecretBasic('demo-department-secret'),
      insecure,
    );
    const res = await post(bearer(await tokenOf(demo, 'certificates:issue')));
    assert.equal(res.status, 201, await res.clone().text());
  });

  it('a token without the scope → 403 insufficient-scope', async () => {
    const res = await post(bearer(await tokenOf(issuer)));
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Problem).code, 'insufficient-scope');
  });

  it('a client whose registration does not name the scope gets no use of it', async () => {
    // the provider lets a client without a registered scope ask for any scope; the API does not
    const unscoped = await register('zz-unscoped-system', { organisationId: zzMarket });
    const token = await tokenOf(unscoped, 'certificates:issue');
    const res = await post(bearer(token));
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Problem).code, 'insufficient-scope');
  });

  it('the provider refuses the scope to a client registered for other scopes', async () => {
    const narrow = await register('zz-narrow-system', { scope: 'openid' });
    await assert.rejects(client.clientCredentialsGrant(narrow, { scope: 'certificates:issue' }));
  });

  it('a client bound to another organisation → 403 wrong-issuer, and issues nothing', async () => {
    const land = await register('zz-land-system', {
      scope: 'certificates:issue',
      organisationId: zzLand,
    });
    const token = await tokenOf(land, 'certificates:issue');
    const res = await post(bearer(token));
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Problem).code, 'wrong-issuer');
    const count = await runtime.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_id = 'client:zz-land-system'`,
    );
    assert.equal(count.rows[0]?.n, 0);
  });

  it('a bogus, malformed, revoked or expired token → 401 invalid-token with the Bearer challenge', async () => {
    const expectInvalid = async (headers: Record<string, string>, why: string) => {
      const res = await post(headers);
      assert.equal(res.status, 401, why);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer error="invalid_token"', why);
      assert.match(String(res.headers.get('content-type')), /problem\+json/, why);
      assert.equal(((await res.json()) as Problem).code, 'invalid-token', why);
    };
    await expectInvalid(bearer('bogus-token-that-was-never-issued'), 'bogus');
    await expectInvalid({ authorization: 'Bearer two words' }, 'malformed');

    const revoked = await tokenOf(issuer, 'certificates:issue');
    await client.tokenRevocation(issuer, revoked);
    await expectInvalid(bearer(revoked), 'revoked');

    // the TTL (10 minutes) has passed: the provider's own expiry check refuses it
    const expired = await tokenOf(issuer, 'certificates:issue');
    const updated = await runtime.kernel.db.pool.query(
      `UPDATE oidc_payload SET payload = jsonb_set(payload, '{exp}', to_jsonb(extract(epoch FROM now())::int - 1))
        WHERE model = 'ClientCredentials' AND id = $1`,
      [expired],
    );
    assert.equal(updated.rowCount, 1, 'the opaque token is the id of its row');
    await expectInvalid(bearer(expired), 'expired');

    const ofDisabled = await register('zz-disabled-system', {
      scope: 'certificates:issue',
      organisationId: zzMarket,
    });
    const token = await tokenOf(ofDisabled, 'certificates:issue');
    await app.oidc.clients.disable(systemActor('test'), 'zz-disabled-system');
    await expectInvalid(bearer(token), 'client disabled');
  });

  it('a session cookie wins: the Authorization header is not looked at', async () => {
    const valid = await tokenOf(issuer, 'certificates:issue');
    const approver = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
    const window = await loginCookie(t, 'zz-window', DEMO_STAFF_PASSWORD);
    const byApprover = await post({ cookie: approver, ...bearer('bogus-token') });
    assert.equal(byApprover.status, 201, 'the approver issues; the bogus token is ignored');
    const byWindow = await post({ cookie: window, ...bearer(valid) });
    assert.equal(byWindow.status, 403, 'a window officer does not issue with a client’s token');
    assert.equal(((await byWindow.json()) as Problem).code, 'not-issuer');
  });

  it('is nobody elsewhere: routes that do not accept clients treat the token as absent', async () => {
    const valid = bearer(await tokenOf(issuer, 'certificates:issue'));
    for (const url of ['/api/v1/identity/me', `${API}/mine`, '/api/v1/identity/oidc-clients']) {
      const res = await fetch(`${base}${url}`, { headers: valid });
      assert.equal(res.status, 401, url);
      assert.equal(((await res.json()) as Problem).code, 'unauthenticated', url);
    }
    // and a bogus token there is no different from none
    const me = await fetch(`${base}/api/v1/identity/me`, { headers: bearer('bogus') });
    assert.equal(me.status, 401);
    assert.equal(me.headers.get('www-authenticate'), null);
  });

  it('never logs a token', () => {
    assert.ok(tokens.length >= 8);
    const logged = logLines.join('');
    assert.ok(logged.includes('"url":"/api/v1/certificates"'), 'the requests were logged');
    for (const token of tokens) assert.ok(!logged.includes(token), 'a token is in the log');
  });
});
