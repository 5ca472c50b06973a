import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EnterpriseCreated, Problem } from '@zhengtong/contracts';
import { systemActor, type Actor } from '../../kernel/actor.js';
import { DomainError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  FAST_ARGON2,
  createPerson,
  createStaff,
  loginAs,
  loginCookie,
  makeCreditCodeFor,
} from '../../test-support/identity.js';

const API = '/api/v1/identity';

describe('identity authorization', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
  });
  after(() => t.close());

  const req = (method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${API}${url}`,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload ? { payload } : {}),
    });
  const sql = (text: string, values: unknown[] = []) => t.kernel.db.pool.query(text, values);
  const actorOf = (cookie: string) =>
    t.app.identity.actorForToken(cookie.slice('zt_session='.length));
  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'ok';
    } catch (err) {
      assert.ok(err instanceof DomainError, String(err));
      return `${err.status} ${err.code}`;
    }
  };

  it('refuses anonymous callers on every signed-in endpoint with 401', async () => {
    const calls: [string, object | undefined][] = [
      ['/register/enterprise', { name: '某公司', creditCode: makeCreditCodeFor() }],
      ['/logout-all', undefined],
      ['/acting-for', { enterpriseId: null }],
      ['/mfa/totp', undefined],
      ['/mfa/totp/confirm', { otp: '123456' }],
      ['/password', { currentPassword: 'x', newPassword: 'y' }],
    ];
    for (const [url, payload] of calls) {
      const res = await req('POST', url, undefined, payload);
      assert.equal(res.statusCode, 401, `${url}: ${res.body}`);
    }
    assert.equal((await req('GET', '/me')).statusCode, 401);
    // logging out without a session is harmless
    assert.equal((await req('POST', '/logout')).statusCode, 204);
  });

  it('lets only a person register an enterprise', async () => {
    const staff = await createStaff(t, { roles: ['windowOfficer'] });
    const res = await req('POST', '/register/enterprise', await loginAs(t, staff), {
      name: '某公司',
      creditCode: makeCreditCodeFor(),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json<Problem>().code, 'person-required');
  });

  describe('acting for an enterprise', () => {
    let owner: string;
    let enterpriseId: string;
    before(async () => {
      const p = await createPerson(t);
      owner = p.accountId;
      const cookie = await loginAs(t, p);
      const res = await req('POST', '/register/enterprise', cookie, {
        name: '郑州授权测试有限公司',
        creditCode: makeCreditCodeFor(),
      });
      enterpriseId = res.json<EnterpriseCreated>().id;
    });
    const addAgent = async (person: string, expires: string, revoked = false) =>
      sql(
        `INSERT INTO enterprise_agent (id, enterprise_id, person_account_id, scope, expires_at, granted_by, revoked_at)
         VALUES ($1, $2, $3, $4, now() + $5::interval, $6, ${revoked ? 'now()' : 'NULL'})`,
        [newId(), enterpriseId, person, ['applications'], expires, owner],
      );

    it('gives an outsider the same 404 as an enterprise that does not exist', async () => {
      const outsider = await loginAs(t, await createPerson(t));
      const theirs = await req('POST', '/acting-for', outsider, { enterpriseId });
      const none = await req('POST', '/acting-for', outsider, { enterpriseId: newId() });
      assert.equal(theirs.statusCode, 404);
      assert.equal(none.statusCode, 404);
      assert.equal(theirs.json<Problem>().code, none.json<Problem>().code);
      assert.equal(theirs.json<Problem>().detail, none.json<Problem>().detail);
    });

    it('lets an unexpired agent act with its scope, not an expired or revoked one', async () => {
      const agent = await createPerson(t);
      const expired = await createPerson(t);
      const revoked = await createPerson(t);
      await addAgent(agent.accountId, '30 days');
      await addAgent(expired.accountId, '-1 day');
      await addAgent(revoked.accountId, '30 days', true);

      const cookie = await loginAs(t, agent);
      const res = await req('POST', '/acting-for', cookie, { enterpriseId });
      assert.equal(res.statusCode, 200, res.body);
      const actor = await actorOf(cookie);
      assert.equal(actor.kind, 'enterprise');
      assert.deepEqual(actor.actingFor, { enterpriseId, scope: ['applications'] });

      for (const who of [expired, revoked]) {
        const c = await loginAs(t, who);
        assert.equal((await req('POST', '/acting-for', c, { enterpriseId })).statusCode, 404);
      }

      // revoking the agent mid-session stops the acting at once
      await sql('UPDATE enterprise_agent SET revoked_at = now() WHERE person_account_id = $1', [
        agent.accountId,
      ]);
      const after = await actorOf(cookie);
      assert.equal(after.kind, 'person');
      assert.equal(after.actingFor, undefined);
    });

    it('does not let staff act for an enterprise', async () => {
      const staff = await createStaff(t, { roles: ['approver'] });
      const res = await req('POST', '/acting-for', await loginAs(t, staff), { enterpriseId });
      assert.equal(res.statusCode, 404);
    });
  });

  it('turns a session of a disabled account anonymous', async () => {
    const p = await createPerson(t);
    const cookie = await loginAs(t, p);
    await sql("UPDATE account SET status = 'disabled' WHERE id = $1", [p.accountId]);
    assert.equal((await req('GET', '/me', cookie)).statusCode, 401);
    const login = await req('POST', '/login', undefined, {
      username: p.phone,
      password: p.password,
    });
    assert.equal(login.statusCode, 401);
    assert.equal(login.json<Problem>().code, 'invalid-credentials');
  });

  describe('creating staff accounts', () => {
    const input = (organisationId: string, extra: object = {}) => ({
      username: `new${newId().slice(-8)}`,
      name: '新同事',
      password: 'New-Staff-2024!',
      organisationId,
      ...extra,
    });

    it('the system may; a citizen or a window officer may not', async () => {
      const system = systemActor('test');
      const { items } = await t.app.directory.listOrganisations(system, { region: '410100' });
      const org = items[0]!.id;
      assert.equal(await code(t.app.identity.createStaffAccount(system, input(org))), 'ok');
      for (const who of [
        await loginAs(t, await createPerson(t)),
        await loginAs(t, await createStaff(t, { roles: ['windowOfficer'] })),
      ]) {
        const actor = await actorOf(who);
        assert.equal(
          await code(t.app.identity.createStaffAccount(actor, input(org))),
          '403 staff-admin-required',
        );
      }
    });

    it('a department admin only for its own organisation and only without roles', async () => {
      const system = systemActor('test');
      const zz = (await t.app.directory.listOrganisations(system, { region: '410100' })).items;
      const ly = (await t.app.directory.listOrganisations(system, { region: '410300' })).items;
      const admin = await createStaff(t, { roles: ['departmentAdmin'], organisationId: zz[0]!.id });
      const actor = await actorOf(await loginAs(t, admin));
      assert.equal(actor.mfa, true);
      assert.equal(await code(t.app.identity.createStaffAccount(actor, input(zz[0]!.id))), 'ok');
      assert.equal(
        await code(t.app.identity.createStaffAccount(actor, input(zz[1]!.id))),
        '403 staff-admin-required',
      );
      assert.equal(
        await code(t.app.identity.createStaffAccount(actor, input(ly[0]!.id))),
        '403 staff-admin-required',
      );
      assert.equal(
        await code(
          t.app.identity.createStaffAccount(actor, input(zz[0]!.id, { roles: ['approver'] })),
        ),
        '403 roles-need-grant',
      );
    });

    it('an admin whose session skipped the second factor may not', async () => {
      const system = systemActor('test');
      const { items } = await t.app.directory.listOrganisations(system, { region: '410000' });
      const admin = await createStaff(t, { roles: ['systemAdmin'], totp: false });
      const actor: Actor = await actorOf(await loginCookie(t, admin.username, admin.password));
      assert.equal(actor.limitedTo, 'mfa-enrolment');
      assert.equal(
        await code(t.app.identity.createStaffAccount(actor, input(items[0]!.id))),
        '403 mfa-required',
      );
    });
  });
});
