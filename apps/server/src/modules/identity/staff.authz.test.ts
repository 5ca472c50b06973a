import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test-support/app.js';
import type { Problem } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import type { TestApp } from '../../test-support/app.js';
import {
  createStaff,
  loginAs,
  loginCookie,
  type TestStaff,
  FAST_ARGON2,
} from '../../test-support/identity.js';
import type { StaffDetail, StaffList } from './admin-schemas.js';

const STAFF = '/api/v1/identity/staff';

describe('staff administration authorization', () => {
  let t: TestApp;
  const org: Record<string, string> = {};
  const who: Record<string, TestStaff> = {};
  const cookie: Record<string, string> = {};

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const system = systemActor('test');
    for (const [key, region, name] of [
      ['zzMarket', '410100', '郑州市市场监督管理局'],
      ['zzHrss', '410100', '郑州市人力资源和社会保障局'],
      ['lyMarket', '410300', '洛阳市市场监督管理局'],
      ['province', '410000', '河南省大数据管理局'],
    ] as const) {
      const { items } = await t.app.directory.listOrganisations(system, { region, subtree: false });
      const found = items.find((o) => o.name === name);
      assert.ok(found, name);
      org[key] = found.id;
    }
    const make = async (key: string, roles: string[], o: string, jurisdiction?: string) => {
      who[key] = await createStaff(t, {
        roles,
        organisationId: org[o]!,
        ...(jurisdiction ? { jurisdiction } : {}),
      });
      cookie[key] = await loginAs(t, who[key]);
    };
    await make('zzOfficer', ['windowOfficer'], 'zzMarket');
    await make('zzApprover', ['approver'], 'zzMarket');
    await make('zzHrssOfficer', ['windowOfficer'], 'zzHrss');
    await make('lyOfficer', ['windowOfficer'], 'lyMarket');
    await make('zzDept', ['departmentAdmin'], 'zzMarket');
    await make('lyDept', ['departmentAdmin'], 'lyMarket');
    await make('province', ['provinceAdmin'], 'province');
    await make('security', ['securityAdmin'], 'province');
    await make('system', ['systemAdmin'], 'province');
    await make('audit', ['auditAdmin'], 'province');
  });
  after(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, c?: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(c ? { headers: { cookie: c } } : {}),
      ...(payload ? { payload } : {}),
    });
  const status = async (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    c?: string,
    payload?: object,
  ) => {
    const res = await call(method, url, c, payload);
    if (res.statusCode >= 400) {
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
    return res.statusCode;
  };
  const list = async (c: string, query = '') => {
    const res = await call('GET', `${STAFF}?limit=200${query}`, c);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<StaffList>();
  };

  it('a 洛阳 admin lists nobody from 郑州, a 郑州 dept admin only its own organisation', async () => {
    const ly = await list(cookie.lyDept!);
    assert.ok(ly.items.length > 0);
    assert.ok(
      ly.items.every((s) => s.jurisdiction === '410300' || s.jurisdiction.startsWith('4103')),
    );
    assert.ok(!ly.items.some((s) => s.accountId === who.zzOfficer!.accountId));
    const zz = await list(cookie.zzDept!);
    const ids = zz.items.map((s) => s.accountId);
    assert.ok(ids.includes(who.zzOfficer!.accountId));
    assert.ok(!ids.includes(who.zzHrssOfficer!.accountId), 'another organisation');
    assert.ok(!ids.includes(who.lyOfficer!.accountId), 'another city');
    assert.ok(zz.items.every((s) => s.organisationId === org.zzMarket));
    // asking for another organisation gives nothing rather than widening the filter
    assert.equal((await list(cookie.zzDept!, `&organisationId=${org.zzHrss}`)).total, 0);
    const all = await list(cookie.province!);
    assert.ok(all.items.some((s) => s.accountId === who.lyOfficer!.accountId));
    assert.ok(all.items.some((s) => s.accountId === who.zzOfficer!.accountId));
  });

  it('a 洛阳 admin fetching a 郑州 record gets 404, as for an id that does not exist', async () => {
    const res = await call('GET', `${STAFF}/${who.zzOfficer!.accountId}`, cookie.lyDept);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<Problem>().code, 'staff-not-found');
    const none = await call('GET', `${STAFF}/0190a1b2-0000-7000-8000-000000000000`, cookie.lyDept);
    assert.equal(none.statusCode, 404);
    assert.equal(none.json<Problem>().detail, res.json<Problem>().detail);
    assert.equal(await status('GET', `${STAFF}/${who.zzOfficer!.accountId}`, cookie.zzDept), 200);
    assert.equal(
      await status('GET', `${STAFF}/${who.zzHrssOfficer!.accountId}`, cookie.zzDept),
      404,
    );
  });

  it('a 洛阳 officer lists nothing and fetches nothing: not an admin', async () => {
    assert.equal(await status('GET', STAFF, cookie.lyOfficer), 403);
    assert.equal(
      await status('GET', `${STAFF}/${who.zzOfficer!.accountId}`, cookie.lyOfficer),
      403,
    );
    assert.equal(
      await status('GET', `${STAFF}/${who.lyOfficer!.accountId}`, cookie.lyOfficer),
      200,
    );
  });

  it('anonymous callers get 401 everywhere', async () => {
    const id = who.zzOfficer!.accountId;
    assert.equal(await status('GET', STAFF), 401);
    assert.equal(await status('GET', `${STAFF}/${id}`), 401);
    assert.equal(
      await status('POST', `${STAFF}/${id}/roles`, undefined, { role: 'approver' }),
      401,
    );
    assert.equal(await status('DELETE', `${STAFF}/${id}/roles/windowOfficer`), 401);
    assert.equal(await status('POST', `${STAFF}/${id}/unlock`), 401);
    assert.equal(await status('POST', `${STAFF}/${id}/disable`), 401);
  });

  it('an admin session without the second factor holds no admin power', async () => {
    const noMfa = await createStaff(t, {
      roles: ['provinceAdmin'],
      organisationId: org.province!,
      totp: false,
    });
    const c = await loginCookie(t, noMfa.username, noMfa.password);
    assert.equal(await status('GET', STAFF, c), 403);
  });

  it('grants: dept admin in its organisation, not beyond; audited in the chain', async () => {
    const id = who.zzOfficer!.accountId;
    const res = await call('POST', `${STAFF}/${id}/roles`, cookie.zzDept, { role: 'approver' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json<StaffDetail>().roles, ['approver', 'windowOfficer']);
    const audit = await t.kernel.db.pool.query<{ actor_id: string }>(
      `SELECT actor_id, summary FROM audit_log WHERE action = 'identity.role.grant' AND target_id = $1`,
      [id],
    );
    assert.ok(audit.rows.some((r) => r.actor_id === who.zzDept!.accountId));
    assert.equal(
      await status('POST', `${STAFF}/${who.zzHrssOfficer!.accountId}/roles`, cookie.zzDept, {
        role: 'approver',
      }),
      404,
    );
    assert.equal(
      await status('POST', `${STAFF}/${who.lyOfficer!.accountId}/roles`, cookie.zzDept, {
        role: 'approver',
      }),
      404,
    );
    assert.equal(
      await status('POST', `${STAFF}/${id}/roles`, cookie.zzDept, { role: 'departmentAdmin' }),
      403,
    );
    assert.equal(
      await status('POST', `${STAFF}/${id}/roles`, cookie.zzDept, { role: 'approver' }),
      409,
    );
    assert.equal(
      await status('POST', `${STAFF}/${id}/roles`, cookie.zzDept, {
        role: 'windowOfficer',
        regionCode: '410300',
      }),
      403,
    );
    assert.equal(await status('DELETE', `${STAFF}/${id}/roles/approver`, cookie.zzDept), 200);
    assert.equal(await status('DELETE', `${STAFF}/${id}/roles/approver`, cookie.zzDept), 409);
  });

  it('nobody grants itself a role', async () => {
    for (const key of ['zzDept', 'province', 'security']) {
      const res = await call('POST', `${STAFF}/${who[key]!.accountId}/roles`, cookie[key], {
        role: 'windowOfficer',
      });
      assert.equal(res.statusCode, 403, key);
      assert.equal(res.json<Problem>().code, 'self-administration');
    }
    const refused = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'identity.role.grant.refused'`,
    );
    assert.ok((refused.rows[0]?.n ?? 0) >= 3, 'refused grants are audited');
  });

  it('三员: the security admin grants, the system admin and audit admin do not; they stay apart', async () => {
    const target = await createStaff(t, { organisationId: org.province! });
    const url = `${STAFF}/${target.accountId}/roles`;
    assert.equal(await status('POST', url, cookie.system, { role: 'windowOfficer' }), 403);
    assert.equal(await status('POST', url, cookie.audit, { role: 'windowOfficer' }), 403);
    assert.equal(await status('POST', url, cookie.system, { role: 'securityAdmin' }), 403);
    assert.equal(await status('POST', url, cookie.security, { role: 'auditAdmin' }), 403);
    assert.equal(await status('POST', url, cookie.security, { role: 'securityAdmin' }), 403);
    assert.equal(await status('POST', url, cookie.security, { role: 'systemAdmin' }), 200);
    const res = await call('POST', url, cookie.security, { role: 'provinceAdmin' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json<Problem>().code, 'separation-of-duties');
    // the system admin cannot be made an auditor by anyone either
    assert.equal(
      await status('POST', `${STAFF}/${who.system!.accountId}/roles`, cookie.security, {
        role: 'auditAdmin',
      }),
      403,
    );
    // the security admin can take the system admin role away again, not the audit admin's
    assert.equal(
      await status('DELETE', `${url.slice(0, -6)}/roles/systemAdmin`, cookie.security),
      200,
    );
    assert.equal(
      await status('DELETE', `${STAFF}/${who.audit!.accountId}/roles/auditAdmin`, cookie.security),
      403,
    );
    assert.equal(
      await status(
        'DELETE',
        `${STAFF}/${who.security!.accountId}/roles/securityAdmin`,
        cookie.system,
      ),
      403,
    );
    const held = await t.kernel.db.pool.query(
      `SELECT account_id FROM role_assignment WHERE revoked_at IS NULL
        AND role IN ('systemAdmin','securityAdmin','auditAdmin')
        GROUP BY account_id HAVING count(*) > 1`,
    );
    assert.equal(held.rowCount, 0, 'no account holds two 三员 roles');
  });

  it('creates staff in the jurisdiction only, with a password to change at first login', async () => {
    const body = (o: string, extra: object = {}) => ({
      username: `new${Math.random().toString(36).slice(2, 8)}`,
      name: '新同事',
      organisationId: org[o],
      initialPassword: 'Initial-Pass-2024!',
      roles: ['windowOfficer'],
      ...extra,
    });
    const created = await call('POST', STAFF, cookie.zzDept, body('zzMarket'));
    assert.equal(created.statusCode, 201, created.body);
    const detail = created.json<StaffDetail>();
    assert.equal(detail.mustChangePassword, true);
    assert.deepEqual(detail.roles, ['windowOfficer']);
    assert.equal(detail.jurisdiction, '410100');
    assert.equal(await status('POST', STAFF, cookie.zzDept, body('lyMarket')), 403);
    assert.equal(await status('POST', STAFF, cookie.zzDept, body('zzHrss')), 403);
    assert.equal(await status('POST', STAFF, cookie.lyDept, body('zzMarket')), 403);
    assert.equal(
      await status('POST', STAFF, cookie.zzDept, body('zzMarket', { jurisdiction: '410300' })),
      400,
    );
    assert.equal(
      await status('POST', STAFF, cookie.zzDept, body('zzMarket', { roles: ['departmentAdmin'] })),
      403,
    );
    // the system admin creates accounts but grants no roles; the security admin creates none
    assert.equal(await status('POST', STAFF, cookie.system, body('lyMarket', { roles: [] })), 201);
    assert.equal(await status('POST', STAFF, cookie.system, body('lyMarket')), 403);
    assert.equal(
      await status('POST', STAFF, cookie.security, body('lyMarket', { roles: [] })),
      403,
    );
    assert.equal(await status('POST', STAFF, cookie.audit, body('lyMarket', { roles: [] })), 403);
    const unknown = await call('POST', STAFF, cookie.province, {
      ...body('zzMarket'),
      organisationId: '0190a1b2-0000-7000-8000-000000000000',
    });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(
      unknown.json<Problem>().errors?.map((e) => e.path),
      ['/body/organisationId'],
    );
    // the new account signs in only to change its password
    const first = await loginCookie(t, detail.username, 'Initial-Pass-2024!');
    assert.equal(await status('GET', `${STAFF}/${detail.accountId}`, first), 403);
  });

  it('unlock and disable: within jurisdiction and rank; disabling ends the sessions', async () => {
    const victim = await createStaff(t, {
      roles: ['windowOfficer'],
      organisationId: org.lyMarket!,
    });
    const victimCookie = await loginAs(t, victim);
    const url = `${STAFF}/${victim.accountId}`;
    await t.kernel.db.pool.query(
      `UPDATE account SET locked_until = now() + interval '1 hour', failed_logins = 3 WHERE id = $1`,
      [victim.accountId],
    );
    assert.equal(await status('POST', `${url}/unlock`, cookie.zzDept), 404);
    assert.equal(await status('POST', `${url}/unlock`, cookie.security), 403);
    assert.equal(await status('POST', `${url}/unlock`, cookie.audit), 403);
    const unlocked = await call('POST', `${url}/unlock`, cookie.lyDept);
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    assert.equal(unlocked.json<StaffDetail>().lockedUntil, null);
    assert.equal(await status('POST', `${url}/disable`, cookie.zzDept), 404);
    assert.equal(await status('POST', `${url}/disable`, cookie.lyDept), 200);
    assert.equal((await call('GET', '/api/v1/identity/me', victimCookie)).statusCode, 401);
    assert.equal(await status('POST', `${url}/enable`, cookie.province), 200);
    // rank: a department admin cannot disable a province admin, nobody the 三员 over HTTP
    assert.equal(
      await status('POST', `${STAFF}/${who.province!.accountId}/disable`, cookie.zzDept),
      404,
    );
    assert.equal(
      await status('POST', `${STAFF}/${who.audit!.accountId}/disable`, cookie.system),
      403,
    );
    assert.equal(
      await status('POST', `${STAFF}/${who.security!.accountId}/disable`, cookie.province),
      403,
    );
    assert.equal(
      await status('POST', `${STAFF}/${who.province!.accountId}/disable`, cookie.province),
      403,
    );
    const audited = await t.kernel.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'identity.staff.%'`,
      [victim.accountId],
    );
    assert.deepEqual(audited.rows.map((r) => r.action).sort(), [
      'identity.staff.create',
      'identity.staff.disable',
      'identity.staff.enable',
      'identity.staff.unlock',
    ]);
  });
});
