import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { EnterpriseCreated, Prefill, Problem } from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import {
  createPerson,
  createStaff,
  FAST_ARGON2,
  loginAs,
  makeCreditCodeFor,
  type TestPerson,
} from '../../test-support/identity.js';

const API = '/api/v1/applications/prefill';

/** A form asking for the applicant, the enterprise and one thing the applicant writes. */
const IDENTITY_FORM = {
  schema: {
    type: 'object',
    required: ['applicantName', 'reason'],
    properties: {
      applicantName: { type: 'string', title: '申请人姓名', 'x-zt-prefill': 'person.name' },
      idNo: { type: 'string', title: '身份证号', 'x-zt-prefill': 'person.idNumber' },
      contactPhone: { type: 'string', title: '联系电话', 'x-zt-prefill': 'person.phone' },
      enterpriseName: { type: 'string', title: '企业名称', 'x-zt-prefill': 'enterprise.name' },
      creditCode: {
        type: 'string',
        title: '统一社会信用代码',
        'x-zt-prefill': 'enterprise.creditCode',
      },
      representative: {
        type: 'string',
        title: '法定代表人',
        'x-zt-prefill': 'enterprise.legalRepresentative',
      },
      // annotated, but not a text field: never filled
      phoneCount: { type: 'integer', title: '电话数', 'x-zt-prefill': 'person.phone' },
      reason: { type: 'string', title: '申请事由' },
    },
  },
  uiSchema: {},
};

describe('prefill (预填)', () => {
  let t: TestApp;
  let citizen: TestPerson;
  let rep: TestPerson;
  let agent: TestPerson;
  let enterprise: EnterpriseCreated;
  let identityList: string;
  let nameOnlyList: string;
  let plainList: string;
  const cookie: Record<string, string> = {};

  const get = (who: string | undefined, query: string) =>
    t.app.inject({
      method: 'GET',
      url: `${API}?${query}`,
      headers: who ? { cookie: cookie[who]! } : {},
    });
  const prefill = async (who: string, query: string) => {
    const res = await get(who, query);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Prefill>();
  };
  const reveals = async (accountId: string) => {
    const rows = (
      await t.kernel.db.pool.query<{ summary: { purpose?: string } }>(
        "SELECT summary FROM audit_log WHERE action = 'identity.personal-data.view' AND target_id = $1",
        [accountId],
      )
    ).rows;
    // each reveal says it was for a form filled in, not a look at the profile
    assert.ok(
      rows.every((r) => r.summary.purpose === 'prefill'),
      JSON.stringify(rows),
    );
    return rows.length;
  };
  const post = (who: string, url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: cookie[who]! }, payload });

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const organisation = await organisationId(t, '410100', '郑州市市场监督管理局');
    const item = await createTestItem(t, { applicantKinds: ['person', 'enterprise'] });
    identityList = await createPublishedList(
      t,
      item,
      organisation,
      validElements({ form: IDENTITY_FORM }),
    );
    nameOnlyList = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      organisation,
      validElements({
        form: {
          schema: {
            type: 'object',
            properties: {
              applicantName: { type: 'string', title: '姓名', 'x-zt-prefill': 'person.name' },
            },
          },
          uiSchema: {},
        },
      }),
    );
    plainList = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      organisation,
    );

    citizen = await createPerson(t, { name: '王小明' });
    cookie.citizen = await loginAs(t, citizen);
    rep = await createPerson(t, { name: '李法人' });
    cookie.rep = await loginAs(t, rep);
    agent = await createPerson(t, { name: '赵经办' });
    cookie.agent = await loginAs(t, agent);
    cookie.staff = await loginAs(t, await createStaff(t, { roles: ['windowOfficer'] }));

    const registered = await post('rep', '/api/v1/identity/register/enterprise', {
      name: '郑州预填科技有限公司',
      creditCode: makeCreditCodeFor('410100'),
    });
    assert.equal(registered.statusCode, 201, registered.body);
    enterprise = registered.json<EnterpriseCreated>();
    const authorised = await post('rep', `/api/v1/identity/enterprises/${enterprise.id}/agents`, {
      idNumber: agent.idNumber,
      scope: ['apply'],
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    assert.equal(authorised.statusCode, 201, authorised.body);
    for (const who of ['rep', 'agent']) {
      const acting = await post(who, '/api/v1/identity/acting-for', {
        enterpriseId: enterprise.id,
      });
      assert.equal(acting.statusCode, 200, acting.body);
    }
  });
  after(() => t.close());

  it("fills a person's name, ID number and phone, and nothing else", async () => {
    const before = await reveals(citizen.accountId);
    const res = await get('citizen', `listId=${identityList}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json<Prefill>();
    assert.deepEqual(body.formData, {
      applicantName: '王小明',
      idNo: citizen.idNumber,
      contactPhone: citizen.phone,
    });
    // stored as jsonb, the schema's properties come back in an order of PostgreSQL's
    const byField = [...body.fields].sort((a, b) => a.field.localeCompare(b.field));
    assert.deepEqual(byField, [
      { field: 'applicantName', source: 'person.name' },
      { field: 'contactPhone', source: 'person.phone' },
      { field: 'idNo', source: 'person.idNumber' },
    ]);
    assert.equal(await reveals(citizen.accountId), before + 1, 'the reveal is audited');
  });

  it('fills the enterprise a legal representative acts for', async () => {
    const body = await prefill('rep', `listId=${identityList}`);
    assert.deepEqual(body.formData, {
      applicantName: '李法人',
      idNo: rep.idNumber,
      contactPhone: rep.phone,
      enterpriseName: '郑州预填科技有限公司',
      creditCode: enterprise.creditCode,
      representative: '李法人',
    });
  });

  it('gives an agent the enterprise and its legal representative, not the agent', async () => {
    const body = await prefill('agent', `listId=${identityList}`);
    assert.equal(body.formData.applicantName, '赵经办');
    assert.equal(body.formData.enterpriseName, '郑州预填科技有限公司');
    assert.equal(body.formData.creditCode, enterprise.creditCode);
    assert.equal(body.formData.representative, '李法人');
  });

  it('fills nothing of unannotated forms, and reveals nothing it does not fill', async () => {
    const before = await reveals(citizen.accountId);
    assert.deepEqual(await prefill('citizen', `listId=${plainList}`), {
      formData: {},
      fields: [],
    });
    assert.deepEqual((await prefill('citizen', `listId=${nameOnlyList}`)).formData, {
      applicantName: '王小明',
    });
    assert.equal(await reveals(citizen.accountId), before, 'no ID number or phone was shown');
  });

  it('is for signed-in applicants only', async () => {
    const anonymous = await get(undefined, `listId=${identityList}`);
    assert.equal(anonymous.statusCode, 401);
    const staff = await get('staff', `listId=${identityList}`);
    assert.equal(staff.statusCode, 403);
    assert.equal(staff.json<Problem>().code, 'applicants-only');
  });

  it('refuses an unknown list, bundle or region and a query naming neither', async () => {
    const unknownList = await get('citizen', `listId=${crypto.randomUUID()}`);
    assert.equal(unknownList.statusCode, 404, unknownList.body);
    assert.equal((await get('citizen', 'listId=not-a-uuid')).statusCode, 400);
    assert.equal((await get('citizen', '')).statusCode, 400);
    assert.equal((await get('citizen', 'bundle=newborn')).statusCode, 400);
    const both = await get('citizen', `listId=${identityList}&bundle=newborn&region=410100`);
    assert.equal(both.statusCode, 400);
    const unknownBundle = await get('citizen', 'bundle=no-such-bundle&region=410100');
    assert.equal(unknownBundle.statusCode, 422, unknownBundle.body);
    assert.equal(unknownBundle.json<Problem>().errors?.[0]?.path, '/querystring/bundle');
  });
});
