import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Application,
  BundleApplication,
  BundleApplicationPage,
  BundleEvaluationState,
  Evaluation,
  Me,
  Problem,
  ResolvedBundle,
} from '@zhengtong/contracts';
import { createAjv } from '../../kernel/json-schema.js';
import { sampleFor } from '../../seed/demo-applications.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { FAST_ARGON2, loginCookie } from '../../test-support/identity.js';
import {
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../identity/demo-accounts.js';

const API = '/api/v1/bundle-applications';
const APPLICATIONS = '/api/v1/applications';

// 企业开办一件事 in 郑州: 企业设立登记 (承诺件: 受理 → 审查 → 决定) first, then 公章刻制备案, 发票领用
// and 社会保险登记 (即办件: complete at acceptance) together. The demo enterprise applies through
// its legal representative 李四; the 郑州 service hall's comprehensive window accepts every
// member, the market-regulation approvers decide the first.
describe('一件事 bundle applications: 企业开办 in 郑州', () => {
  let t: TestApp;
  let formData: Record<string, unknown>;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (
    who: string | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(who ? { cookie: cookie[who]! } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const submit = (who: string, body: object, key = `bundle-key-${++keys}-${Date.now()}`) =>
    call(
      who,
      'POST',
      API,
      { bundleCode: 'business-startup', regionCode: '410100', formData, ...body },
      { 'idempotency-key': key },
    );
  const filed = async (): Promise<BundleApplication> => {
    const res = await submit('enterprise', {});
    assert.equal(res.statusCode, 201, res.body);
    return res.json<BundleApplication>();
  };
  const bundle = async (id: string, who = 'enterprise') => {
    const res = await call(who, 'GET', `${API}/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<BundleApplication>();
  };
  const member = (b: BundleApplication, stage: number) =>
    b.members.filter((m) => m.stage === stage);
  const ok = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await call(who, method, url, payload);
    assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
    return res.json<Application>();
  };
  /** the open step of the approver on the application, completed with `body` */
  const step = async (id: string, body: object) => {
    const view = await ok('approver', 'GET', `${APPLICATIONS}/${id}`);
    const current = view.currentSteps.find((s) => s.mine);
    assert.ok(current, `no step for the approver on ${id}`);
    return ok('approver', 'POST', `${APPLICATIONS}/${id}/steps/${current.taskId}`, body);
  };
  /** 企业设立登记 accepted at the hall, reviewed and decided by the market regulator */
  const decideFirstStage = async (b: BundleApplication, decision: 'approve' | 'deny') => {
    const [first] = member(b, 1);
    assert.ok(first);
    const accepted = await ok('hall', 'POST', `${APPLICATIONS}/${first.applicationId}/accept`, {});
    assert.equal(accepted.status, 'accepted');
    await step(first.applicationId, { opinion: '材料齐全，符合法定形式' });
    return step(
      first.applicationId,
      decision === 'approve'
        ? { decision }
        : { decision, reason: '企业名称与已登记企业相同', legalBasis: '《企业名称登记管理规定》' },
    );
  };
  const topics = async (payloadKey: string, id: string): Promise<string[]> => {
    const rows = await t.kernel.db.orm.execute<{ topic: string }>(
      sql`SELECT topic FROM outbox WHERE payload ->> ${payloadKey} = ${id} ORDER BY seq`,
    );
    return rows.rows.map((r) => r.topic);
  };

  before(async () => {
    t = await createTestApp({ catalogue: true, env: FAST_ARGON2 });
    const [zhang, li] = DEMO_PEOPLE;
    cookie.enterprise = await loginCookie(t, li.idNumber, DEMO_PERSON_PASSWORD);
    const me = (await call('enterprise', 'GET', '/api/v1/identity/me')).json<Me>();
    const enterprise = me.enterprises[0];
    assert.ok(enterprise, '李四 represents the demo enterprise');
    const acting = await call('enterprise', 'POST', '/api/v1/identity/acting-for', {
      enterpriseId: enterprise.id,
    });
    assert.equal(acting.statusCode < 300, true, acting.body);
    cookie.person = await loginCookie(t, zhang.idNumber, DEMO_PERSON_PASSWORD);
    for (const [who, username] of [
      ['hall', 'zz-hall-window'],
      ['approver', 'zz-approver'],
      ['marketWindow', 'zz-window'],
      ['taxApprover', 'zz-tax-approver'],
      ['lyWindow', 'ly-window'],
    ] as const) {
      cookie[who] = await loginCookie(t, username, DEMO_STAFF_PASSWORD);
    }

    // the merged form, filled as the portal would
    const resolved = (
      await call(undefined, 'GET', '/api/v1/catalog/bundles/business-startup/resolve?region=410100')
    ).json<ResolvedBundle>();
    formData = sampleFor(resolved.form.schema) as Record<string, unknown>;
    const validate = createAjv({ allErrors: true }).compile(resolved.form.schema);
    assert.ok(validate(formData), JSON.stringify(validate.errors));
  });
  after(() => t.close());

  it('files one application per member: the first stage at the hall, the next waiting', async () => {
    const key = `bundle-same-key-${Date.now()}`;
    const first = await submit('enterprise', {}, key);
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json<BundleApplication>();
    assert.match(created.applicationNo, /^410100\d{14}$/);
    assert.equal(created.status, 'inProgress');
    assert.equal(created.bundleName, '企业开办一件事');
    assert.equal(created.acceptingOrganisationName, '郑州市政务服务中心');
    assert.equal(created.applicantName, '河南政通示范科技有限公司');
    assert.deepEqual(created.formData, formData);
    assert.equal(created.members.length, 4);
    assert.deepEqual(
      member(created, 1).map((m) => [m.itemName, m.status]),
      [['企业设立登记', 'submitted']],
    );
    assert.deepEqual(
      member(created, 2)
        .map((m) => m.status)
        .sort(),
      ['waiting', 'waiting', 'waiting'],
    );
    assert.deepEqual(
      created.members.map((m) => m.organisationName).sort(),
      [
        '国家税务总局郑州市税务局',
        '郑州市人力资源和社会保障局',
        '郑州市公安局',
        '郑州市市场监督管理局',
      ].sort(),
    );
    assert.ok(created.promisedLimitDays >= 1);
    assert.equal(created.dueDate, null, 'nothing accepted yet');
    assert.deepEqual(
      created.timeline.map((e) => e.title),
      ['申报（一件事）'],
    );

    // a retry answers with the same bundle; the same key with another form is refused
    const again = await submit('enterprise', {}, key);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<BundleApplication>().id, created.id);
    const other = await submit(
      'enterprise',
      { formData: { ...formData, enterpriseName: '另一家公司' } },
      key,
    );
    assert.equal(other.statusCode, 422);
    assert.equal(other.json<Problem>().code, 'idempotency-key-reused');

    // each member is an application of its own that names its bundle, accepted at the hall
    const [registration] = member(created, 1);
    const app = await ok('enterprise', 'GET', `${APPLICATIONS}/${registration!.applicationId}`);
    assert.deepEqual(app.bundle, {
      id: created.id,
      applicationNo: created.applicationNo,
      bundleName: '企业开办一件事',
      stage: 1,
    });
    assert.deepEqual(
      app.currentSteps.map((s) => s.name),
      ['受理'],
    );
    assert.ok(Object.keys(app.formData).length > 0, 'the member got its share of the form');
    const waiting = await ok(
      'enterprise',
      'GET',
      `${APPLICATIONS}/${member(created, 2)[0]!.applicationId}`,
    );
    assert.equal(waiting.status, 'waiting');
    assert.deepEqual(waiting.currentSteps, [], 'no process before its stage');
    const hallView = await ok('hall', 'GET', `${APPLICATIONS}/${registration!.applicationId}`);
    assert.equal(hallView.currentSteps[0]?.mine, true, 'the hall window accepts it');

    const mine = await call('enterprise', 'GET', `${API}/mine?pageSize=100`);
    assert.equal(mine.statusCode, 200, mine.body);
    const listed = mine.json<BundleApplicationPage>().items.find((b) => b.id === created.id);
    assert.equal(listed?.memberCount, 4);
    assert.equal(listed?.completedMemberCount, 0);
    assert.deepEqual(await topics('bundleApplicationId', created.id), [
      'application.submitted',
      'bundle-application.submitted',
    ]);

    // the form is sealed at rest
    const stored = await t.kernel.db.orm.execute<{ form_sealed: string }>(
      sql`SELECT form_sealed FROM bundle_application WHERE id = ${created.id}`,
    );
    assert.ok(!stored.rows[0]!.form_sealed.includes(String(formData.enterpriseName)));
  });

  it('says what is wrong with a submit', async () => {
    const noKey = await call('enterprise', 'POST', API, {
      bundleCode: 'business-startup',
      regionCode: '410100',
      formData,
    });
    assert.equal(noKey.statusCode, 400);
    assert.equal(noKey.json<Problem>().code, 'idempotency-key-required');

    const { enterpriseName: _, ...withoutName } = formData;
    const badForm = await submit('enterprise', {
      formData: { ...withoutName, registeredCapital: 'much' },
    });
    assert.equal(badForm.statusCode, 422, badForm.body);
    assert.equal(badForm.json<Problem>().code, 'invalid-form');
    const paths = (badForm.json<Problem>().errors ?? []).map((e) => e.path);
    assert.ok(paths.includes('/body/formData/enterpriseName'), paths.join());
    assert.ok(paths.includes('/body/formData/registeredCapital'), paths.join());

    const person = await submit('person', {});
    assert.equal(person.statusCode, 422);
    assert.equal(person.json<Problem>().code, 'wrong-applicant-kind');

    const unknown = await submit('enterprise', { bundleCode: 'no-such-bundle' });
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(
      (unknown.json<Problem>().errors ?? []).map((e) => e.path),
      ['/body/bundleCode'],
    );

    const mailWithoutAddress = await submit('enterprise', { delivery: { method: 'mail' } });
    assert.equal(mailWithoutAddress.statusCode, 422);
    assert.deepEqual(
      (mailWithoutAddress.json<Problem>().errors ?? []).map((e) => e.path),
      ['/body/delivery/address'],
    );

    const staff = await submit('hall', {});
    assert.equal(staff.statusCode, 403);
    const anonymous = await call(
      undefined,
      'POST',
      API,
      { bundleCode: 'business-startup', regionCode: '410100', formData },
      { 'idempotency-key': 'anonymous-bundle-key' },
    );
    assert.equal(anonymous.statusCode, 401);
  });

  it('starts the next stage when the first is approved, and completes with the last member', async () => {
    const address = { recipient: '李四', phone: '13800000002', address: '郑州市金水区政通路1号' };
    const res = await submit('enterprise', { delivery: { method: 'mail', address } });
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json<BundleApplication>();
    assert.deepEqual(b.delivery, { method: 'mail', address });

    const decided = await decideFirstStage(b, 'approve');
    assert.equal(decided.status, 'approved');
    const afterFirst = await bundle(b.id);
    assert.equal(afterFirst.status, 'inProgress');
    assert.deepEqual(
      member(afterFirst, 2).map((m) => m.status),
      ['submitted', 'submitted', 'submitted'],
    );
    assert.ok(afterFirst.dueDate, 'the first member is due');
    const started = await ok(
      'enterprise',
      'GET',
      `${APPLICATIONS}/${member(afterFirst, 2)[0]!.applicationId}`,
    );
    assert.deepEqual(
      started.timeline.map((e) => e.event),
      ['waiting', 'started'],
    );
    assert.deepEqual(
      started.currentSteps.map((s) => s.name),
      ['受理'],
    );

    // the hall accepts each 即办件 of the second stage: acceptance completes it
    const second = member(afterFirst, 2);
    for (const [i, m] of second.entries()) {
      await ok('hall', 'POST', `${APPLICATIONS}/${m.applicationId}/accept`, {});
      const now = await bundle(b.id);
      assert.equal(now.status, i === second.length - 1 ? 'completed' : 'inProgress');
    }
    const done = await bundle(b.id);
    assert.ok(done.completedAt);
    assert.deepEqual(
      done.members.map((m) => m.status),
      ['approved', 'approved', 'approved', 'approved'],
    );
    assert.ok(done.members.every((m) => m.completedAt !== null));
    const seal = await ok('enterprise', 'GET', `${APPLICATIONS}/${second[0]!.applicationId}`);
    assert.deepEqual(
      seal.timeline.map((e) => e.event),
      ['waiting', 'started', 'accepted', 'approved'],
      '即办件: accepting it completes it',
    );
    assert.equal(done.timeline.at(-1)?.title, '一件事全部办结');
    assert.ok(
      done.timeline.some((e) => e.itemName === '企业设立登记' && e.event === 'approved'),
      'members’ steps are in the bundle’s timeline',
    );
    const topicsOf = await topics('bundleApplicationId', b.id);
    assert.equal(topicsOf.filter((x) => x === 'application.submitted').length, 4);
    assert.equal(topicsOf.at(-1), 'bundle-application.completed');
    const listed = (
      await call('enterprise', 'GET', `${API}/mine?status=completed`)
    ).json<BundleApplicationPage>();
    assert.deepEqual(
      listed.items.map((x) => [x.id, x.completedMemberCount]),
      [[b.id, 4]],
    );

    // officers see the enterprise's name whole (it is public, and on its licence) and the
    // address masked
    const officer = await bundle(b.id, 'hall');
    assert.equal(officer.applicantName, '河南政通示范科技有限公司');
    assert.equal(officer.delivery.address?.phone, '138****0002');
    assert.deepEqual(officer.formData, formData, 'the hall reads the whole form');
    const department = await bundle(b.id, 'taxApprover');
    assert.deepEqual(department.formData, {}, 'a department reads its own application’s form');
    const sealed = await t.kernel.db.orm.execute<{ delivery_address_sealed: string }>(
      sql`SELECT delivery_address_sealed FROM application WHERE bundle_application_id = ${b.id}`,
    );
    assert.equal(sealed.rows.length, 4);
    assert.ok(sealed.rows.every((r) => !r.delivery_address_sealed.includes('政通路')));
  });

  it('completes once when the members of the last stage are accepted at the same time', async () => {
    const b = await filed();
    await decideFirstStage(b, 'approve');
    const results = await Promise.all(
      member(b, 2).map((m) =>
        call('hall', 'POST', `${APPLICATIONS}/${m.applicationId}/accept`, {}),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200, 200],
      results.map((r) => r.body).join('\n'),
    );
    assert.equal((await bundle(b.id)).status, 'completed');
    const completed = (await topics('bundleApplicationId', b.id)).filter(
      (x) => x === 'bundle-application.completed',
    );
    assert.equal(completed.length, 1);
  });

  it('is rated once as a whole (一事一评 of an 一件事), never member by member', async () => {
    const b = await filed();
    const RATINGS = `/api/v1/evaluations/bundle-applications/${b.id}`;
    const rating = { level: 2, comment: '材料来回跑了两次' };
    const early = await call('enterprise', 'GET', RATINGS);
    assert.equal(early.statusCode, 200, early.body);
    assert.equal(early.json<BundleEvaluationState>().state, 'notYet');
    assert.equal(
      (await call('enterprise', 'POST', RATINGS, rating)).json<Problem>().code,
      'application-not-completed',
    );

    await decideFirstStage(b, 'approve');
    for (const m of member(await bundle(b.id), 2)) {
      await ok('hall', 'POST', `${APPLICATIONS}/${m.applicationId}/accept`, {});
    }
    const done = await bundle(b.id);
    assert.equal(done.status, 'completed');

    const memberRating = await call(
      'enterprise',
      'POST',
      `/api/v1/evaluations/applications/${done.members[0]!.applicationId}`,
      rating,
    );
    assert.equal(memberRating.statusCode, 409);
    assert.equal(memberRating.json<Problem>().code, 'rate-the-bundle');
    assert.equal((await call('hall', 'GET', RATINGS)).statusCode, 403, 'staff do not rate');
    assert.equal((await call(undefined, 'GET', RATINGS)).statusCode, 401);
    const bad = await call('enterprise', 'POST', RATINGS, { level: 'good' });
    assert.equal(bad.statusCode, 400, bad.body);
    const open = (await call('enterprise', 'GET', RATINGS)).json<BundleEvaluationState>();
    assert.equal(open.state, 'open');

    const results = await Promise.all([
      call('enterprise', 'POST', RATINGS, rating),
      call('enterprise', 'POST', RATINGS, rating),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
    const rated = results.find((r) => r.statusCode === 201)!.json<Evaluation>();
    assert.equal(rated.bundleApplicationId, b.id);
    assert.equal(rated.applicationId, null);
    const hall = await t.app.directory.findOrganisation(rated.organisationId);
    assert.equal(hall?.name, b.acceptingOrganisationName, 'the hall that accepted it');
    assert.equal(rated.itemName, b.bundleName);
    assert.ok(rated.caseId, 'a 差评 opens a 差评整改 case for the hall');
    const after = (await call('enterprise', 'GET', RATINGS)).json<BundleEvaluationState>();
    assert.equal(after.state, 'rated');
    assert.equal(after.evaluation?.id, rated.id);
  });

  it('runs concurrent submits with one key as one bundle application', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => submit('enterprise', {}, 'bundle-race-key-0001')),
    );
    const ids = new Set(results.map((r) => r.json<BundleApplication>().id));
    assert.equal(ids.size, 1, results.map((r) => r.statusCode).join());
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 200, 201]);
  });

  it('cancels the waiting members and fails the bundle when the first member is denied', async () => {
    const b = await filed();
    const denied = await decideFirstStage(b, 'deny');
    assert.equal(denied.status, 'denied');
    const failed = await bundle(b.id);
    assert.equal(failed.status, 'failed');
    assert.ok(failed.completedAt);
    assert.deepEqual(
      member(failed, 2).map((m) => m.status),
      ['cancelled', 'cancelled', 'cancelled'],
    );
    assert.equal(failed.timeline.at(-1)?.title, '一件事未能办结');
    const topicsOf = await topics('bundleApplicationId', b.id);
    assert.equal(topicsOf.at(-1), 'bundle-application.failed');
    const cancelled = member(failed, 2)[0]!;
    assert.deepEqual(
      (await topics('applicationId', cancelled.applicationId)).filter((x) =>
        x.startsWith('application.'),
      ),
      ['application.cancelled'],
    );
    // nothing of a failed bundle can be withdrawn any more
    const withdraw = await call('enterprise', 'POST', `${API}/${b.id}/withdraw`);
    assert.equal(withdraw.statusCode, 409);
  });

  it('fails the bundle when the hall refuses the first member', async () => {
    const b = await filed();
    const refused = await call(
      'hall',
      'POST',
      `${APPLICATIONS}/${member(b, 1)[0]!.applicationId}/refuse`,
      { reason: '申请材料不属于本次申报范围' },
    );
    assert.equal(refused.statusCode, 200, refused.body);
    const failed = await bundle(b.id);
    assert.equal(failed.status, 'failed');
    assert.ok(member(failed, 2).every((m) => m.status === 'cancelled'));
  });

  it('withdraws the whole bundle before acceptance, and only then', async () => {
    const b = await filed();
    const single = await call(
      'enterprise',
      'POST',
      `${APPLICATIONS}/${member(b, 1)[0]!.applicationId}/withdraw`,
    );
    assert.equal(single.statusCode, 409, 'a member is withdrawn with its bundle');
    assert.equal(single.json<Problem>().code, 'bundle-member');
    assert.equal((await call('person', 'POST', `${API}/${b.id}/withdraw`)).statusCode, 404);

    const withdrawn = await call('enterprise', 'POST', `${API}/${b.id}/withdraw`);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    const view = withdrawn.json<BundleApplication>();
    assert.equal(view.status, 'withdrawn');
    assert.ok(view.members.every((m) => m.status === 'withdrawn'));
    assert.deepEqual(
      view.timeline.map((e) => e.title),
      ['申报（一件事）', '撤回（一件事）'],
    );
    const first = await ok(
      'enterprise',
      'GET',
      `${APPLICATIONS}/${member(b, 1)[0]!.applicationId}`,
    );
    assert.deepEqual(first.currentSteps, [], 'its process was terminated');
    assert.equal(
      (await call('hall', 'POST', `${APPLICATIONS}/${first.id}/accept`, {})).statusCode,
      409,
    );
    assert.equal(
      (await topics('bundleApplicationId', b.id)).at(-1),
      'bundle-application.withdrawn',
    );

    // once a member is accepted the bundle is under way
    const accepted = await filed();
    await ok('hall', 'POST', `${APPLICATIONS}/${member(accepted, 1)[0]!.applicationId}/accept`, {});
    const late = await call('enterprise', 'POST', `${API}/${accepted.id}/withdraw`);
    assert.equal(late.statusCode, 409);
    assert.equal(late.json<Problem>().code, 'cannot-withdraw');
  });

  it('shows a bundle to its applicant and the officers concerned only', async () => {
    const b = await filed();
    assert.equal((await call('person', 'GET', `${API}/${b.id}`)).statusCode, 404);
    assert.equal((await call('lyWindow', 'GET', `${API}/${b.id}`)).statusCode, 404);
    assert.equal((await call(undefined, 'GET', `${API}/${b.id}`)).statusCode, 404);
    const market = await bundle(b.id, 'marketWindow');
    assert.equal(market.applicantName, '河南政通示范科技有限公司');
    const others = await call('person', 'GET', `${API}/mine`);
    assert.equal(others.json<BundleApplicationPage>().total, 0);
    assert.equal((await call(undefined, 'GET', `${API}/mine`)).statusCode, 401);
  });
});
