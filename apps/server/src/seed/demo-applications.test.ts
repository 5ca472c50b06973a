import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
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
    assert.deepEqual(byStatus, {
      accepted: 3,
      approved: 2,
      denied: 1,
      refused: 1,
      submitted: 2,
      supplementRequested: 1,
      withdrawn: 1,
    });
    assert.equal(await seedDemoApplications(t.app, t.app.log as never), 0, 'not seeded twice');
    // the officers' task lists have work: 受理 for the window, 审查 and 决定 for the approver
    const tasks = await t.kernel.db.orm.execute<{ node_id: string; n: number }>(
      sql`SELECT node_id, count(*)::int AS n FROM workflow_task WHERE status = 'open'
          GROUP BY node_id ORDER BY node_id`,
    );
    assert.deepEqual(Object.fromEntries(tasks.rows.map((r) => [r.node_id, r.n])), {
      accept: 3,
      decide: 1,
      review: 2,
    });
  });

  it('shows the applications and the officers’ deadlines as metrics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    const value = (line: string) => {
      const found = res.body.split('\n').find((l) => l.startsWith(`${line} `));
      assert.ok(found, `no metric ${line}`);
      return Number(found.slice(line.length + 1));
    };
    assert.equal(value('zt_applications{status="approved"}'), 2);
    assert.equal(value('zt_applications{status="accepted"}'), 3);
    assert.equal(value('zt_workflow_open_tasks{deadline="overdue"}'), 0);
    const open = ['overdue', 'warning', 'dueToday', 'onTime', 'noLimit']
      .map((d) => value(`zt_workflow_open_tasks{deadline="${d}"}`))
      .reduce((a, b) => a + b, 0);
    assert.equal(open, 6);
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
