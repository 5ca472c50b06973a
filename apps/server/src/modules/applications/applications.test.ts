import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Application,
  ApplicationPage,
  Problem,
  ProcessPosition,
  Progress,
  ResultDocument,
} from '@zhengtong/contracts';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
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
  type TestPerson,
} from '../../test-support/identity.js';

const API = '/api/v1/applications';

describe('applications: apply, supplement, accept, process, complete', () => {
  let t: TestApp;
  let promisedList: string;
  let immediateList: string;
  let parallelList: string;
  let zzMarketId: string;
  let zzLandId: string;
  let citizen: TestPerson;
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
  const submit = (
    who: string,
    listId: string,
    formData: unknown,
    key = `key-${++keys}-${Date.now()}`,
  ) => call(who, 'POST', API, { listId, formData }, { 'idempotency-key': key });

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    const zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    const lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    zzMarketId = zzMarket;
    zzLandId = await organisationId(t, '410100', '郑州市自然资源和规划局');
    parallelList = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements({ processDefinitionKey: 'parallel-approval' }),
    );
    const item = await createTestItem(t, { applicantKinds: ['person'] });
    promisedList = await createPublishedList(
      t,
      item,
      zzMarket,
      validElements({ allowsPendingMaterials: true }),
    );
    const immediateItem = await createTestItem(t, { applicantKinds: ['person'] });
    immediateList = await createPublishedList(
      t,
      immediateItem,
      zzMarket,
      validElements({
        handlingKind: 'immediate',
        statutoryLimitDays: 0,
        promisedLimitDays: 0,
        processDefinitionKey: 'immediate-case',
      }),
    );
    citizen = await createPerson(t);
    cookie.citizen = await loginAs(t, citizen);
    cookie.other = await loginAs(t, await createPerson(t));
    const staff = async (name: string, roles: string[], org: string) => {
      cookie[name] = await loginAs(t, await createStaff(t, { roles, organisationId: org }));
    };
    await staff('window', ['windowOfficer'], zzMarket);
    await staff('approver', ['approver'], zzMarket);
    await staff('lyWindow', ['windowOfficer'], lyMarket);
    await staff('landApprover', ['approver'], zzLandId);
  });
  after(() => t.close());

  it('submits once per Idempotency-Key, and says what is wrong otherwise', async () => {
    const missing = await call('citizen', 'POST', API, {
      listId: promisedList,
      formData: { reason: 'x' },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<Problem>().code, 'idempotency-key-required');

    const first = await submit('citizen', promisedList, { reason: '新办' }, 'same-key-0001');
    assert.equal(first.statusCode, 201, first.body);
    const created = first.json<Application>();
    const today = toShanghaiDate(new Date()).replaceAll('-', '');
    assert.match(created.applicationNo, new RegExp(`^410100${today}\\d{6}$`));
    assert.equal(created.status, 'submitted');
    assert.deepEqual(
      created.currentSteps.map((s) => s.name),
      ['受理'],
    );
    assert.equal(created.applicantName, citizen.name, 'the applicant sees their own name');

    const again = await submit('citizen', promisedList, { reason: '新办' }, 'same-key-0001');
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<Application>().id, created.id);
    const other = await submit('citizen', promisedList, { reason: '另一件' }, 'same-key-0001');
    assert.equal(other.statusCode, 422);
    assert.equal(other.json<Problem>().code, 'idempotency-key-reused');

    const badForm = await submit('citizen', promisedList, { reason: 42, extra: true });
    assert.equal(badForm.statusCode, 422);
    assert.ok(
      (badForm.json<Problem>().errors ?? []).some((e) => e.path === '/body/formData/reason'),
      badForm.body,
    );
    const noForm = await submit('citizen', promisedList, {});
    assert.ok(
      (noForm.json<Problem>().errors ?? []).some((e) => e.path === '/body/formData/reason'),
    );
    const staffTry = await submit('window', promisedList, { reason: 'x' });
    assert.equal(staffTry.statusCode, 403);
    const anonymous = await call(
      undefined,
      'POST',
      API,
      { listId: promisedList, formData: {} },
      {
        'idempotency-key': 'anon-key-0001',
      },
    );
    assert.equal(anonymous.statusCode, 401);
  });

  it('makes one application of concurrent submits with the same key', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        submit('citizen', promisedList, { reason: '并发' }, 'race-key-0001'),
      ),
    );
    const ids = new Set(results.map((r) => r.json<Application>().id));
    assert.equal(ids.size, 1, results.map((r) => r.statusCode).join());
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201]);
  });

  it('numbers concurrent submits of one region uniquely, in the order the numbers were taken', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => submit('citizen', promisedList, { reason: `并发${i}` })),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      results.map(() => 201),
    );
    const numbers = results.map((r) => r.json<Application>().applicationNo);
    assert.equal(new Set(numbers).size, 12, 'no number given twice');
    const today = toShanghaiDate(new Date()).replaceAll('-', '');
    for (const n of numbers) assert.match(n, new RegExp(`^410100${today}\\d{6}$`));
    // the counter row is updated outside the filing transactions: what it holds now is at least
    // the highest number handed out, and every number handed out is at most that
    const { rows } = await t.kernel.db.pool.query<{ last: number }>(
      'SELECT last FROM application_no_counter WHERE prefix = $1',
      [`410100${today}`],
    );
    const highest = Math.max(...numbers.map((n) => Number(n.slice(-6))));
    assert.equal(rows[0]!.last, highest);
  });

  it('runs 补正 → 受理 → 审查 → 决定, flagging a second supplement request', async () => {
    const id = (await submit('citizen', promisedList, { reason: '申请许可' })).json<Application>()
      .id;

    const supplement = await call('window', 'POST', `${API}/${id}/supplement`, {
      items: [
        { materialKey: 'applicationForm', reason: '申请书缺少签名' },
        { field: 'reason', reason: '申请事由不具体' },
      ],
    });
    assert.equal(supplement.statusCode, 200, supplement.body);
    assert.equal(supplement.json<Application>().status, 'supplementRequested');
    assert.equal(supplement.json<Application>().supplement?.length, 2);
    const twice = await call('window', 'POST', `${API}/${id}/supplement`, {
      items: [{ reason: '再补一项' }],
    });
    assert.equal(twice.statusCode, 409, 'one notice lists everything');
    const unknown = await call('window', 'POST', `${API}/${id}/resubmit`, {
      formData: { reason: 'x' },
    });
    assert.equal(unknown.statusCode, 403, 'an officer is no applicant');

    assert.equal(
      (
        await call('citizen', 'POST', `${API}/${id}/resubmit`, {
          formData: { reason: '申请许可（已签名）' },
        })
      ).statusCode,
      200,
    );
    const second = await call('window', 'POST', `${API}/${id}/supplement`, {
      items: [{ materialKey: 'applicationForm', reason: '签名与身份证不一致' }],
    });
    assert.equal(second.json<Application>().supplementCount, 2);
    await call('citizen', 'POST', `${API}/${id}/resubmit`, {
      formData: { reason: '申请许可（重签）' },
    });

    const badPending = await call('window', 'POST', `${API}/${id}/accept`, {
      pendingMaterials: ['nonexistent'],
    });
    assert.equal(badPending.statusCode, 422);
    const accepted = await call('window', 'POST', `${API}/${id}/accept`, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    const view = accepted.json<Application>();
    assert.equal(view.status, 'accepted');
    const expectedDue = await t.kernel.calendar.addWorkingDays(toShanghaiDate(new Date()), 10);
    assert.equal(view.dueDate, expectedDue.date);
    assert.deepEqual(
      view.currentSteps.map((s) => s.name),
      ['审查'],
    );
    assert.deepEqual(
      view.currentSteps.map((s) => [s.nodeId, s.mine]),
      [['review', false]],
      'the window officer sees the step, not as theirs',
    );
    const approverView = await call('approver', 'GET', `${API}/${id}`);
    assert.equal(approverView.json<Application>().currentSteps[0]?.mine, true);
    assert.equal((await call('window', 'POST', `${API}/${id}/accept`, {})).statusCode, 409);

    const review = view.currentSteps[0]!.taskId;
    const noOpinion = await call('approver', 'POST', `${API}/${id}/steps/${review}`, {});
    assert.equal(noOpinion.statusCode, 422);
    const reviewed = await call('approver', 'POST', `${API}/${id}/steps/${review}`, {
      opinion: '符合法定条件',
    });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    const decide = reviewed.json<Application>().currentSteps[0]!.taskId;
    const denyNoReason = await call('approver', 'POST', `${API}/${id}/steps/${decide}`, {
      decision: 'deny',
    });
    assert.equal(denyNoReason.statusCode, 422);
    const decided = await call('approver', 'POST', `${API}/${id}/steps/${decide}`, {
      decision: 'approve',
    });
    assert.equal(decided.statusCode, 200, decided.body);
    const done = decided.json<Application>();
    assert.equal(done.status, 'approved');
    assert.ok(done.completedAt);
    assert.deepEqual(done.currentSteps, []);
    assert.deepEqual(
      done.timeline.map((e) => e.title),
      [
        '申报',
        '补正告知',
        '补正后重新提交',
        '补正告知',
        '补正后重新提交',
        '受理',
        '审查',
        '决定',
        '办结（准予）',
      ],
    );
    assert.equal(done.timeline[1]?.by, '郑州市市场监督管理局');
    assert.equal(done.timeline[3]?.detail.repeated, true);

    const audit = await t.kernel.db.orm.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE target_id = ${id} ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      [
        'applications.submit',
        'applications.request-supplement',
        'applications.resubmit',
        'applications.request-supplement',
        'applications.resubmit',
        'applications.accept',
        'applications.step',
        'applications.step',
      ],
    );
  });

  it('runs 并联审批: the consulted department gives its opinion beside the review', async () => {
    const id = (await submit('citizen', parallelList, { reason: '并联' })).json<Application>().id;
    const notDepartment = await call('window', 'POST', `${API}/${id}/accept`, {
      consultedOrganisationIds: [zzMarketId],
    });
    assert.equal(notDepartment.statusCode, 422, 'the implementing department is not consulted');
    const accepted = await call('window', 'POST', `${API}/${id}/accept`, {
      consultedOrganisationIds: [zzLandId],
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.deepEqual(
      accepted
        .json<Application>()
        .currentSteps.map((s) => s.name)
        .sort(),
      ['牵头部门审查', '部门会签意见'].sort(),
    );
    // each department sees its own step only
    const view = (who: string) => call(who, 'GET', `${API}/${id}`);
    const landStep = (await view('landApprover'))
      .json<Application>()
      .currentSteps.find((s) => s.name === '部门会签意见')!;
    const reviewStep = (await view('approver'))
      .json<Application>()
      .currentSteps.find((s) => s.name === '牵头部门审查')!;
    const wrongDepartment = await call(
      'approver',
      'POST',
      `${API}/${id}/steps/${landStep.taskId}`,
      {
        opinion: '越俎代庖',
      },
    );
    assert.equal(wrongDepartment.statusCode, 409);
    const landOpinion = await call(
      'landApprover',
      'POST',
      `${API}/${id}/steps/${landStep.taskId}`,
      {
        opinion: '同意',
      },
    );
    assert.equal(landOpinion.statusCode, 200, landOpinion.body);
    const afterReview = await call('approver', 'POST', `${API}/${id}/steps/${reviewStep.taskId}`, {
      opinion: '符合条件',
    });
    const decide = afterReview.json<Application>().currentSteps;
    assert.deepEqual(
      decide.map((s) => s.name),
      ['决定'],
    );
    const denied = await call('approver', 'POST', `${API}/${id}/steps/${decide[0]!.taskId}`, {
      decision: 'deny',
      reason: '会签部门意见不一致',
      legalBasis: '《中华人民共和国行政许可法》第三十八条',
    });
    assert.equal(denied.json<Application>().status, 'denied');
    assert.equal(denied.json<Application>().decisionReason, '会签部门意见不一致');
  });

  it('refuses, withdraws and completes 即办件 on acceptance', async () => {
    const refusedId = (
      await submit('citizen', promisedList, { reason: '越权' })
    ).json<Application>().id;
    const noReason = await call('window', 'POST', `${API}/${refusedId}/refuse`, {});
    assert.equal(noReason.statusCode, 400);
    const refused = await call('window', 'POST', `${API}/${refusedId}/refuse`, {
      reason: '不属于本机关职权范围',
    });
    assert.equal(refused.json<Application>().status, 'refused');
    assert.equal(refused.json<Application>().decisionReason, '不属于本机关职权范围');
    const notice = (
      await call('citizen', 'GET', `${API}/${refusedId}/result`)
    ).json<ResultDocument>();
    assert.equal(notice.kind, 'refusal');
    assert.equal(notice.title, '不予受理通知书');
    assert.equal(notice.reason, '不属于本机关职权范围');

    const withdrawnId = (
      await submit('citizen', promisedList, { reason: '撤回' })
    ).json<Application>().id;
    const withdrawn = await call('citizen', 'POST', `${API}/${withdrawnId}/withdraw`);
    assert.equal(withdrawn.json<Application>().status, 'withdrawn');
    assert.equal(
      (await call('window', 'POST', `${API}/${withdrawnId}/accept`, {})).statusCode,
      409,
    );
    assert.equal((await call('citizen', 'POST', `${API}/${refusedId}/withdraw`)).statusCode, 409);

    const immediate = (
      await submit('citizen', immediateList, { reason: '即办' })
    ).json<Application>();
    const done = await call('window', 'POST', `${API}/${immediate.id}/accept`, {});
    assert.equal(done.statusCode, 200, done.body);
    // 即办件: the process ends at acceptance, which completes it (当场办结), delivered online
    const immediateDone = done.json<Application>();
    assert.deepEqual(immediateDone.currentSteps, []);
    assert.equal(immediateDone.status, 'approved');
    assert.ok(immediateDone.completedAt);
    assert.ok(immediateDone.delivery?.deliveredAt, 'an online result is out at 办结');
    assert.deepEqual(
      immediateDone.timeline.map((e) => e.event),
      ['submitted', 'accepted', 'approved'],
    );
  });

  it('delivers a mailed result with its tracking number, once, by the bureau only', async () => {
    const address = {
      recipient: '王小明',
      phone: '13912345678',
      address: '郑州市金水区花园路 8 号',
    };
    const filed = await call(
      'citizen',
      'POST',
      API,
      { listId: promisedList, formData: { reason: '邮寄' }, delivery: { method: 'mail', address } },
      { 'idempotency-key': `mail-${Date.now()}` },
    );
    assert.equal(filed.statusCode, 201, filed.body);
    const id = filed.json<Application>().id;
    assert.deepEqual(
      filed.json<Application>().delivery?.address,
      address,
      'in full to the applicant',
    );
    const noResult = await call('citizen', 'GET', `${API}/${id}/result`);
    assert.equal(noResult.statusCode, 404);
    assert.equal(noResult.json<Problem>().code, 'no-result');
    const early = await call('window', 'POST', `${API}/${id}/deliver`, {
      trackingNo: 'SF1234567890',
    });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json<Problem>().code, 'not-completed');

    await call('window', 'POST', `${API}/${id}/accept`, {});
    const step = async (node: string, body: object) => {
      const app = (await call('approver', 'GET', `${API}/${id}`)).json<Application>();
      const task = app.currentSteps.find((s) => s.nodeId === node && s.mine);
      assert.ok(task, `a ${node} step is open`);
      return call('approver', 'POST', `${API}/${id}/steps/${task.taskId}`, body);
    };
    assert.equal((await step('review', { opinion: '符合条件' })).statusCode, 200);
    // 退回: back to review, with a reason
    const noReason = await step('decide', { decision: 'return' });
    assert.equal(noReason.statusCode, 422);
    assert.ok((noReason.json<Problem>().errors ?? []).some((e) => e.path === '/body/reason'));
    const returned = await step('decide', { decision: 'return', reason: '请核实经营场所' });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json<Application>().status, 'accepted');
    assert.deepEqual(
      returned.json<Application>().currentSteps.map((s) => s.nodeId),
      ['review'],
    );
    assert.equal(returned.json<Application>().timeline.at(-1)?.event, 'returned');
    assert.equal((await step('review', { opinion: '已核实' })).statusCode, 200);
    const approved = await step('decide', { decision: 'approve' });
    assert.equal(approved.json<Application>().status, 'approved');
    assert.equal(approved.json<Application>().delivery?.deliveredAt, null, 'mail waits for 送达');

    // 准予办理决定书 with the item's legal basis; the officer sees the name masked
    const result = await call('citizen', 'GET', `${API}/${id}/result`);
    assert.equal(result.statusCode, 200, result.body);
    const document = result.json<ResultDocument>();
    assert.equal(document.kind, 'approval');
    assert.equal(document.title, '准予办理决定书');
    assert.equal(document.documentNo, `${document.applicationNo}Z`);
    assert.equal(document.applicantName, citizen.name);
    assert.ok(document.legalBasis && document.legalBasis.length > 0);
    const officerDocument = (
      await call('window', 'GET', `${API}/${id}/result`)
    ).json<ResultDocument>();
    assert.notEqual(officerDocument.applicantName, citizen.name);
    assert.equal((await call('other', 'GET', `${API}/${id}/result`)).statusCode, 404);

    const officerView = (await call('window', 'GET', `${API}/${id}`)).json<Application>();
    assert.equal(officerView.delivery?.address?.phone, '139****5678', 'masked to staff');
    assert.equal((await call('lyWindow', 'POST', `${API}/${id}/deliver`, {})).statusCode, 404);
    assert.equal((await call('citizen', 'POST', `${API}/${id}/deliver`, {})).statusCode, 404);
    const noTracking = await call('window', 'POST', `${API}/${id}/deliver`, {});
    assert.equal(noTracking.statusCode, 422);
    assert.ok((noTracking.json<Problem>().errors ?? []).some((e) => e.path === '/body/trackingNo'));
    const bad = await call('window', 'POST', `${API}/${id}/deliver`, { trackingNo: '../x' });
    assert.equal(bad.statusCode, 400);
    const delivered = await call('window', 'POST', `${API}/${id}/deliver`, {
      trackingNo: 'SF1234567890',
    });
    assert.equal(delivered.statusCode, 200, delivered.body);
    assert.equal(delivered.json<Application>().delivery?.trackingNo, 'SF1234567890');
    assert.ok(delivered.json<Application>().delivery?.deliveredAt);
    assert.equal(delivered.json<Application>().timeline.at(-1)?.title, '结果送达');
    const twice = await call('window', 'POST', `${API}/${id}/deliver`, {
      trackingNo: 'SF1234567890',
    });
    assert.equal(twice.statusCode, 409);

    // the applicant's position on the diagram: every step done, the end reached
    const position = await call('citizen', 'GET', `${API}/${id}/position`);
    assert.equal(position.statusCode, 200, position.body);
    const at = position.json<ProcessPosition>();
    assert.equal(at.definitionKey, 'promised-case');
    assert.deepEqual(at.activeNodeIds, []);
    for (const node of ['accept', 'review', 'decide', 'approved']) {
      assert.ok(at.completedNodeIds.includes(node), `${node} is done`);
    }
    assert.match(at.xml, /bpmndi:BPMNDiagram/);
    assert.equal((await call('other', 'GET', `${API}/${id}/position`)).statusCode, 404);
  });

  it('hides applications from those they do not concern, and answers the public progress query', async () => {
    const app = (await submit('citizen', promisedList, { reason: '查询' })).json<Application>();
    assert.equal((await call('other', 'GET', `${API}/${app.id}`)).statusCode, 404);
    assert.equal((await call('lyWindow', 'GET', `${API}/${app.id}`)).statusCode, 404);
    assert.equal((await call('lyWindow', 'POST', `${API}/${app.id}/accept`, {})).statusCode, 404);
    const officerView = await call('window', 'GET', `${API}/${app.id}`);
    assert.equal(officerView.statusCode, 200);
    assert.notEqual(
      officerView.json<Application>().applicantName,
      citizen.name,
      'masked for staff',
    );
    assert.equal(officerView.json<Application>().applicantName[0], citizen.name[0]);

    const wrongName = await call(
      undefined,
      'GET',
      `${API}/progress?no=${app.applicationNo}&name=${encodeURIComponent('李四')}`,
    );
    assert.equal(wrongName.statusCode, 404);
    const progress = await call(
      undefined,
      'GET',
      `${API}/progress?no=${app.applicationNo}&name=${encodeURIComponent(citizen.name)}`,
    );
    assert.equal(progress.statusCode, 200);
    const body = progress.json<Progress>();
    assert.equal(body.status, 'submitted');
    assert.deepEqual(
      body.steps.map((s) => s.title),
      ['申报'],
    );
    assert.ok(!JSON.stringify(body).includes('查询'), 'no form data in the public answer');

    const mine = await call('citizen', 'GET', `${API}/mine?pageSize=100`);
    assert.ok(mine.json<ApplicationPage>().items.some((a) => a.id === app.id));
    const others = await call('other', 'GET', `${API}/mine`);
    assert.equal(others.json<ApplicationPage>().total, 0);

    // the form is sealed at rest
    const stored = await t.kernel.db.orm.execute<{ form_sealed: string }>(
      sql`SELECT form_sealed FROM application WHERE id = ${app.id}`,
    );
    assert.ok(!stored.rows[0]!.form_sealed.includes('查询'));
  });
});
