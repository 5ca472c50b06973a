import type { Drizzle } from '../../../kernel/db/database.js';
import { scheduleJob, type JobRunner } from '../../../kernel/events/jobs.js';
import { deleteExpiredPayloads } from './store.js';

export const PURGE_JOB = 'oidc.purge-expired';
const EVERY_MS = 3_600_000;
const BATCH = 5000;

const slot = (at: number) => Math.floor(at / EVERY_MS);

/** Schedules the purge for the hour after `now`; one job per hour however many instances run. */
export function schedulePurge(db: Drizzle, now = Date.now()): Promise<boolean> {
  const next = slot(now) + 1;
  return scheduleJob(db, {
    kind: PURGE_JOB,
    payload: {},
    runAt: new Date(next * EVERY_MS),
    dedupeKey: `${PURGE_JOB}:${next}`,
  });
}

/**
 * Expired codes, tokens, sessions and interactions are never read (the adapter filters on
 * `expires_at`); this durable hourly job deletes them in batches, so the table stays the size
 * of what is live. It reschedules itself; the dedupe key keeps it to one per hour.
 */
export function registerPurge(jobs: JobRunner, db: Drizzle): void {
  jobs.register(PURGE_JOB, async () => {
    while ((await deleteExpiredPayloads(db, new Date(), BATCH)) === BATCH) {
      // keep going until a batch comes back short
    }
    await schedulePurge(db);
  });
}
