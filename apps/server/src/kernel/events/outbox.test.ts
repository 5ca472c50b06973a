import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { OutboxDispatcher, publishEvent, type DomainEvent } from './outbox.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface OutboxRow {
  id: string;
  attempts: number;
  delivered_to: string[];
  last_error: string | null;
  dispatched_at: Date | null;
  dead_at: Date | null;
  /** when the event is due (again), in epoch milliseconds */
  due_at: number;
}

describe('outbox', () => {
  let t: TestApp;
  let pool: pg.Pool;

  const publish = (topic: string, payload: Record<string, unknown>, requestId?: string) =>
    t.kernel.db.orm.transaction((tx) => publishEvent(tx, topic, payload, requestId));
  const row = async (id: string): Promise<OutboxRow> => {
    const { rows } = await pool.query<OutboxRow>(
      `SELECT id, attempts, delivered_to, last_error, dispatched_at, dead_at,
              (extract(epoch FROM available_at) * 1000)::float8 AS due_at
         FROM outbox WHERE id = $1`,
      [id],
    );
    assert.ok(rows[0], `outbox row ${id}`);
    return rows[0];
  };
  /** what a retry waits for has passed */
  const makeDue = (id?: string) =>
    id
      ? pool.query('UPDATE outbox SET available_at = now() WHERE id = $1', [id])
      : pool.query('UPDATE outbox SET available_at = now() WHERE dispatched_at IS NULL');

  const dbNow = async () =>
    (
      await pool.query<{ ms: number }>(
        'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms',
      )
    ).rows[0]!.ms;
  /** runs one dispatch round and asserts the event was put off by `delayMs` from within it */
  const roundPuttingOff = async (d: OutboxDispatcher, id: string, delayMs: number) => {
    const t0 = await dbNow();
    const result = await d.dispatchOnce();
    const t1 = await dbNow();
    const { due_at } = await row(id);
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
    await pool.query('DELETE FROM outbox');
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const seen: DomainEvent[] = [];
    const d = new OutboxDispatcher(pool);
    d.subscribe('case.accepted', 'recorder', async (e) => {
      seen.push(e);
    });
    await assert.rejects(
      t.kernel.db.orm.transaction(async (tx) => {
        await publishEvent(tx, 'case.accepted', { caseId: 'rolled-back' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    assert.equal(rows[0]?.n, 0);
    assert.deepEqual(await d.dispatchOnce(), { claimed: 0, delivered: 0, failed: 0 });
    assert.equal(seen.length, 0);
  });

  it('delivers a committed event once to each subscriber of its topic and to no other topic', async () => {
    const calls: string[] = [];
    const events: DomainEvent[] = [];
    const d = new OutboxDispatcher(pool);
    d.subscribe('case.accepted', 'notify', async (e) => {
      calls.push(`notify:${String(e.payload.caseId)}`);
      events.push(e);
    });
    d.subscribe('case.accepted', 'stats', async (e) => {
      calls.push(`stats:${String(e.payload.caseId)}`);
    });
    d.subscribe('case.rejected', 'notify', async (e) => {
      calls.push(`rejected:${String(e.payload.caseId)}`);
    });
    const id = await publish(
      'case.accepted',
      { caseId: 'c1', nested: { a: [1, '二'] } },
      'req-123',
    );

    assert.deepEqual(await d.dispatchOnce(), { claimed: 1, delivered: 1, failed: 0 });
    assert.deepEqual(calls.sort(), ['notify:c1', 'stats:c1']);
    const e = events[0]!;
    assert.equal(e.id, id);
    assert.equal(e.topic, 'case.accepted');
    assert.deepEqual(e.payload, { caseId: 'c1', nested: { a: [1, '二'] } });
    assert.equal(e.requestId, 'req-123');
    assert.ok(e.createdAt instanceof Date);

    // further rounds find nothing, even with the event made due again
    await makeDue(id);
    assert.deepEqual(await d.dispatchOnce(), { claimed: 0, delivered: 0, failed: 0 });
    assert.equal(calls.length, 2);
    const r = await row(id);
    assert.ok(r.dispatched_at);
    assert.equal(r.attempts, 1);
    assert.deepEqual(r.delivered_to.sort(), ['notify', 'stats']);
  });

  it('refuses the same subscriber name twice on one topic', () => {
    const d = new OutboxDispatcher(pool);
    d.subscribe('a', 'x', async () => undefined);
    d.subscribe('b', 'x', async () => undefined);
    assert.throws(() => d.subscribe('a', 'x', async () => undefined), /already listens/);
  });

  it('retries a failed delivery with backoff, calling only the subscribers that failed', async () => {
    let okCalls = 0;
    let flakyCalls = 0;
    const errors: string[] = [];
    const d = new OutboxDispatcher(pool, {
      onError: (err, event, subscriber) =>
        errors.push(`${subscriber}:${event.topic}:${String(err)}`),
    });
    d.subscribe('licence.issued', 'ok', async () => {
      okCalls += 1;
    });
    d.subscribe('licence.issued', 'flaky', async () => {
      flakyCalls += 1;
      if (flakyCalls < 3) throw new Error(`printer offline #${flakyCalls}`);
    });
    const id = await publish('licence.issued', { licence: 'L1' });

    assert.deepEqual(await roundPuttingOff(d, id, 1000), { claimed: 1, delivered: 0, failed: 1 });
    let r = await row(id);
    assert.equal(r.attempts, 1);
    assert.equal(r.dispatched_at, null);
    assert.equal(r.dead_at, null);
    assert.deepEqual(r.delivered_to, ['ok']);
    assert.equal(r.last_error, 'flaky: printer offline #1');
    assert.deepEqual(errors, ['flaky:licence.issued:Error: printer offline #1']);

    // not due yet: nothing is claimed
    assert.deepEqual(await d.dispatchOnce(), { claimed: 0, delivered: 0, failed: 0 });
    assert.equal(flakyCalls, 1);

    await makeDue(id);
    assert.deepEqual(await roundPuttingOff(d, id, 2000), { claimed: 1, delivered: 0, failed: 1 });
    r = await row(id);
    assert.equal(r.attempts, 2);
    assert.equal(r.last_error, 'flaky: printer offline #2');

    await makeDue(id);
    assert.deepEqual(await d.dispatchOnce(), { claimed: 1, delivered: 1, failed: 0 });
    r = await row(id);
    assert.equal(r.attempts, 3);
    assert.ok(r.dispatched_at);
    assert.deepEqual(r.delivered_to.sort(), ['flaky', 'ok']);
    assert.equal(okCalls, 1, 'the subscriber that succeeded first time is not called again');
    assert.equal(flakyCalls, 3);
  });

  it('caps the backoff at ten minutes', async () => {
    const d = new OutboxDispatcher(pool, { maxAttempts: 100 });
    d.subscribe('t.cap', 'fails', async () => {
      throw new Error('down');
    });
    const id = await publish('t.cap', {});
    await pool.query('UPDATE outbox SET attempts = 15 WHERE id = $1', [id]);
    await roundPuttingOff(d, id, 600_000);
    assert.equal((await row(id)).attempts, 16);
  });

  it('gives up after maxAttempts: the event is dead and no longer claimed', async () => {
    let calls = 0;
    const d = new OutboxDispatcher(pool, { maxAttempts: 3 });
    d.subscribe('t.dead', 'always-fails', async () => {
      calls += 1;
      throw new Error('no such citizen');
    });
    const id = await publish('t.dead', { n: 1 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await makeDue(id);
      assert.deepEqual(await d.dispatchOnce(), { claimed: 1, delivered: 0, failed: 1 });
      const r = await row(id);
      assert.equal(r.attempts, attempt);
      if (attempt < 3) assert.equal(r.dead_at, null, `alive after attempt ${attempt}`);
      else assert.ok(r.dead_at, 'dead after the last attempt');
    }
    await makeDue(id);
    assert.deepEqual(await d.dispatchOnce(), { claimed: 0, delivered: 0, failed: 0 });
    assert.equal(calls, 3);
    const r = await row(id);
    assert.equal(r.dispatched_at, null);
    assert.equal(r.last_error, 'always-fails: no such citizen');
  });

  it('lets two dispatchers run at once without delivering any event twice (SKIP LOCKED)', async () => {
    const delivered = new Map<string, string[]>();
    let active = 0;
    let mostActive = 0;
    const make = (name: string) => {
      const d = new OutboxDispatcher(pool, { batchSize: 5 });
      let first = true;
      d.subscribe('t.concurrent', 'worker', async (e) => {
        delivered.set(e.id, [...(delivered.get(e.id) ?? []), name]);
        active += 1;
        mostActive = Math.max(mostActive, active);
        // hold the first claim open until the other dispatcher is delivering too (or give up
        // after a while: a dispatcher that waits for the other's commit never gets here)
        if (first) for (let i = 0; i < 200 && mostActive < 2; i++) await sleep(10);
        first = false;
        await sleep(5);
        active -= 1;
      });
      return d;
    };
    const a = make('a');
    const b = make('b');
    const ids = await t.kernel.db.orm.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 40; i++) out.push(await publishEvent(tx, 't.concurrent', { i }));
      return out;
    });
    for (let round = 0; round < 20; round++) {
      const [ra, rb] = await Promise.all([a.dispatchOnce(), b.dispatchOnce()]);
      if (ra.claimed + rb.claimed === 0) break;
    }
    const twice = [...delivered].filter(([, by]) => by.length > 1);
    assert.deepEqual(twice, [], 'no event delivered twice');
    assert.deepEqual([...delivered.keys()].sort(), [...ids].sort(), 'every event delivered');
    // with a plain FOR UPDATE the second dispatcher would wait for the first one's commit
    assert.equal(
      mostActive,
      2,
      'the dispatchers delivered side by side, neither waited for the other',
    );
  });

  it('delivers after a restart what was published before it, and only to the subscribers still owed it', async () => {
    const first = new OutboxDispatcher(pool);
    const firstCalls: string[] = [];
    first.subscribe('t.restart', 'mailer', async () => {
      firstCalls.push('mailer');
    });
    first.subscribe('t.restart', 'archive', async () => {
      firstCalls.push('archive');
      throw new Error('archive unavailable');
    });
    const partly = await publish('t.restart', { n: 1 });
    await first.dispatchOnce();
    assert.deepEqual(firstCalls.sort(), ['archive', 'mailer']);
    // published while the old instance stops; never dispatched by it
    const fresh = await publish('t.restart', { n: 2 });

    // the "restarted" process: a new dispatcher with the same durable subscriber names
    const second = new OutboxDispatcher(pool);
    const secondCalls: string[] = [];
    second.subscribe('t.restart', 'mailer', async (e) => {
      secondCalls.push(`mailer:${String(e.payload.n)}`);
    });
    second.subscribe('t.restart', 'archive', async (e) => {
      secondCalls.push(`archive:${String(e.payload.n)}`);
    });
    await makeDue();
    assert.deepEqual(await second.dispatchOnce(), { claimed: 2, delivered: 2, failed: 0 });
    assert.deepEqual(secondCalls.sort(), ['archive:1', 'archive:2', 'mailer:2']);
    assert.ok((await row(partly)).dispatched_at);
    assert.ok((await row(fresh)).dispatched_at);
  });

  it('survives losing its connection mid-dispatch, and the event is delivered again afterwards', async () => {
    const calls: number[] = [];
    let terminated: unknown = 'not tried';
    const d = new OutboxDispatcher(pool);
    d.subscribe('t.crash', 'terminator', async (e) => {
      calls.push(Number(e.payload.n));
      if (calls.length === 1) {
        // the dispatcher's own connection dies while the handler runs (a DBA, a failover, an
        // idle-in-transaction timeout): its transaction is rolled back, nothing is marked
        const victims = await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND state = 'idle in transaction' AND query LIKE '%FROM outbox%'`,
        );
        terminated = victims.rows.length;
        for (const { pid } of victims.rows)
          await pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await sleep(200);
      }
    });
    // outside a test runner an unheard 'error' event of a checked-out pg client kills the process
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    const id = await publish('t.crash', { n: 7 });
    try {
      await assert.rejects(d.dispatchOnce(), /terminat|not queryable/);
      await sleep(50);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    assert.equal(terminated, 1, 'the dispatcher connection was terminated');
    assert.deepEqual(uncaught.map(String), [], 'no uncaught exception');
    assert.equal((await row(id)).dispatched_at, null);
    // the pool still works and a later round delivers the event (at least once)
    assert.deepEqual(await d.dispatchOnce(), { claimed: 1, delivered: 1, failed: 0 });
    assert.deepEqual(calls, [7, 7]);
    assert.ok((await row(id)).dispatched_at);
  });

  it('marks an event without subscribers as dispatched', async () => {
    const d = new OutboxDispatcher(pool);
    d.subscribe('t.other', 'x', async () => undefined);
    const id = await publish('t.nobody', {});
    assert.deepEqual(await d.dispatchOnce(), { claimed: 1, delivered: 1, failed: 0 });
    assert.ok((await row(id)).dispatched_at);
  });

  it('claims in order of availability and respects batchSize', async () => {
    const order: number[] = [];
    const d = new OutboxDispatcher(pool, { batchSize: 3 });
    d.subscribe('t.order', 'rec', async (e) => {
      order.push(Number(e.payload.i));
    });
    for (let i = 0; i < 7; i++) await publish('t.order', { i });
    assert.equal((await d.dispatchOnce()).claimed, 3);
    assert.equal((await d.dispatchOnce()).claimed, 3);
    assert.equal((await d.dispatchOnce()).claimed, 1);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6]);
  });
});
