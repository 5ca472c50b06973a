import type pg from 'pg';
import { job } from '../tables.js';
import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';

export interface ScheduleJob {
  kind: string;
  payload: Record<string, unknown>;
  /** when it is due; a timer is a job due in the future */
  runAt?: Date;
  /** at most one job per key ever: scheduling the same key again is a no-op */
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Schedules a durable job in the caller's transaction. Returns false when deduplicated. */
export async function scheduleJob(tx: Executor, input: ScheduleJob): Promise<boolean> {
  const inserted = await tx
    .insert(job)
    .values({
      id: newId(),
      kind: input.kind,
      payload: input.payload,
      runAt: input.runAt ?? new Date(),
      dedupeKey: input.dedupeKey ?? null,
      maxAttempts: input.maxAttempts ?? 10,
    })
    .onConflictDoNothing({ target: job.dedupeKey })
    .returning({ id: job.id });
  return inserted.length > 0;
}

export interface JobContext {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempt: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

export interface RunResult {
  claimed: number;
  done: number;
  failed: number;
}

/**
 * Runs due jobs. A job is claimed with a lease (FOR UPDATE SKIP LOCKED, so several workers and
 * instances never take the same one); a worker that dies leaves the lease to expire and the
 * job is claimed again, so jobs and timers survive a restart. Handlers must be idempotent.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      leaseMs?: number;
      batchSize?: number;
      onError?: (err: unknown, job: JobContext) => void;
    } = {},
  ) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind ${kind} exists`);
    this.handlers.set(kind, handler);
  }

  async runOnce(): Promise<RunResult> {
    const kinds = [...this.handlers.keys()];
    const result: RunResult = { claimed: 0, done: 0, failed: 0 };
    if (kinds.length === 0) return result;
    const leaseMs = this.options.leaseMs ?? 60_000;
    // A lapsed lease on the last attempt means the worker died running it, perhaps because of
    // the job itself (out of memory): give up instead of crashing every restart forever.
    await this.pool.query(
      `UPDATE job SET status = 'dead', locked_until = NULL, updated_at = now(),
              last_error = 'lease expired on attempt ' || attempts || ' of ' || max_attempts
                           || coalesce('; before that: ' || last_error, '')
        WHERE kind = ANY($1::text[]) AND status = 'running' AND locked_until < now()
          AND attempts >= max_attempts`,
      [kinds],
    );
    const { rows } = await this.pool.query<{
      id: string;
      kind: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }>(
      `UPDATE job SET status = 'running', attempts = attempts + 1, updated_at = now(),
              locked_until = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id IN (
          SELECT id FROM job
           WHERE kind = ANY($1::text[])
             AND ((status = 'pending' AND run_at <= now())
               OR (status = 'running' AND locked_until < now() AND attempts < max_attempts))
           ORDER BY run_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, payload, attempts, max_attempts`,
      [kinds, this.options.batchSize ?? 20, leaseMs],
    );
    result.claimed = rows.length;
    for (const row of rows) {
      const ctx: JobContext = {
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        attempt: row.attempts,
      };
      const handler = this.handlers.get(row.kind);
      try {
        if (!handler) throw new Error(`no handler for ${row.kind}`);
        await handler(ctx);
        // only the claim that ran it may finish it: a lease that lapsed and was claimed again
        // (attempts moved on) belongs to the newer claim
        await this.pool.query(
          `UPDATE job SET status = 'done', locked_until = NULL, last_error = NULL, updated_at = now()
            WHERE id = $1 AND status = 'running' AND attempts = $2`,
          [row.id, row.attempts],
        );
        result.done += 1;
      } catch (err) {
        this.options.onError?.(err, ctx);
        const dead = row.attempts >= row.max_attempts;
        const delayMs = Math.min(1000 * 2 ** (row.attempts - 1), 3_600_000);
        await this.pool.query(
          `UPDATE job SET status = $2, locked_until = NULL, last_error = $3, updated_at = now(),
                  run_at = now() + make_interval(secs => $4::double precision / 1000)
            WHERE id = $1 AND status = 'running' AND attempts = $5`,
          [
            row.id,
            dead ? 'dead' : 'pending',
            err instanceof Error ? err.message : String(err),
            delayMs,
            row.attempts,
          ],
        );
        result.failed += 1;
      }
    }
    return result;
  }
}
