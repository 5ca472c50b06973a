import type { WorkflowTaskPage } from '@zhengtong/contracts';
import { DEMO_STAFF_PASSWORD } from '../../apps/server/src/modules/identity/demo-accounts.js';
import { seedApplications } from '../lib/bulk-applications.js';
import { withCompanionPool } from '../lib/db.js';
import { checkTarget, firstErrors, measured, withBaseline } from '../lib/measure.js';
import type { ScenarioResult } from '../lib/results.js';
import { signIn } from '../lib/sessions.js';
import { ReplayPlan, replayConcurrently, statementCounts, withCapture } from '../lib/sql-floor.js';
import type { Target } from '../lib/target.js';
import { applicationsAt, type Scenario, type ScenarioOptions } from './types.js';

/** the officer whose 待办 is read: an approver of 郑州市市场监督管理局, the busiest bureau */
const OFFICER = 'zz-approver';
/** what the web workbench asks for (apps/web/src/workbench/api.ts myTasksQuery) */
const PATH = '/api/v1/workflow/tasks?status=open&page=1&pageSize=20';
const TARGET_P99_MS = 30;
const TARGET_RATIO = 2;
const REQUESTS = 5_000;

async function runWorkbenchQuery(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl, load } = target;
  const seeded = await seedApplications(app, applicationsAt(o, '1m'), o.log);
  const count = o.count ?? (o.smoke ? 30 : REQUESTS);
  const concurrency = o.concurrency ?? 8;
  const cookie = await signIn(baseUrl, OFFICER, DEMO_STAFF_PASSWORD);

  // the task list's own SQL, as the request sends it: the raw-SQL baseline
  const { step, response } = await withCapture(app.kernel.db.pool, (capture) =>
    capture.inject(app, 'task list', { method: 'GET', url: PATH, headers: { cookie } }),
  );
  const page = response.json<WorkflowTaskPage>();
  const query = {
    ...step,
    sessions: step.sessions.filter((s) => /workflow_task/.test(s[0]!.text)),
  };
  if (query.sessions.length === 0) throw new Error('the task list ran no query on workflow_task');
  const plan = new ReplayPlan([query]);

  const job = {
    baseUrl,
    requests: [{ method: 'GET' as const, path: PATH, headers: { cookie } }],
    concurrency,
    requestTimeoutMs: 10_000,
    expectStatus: 200,
  };
  const bounds = { count, concurrency, deadlineMs: o.deadlineMs };
  return withCompanionPool(app, async (pool) => {
    const warm = o.smoke ? 2 : 200;
    await load.run({ ...job, count: warm, deadlineMs: o.deadlineMs });
    await replayConcurrently(pool, plan, { ...bounds, count: warm }, true);
    o.log(`${count} task lists of ${OFFICER} (${page.total} open tasks), ${concurrency} at a time`);
    const http = await load.run({ ...job, count, deadlineMs: o.deadlineMs });
    const raw = await replayConcurrently(pool, plan, bounds, true);
    const m = withBaseline(
      `GET ${PATH} as ${OFFICER} (待办: organisation and roles, by due date, first page)`,
      measured(http),
      'its task queries (page and count, together) as raw SQL through pg, in process',
      measured(raw.report),
    );
    return {
      scale: { applications: seeded.applications, openTasks: seeded.openTasks, requests: count },
      concurrency,
      measurements: { tasks: m },
      targets: [
        checkTarget({
          name: 'p99',
          measurement: 'tasks',
          m,
          measured: m.p99Ms,
          comparison: '<',
          target: TARGET_P99_MS,
          unit: 'ms',
        }),
        checkTarget({
          name: 'p99 vs raw SQL',
          measurement: 'tasks',
          m,
          measured: m.baseline!.p99Ms > 0 ? m.p99Ms / m.baseline!.p99Ms : 0,
          comparison: '≤',
          target: TARGET_RATIO,
          unit: '× the raw SQL p99',
        }),
      ],
      details: {
        officer: OFFICER,
        officerOpenTasks: page.total,
        seeding: seeded,
        statements: statementCounts([step]),
        rawSql: query.sessions.map((s) => s.map((q) => q.text)),
        errorsSample: firstErrors(http.samples),
        firstReplayError: raw.firstError ?? null,
      },
    };
  });
}

export const workbenchQueryScenario: Scenario = {
  name: 'workbench-query',
  description:
    "an officer's task list (待办) over a bulk-seeded data set (default 1M applications, 100k open tasks), beside its SQL alone",
  run: runWorkbenchQuery,
};
