import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Seal, SealList } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  FAST_ARGON2,
  createPerson,
  createStaff,
  loginAs,
  loginCookie,
} from '../../test-support/identity.js';
import { DEMO_STAFF_PASSWORD } from '../identity/demo-accounts.js';

const ADMIN = '/api/v1/certificates/admin/seals';

// Who may manage seals: the province admin anywhere in their jurisdiction, a department admin
// for their own organisation; another department's admin sees nothing (404), a citizen or an
// officer without an admin role is forbidden, an anonymous caller must sign in.
describe('seal administration: who may', () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const org: Record<string, string> = {};

  const call = (who: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload ? { payload } : {}),
    });
  const sealOf = async (organisationId: string) => {
    const { items } = await t.app.certificates.seals.list(systemActor('test'), organisationId);
    const active = items.find((s) => s.status === 'active');
    assert.ok(active);
    return active;
  };

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const system = systemActor('test');
    for (const [key, region, name] of [
      ['zz', '410100', '郑州市市场监督管理局'],
      ['ly', '410300', '洛阳市市场监督管理局'],
    ] as const) {
      const { items } = await t.app.directory.listOrganisations(system, {
        region,
        kind: 'department',
      });
      org[key] = items.find((o) => o.name === name)!.id;
    }
    const zzAdmin = await createStaff(t, { roles: ['departmentAdmin'], organisationId: org.zz });
    const lyAdmin = await createStaff(t, { roles: ['departmentAdmin'], organisationId: org.ly });
    const province = await createStaff(t, { roles: ['provinceAdmin'], jurisdiction: '410000' });
    cookie.zzAdmin = await loginAs(t, zzAdmin);
    cookie.lyAdmin = await loginAs(t, lyAdmin);
    cookie.province = await loginAs(t, province);
    cookie.citizen = await loginAs(t, await createPerson(t));
    cookie.approver = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
  });
  after(() => t.close());

  it('lists: own organisation for a department admin, the jurisdiction for the province', async () => {
    const zz = (await call('zzAdmin', 'GET', ADMIN)).json<SealList>();
    assert.ok(zz.items.length > 0);
    assert.ok(zz.items.every((s) => s.organisationId === org.zz));
    const province = (await call('province', 'GET', ADMIN)).json<SealList>();
    assert.ok(province.items.some((s) => s.organisationId === org.ly));
    assert.ok(province.items.some((s) => s.organisationId === org.zz));
    const other = await call('lyAdmin', 'GET', `${ADMIN}?organisationId=${org.zz}`);
    assert.equal(other.statusCode, 200);
    assert.deepEqual(other.json<SealList>().items, []);
    for (const item of [...zz.items, ...province.items]) {
      assert.equal('privateKeySealed' in item, false);
    }
  });

  it('refuses citizens and officers (403) and anonymous callers (401)', async () => {
    assert.equal((await call(undefined, 'GET', ADMIN)).statusCode, 401);
    assert.equal((await call('citizen', 'GET', ADMIN)).statusCode, 403);
    assert.equal((await call('approver', 'GET', ADMIN)).statusCode, 403);
    const seal = await sealOf(org.zz!);
    assert.equal((await call('citizen', 'POST', `${ADMIN}/${seal.id}/suspend`)).statusCode, 403);
    assert.equal((await call(undefined, 'POST', `${ADMIN}/${seal.id}/suspend`)).statusCode, 401);
  });

  it('another department’s admin learns nothing (404) and changes nothing', async () => {
    const seal = await sealOf(org.zz!);
    for (const verb of ['suspend', 'resume', 'rotate']) {
      const res = await call('lyAdmin', 'POST', `${ADMIN}/${seal.id}/${verb}`);
      assert.equal(res.statusCode, 404, `${verb}: ${res.body}`);
    }
    const revoke = await call('lyAdmin', 'POST', `${ADMIN}/${seal.id}/revoke`, {
      reason: '越权吊销',
    });
    assert.equal(revoke.statusCode, 404);
    const create = await call('lyAdmin', 'POST', ADMIN, {
      organisationId: org.zz,
      name: '越权印章',
    });
    assert.equal(create.statusCode, 404);
    assert.equal((await sealOf(org.zz!)).id, seal.id, 'unchanged');
  });

  it('the department admin suspends, resumes, rotates and revokes their own seal', async () => {
    const seal = await sealOf(org.zz!);
    const suspended = (await call('zzAdmin', 'POST', `${ADMIN}/${seal.id}/suspend`)).json<Seal>();
    assert.equal(suspended.status, 'suspended');
    assert.equal((await call('zzAdmin', 'POST', `${ADMIN}/${seal.id}/suspend`)).statusCode, 409);
    // with the seal suspended the organisation may get another one … which blocks resuming
    const second = await call('zzAdmin', 'POST', ADMIN, { organisationId: org.zz, name: '备用章' });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal((await call('zzAdmin', 'POST', `${ADMIN}/${seal.id}/resume`)).statusCode, 409);
    const spare = second.json<Seal>();
    const revoked = await call('zzAdmin', 'POST', `${ADMIN}/${spare.id}/revoke`, {
      reason: '备用章停用',
    });
    assert.equal(revoked.json<Seal>().status, 'revoked');
    assert.equal(revoked.json<Seal>().revokeReason, '备用章停用');
    const resumed = (await call('zzAdmin', 'POST', `${ADMIN}/${seal.id}/resume`)).json<Seal>();
    assert.equal(resumed.status, 'active');
    const rotated = await call('province', 'POST', `${ADMIN}/${seal.id}/rotate`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.notEqual(rotated.json<Seal>().id, seal.id);
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/certificates/seals' });
    assert.ok(
      audit.json<SealList>().items.some((s) => s.status === 'revoked'),
      'revoked stays published',
    );
  });
});
