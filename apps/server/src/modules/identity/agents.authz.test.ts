import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../../test-support/app.js';
import type { EnterpriseCreated, Problem } from '@zhengtong/contracts';
import type { TestApp } from '../../test-support/app.js';
import {
  createPerson,
  createStaff,
  loginAs,
  makeCreditCodeFor,
  type TestPerson,
  FAST_ARGON2,
} from '../../test-support/identity.js';
import type { Agent, AgentList } from './admin-schemas.js';

describe('enterprise agents authorization', () => {
  let t: TestApp;
  let rep: TestPerson;
  let agent: TestPerson;
  let other: TestPerson;
  const cookie: Record<string, string> = {};
  let enterpriseId: string;
  const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    rep = await createPerson(t, { name: '法人甲' });
    agent = await createPerson(t, { name: '经办人乙' });
    other = await createPerson(t, { name: '路人丙' });
    cookie.rep = await loginAs(t, rep);
    cookie.agent = await loginAs(t, agent);
    cookie.other = await loginAs(t, other);
    const staff = await createStaff(t, { roles: ['provinceAdmin'] });
    cookie.staff = await loginAs(t, staff);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/register/enterprise',
      headers: { cookie: cookie.rep },
      payload: { name: '河南示例科技有限公司', creditCode: makeCreditCodeFor('410100') },
    });
    assert.equal(res.statusCode, 201, res.body);
    enterpriseId = res.json<EnterpriseCreated>().id;
  });
  after(() => t.close());

  const url = (suffix = '') => `/api/v1/identity/enterprises/${enterpriseId}/agents${suffix}`;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    u: string,
    c?: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: u,
      ...(c ? { headers: { cookie: c } } : {}),
      ...(payload ? { payload } : {}),
    });

  it('outsiders see no enterprise: anonymous 401, others 404', async () => {
    assert.equal((await call('GET', url())).statusCode, 401);
    for (const who of ['other', 'agent', 'staff']) {
      const res = await call('GET', url(), cookie[who]);
      assert.equal(res.statusCode, 404, who);
      assert.equal(res.json<Problem>().code, 'enterprise-not-found');
    }
    const res = await call('POST', url(), cookie.other, {
      phone: agent.phone,
      scope: ['apply'],
      expiresAt: inAYear(),
    });
    assert.equal(res.statusCode, 404);
  });

  it('the legal representative authorises by ID number; unknown people get a neutral 404', async () => {
    const unknown = await call('POST', url(), cookie.rep, {
      phone: '13000000000',
      scope: ['apply'],
      expiresAt: inAYear(),
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<Problem>().code, 'person-not-found');
    const tooLong = await call('POST', url(), cookie.rep, {
      idNumber: agent.idNumber,
      scope: ['apply'],
      expiresAt: new Date(Date.now() + 4 * 365 * 86_400_000).toISOString(),
    });
    assert.equal(tooLong.statusCode, 403);
    const res = await call('POST', url(), cookie.rep, {
      idNumber: agent.idNumber,
      scope: ['apply', 'manageAgents'],
      expiresAt: inAYear(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<Agent>();
    assert.equal(created.status, 'active');
    assert.match(created.idNumberMasked ?? '', /\*{4}/);
    assert.equal(
      (
        await call('POST', url(), cookie.rep, {
          phone: agent.phone,
          scope: ['apply'],
          expiresAt: inAYear(),
        })
      ).statusCode,
      409,
    );
    const audited = await t.kernel.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'identity.agent.authorise' AND target_id = $1`,
      [enterpriseId],
    );
    assert.equal(audited.rows[0]?.n, 1);
  });

  it('an agent with manageAgents passes on only what it holds, and not to itself', async () => {
    const list = await call('GET', url(), cookie.agent);
    assert.equal(list.statusCode, 200, list.body);
    const mine = list.json<AgentList>().items.find((a) => a.personAccountId === agent.accountId);
    assert.ok(mine);
    const wider = await call('POST', url(), cookie.agent, {
      phone: other.phone,
      scope: ['viewCertificates'],
      expiresAt: inAYear(),
    });
    assert.equal(wider.statusCode, 403);
    assert.equal(
      (
        await call('PATCH', url(`/${mine.id}`), cookie.agent, {
          scope: ['apply', 'manageAgents', 'viewCertificates'],
        })
      ).statusCode,
      403,
    );
    const ok = await call('POST', url(), cookie.agent, {
      phone: other.phone,
      scope: ['apply'],
      expiresAt: inAYear(),
    });
    assert.equal(ok.statusCode, 201, ok.body);
    // the new agent holds no manageAgents: it manages nothing
    assert.equal((await call('GET', url(), cookie.other)).statusCode, 403);
    const revoked = await call('DELETE', url(`/${ok.json<Agent>().id}`), cookie.agent);
    assert.equal(revoked.statusCode, 204);
  });

  it('a revoked or expired agent can no longer act for the enterprise', async () => {
    const list = (await call('GET', url(), cookie.rep)).json<AgentList>();
    const mine = list.items.find((a) => a.personAccountId === agent.accountId);
    assert.ok(mine);
    // expired: set in the past directly (the API refuses past expiries)
    await t.kernel.db.pool.query(
      `UPDATE enterprise_agent SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [mine.id],
    );
    assert.equal((await call('GET', url(), cookie.agent)).statusCode, 404);
    const actAs = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/acting-for',
      headers: { cookie: cookie.agent! },
      payload: { enterpriseId },
    });
    assert.equal(actAs.statusCode, 404);
    // renewed by the legal representative, then revoked
    const renewed = await call('PATCH', url(`/${mine.id}`), cookie.rep, { expiresAt: inAYear() });
    assert.equal(renewed.statusCode, 200, renewed.body);
    assert.equal((await call('GET', url(), cookie.agent)).statusCode, 200);
    assert.equal((await call('DELETE', url(`/${mine.id}`), cookie.rep)).statusCode, 204);
    assert.equal((await call('GET', url(), cookie.agent)).statusCode, 404);
    assert.equal((await call('DELETE', url(`/${mine.id}`), cookie.rep)).statusCode, 409);
    const all = (await call('GET', url('?all=true'), cookie.rep)).json<AgentList>();
    assert.equal(all.items.find((a) => a.id === mine.id)?.status, 'revoked');
  });
});
