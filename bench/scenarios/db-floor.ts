import { findApplication } from '../../apps/server/src/modules/applications/store.js';
import { seedApplications } from '../lib/bulk-applications.js';
import { withCompanionPool } from '../lib/db.js';
import { measured, runConcurrent, withBaseline } from '../lib/measure.js';
import type { ScenarioResult } from '../lib/results.js';
import { withCapture } from '../lib/sql-floor.js';
import type { Target } from '../lib/target.js';
import { applicationsAt, type Scenario, type ScenarioOptions } from './types.js';

const READS = 20_000;

async function runDbFloor(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app } = target;
  const n = applicationsAt(o, '100k');
  const seeded = await seedApplications(app, n, o.log);
  const count = o.count ?? (o.smoke ? 50 : READS);
  const concurrency = o.concurrency ?? 16;
  const { rows } = await app.kernel.db.pool.query<{ id: string }>(
    'SELECT id FROM application ORDER BY random() LIMIT $1',
    [Math.min(count, 10_000)],
  );
  const ids = rows.map((r) => r.id);
  const orm = app.kernel.db.orm;
  const read = async (id: string) => {
    if (!(await findApplication(orm, id))) throw new Error(`application ${id} not found`);
  };
  // the statement Drizzle sends for the store's read, to send the same through pg
  const { sessions } = await withCapture(app.kernel.db.pool, (capture) =>
    capture.capture(() => read(ids[0]!)),
  );
  const statement = sessions[0]?.[0];
  if (!statement || sessions.length !== 1) throw new Error('the store read is not one statement');

  return withCompanionPool(app, async (pool) => {
    const raw = async (id: string) => {
      const result = await pool.query(statement.text, [id]);
      if (result.rowCount !== 1) throw new Error(`application ${id} not found`);
    };
    const bounds = { count, concurrency, deadlineMs: o.deadlineMs };
    const warm = { ...bounds, count: o.smoke ? 5 : Math.min(count, 2_000) };
    const at = (i: number) => ids[i % ids.length]!;
    await runConcurrent(warm, (i) => raw(at(i)));
    await runConcurrent(warm, (i) => read(at(i)));
    o.log(`${count} primary-key reads of application, ${concurrency} at a time, each way`);
    const floor = await runConcurrent(bounds, (i) => raw(at(i)));
    const store = await runConcurrent(bounds, (i) => read(at(i)));
    const m = withBaseline(
      'applications store findApplication (Drizzle, the app pool with its query metrics), in process',
      measured(store.report),
      'the same SELECT through pg (a pool of the same size), in process',
      measured(floor.report),
    );
    return {
      scale: { applications: seeded.applications, reads: count },
      concurrency,
      measurements: { read: m },
      targets: [],
      details: {
        statement: statement.text,
        seeding: seeded,
        firstError: store.firstError ?? floor.firstError ?? null,
        notes:
          'no HTTP: both sides run in the server process; the difference is Drizzle (query building, row mapping) and the pool instrumentation',
      },
    };
  });
}

export const dbFloorScenario: Scenario = {
  name: 'db-floor',
  description:
    'data-layer cost: a primary-key read through the store layer (Drizzle) beside the same SELECT through pg',
  run: runDbFloor,
};
