import type { Executor } from '../db/database.js';
import { scheduleJob, type JobRunner } from './jobs.js';

export interface RecurringJob {
  kind: string;
  everyMs: number;
  run: () => Promise<void>;
}

const slot = (at: number, everyMs: number) => Math.floor(at / everyMs);

/**
 * Schedules the run of the period after `now`. The dedupe key names the period, so however many
 * instances start, each period runs once.
 */
export function scheduleNextRun(
  db: Executor,
  job: Pick<RecurringJob, 'kind' | 'everyMs'>,
  now = Date.now(),
  after?: number,
): Promise<boolean> {
  // the period after the one that just ran, even when it ran early (a nudged or manual run)
  const next = Math.max(slot(now, job.everyMs), after ?? -1) + 1;
  return scheduleJob(db, {
    kind: job.kind,
    payload: { period: next },
    runAt: new Date(next * job.everyMs),
    dedupeKey: `${job.kind}:${next}`,
  });
}

/** A durable periodic job: runs, then schedules its next period; scheduled once at start. */
export async function registerRecurringJob(
  jobs: JobRunner,
  db: Executor,
  job: RecurringJob,
): Promise<void> {
  jobs.register(job.kind, async ({ payload }) => {
    await job.run();
    const period = typeof payload.period === 'number' ? payload.period : undefined;
    await scheduleNextRun(db, job, Date.now(), period);
  });
  await scheduleNextRun(db, job);
}
