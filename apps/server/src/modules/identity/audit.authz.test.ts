import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test-support/app.js';
import type { TestApp } from '../../test-support/app.js';
import { createPerson, createStaff, loginAs, FAST_ARGON2 } from '../../test-support/identity.js';
import type { AuditPage, AuditVerifyReport } from './admin-schemas.js';

describe('audit read authorization', () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  let officerId = '';

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    for (const role of ['auditAdmin', 'securityAdmin', 'systemAdmin', 'provinceAdmin']) {
      cookie[role] = await loginAs(t, await createStaff(t, { roles: [role] }));
    }
    const officer = await createStaff(t, { roles: ['windowOfficer'], jurisdiction: '410000' });
    officerId = officer.accountId;
    cookie.windowOfficer = await loginAs(t, officer);
    cookie.citizen = await loginAs(t, await createPerson(t));
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, c?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(c ? { headers: { cookie: c } } : {}),
      ...(payload ? { payload } : {}),
    });

  it('only the audit admin reads the records and verifies the chain', async () => {
    const page = await call(
      'GET',
      '/api/v1/audit/records?limit=5&action=identity.',
      cookie.auditAdmin,
    );
    assert.equal(page.statusCode, 200, page.body);
    const body = page.json<AuditPage>();
    assert.ok(body.items.length > 0 && body.items.every((r) => r.action.startsWith('identity.')));
    assert.ok(body.nextBefore !== null);
    const next = await call(
      'GET',
      `/api/v1/audit/records?limit=5&before=${body.nextBefore}`,
      cookie.auditAdmin,
    );
    assert.ok(next.json<AuditPage>().items.every((r) => r.seq < (body.nextBefore ?? 0)));
    const verify = await call('POST', '/api/v1/audit/verify', cookie.auditAdmin);
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(verify.json<AuditVerifyReport>().ok, true);
    for (const who of [
      'securityAdmin',
      'systemAdmin',
      'provinceAdmin',
      'windowOfficer',
      'citizen',
    ]) {
      assert.equal((await call('GET', '/api/v1/audit/records', cookie[who])).statusCode, 403, who);
      assert.equal((await call('POST', '/api/v1/audit/verify', cookie[who])).statusCode, 403, who);
    }
    assert.equal((await call('GET', '/api/v1/audit/records')).statusCode, 401);
    assert.equal((await call('POST', '/api/v1/audit/verify')).statusCode, 401);
  });

  it('the audit admin changes nothing through any write endpoint', async () => {
    const c = cookie.auditAdmin;
    const staff = '/api/v1/identity/staff';
    const calls: ['POST' | 'DELETE', string, object | undefined][] = [
      [
        'POST',
        staff,
        {
          username: 'auditmade',
          name: '某',
          organisationId: '0190a1b2-0000-7000-8000-000000000000',
          initialPassword: 'Initial-Pass-2024!',
          roles: [],
        },
      ],
      ['POST', `${staff}/${officerId}/roles`, { role: 'approver' }],
      ['DELETE', `${staff}/${officerId}/roles/windowOfficer`, undefined],
      ['POST', `${staff}/${officerId}/unlock`, undefined],
      ['POST', `${staff}/${officerId}/disable`, undefined],
      ['POST', `${staff}/${officerId}/enable`, undefined],
      [
        'POST',
        '/api/v1/identity/register/enterprise',
        { name: '审计公司', creditCode: '91410100MA00000000' },
      ],
    ];
    const before = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action NOT LIKE '%.refused' AND actor_id IN (
         SELECT account_id::text FROM role_assignment WHERE role = 'auditAdmin')
         AND action NOT LIKE 'audit.%' AND action NOT LIKE 'identity.login%'
         AND action NOT LIKE 'identity.mfa%'`,
    );
    for (const [method, url, payload] of calls) {
      const res = await call(method, url, c, payload);
      assert.ok(
        [400, 403, 404].includes(res.statusCode),
        `${method} ${url}: ${res.statusCode} ${res.body}`,
      );
      assert.notEqual(res.statusCode, 200);
    }
    const after = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action NOT LIKE '%.refused' AND actor_id IN (
         SELECT account_id::text FROM role_assignment WHERE role = 'auditAdmin')
         AND action NOT LIKE 'audit.%' AND action NOT LIKE 'identity.login%'
         AND action NOT LIKE 'identity.mfa%'`,
    );
    assert.equal(after.rows[0]?.n, before.rows[0]?.n, 'no change was recorded for the audit admin');
  });
});
