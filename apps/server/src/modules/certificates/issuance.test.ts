import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Application,
  Certificate,
  CertificatePage,
  Me,
  Problem,
  ServiceItemDetail,
  ServiceItemSearchResult,
  Verification,
  CertificateTypeDetail,
  CertificateTypeList,
} from '@zhengtong/contracts';
import { sampleFor } from '../../seed/demo-applications.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { FAST_ARGON2, loginCookie } from '../../test-support/identity.js';
import {
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../identity/demo-accounts.js';

const APPLICATIONS = '/api/v1/applications';

// 制证 on the workflow: the demo enterprise applies for 企业设立登记 in 郑州, the market
// regulator's window accepts, its approver reviews and approves, and the process issues the
// 营业执照 with the form's data, signed with the bureau's seal.
describe('certificate issued by the workflow: 企业设立登记 → 营业执照', () => {
  let t: TestApp;
  let enterpriseId: string;
  let listId: string;
  let schema: Record<string, unknown>;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (who: string | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload ? { payload } : {}),
    });
  const ok = async <T>(
    who: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    body?: object,
  ) => {
    const res = await call(who, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const apply = async (formData: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: APPLICATIONS,
      headers: { cookie: cookie.enterprise!, 'idempotency-key': `licence-${++keys}-${Date.now()}` },
      payload: { listId, formData },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Application>();
  };
  const stepOf = async (id: string) => {
    const view = await ok<Application>('approver', 'GET', `${APPLICATIONS}/${id}`);
    const current = view.currentSteps.find((s) => s.mine);
    assert.ok(current, `no step for the approver on ${id}`);
    return current.taskId;
  };
  const acceptAndReview = async (id: string) => {
    await ok('window', 'POST', `${APPLICATIONS}/${id}/accept`, {});
    await ok('approver', 'POST', `${APPLICATIONS}/${id}/steps/${await stepOf(id)}`, {
      opinion: '材料齐全，符合法定形式',
    });
  };
  const decide = async (id: string) =>
    call('approver', 'POST', `${APPLICATIONS}/${id}/steps/${await stepOf(id)}`, {
      decision: 'approve',
    });

  before(async () => {
    t = await createTestApp({ catalogue: true, env: FAST_ARGON2 });
    const li = DEMO_PEOPLE[1];
    cookie.enterprise = await loginCookie(t, li.idNumber, DEMO_PERSON_PASSWORD);
    const me = await ok<Me>('enterprise', 'GET', '/api/v1/identity/me');
    enterpriseId = me.enterprises[0]!.id;
    await ok('enterprise', 'POST', '/api/v1/identity/acting-for', { enterpriseId });
    cookie.window = await loginCookie(t, 'zz-window', DEMO_STAFF_PASSWORD);
    cookie.approver = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);

    const found = await ok<ServiceItemSearchResult>(
      undefined,
      'GET',
      '/api/v1/catalog/items?region=410100&pageSize=100',
    );
    const item = found.items.find((i) => i.name === '企业设立登记');
    assert.ok(item);
    const detail = await ok<ServiceItemDetail>(
      undefined,
      'GET',
      `/api/v1/catalog/items/${item.code}`,
    );
    const list = detail.lists.find(
      (l) => l.organisationName === '郑州市市场监督管理局' && l.published,
    );
    assert.ok(list?.published);
    listId = list.id;
    schema = list.published.elements.form.schema;
  });
  after(() => t.close());

  it('approving issues the 营业执照 to the enterprise, valid and in its wallet', async () => {
    const formData = sampleFor(schema) as Record<string, unknown>;
    const filed = await apply(formData);
    await acceptAndReview(filed.id);
    const decided = await decide(filed.id);
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json<Application>().status, 'approved');

    const wallet = await ok<CertificatePage>(
      'enterprise',
      'GET',
      `/api/v1/certificates/mine?enterpriseId=${enterpriseId}`,
    );
    const licences = wallet.items.filter((c) => c.typeName === '营业执照');
    const rows = await t.kernel.db.orm.execute<{ id: string }>(
      sql`SELECT id FROM certificate WHERE application_id = ${filed.id}`,
    );
    const id = rows.rows[0]?.id;
    assert.ok(id, 'a certificate was issued for the application');
    assert.ok(
      licences.some((c) => c.id === id),
      'the wallet lists it',
    );
    const licence = await ok<Certificate>('enterprise', 'GET', `/api/v1/certificates/${id}`);
    assert.equal(licence.applicationId, filed.id);
    assert.equal(licence.holderKind, 'enterprise');
    assert.equal(licence.holderName, '河南政通示范科技有限公司');
    assert.equal(licence.issuerName, '郑州市市场监督管理局');
    for (const key of ['enterpriseName', 'enterpriseType', 'registeredCapital', 'businessScope']) {
      assert.deepEqual(licence.data[key], formData[key], key);
    }
    const v = await ok<Verification>(
      undefined,
      'GET',
      `/api/v1/certificates/verify/${licence.identifier}`,
    );
    assert.equal(v.status, 'valid');
    const topics = await t.kernel.db.orm.execute<{ topic: string }>(
      sql`SELECT topic FROM outbox WHERE payload ->> 'certificateId' = ${id}`,
    );
    assert.deepEqual(
      topics.rows.map((r) => r.topic),
      ['certificate.issued'],
    );
  });

  it('lists the type in the 证照目录 with its data items and the lists that issue it', async () => {
    const types = await call(undefined, 'GET', '/api/v1/certificates/types');
    const licence = types.json<CertificateTypeList>().items.find((ty) => ty.name === '营业执照');
    assert.ok(licence?.dataSchema, 'the type carries its data items');
    const detail = await call(undefined, 'GET', `/api/v1/certificates/types/${licence.code}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const body = detail.json<CertificateTypeDetail>();
    assert.ok(
      body.issuingLists.some(
        (l) => l.itemName === '企业设立登记' && l.organisationName === '郑州市市场监督管理局',
      ),
      'the 郑州 企业设立登记 list issues it',
    );
    const unknown = await call(undefined, 'GET', `/api/v1/certificates/types/${'9'.repeat(18)}001`);
    assert.equal(unknown.statusCode, 404);
  });

  it('refuses the decision (409) when the form lacks what the licence needs', async () => {
    const formData = sampleFor(schema) as Record<string, unknown>;
    const filed = await apply(formData);
    // an older list version's form without the business scope, as if the form had been edited
    const sealed = t.kernel.fieldCrypto.encrypt(
      JSON.stringify({ ...formData, businessScope: undefined }),
    );
    await t.kernel.db.orm.execute(
      sql`UPDATE application SET form_sealed = ${sealed} WHERE id = ${filed.id}`,
    );
    // the demo enterprise holds a valid licence (seeded): its data fills the gap as a change…
    await acceptAndReview(filed.id);
    const changed = await decide(filed.id);
    assert.equal(changed.statusCode, 200, changed.body);
    // …but without a licence to change, the decision is refused and nothing is issued
    await t.kernel.db.orm.execute(
      sql`UPDATE certificate SET status = 'revoked' WHERE enterprise_id = ${enterpriseId}`,
    );
    const second = await apply(formData);
    await t.kernel.db.orm.execute(
      sql`UPDATE application SET form_sealed = ${sealed} WHERE id = ${second.id}`,
    );
    await acceptAndReview(second.id);
    const refused = await decide(second.id);
    assert.equal(refused.statusCode, 409, refused.body);
    const problem = refused.json<Problem>();
    assert.equal(problem.code, 'certificate-data-missing');
    assert.ok(problem.errors?.some((e) => e.path === '/formData/businessScope'));
    const view = await ok<Application>('approver', 'GET', `${APPLICATIONS}/${second.id}`);
    assert.equal(view.status, 'accepted', 'the decision did not happen');
    const none = await t.kernel.db.orm.execute(
      sql`SELECT 1 FROM certificate WHERE application_id = ${second.id}`,
    );
    assert.equal(none.rows.length, 0);
  });
});
