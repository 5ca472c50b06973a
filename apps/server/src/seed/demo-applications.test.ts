import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Application,
  BundleApplication,
  TaskCommentList,
  WorkflowTaskPage,
  FeeOrderList,
} from '@zhengtong/contracts';
import { DEMO_STAFF_PASSWORD } from '../modules/identity/demo-accounts.js';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { seedDemoApplications, sampleFor } from './demo-applications.js';

describe('demo applications', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ catalogue: true, applications: true });
  });
  after(() => t.close());

  it('leaves applications in every state, once', async () => {
    const rows = await t.kernel.db.orm.execute<{ status: string; n: number }>(
      sql`SELECT status, count(*)::int AS n FROM application GROUP BY status ORDER BY status`,
    );
    const byStatus = Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
    // 11 in every state, 2 more approved (mailed, returned once), 张三's two 二手房过户 and the
    // four members of 李四's 企业开办一件事 (stage 1 accepted, stage 2 waiting)
    assert.deepEqual(byStatus, {
      accepted: 5,
      approved: 4,
      denied: 1,
      refused: 1,
      submitted: 3,
      supplementRequested: 1,
      waiting: 3,
      withdrawn: 1,
    });
    assert.equal(await seedDemoApplications(t.app, t.app.log as never), 0, 'not seeded twice');
    // the officers' task lists have work: 受理 for the windows, 审查 and 决定 for the approvers,
    // 会签 for the tax bureau
    const tasks = await t.kernel.db.orm.execute<{ node_id: string; n: number }>(
      sql`SELECT node_id, count(*)::int AS n FROM workflow_task WHERE status = 'open'
          GROUP BY node_id ORDER BY node_id`,
    );
    assert.deepEqual(Object.fromEntries(tasks.rows.map((r) => [r.node_id, r.n])), {
      accept: 4,
      decide: 2,
      opinion: 1,
      review: 2,
    });
  });

  const login = async (username: string, password = DEMO_STAFF_PASSWORD) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username, password },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'zt_session');
    assert.ok(cookie);
    return `zt_session=${cookie.value}`;
  };
  const get = async <T>(cookie: string, url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<T>();
  };

  it('leaves the tax bureau a 会签 on 张三’s 二手房过户, and another waiting for 受理', async () => {
    const tax = await login('zz-tax-approver');
    const taxTasks = await get<WorkflowTaskPage>(tax, '/api/v1/workflow/tasks?status=open');
    assert.deepEqual(
      taxTasks.items.map((task) => task.nodeId),
      ['opinion'],
    );
    assert.match(taxTasks.items[0]!.name, /会签/);
    const nrWindow = await login('zz-nr-window');
    const windowTasks = await get<WorkflowTaskPage>(nrWindow, '/api/v1/workflow/tasks?status=open');
    assert.deepEqual(
      windowTasks.items.map((task) => task.nodeId),
      ['accept'],
    );
    const waiting = await get<Application>(
      nrWindow,
      `/api/v1/applications/${windowTasks.items[0]!.businessKey}`,
    );
    assert.equal(waiting.status, 'submitted');
    assert.equal(waiting.delivery?.method, 'mail');
    // the one in 会签 had its registration fee ordered at 受理 and paid by 张三
    const consulted = taxTasks.items[0]!.businessKey;
    const orders = await get<FeeOrderList>(
      nrWindow,
      `/api/v1/payments/orders?applicationId=${consulted}`,
    );
    assert.deepEqual(
      orders.items.map((o) => [o.stage, o.totalFen, o.status]),
      [['beforeIssuing', 8000, 'paid']],
    );
    assert.match(orders.items[0]!.receiptNo ?? '', /^PJ\d{16}$/);
  });

  it('leaves 李四’s 企业开办一件事 at 决定 in stage 1, stage 2 waiting', async () => {
    const rows = await t.kernel.db.orm.execute<{ id: string }>(
      sql`SELECT id FROM bundle_application`,
    );
    assert.equal(rows.rows.length, 1);
    const hall = await login('zz-hall-window');
    const bundle = await get<BundleApplication>(
      hall,
      `/api/v1/bundle-applications/${rows.rows[0]!.id}`,
    );
    assert.equal(bundle.bundleCode, 'business-startup');
    assert.equal(bundle.status, 'inProgress');
    assert.equal(bundle.members.filter((m) => m.status === 'waiting').length, 3);
    const first = bundle.members.find((m) => m.stage === 1);
    assert.equal(first?.status, 'accepted');
    const approver = await login('zz-approver');
    const view = await get<Application>(approver, `/api/v1/applications/${first.applicationId}`);
    assert.deepEqual(
      view.currentSteps.map((s) => s.nodeId),
      ['decide'],
    );
    const comments = await get<TaskCommentList>(
      approver,
      `/api/v1/workflow/comments?businessKey=${first.applicationId}`,
    );
    assert.equal(comments.items.length, 1);
  });

  it('delivers a mailed result with its tracking number', async () => {
    const rows = await t.kernel.db.orm.execute<{ id: string }>(
      sql`SELECT id FROM application WHERE delivered_at IS NOT NULL AND delivery_method = 'mail'`,
    );
    assert.equal(rows.rows.length, 1);
    const window = await login('zz-window');
    const delivered = await get<Application>(window, `/api/v1/applications/${rows.rows[0]!.id}`);
    assert.equal(delivered.status, 'approved');
    assert.equal(delivered.delivery?.trackingNo, 'EMS1234567890CN');
    assert.ok(delivered.delivery.deliveredAt);
  });

  it('has one application returned at 决定 and then approved', async () => {
    const rows = await t.kernel.db.orm.execute<{ status: string }>(
      sql`SELECT a.status FROM application a JOIN application_event e ON e.application_id = a.id
          WHERE e.event = 'returned'`,
    );
    assert.deepEqual(
      rows.rows.map((r) => r.status),
      ['approved'],
    );
  });

  it('shows the applications and the officers’ deadlines as metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    const value = (line: string) => {
      const found = res.body.split('\n').find((l) => l.startsWith(`${line} `));
      assert.ok(found, `no metric ${line}`);
      return Number(found.slice(line.length + 1));
    };
    assert.equal(value('zt_applications{status="approved"}'), 4);
    assert.equal(value('zt_applications{status="accepted"}'), 5);
    assert.equal(value('zt_workflow_open_tasks{deadline="overdue"}'), 0);
    const open = ['overdue', 'warning', 'dueToday', 'onTime', 'noLimit']
      .map((d) => value(`zt_workflow_open_tasks{deadline="${d}"}`))
      .reduce((a, b) => a + b, 0);
    assert.equal(open, 9);
  });

  it('fills a form from its schema', () => {
    assert.deepEqual(
      sampleFor({
        type: 'object',
        required: ['name', 'count', 'kind', 'day', 'ok'],
        properties: {
          name: { type: 'string', title: '名称', maxLength: 4 },
          count: { type: 'integer', minimum: 3 },
          kind: { type: 'string', enum: ['新办', '变更'] },
          day: { type: 'string', format: 'date' },
          ok: { type: 'boolean' },
          optional: { type: 'string' },
        },
      }),
      { name: '示例名称', count: 3, kind: '新办', day: '2026-11-20', ok: true },
    );
  });
});
