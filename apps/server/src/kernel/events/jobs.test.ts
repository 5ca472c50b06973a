import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { JobRunner, scheduleJob, type JobContext, type ScheduleJob } from './jobs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface JobRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_until: Date | null;
  /** seconds from now until the job is due */
  due_in: number;
  /** when the job is due, in epoch milliseconds */
  due_at: number;
}

describe('jobs', () => {
  let t: TestApp;
  let pool: pg.Pool;

  const schedule = (input: ScheduleJob) =>
    t.kernel.db.orm.transaction((tx) => scheduleJob(tx, input));
  const jobs = async (kind: string): Promise<JobRow[]> => {
    const { rows } = await pool.query<JobRow>(
      `SELECT id, kind, status, attempts, max_attempts, last_error, locked_until,
              extract(epoch FROM run_at - clock_timestamp())::float8 AS due_in,
              (extract(epoch FROM run_at) * 1000)::float8 AS due_at
         FROM job WHERE kind = $1 ORDER BY created_at, id`,
      [kind],
    );
    return rows;
  };
  const only = async (kind: string): Promise<JobRow> => {
    const rows = await jobs(kind);
    assert.equal(rows.length, 1, `one ${kind} job`);
    return rows[0]!;
  };
  const makeDue = (kind: string) =>
    pool.query(`UPDATE job SET run_at = now() - interval '1 millisecond' WHERE kind = $1`, [kind]);

  const dbNow = async () =>
    (
      await pool.query<{ ms: number }>(
        'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms',
      )
    ).rows[0]!.ms;
  /** runs one round and asserts the job was put off by `delayMs` from within it */
  const roundPuttingOff = async (r: JobRunner, kind: string, delayMs: number) => {
    const t0 = await dbNow();
    const result = await r.runOnce();
    const t1 = await dbNow();
    const { due_at } = await only(kind);
    assert.ok(
      due_at >= t0 + delayMs - 1 && due_at <= t1 + delayMs + 1,
      `due ${due_at - t0} ms after the round began, ${due_at - t1} ms after it ended; expected ${delayMs}`,
    );
    return result;
  };

  before(async () => {
    t = await createTestApp({ demo: false });
    pool = t.kernel.db.pool;
  });
  after(() => t.close());
  beforeEach(async () => {
    await pool.query('DELETE FROM job');
  });

  it('runs a scheduled job with its payload, once', async () => {
    const seen: JobContext[] = [];
    const r = new JobRunner(pool);
    r.register('t.basic', async (job) => {
      seen.push(job);
    });
    assert.equal(
      await schedule({ kind: 't.basic', payload: { applicationId: 'a1', n: [1, 2] } }),
      true,
    );
    assert.deepEqual(await r.runOnce(), { claimed: 1, done: 1, failed: 0 });
    assert.equal(seen.length, 1);
    const job = seen[0]!;
    assert.equal(job.kind, 't.basic');
    assert.deepEqual(job.payload, { applicationId: 'a1', n: [1, 2] });
    assert.equal(job.attempt, 1);
    const row = await only('t.basic');
    assert.equal(row.id, job.id);
    assert.equal(row.status, 'done');
    assert.equal(row.locked_until, null);
    assert.deepEqual(await r.runOnce(), { claimed: 0, done: 0, failed: 0 });
    assert.equal(seen.length, 1);
  });

  it('claims only the kinds it has handlers for', async () => {
    const empty = new JobRunner(pool);
    await schedule({ kind: 't.mine', payload: {} });
    await schedule({ kind: 't.theirs', payload: {} });
    assert.deepEqual(await empty.runOnce(), { claimed: 0, done: 0, failed: 0 });
    const r = new JobRunner(pool);
    r.register('t.mine', async () => undefined);
    assert.throws(() => r.register('t.mine', async () => undefined), /exists/);
    assert.deepEqual(await r.runOnce(), { claimed: 1, done: 1, failed: 0 });
    assert.equal((await only('t.mine')).status, 'done');
    assert.equal((await only('t.theirs')).status, 'pending');
  });

  it('does not run a timer early, and runs it when due (time moved in SQL)', async () => {
    let runs = 0;
    const r = new JobRunner(pool);
    r.register('t.timer', async () => {
      runs += 1;
    });
    await schedule({ kind: 't.timer', payload: {}, runAt: new Date(Date.now() + 3_600_000) });
    assert.deepEqual(await r.runOnce(), { claimed: 0, done: 0, failed: 0 });
    const before = await only('t.timer');
    assert.equal(before.status, 'pending');
    assert.ok(before.due_in > 3590, `due in an hour, not ${before.due_in}`);
    await makeDue('t.timer');
    assert.deepEqual(await r.runOnce(), { claimed: 1, done: 1, failed: 0 });
    assert.equal(runs, 1);
  });

  it('does not run a timer early, and runs it when due (real waiting)', async () => {
    const ran: number[] = [];
    const r = new JobRunner(pool);
    r.register('t.timer-wait', async () => {
      ran.push(Date.now());
    });
    const due = Date.now() + 400;
    await schedule({ kind: 't.timer-wait', payload: {}, runAt: new Date(due) });
    assert.equal((await r.runOnce()).claimed, 0);
    await sleep(150);
    assert.equal((await r.runOnce()).claimed, 0);
    await sleep(Math.max(0, due - Date.now()) + 50);
    assert.equal((await r.runOnce()).claimed, 1);
    assert.equal(ran.length, 1);
    assert.ok(ran[0]! >= due, 'ran at or after its time');
  });

  it('makes a second schedule with the same dedupeKey a no-op, even after the first ran', async () => {
    const r = new JobRunner(pool);
    const payloads: unknown[] = [];
    r.register('t.dedupe', async (job) => {
      payloads.push(job.payload);
    });
    assert.equal(
      await schedule({ kind: 't.dedupe', payload: { v: 1 }, dedupeKey: 'remind:app-1' }),
      true,
    );
    assert.equal(
      await schedule({ kind: 't.dedupe', payload: { v: 2 }, dedupeKey: 'remind:app-1' }),
      false,
    );
    assert.equal(
      await schedule({ kind: 't.dedupe', payload: { v: 3 }, dedupeKey: 'remind:app-2' }),
      true,
    );
    // without a key, jobs are never deduplicated
    assert.equal(await schedule({ kind: 't.dedupe', payload: { v: 4 } }), true);
    assert.equal(await schedule({ kind: 't.dedupe', payload: { v: 4 } }), true);
    assert.equal((await jobs('t.dedupe')).length, 4);
    await r.runOnce();
    assert.equal(
      await schedule({ kind: 't.dedupe', payload: { v: 5 }, dedupeKey: 'remind:app-1' }),
      false,
    );
    assert.deepEqual(payloads.map((p) => (p as { v: number }).v).sort(), [1, 3, 4, 4]);
  });

  it('leaves nothing behind when the scheduling transaction rolls back', async () => {
    await assert.rejects(
      t.kernel.db.orm.transaction(async (tx) => {
        assert.equal(
          await scheduleJob(tx, { kind: 't.rollback', payload: {}, dedupeKey: 'rb' }),
          true,
        );
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.deepEqual(await jobs('t.rollback'), []);
    // the key is free again
    assert.equal(await schedule({ kind: 't.rollback', payload: {}, dedupeKey: 'rb' }), true);
  });

  it('retries a failing job with backoff, counting attempts, and gives up after maxAttempts', async () => {
    const attempts: number[] = [];
    const errors: string[] = [];
    const r = new JobRunner(pool, {
      onError: (err, job) => errors.push(`${job.kind}#${job.attempt}: ${String(err)}`),
    });
    r.register('t.fail', async (job) => {
      attempts.push(job.attempt);
      throw new Error(`gateway timeout ${job.attempt}`);
    });
    await schedule({ kind: 't.fail', payload: {}, maxAttempts: 3 });

    assert.deepEqual(await roundPuttingOff(r, 't.fail', 1000), { claimed: 1, done: 0, failed: 1 });
    let row = await only('t.fail');
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'gateway timeout 1');
    assert.equal(row.locked_until, null);
    assert.equal((await r.runOnce()).claimed, 0, 'not retried before the backoff');

    await makeDue('t.fail');
    assert.deepEqual(await roundPuttingOff(r, 't.fail', 2000), { claimed: 1, done: 0, failed: 1 });
    row = await only('t.fail');
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 2);

    await makeDue('t.fail');
    assert.deepEqual(await r.runOnce(), { claimed: 1, done: 0, failed: 1 });
    row = await only('t.fail');
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'gateway timeout 3');

    await makeDue('t.fail');
    assert.deepEqual(await r.runOnce(), { claimed: 0, done: 0, failed: 0 });
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(errors, [
      't.fail#1: Error: gateway timeout 1',
      't.fail#2: Error: gateway timeout 2',
      't.fail#3: Error: gateway timeout 3',
    ]);
  });

  it('caps the backoff at an hour', async () => {
    const r = new JobRunner(pool);
    r.register('t.cap', async () => {
      throw new Error('down');
    });
    await schedule({ kind: 't.cap', payload: {}, maxAttempts: 100 });
    await pool.query(`UPDATE job SET attempts = 20 WHERE kind = 't.cap'`);
    await roundPuttingOff(r, 't.cap', 3_600_000);
    const row = await only('t.cap');
    assert.equal(row.attempts, 21);
    assert.equal(row.status, 'pending');
  });

  it('succeeds on a retry after failing once', async () => {
    let calls = 0;
    const r = new JobRunner(pool);
    r.register('t.flaky', async () => {
      calls += 1;
      if (calls === 1) throw new Error('once');
    });
    await schedule({ kind: 't.flaky', payload: {} });
    await r.runOnce();
    await makeDue('t.flaky');
    assert.deepEqual(await r.runOnce(), { claimed: 1, done: 1, failed: 0 });
    const row = await only('t.flaky');
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);
    assert.equal(row.last_error, null);
  });

  it('does not take a job whose lease another worker still holds', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = new JobRunner(pool);
    let firstCalls = 0;
    first.register('t.lease', async () => {
      firstCalls += 1;
      await gate;
    });
    const second = new JobRunner(pool);
    let secondCalls = 0;
    second.register('t.lease', async () => {
      secondCalls += 1;
    });
    await schedule({ kind: 't.lease', payload: {} });
    const running = first.runOnce();
    for (let i = 0; i < 100 && firstCalls === 0; i++) await sleep(10);
    assert.equal(firstCalls, 1);
    const row = await only('t.lease');
    assert.equal(row.status, 'running');
    assert.ok(row.locked_until);
    assert.deepEqual(await second.runOnce(), { claimed: 0, done: 0, failed: 0 });
    release();
    assert.deepEqual(await running, { claimed: 1, done: 1, failed: 0 });
    assert.equal(secondCalls, 0);
    assert.equal((await only('t.lease')).status, 'done');
  });

  it('survives a restart: a job whose worker died is claimed again once its lease has expired', async () => {
    await schedule({ kind: 't.crash', payload: { n: 1 } });
    await schedule({ kind: 't.crash', payload: { n: 2 } });
    // the old process claimed both and died: status running, attempts counted, leases lapsed
    await pool.query(
      `UPDATE job SET status = 'running', attempts = 1, locked_until = now() - interval '1 second'
        WHERE kind = 't.crash' AND payload->>'n' = '1'`,
    );
    await pool.query(
      `UPDATE job SET status = 'running', attempts = 1, locked_until = now() + interval '1 minute'
        WHERE kind = 't.crash' AND payload->>'n' = '2'`,
    );
    const seen: JobContext[] = [];
    const restarted = new JobRunner(pool);
    restarted.register('t.crash', async (job) => {
      seen.push(job);
    });
    assert.deepEqual(await restarted.runOnce(), { claimed: 1, done: 1, failed: 0 });
    assert.deepEqual(
      seen.map((j) => [j.payload.n, j.attempt]),
      [[1, 2]],
    );
    // the other lease lapses later
    await pool.query(
      `UPDATE job SET locked_until = now() - interval '1 second' WHERE kind = 't.crash' AND status = 'running'`,
    );
    assert.deepEqual(await restarted.runOnce(), { claimed: 1, done: 1, failed: 0 });
    assert.deepEqual(
      (await jobs('t.crash')).map((j) => j.status),
      ['done', 'done'],
    );
  });

  it('gives up on a job whose every attempt ended with its worker dying, instead of running it forever', async () => {
    // a job that kills the process (out of memory, say) never reaches the catch that marks it dead
    await schedule({ kind: 't.poison', payload: {}, maxAttempts: 2 });
    await pool.query(
      `UPDATE job SET status = 'running', attempts = 2, locked_until = now() - interval '1 second',
              last_error = NULL WHERE kind = 't.poison'`,
    );
    let calls = 0;
    const r = new JobRunner(pool);
    r.register('t.poison', async () => {
      calls += 1;
    });
    await r.runOnce();
    await r.runOnce();
    assert.equal(calls, 0, 'not run a third time');
    const row = await only('t.poison');
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 2);
    assert.equal(row.locked_until, null);
    assert.match(row.last_error ?? '', /lease expired/);
  });

  it('lets two runners work at once without running any job twice', async () => {
    const runs = new Map<string, string[]>();
    const make = (name: string) => {
      const r = new JobRunner(pool, { batchSize: 5 });
      r.register('t.concurrent', async (job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), name]);
        await sleep(5);
      });
      return r;
    };
    const a = make('a');
    const b = make('b');
    await t.kernel.db.orm.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) await scheduleJob(tx, { kind: 't.concurrent', payload: { i } });
    });
    let bothClaimed = 0;
    for (let round = 0; round < 20; round++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      if (ra.claimed > 0 && rb.claimed > 0) bothClaimed += 1;
      if (ra.claimed + rb.claimed === 0) break;
    }
    const twice = [...runs].filter(([, by]) => by.length > 1);
    assert.deepEqual(twice, [], 'no job run twice');
    const rows = await jobs('t.concurrent');
    assert.equal(runs.size, 40);
    assert.ok(rows.every((j) => j.status === 'done' && j.attempts === 1));
    assert.ok(bothClaimed >= 1, 'both runners took jobs');
  });
});
