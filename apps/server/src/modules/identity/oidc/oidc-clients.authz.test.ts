import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../../test-support/app.js';
import { FAST_ARGON2, createPerson, createStaff, loginAs } from '../../../test-support/identity.js';

const URL = '/api/v1/identity/oidc-clients';
const NEW_CLIENT = {
  clientId: 'tax-system',
  name: '税务系统',
  grantTypes: ['client_credentials'],
};

describe('OIDC client administration: system administrators with MFA only', () => {
  let t: TestApp;
  let admin: string;
  let citizen: string;
  let otherAdmin: string;

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    admin = await loginAs(t, await createStaff(t, { roles: ['systemAdmin'] }));
    citizen = await loginAs(t, await createPerson(t));
    const securityAdmin = await createStaff(t, { roles: ['securityAdmin'] });
    otherAdmin = await loginAs(t, securityAdmin);
  });
  after(() => t.close());

  it('anonymous → 401 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: URL });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  });

  it('a citizen or another admin → 403 problem, and creates nothing', async () => {
    for (const cookie of [citizen, otherAdmin]) {
      const list = await t.app.inject({ method: 'GET', url: URL, headers: { cookie } });
      assert.equal(list.statusCode, 403);
      const create = await t.app.inject({
        method: 'POST',
        url: URL,
        headers: { cookie },
        payload: NEW_CLIENT,
      });
      assert.equal(create.statusCode, 403);
      const del = await t.app.inject({
        method: 'DELETE',
        url: `${URL}/demo-portal`,
        headers: { cookie },
      });
      assert.equal(del.statusCode, 403);
    }
  });

  it('the system administrator lists, registers (secret once) and disables clients, audited', async () => {
    const list = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: admin } });
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: { clientId: string }[] }>().items;
    assert.ok(items.some((c) => c.clientId === 'demo-portal'));
    assert.doesNotMatch(list.body, /secret"/i);
    assert.doesNotMatch(list.body, /demo-portal-secret/);

    const created = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: { cookie: admin },
      payload: NEW_CLIENT,
    });
    assert.equal(created.statusCode, 201, created.body);
    const { clientSecret } = created.json<{ clientSecret: string }>();
    assert.ok(clientSecret.length >= 32);

    const again = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: { cookie: admin },
      payload: NEW_CLIENT,
    });
    assert.equal(again.statusCode, 409);

    const basic = `Basic ${Buffer.from(`tax-system:${clientSecret}`).toString('base64')}`;
    const token = () =>
      t.app.inject({
        method: 'POST',
        url: '/oidc/token',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials',
      });
    const ok = await token();
    assert.equal(ok.statusCode, 200, ok.body);

    const stored = await t.kernel.db.pool.query<{ metadata: { client_secret: string } }>(
      `SELECT metadata FROM oidc_client WHERE client_id = 'tax-system'`,
    );
    assert.notEqual(stored.rows[0]?.metadata.client_secret, clientSecret, 'sealed at rest');

    const del = await t.app.inject({
      method: 'DELETE',
      url: `${URL}/tax-system`,
      headers: { cookie: admin },
    });
    assert.equal(del.statusCode, 200, del.body);
    assert.ok(del.json<{ disabledAt: string | null }>().disabledAt);
    assert.equal((await token()).statusCode, 401, 'a disabled client is unknown');

    const audit = await t.kernel.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = 'tax-system' ORDER BY occurred_at`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['identity.oidc-client.create', 'identity.oidc-client.disable'],
    );
  });

  it('refuses bad metadata with a problem naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: { cookie: admin },
      payload: { name: 'x', grantTypes: ['authorization_code'] },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /redirectUris/);
  });

  it('binds a client-credentials client to a department for certificates:issue, validated', async () => {
    const { items } = await t.app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
    });
    const market = items.find((o) => o.name === '郑州市市场监督管理局')!.id;
    const notDepartment = items.find((o) => o.kind !== 'department')!.id;
    const create = (payload: object) =>
      t.app.inject({ method: 'POST', url: URL, headers: { cookie: admin }, payload });
    const machine = { name: '市场监管业务系统', grantTypes: ['client_credentials'] };

    for (const [payload, field] of [
      [{ ...machine, scope: 'certificates:issue' }, 'organisationId'],
      [
        { ...machine, scope: 'certificates:issue', organisationId: notDepartment },
        'organisationId',
      ],
      [
        { ...machine, scope: 'certificates:issue', organisationId: crypto.randomUUID() },
        'organisationId',
      ],
      [
        {
          name: 'portal',
          grantTypes: ['authorization_code'],
          redirectUris: ['https://portal.example/cb'],
          scope: 'openid certificates:issue',
          organisationId: market,
        },
        'scope',
      ],
    ] as const) {
      const res = await create(payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res
          .json<{ errors?: { path: string }[] }>()
          .errors?.some((e) => e.path === `/body/${field}`),
        res.body,
      );
    }

    const res = await create({
      ...machine,
      clientId: 'zz-market-system',
      scope: 'certificates:issue',
      organisationId: market,
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<{ organisationId: string | null; scope: string | null }>();
    assert.equal(created.organisationId, market);
    assert.equal(created.scope, 'certificates:issue');
    const list = await t.app.inject({ method: 'GET', url: URL, headers: { cookie: admin } });
    const listed = list
      .json<{ items: { clientId: string; organisationId: string | null }[] }>()
      .items.find((c) => c.clientId === 'zz-market-system');
    assert.equal(listed?.organisationId, market);
  });
});
