import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Problem, ProcessInstanceView, WorkflowTaskPage } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { organisationId } from '../../test-support/catalog.js';
import { createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';
import * as store from './store.js';

const DEFINITIONS = '/api/v1/workflow/definitions';
const system = systemActor('test');

const definition = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zt="https://zhengtong.dev/schema/bpmn"
  id="d" targetNamespace="https://zhengtong.dev/test">
  <bpmn:process id="${key}" name="${key}" isExecutable="true">${body}
  </bpmn:process>
</bpmn:definitions>`;

describe('workflow engine', () => {
  let t: TestApp;
  let zzMarket: string;
  let zzLand: string;
  let lyMarket: string;
  const cookies: Record<string, string> = {};
  const fired: string[] = [];

  const start = (
    key: string,
    variables: Record<string, unknown>,
    businessKey = crypto.randomUUID(),
  ) =>
    t.kernel.db.orm.transaction((tx) =>
      t.app.workflow.engine.start(tx, {
        definitionKey: key,
        businessKey,
        variables,
        actorId: 'test',
      }),
    );
  const openTasks = async (instanceId: string) =>
    (await store.tasksOfInstance(t.kernel.db.orm, instanceId)).filter((x) => x.status === 'open');
  const complete = (taskId: string, outcome: Record<string, unknown>, actor = 'officer') =>
    t.kernel.db.orm.transaction((tx) =>
      t.app.workflow.engine.completeTask(tx, taskId, actor, outcome),
    );
  const instance = (id: string) => store.findInstance(t.kernel.db.orm, id);

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    zzLand = await organisationId(t, '410100', '郑州市自然资源和规划局');
    lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    for (const [name, roles, org] of [
      ['zzApprover', ['approver'], zzMarket],
      ['zzWindow', ['windowOfficer'], zzMarket],
      ['lyApprover', ['approver'], lyMarket],
    ] as const) {
      cookies[name] = await loginAs(
        t,
        await createStaff(t, { roles: [...roles], organisationId: org }),
      );
    }
    cookies.provinceAdmin = await loginAs(
      t,
      await createStaff(t, {
        roles: ['provinceAdmin'],
        organisationId: await organisationId(t, '410000', '河南省大数据管理局'),
      }),
    );
    t.app.workflow.engine.registerAction('record', ({ nodeId, variables }) => {
      fired.push(`${nodeId}:${typeof variables.tag === 'string' ? variables.tag : ''}`);
      return Promise.resolve({ recorded: nodeId });
    });
  });
  after(() => t.close());

  it('ships the standard definitions', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: DEFINITIONS,
      headers: { cookie: cookies.zzApprover! },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json<{ items: { key: string }[] }>().items.map((d) => d.key),
      ['immediate-case', 'parallel-approval', 'promised-case'],
    );
  });

  it('runs a 承诺件 from acceptance to approval', async () => {
    const id = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    let [task] = await openTasks(id);
    assert.equal(task?.nodeId, 'accept');
    assert.equal(task.candidateRole, 'windowOfficer');
    assert.equal(task.candidateOrganisationId, zzMarket);
    await complete(task.id, { acceptance: 'accepted' });
    [task] = await openTasks(id);
    assert.equal(task?.nodeId, 'review');
    assert.equal(task.candidateRole, 'approver');
    await complete(task.id, { opinion: '材料齐全' });
    [task] = await openTasks(id);
    assert.equal(task?.nodeId, 'decide');
    await complete(task.id, { decision: 'approve' });
    const done = await instance(id);
    assert.equal(done?.status, 'completed');
    assert.equal(done.variables.decision, 'approve');
    assert.equal(done.variables.opinion, '材料齐全');
    const history = await store.historyOf(t.kernel.db.orm, id);
    assert.deepEqual(
      history.map((h) => `${h.event}${h.nodeId ? `@${h.nodeId}` : ''}`),
      [
        'started',
        'taskCreated@accept',
        'taskCompleted@accept',
        'taskCreated@review',
        'taskCompleted@review',
        'taskCreated@decide',
        'taskCompleted@decide',
        'actionRun@issue',
        'endReached@approved',
        'completed',
      ],
    );
    assert.deepEqual(await store.tokensOf(t.kernel.db.orm, id), []);
  });

  it('ends at 不予受理 when the window refuses', async () => {
    const id = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    const [task] = await openTasks(id);
    await complete(task!.id, { acceptance: 'refused', reason: '不属于本机关职权范围' });
    const history = await store.historyOf(t.kernel.db.orm, id);
    assert.ok(history.some((h) => h.event === 'endReached' && h.nodeId === 'refused'));
    assert.equal((await instance(id))?.status, 'completed');
  });

  it('runs 并联审批: the decision waits for the review and every consulted opinion', async () => {
    const id = await start('parallel-approval', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
      consultedOrganisationIds: [zzLand, lyMarket],
    });
    const [accept] = await openTasks(id);
    await complete(accept!.id, { acceptance: 'accepted' });
    let open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => `${x.nodeId}:${x.candidateOrganisationId}`).sort(),
      [`opinion:${lyMarket}`, `opinion:${zzLand}`, `review:${zzMarket}`].sort(),
    );
    const opinion = open.find((x) => x.candidateOrganisationId === lyMarket)!;
    assert.equal(opinion.element, lyMarket);
    await complete(opinion.id, { lyOpinion: '同意' });
    await complete(open.find((x) => x.nodeId === 'review')!.id, {});
    open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => x.nodeId),
      ['opinion'],
      'the join waits for the last opinion',
    );
    await complete(open[0]!.id, { zzOpinion: '同意' });
    open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => x.nodeId),
      ['decide'],
    );
    await complete(open[0]!.id, { decision: 'deny' });
    const history = await store.historyOf(t.kernel.db.orm, id);
    assert.ok(history.some((h) => h.event === 'endReached' && h.nodeId === 'denied'));
  });

  it('skips the opinions when no department is consulted', async () => {
    const id = await start('parallel-approval', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
      consultedOrganisationIds: [],
    });
    await complete((await openTasks(id))[0]!.id, { acceptance: 'accepted' });
    const [review] = await openTasks(id);
    assert.equal(review?.nodeId, 'review');
    await complete(review.id, {});
    assert.deepEqual(
      (await openTasks(id)).map((x) => x.nodeId),
      ['decide'],
    );
  });

  it('lets exactly one of 20 concurrent completions of a task win', async () => {
    const id = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    const [task] = await openTasks(id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        complete(task!.id, { acceptance: 'accepted' }, `officer${i}`),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 19);
    assert.ok(lost.every((r) => (r.reason as { code?: string }).code === 'task-not-open'));
    const review = (await openTasks(id)).filter((x) => x.nodeId === 'review');
    assert.equal(review.length, 1, 'the process moved on once');
  });

  it('counts a step deadline in working days across 国庆 and its 调休', async () => {
    const { WorkflowEngine } = await import('./engine.js');
    // accepted on 2025-09-30: review (3 working days) is due 2025-10-11, the 调休 Saturday
    const engine = new WorkflowEngine(t.kernel.calendar, () => new Date('2025-09-30T02:00:00Z'));
    const id = await t.kernel.db.orm.transaction((tx) =>
      engine.start(tx, {
        definitionKey: 'promised-case',
        businessKey: crypto.randomUUID(),
        variables: { acceptingOrganisationId: zzMarket, implementingOrganisationId: zzMarket },
        actorId: 'test',
      }),
    );
    const [accept] = await openTasks(id);
    assert.equal(accept?.dueDate, '2025-10-09', '1 working day after 09-30 skips the holiday');
    await t.kernel.db.orm.transaction((tx) =>
      engine.completeTask(tx, accept.id, 'officer', { acceptance: 'accepted' }),
    );
    const [review] = await openTasks(id);
    assert.equal(review?.dueDate, '2025-10-11');
  });

  it('warns from 80 % of a step’s limit, in working days across 国庆', async () => {
    const { WorkflowEngine } = await import('./engine.js');
    const engine = new WorkflowEngine(t.kernel.calendar, () => new Date('2025-09-30T02:00:00Z'), {
      warningShare: 0.8,
    });
    const id = await t.kernel.db.orm.transaction((tx) =>
      engine.start(tx, {
        definitionKey: 'promised-case',
        businessKey: crypto.randomUUID(),
        variables: { acceptingOrganisationId: zzMarket, implementingOrganisationId: zzMarket },
        actorId: 'test',
      }),
    );
    const [accept] = await openTasks(id);
    // limit 1: floor(0.8) = 0 working days, so it warns the day it arrives
    assert.equal(accept?.warnDate, '2025-09-30');
    await t.kernel.db.orm.transaction((tx) =>
      engine.completeTask(tx, accept.id, 'officer', { acceptance: 'accepted' }),
    );
    const [review] = await openTasks(id);
    // limit 3: floor(2.4) = 2 working days after 09-30 — 10-09, 10-10 — after the holiday
    assert.equal(review?.warnDate, '2025-10-10');
    assert.equal(review.dueDate, '2025-10-11');
    await t.kernel.db.orm.transaction((tx) => engine.completeTask(tx, review.id, 'officer', {}));
    const [decide] = await openTasks(id);
    // limit 1: warns on its first day; due the next working day
    assert.equal(decide?.warnDate, '2025-09-30');
    assert.equal(decide.dueDate, '2025-10-09');
  });

  it('warns on the day itself for a step due the day it arrives (limit 0)', async () => {
    const id = await start('immediate-case', { acceptingOrganisationId: zzMarket });
    const [accept] = await openTasks(id);
    assert.ok(accept?.dueDate);
    assert.equal(accept.warnDate, accept.dueDate);
  });

  it('goes back to review on 退回 and to the decision again, as often as returned', async () => {
    const id = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    await complete((await openTasks(id))[0]!.id, { acceptance: 'accepted' });
    const firstReview = (await openTasks(id))[0]!;
    await complete(firstReview.id, { reviewOpinion: '同意' });
    await complete((await openTasks(id))[0]!.id, {
      decision: 'return',
      decisionReason: '补充核查',
    });
    let open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => x.nodeId),
      ['review'],
    );
    const secondReview = open[0]!;
    assert.notEqual(secondReview.id, firstReview.id, 'a new review task');
    assert.ok(secondReview.dueDate, 'with its own time limit');
    await complete(secondReview.id, { reviewOpinion: '已核查' });
    await complete((await openTasks(id))[0]!.id, { decision: 'return' });
    await complete((await openTasks(id))[0]!.id, { reviewOpinion: '再次核查' });
    open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => x.nodeId),
      ['decide'],
    );
    await complete(open[0]!.id, { decision: 'approve' });
    assert.equal((await instance(id))?.status, 'completed');
    const history = await store.historyOf(t.kernel.db.orm, id);
    assert.equal(
      history.filter((h) => h.event === 'taskCreated' && h.nodeId === 'review').length,
      3,
    );
    assert.ok(history.some((h) => h.event === 'endReached' && h.nodeId === 'approved'));
  });

  it('returns a 并联审批 to the lead review only; the opinions stand', async () => {
    const id = await start('parallel-approval', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
      consultedOrganisationIds: [zzLand],
    });
    await complete((await openTasks(id))[0]!.id, { acceptance: 'accepted' });
    for (const task of await openTasks(id)) await complete(task.id, {});
    await complete((await openTasks(id))[0]!.id, { decision: 'return' });
    let open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => `${x.nodeId}:${x.candidateOrganisationId}`),
      [`review:${zzMarket}`],
      'no opinion is asked again',
    );
    await complete(open[0]!.id, {});
    open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => x.nodeId),
      ['decide'],
      'the review after a return goes to the decision, not to the join',
    );
    await complete(open[0]!.id, { decision: 'deny' });
    const done = await instance(id);
    assert.equal(done?.status, 'completed');
    assert.deepEqual(await store.tokensOf(t.kernel.db.orm, id), []);
  });

  it('fires a non-interrupting timer, and not after the task is done', async () => {
    await t.app.workflow.deploy(
      system,
      definition(
        'timer-warning',
        `
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="work" name="办理" zt:candidateRole="approver" zt:candidateOrganisation="org" />
    <bpmn:boundaryEvent id="warn" attachedToRef="work" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="notify" name="预警" zt:action="record" />
    <bpmn:endEvent id="warned" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
    <bpmn:sequenceFlow id="f3" sourceRef="warn" targetRef="notify" />
    <bpmn:sequenceFlow id="f4" sourceRef="notify" targetRef="warned" />`,
      ),
      {},
    );
    const late = await start('timer-warning', { org: zzMarket, tag: 'late' });
    const early = await start('timer-warning', { org: zzMarket, tag: 'early' });
    await complete((await openTasks(early))[0]!.id, {});
    await t.kernel.db.orm.execute(sql`UPDATE job SET run_at = now() WHERE kind = 'workflow.timer'`);
    await t.kernel.jobs.runOnce();
    assert.ok(fired.includes('notify:late'), fired.join());
    assert.ok(!fired.includes('notify:early'), 'a done task’s timer does nothing');
    // non-interrupting: the task is still open, the instance still active
    assert.equal((await openTasks(late)).length, 1);
    assert.equal((await instance(late))?.status, 'active');
    await complete((await openTasks(late))[0]!.id, {});
    assert.equal((await instance(late))?.status, 'completed');
  });

  it('fires an interrupting timer after a restart, when it fell due while the server was down', async () => {
    await t.app.workflow.deploy(
      system,
      definition(
        'timer-escalate',
        `
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="work" name="办理" zt:candidateRole="approver" zt:candidateOrganisation="org" zt:limitDays="2" />
    <bpmn:boundaryEvent id="overdue" attachedToRef="work" zt:dueShare="1">
      <bpmn:timerEventDefinition />
    </bpmn:boundaryEvent>
    <bpmn:userTask id="escalated" name="督办" zt:candidateRole="approver" zt:candidateOrganisation="head" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
    <bpmn:sequenceFlow id="f3" sourceRef="overdue" targetRef="escalated" />
    <bpmn:sequenceFlow id="f4" sourceRef="escalated" targetRef="e" />`,
      ),
      {},
    );
    const id = await start('timer-escalate', { org: zzMarket, head: lyMarket });
    const [work] = await openTasks(id);
    // due at the start of the day after the second working day, Asia/Shanghai
    const jobs = await t.kernel.db.orm.execute<{ run_at: Date; payload: { tokenId: string } }>(
      sql`SELECT run_at, payload FROM job WHERE kind = 'workflow.timer' AND payload->>'instanceId' = ${id}`,
    );
    assert.equal(jobs.rows.length, 1);
    assert.equal(new Date(jobs.rows[0]!.run_at).toISOString().slice(11, 19), '16:00:00');
    assert.ok(new Date(jobs.rows[0]!.run_at) > new Date());

    await t.restart();
    t.app.workflow.engine.registerAction('record', () => Promise.resolve(undefined));
    // time passes while the server is down
    await t.kernel.db.orm.execute(
      sql`UPDATE job SET run_at = now() - interval '1 hour' WHERE payload->>'instanceId' = ${id}`,
    );
    await t.kernel.jobs.runOnce();
    const open = await openTasks(id);
    assert.deepEqual(
      open.map((x) => `${x.nodeId}:${x.candidateOrganisationId}`),
      [`escalated:${lyMarket}`],
    );
    const cancelled = await store.findTask(t.kernel.db.orm, work!.id);
    assert.equal(cancelled?.status, 'cancelled');
    await complete(open[0]!.id, {});
    assert.equal((await instance(id))?.status, 'completed');
  });

  it('answers a task outside one’s organisation as absent, and a second completion with 409', async () => {
    const id = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    const [accept] = await openTasks(id);
    const url = `/api/v1/workflow/tasks/${accept!.id}/complete`;
    const payload = { outcome: { acceptance: 'accepted' } };
    const byOther = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: cookies.lyApprover! },
    });
    assert.equal(byOther.statusCode, 404);
    const wrongRole = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: cookies.zzApprover! },
    });
    assert.equal(wrongRole.statusCode, 404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflow/tasks',
      headers: { cookie: cookies.zzWindow! },
    });
    assert.ok(list.json<WorkflowTaskPage>().items.some((x) => x.id === accept!.id));
    const lyList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/workflow/tasks',
      headers: { cookie: cookies.lyApprover! },
    });
    assert.ok(!lyList.json<WorkflowTaskPage>().items.some((x) => x.instanceId === id));
    const ok = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: cookies.zzWindow! },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const again = await t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: cookies.zzWindow! },
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<Problem>().code, 'task-not-open');
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workflow/instances/${id}`,
      headers: { cookie: cookies.zzApprover! },
    });
    assert.equal(view.statusCode, 200, view.body);
    assert.deepEqual(view.json<ProcessInstanceView>().activeNodes, ['review']);
    const audit = await t.kernel.db.orm.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE target_id = ${accept!.id}`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['workflow.task.complete'],
    );
  });

  it('refuses to deploy an invalid definition over HTTP, naming the elements', async () => {
    const bad = definition(
      'broken',
      `
    <bpmn:startEvent id="s" />
    <bpmn:scriptTask id="script" />
    <bpmn:exclusiveGateway id="gw" />
    <bpmn:endEvent id="e" />
    <bpmn:endEvent id="lonely" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
    <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">a ==</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: DEFINITIONS,
      payload: { xml: bad },
      headers: { cookie: cookies.provinceAdmin! },
    });
    assert.equal(res.statusCode, 422, res.body);
    const paths = (res.json<Problem>().errors ?? []).map((e) => e.path);
    assert.ok(paths.includes('/definition/script'), paths.join());
    assert.ok(paths.includes('/definition/f2'), paths.join());
    const denied = await t.app.inject({
      method: 'POST',
      url: DEFINITIONS,
      payload: { xml: bad },
      headers: { cookie: cookies.zzApprover! },
    });
    assert.equal(denied.statusCode, 403);
    const good = await t.app.inject({
      method: 'POST',
      url: DEFINITIONS,
      payload: { xml: definition('empty-process', '') },
      headers: { cookie: cookies.provinceAdmin! },
    });
    assert.equal(good.statusCode, 422, 'an empty process has no start');
  });

  it('numbers versions: a new deployment of a key is used by new instances only', async () => {
    const v1 = await t.app.workflow.getDefinition(system, 'promised-case');
    const running = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    const xml = v1.xml.replace('zt:limitDays="3"', 'zt:limitDays="2"');
    const deployed = await t.app.workflow.deploy(system, xml, {});
    assert.equal(deployed.version, v1.version + 1);
    const fresh = await start('promised-case', {
      acceptingOrganisationId: zzMarket,
      implementingOrganisationId: zzMarket,
    });
    const runningDefinition = (await instance(running))?.definitionId;
    const freshDefinition = (await instance(fresh))?.definitionId;
    assert.equal(runningDefinition, v1.id);
    assert.equal(freshDefinition, deployed.id);
  });
});
