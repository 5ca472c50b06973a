import type { Drizzle } from '../../../kernel/db/database.js';
import type { JobRunner } from '../../../kernel/events/jobs.js';
import { registerRecurringJob, scheduleNextRun } from '../../../kernel/events/recurring.js';
import { deleteExpiredPayloads } from './store.js';

export const PURGE_JOB = 'oidc.purge-expired';
const EVERY_MS = 3_600_000;
const BATCH = 5000;

/** Schedules the purge for the hour after `now`; one job per hour however many instances run. */
export function schedulePurge(db: Drizzle, now = Date.now()): Promise<boolean> {
  return scheduleNextRun(db, { kind: PURGE_JOB, everyMs: EVERY_MS }, now);
}

/**
 * Expired codes, tokens, sessions and interactions are never read (the adapter filters on
 * `expires_at`); this durable hourly job deletes them in batches, so the table stays the size
 * of what is live.
 */
export function registerPurge(jobs: JobRunner, db: Drizzle): Promise<void> {
  return registerRecurringJob(jobs, db, {
    kind: PURGE_JOB,
    everyMs: EVERY_MS,
    run: async () => {
      while ((await deleteExpiredPayloads(db, new Date(), BATCH)) === BATCH) {
        // keep going until a batch comes back short
      }
    },
  });
}
