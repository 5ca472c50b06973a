import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Problem,
  ProcessInstanceView,
  TaskCandidateList,
  TaskComment,
  TaskCommentList,
  WorkflowTask,
  WorkflowTaskPage,
} from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { addCalendarDays, toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { organisationId } from '../../test-support/catalog.js';
import { createStaff, FAST_ARGON2, loginAs, type TestStaff } from '../../test-support/identity.js';
import { ESCALATION_JOB } from './index.js';
import { PROMISED_CASE } from './standard-definitions.js';
import * as store from './store.js';

// 办理: claim, release, transfer, comments, deadlines and 督办 over the API.

const TASKS = '/api/v1/workflow/tasks';

describe('workflow task handling (办理)', () => {
  let t: TestApp;
  let zzMarket: string;
  let lyMarket: string;
  const staff: Record<string, TestStaff> = {};
  const cookies: Record<string, string> = {};

  const call = (
    who: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookies[who]! },
      ...(payload ? { payload } : {}),
    });

  /** A 承诺件 accepted: its open review task (approver, 郑州市场监管局). */
  const reviewTask = async () => {
    const id = await t.kernel.db.orm.transaction((tx) =>
      t.app.workflow.engine.start(tx, {
        definitionKey: 'promised-case',
        businessKey: crypto.randomUUID(),
        variables: { acceptingOrganisationId: zzMarket, implementingOrganisationId: zzMarket },
        actorId: 'test',
      }),
    );
    const [accept] = await store.tasksOfInstance(t.kernel.db.orm, id);
    await t.kernel.db.orm.transaction((tx) =>
      t.app.workflow.engine.completeTask(tx, accept!.id, 'test', { acceptance: 'accepted' }),
    );
    const review = (await store.tasksOfInstance(t.kernel.db.orm, id)).find(
      (x) => x.status === 'open',
    );
    assert.equal(review?.nodeId, 'review');
    return review;
  };

  const auditActions = async (taskId: string) =>
    (
      await t.kernel.db.orm.execute<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE target_id = ${taskId} ORDER BY occurred_at, id`,
      )
    ).rows.map((r) => r.action);

  const today = () => toShanghaiDate(new Date());

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    for (const [key, name, roles, org] of [
      ['first', '甲审查员', ['approver'], zzMarket],
      ['second', '乙审查员', ['approver'], zzMarket],
      ['window', '丙窗口', ['windowOfficer'], zzMarket],
      ['head', '丁科长', ['departmentHead'], zzMarket],
      ['lyApprover', '洛阳审查员', ['approver'], lyMarket],
      ['lyHead', '洛阳科长', ['departmentHead'], lyMarket],
    ] as const) {
      staff[key] = await createStaff(t, { roles: [...roles], organisationId: org, name });
      cookies[key] = await loginAs(t, staff[key]);
    }
  });
  after(() => t.close());

  it('claims and releases; a task held by someone else is a 409, an outsider gets a 404', async () => {
    const task = await reviewTask();
    const claimed = await call('first', 'POST', `${TASKS}/${task.id}/claim`);
    assert.equal(claimed.statusCode, 200, claimed.body);
    assert.equal(claimed.json<WorkflowTask>().assignee, staff.first!.accountId);
    assert.equal(claimed.json<WorkflowTask>().assigneeName, '甲审查员');
    assert.ok(claimed.json<WorkflowTask>().claimedAt);

    const byOther = await call('second', 'POST', `${TASKS}/${task.id}/release`);
    assert.equal(byOther.statusCode, 409);
    assert.equal(byOther.json<Problem>().code, 'task-claimed');
    assert.match(String(byOther.headers['content-type']), /application\/problem\+json/);
    assert.equal((await call('second', 'POST', `${TASKS}/${task.id}/claim`)).statusCode, 409);
    for (const outsider of ['lyApprover', 'window', 'head']) {
      const res = await call(outsider, 'POST', `${TASKS}/${task.id}/release`);
      assert.equal(res.statusCode, 404, outsider);
    }

    const released = await call('first', 'POST', `${TASKS}/${task.id}/release`);
    assert.equal(released.statusCode, 200, released.body);
    assert.equal(released.json<WorkflowTask>().assignee, null);
    assert.equal(released.json<WorkflowTask>().claimedAt, null);
    const again = await call('first', 'POST', `${TASKS}/${task.id}/release`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<Problem>().code, 'task-not-claimed');
    // released, anyone of the candidates may take it
    assert.equal((await call('second', 'POST', `${TASKS}/${task.id}/claim`)).statusCode, 200);

    const history = await store.historyOf(t.kernel.db.orm, task.instanceId);
    assert.deepEqual(
      history
        .filter((h) => h.event.startsWith('taskClaimed') || h.event === 'taskReleased')
        .map((h) => `${h.event}:${h.actorId === staff.first!.accountId ? 'first' : 'second'}`),
      ['taskClaimed:first', 'taskReleased:first', 'taskClaimed:second'],
    );
    assert.deepEqual(await auditActions(task.id), [
      'workflow.task.claim',
      'workflow.task.release',
      'workflow.task.claim',
    ]);
  });

  it('transfers only to a colleague who may work on the task, who then completes it', async () => {
    const task = await reviewTask();
    const candidates = await call('first', 'GET', `${TASKS}/${task.id}/candidates`);
    assert.equal(candidates.statusCode, 200, candidates.body);
    const offered = candidates.json<TaskCandidateList>().items;
    assert.ok(
      offered.some((c) => c.accountId === staff.second!.accountId && c.name === '乙审查员'),
    );
    for (const key of ['first', 'window', 'head', 'lyApprover']) {
      assert.ok(
        !offered.some((c) => c.accountId === staff[key]!.accountId),
        `approvers of the organisation but oneself: not ${key}`,
      );
    }
    assert.equal(
      (await call('lyApprover', 'GET', `${TASKS}/${task.id}/candidates`)).statusCode,
      404,
    );

    assert.equal((await call('first', 'POST', `${TASKS}/${task.id}/claim`)).statusCode, 200);
    for (const [target, why] of [
      [staff.window!.accountId, 'lacks the role'],
      [staff.lyApprover!.accountId, 'another organisation'],
      [staff.head!.accountId, 'a head does not work on it'],
      [staff.first!.accountId, 'oneself'],
      [crypto.randomUUID(), 'nobody'],
    ] as const) {
      const res = await call('first', 'POST', `${TASKS}/${task.id}/transfer`, {
        toAccountId: target,
        reason: '工作调整',
      });
      assert.equal(res.statusCode, 422, `${why}: ${res.body}`);
      assert.deepEqual(
        res.json<Problem>().errors?.map((e) => e.path),
        ['/body/toAccountId'],
      );
    }
    const noReason = await call('first', 'POST', `${TASKS}/${task.id}/transfer`, {
      toAccountId: staff.second!.accountId,
    });
    assert.equal(noReason.statusCode, 400);
    const byOutsider = await call('lyApprover', 'POST', `${TASKS}/${task.id}/transfer`, {
      toAccountId: staff.second!.accountId,
      reason: '工作调整',
    });
    assert.equal(byOutsider.statusCode, 404);

    const moved = await call('first', 'POST', `${TASKS}/${task.id}/transfer`, {
      toAccountId: staff.second!.accountId,
      reason: '休假，转同事办理',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<WorkflowTask>().assignee, staff.second!.accountId);
    assert.equal(moved.json<WorkflowTask>().assigneeName, '乙审查员');

    // the former assignee holds it no more
    for (const url of ['complete', 'release', 'transfer']) {
      const res = await call(
        'first',
        'POST',
        `${TASKS}/${task.id}/${url}`,
        url === 'complete'
          ? { outcome: { reviewOpinion: '同意' } }
          : url === 'transfer'
            ? { toAccountId: staff.second!.accountId, reason: '再转' }
            : undefined,
      );
      assert.equal(res.statusCode, 409, `${url}: ${res.body}`);
      assert.equal(res.json<Problem>().code, 'task-claimed');
    }
    const done = await call('second', 'POST', `${TASKS}/${task.id}/complete`, {
      outcome: { reviewOpinion: '同意' },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<WorkflowTask>().status, 'completed');

    const transferred = (await store.historyOf(t.kernel.db.orm, task.instanceId)).filter(
      (h) => h.event === 'taskTransferred',
    );
    assert.equal(transferred.length, 1);
    assert.equal(transferred[0]!.actorId, staff.first!.accountId);
    assert.equal(transferred[0]!.data.to, staff.second!.accountId);
    assert.equal(transferred[0]!.data.reason, '休假，转同事办理');
    assert.deepEqual(await auditActions(task.id), [
      'workflow.task.claim',
      'workflow.task.transfer',
      'workflow.task.complete',
    ]);
    const events = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox
           WHERE topic = 'workflow.task.transferred' AND payload->>'taskId' = ${task.id}`,
    );
    assert.equal(events.rows[0]?.n, 1);
  });

  it('keeps officers’ comments in the history, readable by those who may read the instance', async () => {
    const task = await reviewTask();
    const posted = await call('first', 'POST', `${TASKS}/${task.id}/comments`, {
      text: '申请人电话核实：经营场所属实',
    });
    assert.equal(posted.statusCode, 201, posted.body);
    const comment = posted.json<TaskComment>();
    assert.equal(comment.text, '申请人电话核实：经营场所属实');
    assert.equal(comment.actorName, '甲审查员');
    assert.equal(comment.taskName, '审查');
    assert.equal(comment.taskId, task.id);

    for (const text of ['', 'x'.repeat(1001)]) {
      const res = await call('first', 'POST', `${TASKS}/${task.id}/comments`, { text });
      assert.equal(res.statusCode, 400, `length ${text.length}`);
    }
    const outsider = await call('lyApprover', 'POST', `${TASKS}/${task.id}/comments`, {
      text: '不该看到',
    });
    assert.equal(outsider.statusCode, 404);

    const view = await call('second', 'GET', `/api/v1/workflow/instances/${task.instanceId}`);
    assert.equal(view.statusCode, 200, view.body);
    const entry = view.json<ProcessInstanceView>().history.find((h) => h.event === 'comment');
    assert.equal(entry?.data.text, '申请人电话核实：经营场所属实');
    assert.equal(entry.actorName, '甲审查员');

    const list = await call(
      'second',
      'GET',
      `/api/v1/workflow/comments?businessKey=${task.businessKey}`,
    );
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json<TaskCommentList>().items.map((c) => c.text),
      ['申请人电话核实：经营场所属实'],
    );
    const hidden = await call(
      'lyApprover',
      'GET',
      `/api/v1/workflow/comments?businessKey=${task.businessKey}`,
    );
    assert.equal(hidden.statusCode, 200);
    assert.deepEqual(hidden.json<TaskCommentList>().items, []);

    await t.kernel.db.orm.transaction((tx) =>
      t.app.workflow.engine.completeTask(tx, task.id, staff.first!.accountId, {}),
    );
    const late = await call('first', 'POST', `${TASKS}/${task.id}/comments`, { text: '补记' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json<Problem>().code, 'task-not-open');
    assert.deepEqual(await auditActions(task.id), ['workflow.task.comment']);
  });

  it('says where each task stands against its deadline, and counts them for the metrics', async () => {
    const day = today();
    const cases = [
      { due: null, warn: null, deadline: 'noLimit' },
      { due: addCalendarDays(day, 5), warn: addCalendarDays(day, 3), deadline: 'onTime' },
      { due: addCalendarDays(day, 2), warn: day, deadline: 'warning' },
      { due: day, warn: addCalendarDays(day, -1), deadline: 'warning' },
      { due: addCalendarDays(day, -1), warn: addCalendarDays(day, -2), deadline: 'overdue' },
    ] as const;
    const before = await store.openTasksByDeadline(t.kernel.db.orm, day);
    for (const c of cases) {
      const task = await reviewTask();
      await t.kernel.db.orm.execute(
        sql`UPDATE workflow_task SET due_date = ${c.due}::date, warn_date = ${c.warn}::date
             WHERE id = ${task.id}`,
      );
      const res = await call('first', 'GET', `${TASKS}/${task.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<WorkflowTask>().deadline, c.deadline, JSON.stringify(c));
      assert.equal(res.json<WorkflowTask>().warnDate, c.warn);
    }
    const counts = await store.openTasksByDeadline(t.kernel.db.orm, day);
    assert.equal(counts.noLimit - before.noLimit, 1);
    assert.equal(counts.onTime - before.onTime, 1);
    assert.equal(counts.warning - before.warning, 1);
    assert.equal(counts.dueToday - before.dueToday, 1);
    assert.equal(counts.overdue - before.overdue, 1);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200);
    for (const label of ['overdue', 'dueToday', 'warning', 'onTime', 'noLimit']) {
      assert.match(
        metrics.body,
        new RegExp(`zt_workflow_open_tasks\\{deadline="${label}"\\} \\d+`),
      );
    }
  });

  it('escalates an overdue task once (督办), for its department head to read', async () => {
    const overdue = await reviewTask();
    const dueToday = await reviewTask();
    await t.kernel.db.orm.execute(
      sql`UPDATE workflow_task SET due_date = ${addCalendarDays(today(), -1)}::date
           WHERE id = ${overdue.id}`,
    );
    await t.kernel.db.orm.execute(
      sql`UPDATE workflow_task SET due_date = ${today()}::date WHERE id = ${dueToday.id}`,
    );
    // the recurring job, due now
    await t.kernel.db.orm.execute(
      sql`UPDATE job SET run_at = now() WHERE kind = ${ESCALATION_JOB} AND status = 'pending'`,
    );
    await t.kernel.jobs.runOnce();
    const escalated = await store.findTask(t.kernel.db.orm, overdue.id);
    assert.ok(escalated?.escalatedAt, 'the overdue task is escalated');
    assert.equal((await store.findTask(t.kernel.db.orm, dueToday.id))?.escalatedAt, null);
    // again: nothing more
    await t.app.workflow.escalateOverdue();
    await t.kernel.db.orm.execute(
      sql`UPDATE job SET run_at = now() WHERE kind = ${ESCALATION_JOB} AND status = 'pending'`,
    );
    await t.kernel.jobs.runOnce();
    assert.deepEqual(
      (await store.findTask(t.kernel.db.orm, overdue.id))?.escalatedAt,
      escalated.escalatedAt,
    );
    const events = await t.kernel.db.orm.execute<{ payload: Record<string, unknown> }>(
      sql`SELECT payload FROM outbox
           WHERE topic = 'workflow.task.escalated' AND payload->>'taskId' = ${overdue.id}`,
    );
    assert.equal(events.rows.length, 1, 'one event');
    assert.deepEqual(events.rows[0]!.payload, {
      taskId: overdue.id,
      instanceId: overdue.instanceId,
      businessKey: overdue.businessKey,
      name: '审查',
      candidateOrganisationId: zzMarket,
      dueDate: addCalendarDays(today(), -1),
    });
    const history = (await store.historyOf(t.kernel.db.orm, overdue.instanceId)).filter(
      (h) => h.event === 'escalated',
    );
    assert.equal(history.length, 1);
    assert.equal(history[0]!.actorId, null);
    const audit = await t.kernel.db.orm.execute<{ action: string; actor_id: string }>(
      sql`SELECT action, actor_id FROM audit_log WHERE target_id = ${overdue.id}`,
    );
    assert.deepEqual(audit.rows, [
      { action: 'workflow.task.escalate', actor_id: 'system:workflow' },
    ]);

    // 督办 list: the head of the organisation, escalated tasks only
    const list = await call('head', 'GET', `${TASKS}?scope=escalated`);
    assert.equal(list.statusCode, 200, list.body);
    const ids = list.json<WorkflowTaskPage>().items.map((x) => x.id);
    assert.ok(ids.includes(overdue.id));
    assert.ok(!ids.includes(dueToday.id));
    const item = list.json<WorkflowTaskPage>().items.find((x) => x.id === overdue.id);
    assert.equal(item?.deadline, 'overdue');
    assert.ok(item.escalatedAt);
    const lyList = await call('lyHead', 'GET', `${TASKS}?scope=escalated`);
    assert.ok(!lyList.json<WorkflowTaskPage>().items.some((x) => x.id === overdue.id));
    assert.equal((await call('first', 'GET', `${TASKS}?scope=escalated`)).statusCode, 403);

    // the head reads the escalated task and its instance, but does not work on it
    assert.equal((await call('head', 'GET', `${TASKS}/${overdue.id}`)).statusCode, 200);
    assert.equal((await call('head', 'GET', `${TASKS}/${dueToday.id}`)).statusCode, 404);
    assert.equal(
      (await call('head', 'GET', `/api/v1/workflow/instances/${overdue.instanceId}`)).statusCode,
      200,
    );
    assert.equal(
      (await call('head', 'GET', `/api/v1/workflow/instances/${dueToday.instanceId}`)).statusCode,
      404,
    );
    assert.equal((await call('head', 'POST', `${TASKS}/${overdue.id}/claim`)).statusCode, 404);
    assert.equal((await call('lyHead', 'GET', `${TASKS}/${overdue.id}`)).statusCode, 404);

    // 督办 → 转办: the head reassigns the escalated task, though an officer holds it
    assert.equal((await call('first', 'POST', `${TASKS}/${overdue.id}/claim`)).statusCode, 200);
    const offered = await call('head', 'GET', `${TASKS}/${overdue.id}/candidates`);
    assert.equal(offered.statusCode, 200, offered.body);
    const names = offered.json<TaskCandidateList>().items.map((c) => c.name);
    assert.ok(names.includes('甲审查员') && names.includes('乙审查员'), names.join());
    const reason = '超期督办，改由乙审查员办理';
    const moved = await call('head', 'POST', `${TASKS}/${overdue.id}/transfer`, {
      toAccountId: staff.second!.accountId,
      reason,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<WorkflowTask>().assignee, staff.second!.accountId);
    const moves = (await store.historyOf(t.kernel.db.orm, overdue.instanceId)).filter(
      (h) => h.event === 'taskTransferred',
    );
    assert.deepEqual(moves.at(-1)?.data, {
      taskId: overdue.id,
      name: '审查',
      to: staff.second!.accountId,
      reason,
      from: staff.first!.accountId,
    });
    assert.equal(moves.at(-1)?.actorId, staff.head!.accountId);
    const audit2 = await t.kernel.db.orm.execute<{ summary: Record<string, unknown> }>(
      sql`SELECT summary FROM audit_log
           WHERE target_id = ${overdue.id} AND action = 'workflow.task.transfer'`,
    );
    assert.equal(audit2.rows[0]?.summary.byHead, true);
    assert.equal(audit2.rows[0]?.summary.fromAssignee, staff.first!.accountId);
    // only escalated tasks of the head's own department
    assert.equal(
      (
        await call('head', 'POST', `${TASKS}/${dueToday.id}/transfer`, {
          toAccountId: staff.second!.accountId,
          reason,
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (
        await call('lyHead', 'POST', `${TASKS}/${overdue.id}/transfer`, {
          toAccountId: staff.first!.accountId,
          reason,
        })
      ).statusCode,
      404,
    );
    // and only to an officer who may work on it
    assert.equal(
      (
        await call('head', 'POST', `${TASKS}/${overdue.id}/transfer`, {
          toAccountId: staff.window!.accountId,
          reason,
        })
      ).statusCode,
      422,
    );
  });

  it('deploys a new version of a shipped definition that changed, and keeps an admin’s own', async () => {
    const system = systemActor('workflow');
    // an installation that has the shipping before 退回
    const older = PROMISED_CASE.replace(
      /<bpmn:sequenceFlow id="toReturned"[\s\S]*?<\/bpmn:sequenceFlow>/,
      '',
    );
    assert.notEqual(older, PROMISED_CASE);
    const old = await t.app.workflow.deploy(system, older, {});
    assert.deepEqual(await t.app.workflow.deployStandardDefinitions(), ['promised-case']);
    const latest = await t.app.workflow.getDefinition(system, 'promised-case');
    assert.equal(latest.version, old.version + 1);
    assert.deepEqual(await t.app.workflow.deployStandardDefinitions(), [], 'once');
    // two instances starting together after an upgrade deploy the changed definition once
    const before = await t.app.workflow.deploy(system, older, {});
    const together = await Promise.all([
      t.app.workflow.deployStandardDefinitions(),
      t.app.workflow.deployStandardDefinitions(),
    ]);
    assert.deepEqual(together.flat(), ['promised-case'], JSON.stringify(together));
    const after = await t.app.workflow.getDefinition(system, 'promised-case');
    assert.equal(after.version, before.version + 1);
    // an admin's own version stays in force
    await t.app.workflow.deploy(systemActor('admin'), older, {});
    assert.deepEqual(await t.app.workflow.deployStandardDefinitions(), []);
  });
});
