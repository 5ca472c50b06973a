import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { systemActor } from '../actor.js';
import { generateSm2KeyPair } from '../crypto.js';
import { recordAudit } from './record.js';
import { sealAuditChain, verifyAuditChain } from './chain.js';

const actor = systemActor('test');

describe('audit chain', () => {
  let t: TestApp;
  let pool: pg.Pool;
  const seal = () => sealAuditChain(pool, { signer: t.kernel.auditSigner, checkpointEvery: 5 });
  const verify = () => verifyAuditChain(pool, t.kernel.auditSigner.publicKey);
  const write = (n: number, tag = 'x') =>
    t.kernel.db.orm.transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await recordAudit(tx, {
          actor,
          action: 'test.write',
          targetType: 'thing',
          targetId: `${tag}-${i}`,
          summary: { i, tag, nested: { b: 2, a: [1, 'x'] } },
        });
      }
    });
  /** the trigger refuses UPDATE/DELETE; a tamperer with superuser rights switches it off */
  const tamper = async (sql: string, params: unknown[] = []) => {
    const c = await pool.connect();
    try {
      await c.query("SET session_replication_role = 'replica'");
      await c.query(sql, params);
    } finally {
      await c.query("SET session_replication_role = 'origin'");
      c.release();
    }
  };

  before(async () => {
    t = await createTestApp({ demo: false });
    pool = t.kernel.db.pool;
  });
  after(() => t.close());
  beforeEach(async () => {
    await seal();
  });

  it('verifies on a fresh database and after sealing new writes', async () => {
    const first = await verify();
    assert.equal(first.ok, true, JSON.stringify(first.firstBreak));
    await write(12);
    const sealed = await seal();
    assert.equal(sealed.sealed, 12);
    const report = await verify();
    assert.equal(report.ok, true, JSON.stringify(report.firstBreak));
    assert.equal(report.unsealed, 0);
    assert.ok(report.checkpoints >= 1);
  });

  it('refuses UPDATE and DELETE on the audit log', async () => {
    await assert.rejects(pool.query("UPDATE audit_log SET action = 'x'"), /append-only/);
    await assert.rejects(pool.query('DELETE FROM audit_log'), /append-only/);
    await assert.rejects(pool.query('TRUNCATE audit_log'), /append-only/);
    await assert.rejects(pool.query('DELETE FROM audit_chain'), /append-only/);
  });

  it('reports the row edited directly in the database', async () => {
    await write(6, 'edit');
    await seal();
    const victim = await pool.query<{ seq: number; position: number }>(
      `SELECT l.seq, c.position FROM audit_log l JOIN audit_chain c ON c.audit_seq = l.seq
        WHERE l.target_id = 'edit-3'`,
    );
    const { seq, position } = victim.rows[0] ?? assert.fail('no victim row');
    await tamper(`UPDATE audit_log SET summary = '{"i":99}' WHERE seq = $1`, [seq]);
    const report = await verify();
    assert.equal(report.ok, false);
    assert.equal(report.firstBreak?.reason, 'row-altered');
    assert.equal(report.firstBreak?.auditSeq, seq);
    assert.equal(report.firstBreak?.position, position);
    // put it back as it was for the next tests: the chain verifies again
    await tamper(
      `UPDATE audit_log SET summary = '{"i":3,"tag":"edit","nested":{"b":2,"a":[1,"x"]}}' WHERE seq = $1`,
      [seq],
    );
    assert.equal((await verify()).ok, true);
  });

  it('reports a deleted row, and rows cut from the end behind the last checkpoint', async () => {
    const t2 = await createTestApp({ demo: false });
    try {
      const p2 = t2.kernel.db.pool;
      await t2.kernel.db.orm.transaction(async (tx) => {
        for (let i = 0; i < 8; i++) {
          await recordAudit(tx, {
            actor,
            action: 'a',
            targetType: 't',
            targetId: String(i),
            summary: {},
          });
        }
      });
      await sealAuditChain(p2, { signer: t2.kernel.auditSigner, forceCheckpoint: true });
      const c = await p2.connect();
      await c.query("SET session_replication_role = 'replica'");
      await c.query("DELETE FROM audit_log WHERE target_id = '4'");
      let report = await verifyAuditChain(p2, t2.kernel.auditSigner.publicKey);
      assert.equal(report.firstBreak?.reason, 'row-missing');
      // a thorough tamperer deletes the chain rows from there on as well
      const pos = report.firstBreak?.position ?? assert.fail('no break');
      await c.query('DELETE FROM audit_chain WHERE position >= $1', [pos]);
      report = await verifyAuditChain(p2, t2.kernel.auditSigner.publicKey);
      assert.equal(report.firstBreak?.reason, 'checkpoint-beyond-end');
      c.release();
    } finally {
      await t2.close();
    }
  });

  it('detects a chain rewritten without the checkpoint key', async () => {
    const t3 = await createTestApp({ demo: false });
    try {
      const p3 = t3.kernel.db.pool;
      await t3.kernel.db.orm.transaction((tx) =>
        recordAudit(tx, { actor, action: 'a', targetType: 't', targetId: '1', summary: { v: 1 } }),
      );
      await sealAuditChain(p3, { signer: t3.kernel.auditSigner, forceCheckpoint: true });
      const forger = generateSm2KeyPair();
      const c = await p3.connect();
      await c.query("SET session_replication_role = 'replica'");
      await c.query('DELETE FROM audit_checkpoint');
      c.release();
      await sealAuditChain(p3, { signer: forger, forceCheckpoint: true });
      const report = await verifyAuditChain(p3, t3.kernel.auditSigner.publicKey);
      assert.equal(report.firstBreak?.reason, 'checkpoint-signature');
    } finally {
      await t3.close();
    }
  });

  it('seals a row whose lower sequence number commits after a higher one', async () => {
    const early = await pool.connect();
    try {
      await early.query('BEGIN');
      // takes a sequence number first…
      await early.query(
        `INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, target_type, target_id, summary)
         VALUES (gen_random_uuid(), date_trunc('milliseconds', now()), 'system:test', 'system', 'late', 't', 'late', '{}')`,
      );
      // …a later writer commits first and is sealed
      await write(3, 'later');
      const first = await seal();
      assert.equal(first.sealed, 3);
      await early.query('COMMIT');
    } finally {
      early.release();
    }
    const second = await seal();
    assert.equal(second.sealed, 1, 'the late row is sealed by the next pass');
    const order = await pool.query<{ target_id: string; seq: number }>(
      `SELECT l.target_id, l.seq FROM audit_chain c JOIN audit_log l ON l.seq = c.audit_seq
        ORDER BY c.position DESC LIMIT 4`,
    );
    assert.equal(order.rows[0]?.target_id, 'late');
    const [late, before] = order.rows;
    assert.ok(late && before && late.seq < before.seq, 'lower seq sits at a higher position');
    const report = await verify();
    assert.equal(report.ok, true, JSON.stringify(report.firstBreak));
    assert.equal(report.unsealed, 0);
  });

  it('does not make concurrent writers wait on one another', async () => {
    // a writer holds its transaction open with an audit row in it…
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, target_type, target_id, summary)
         VALUES (gen_random_uuid(), date_trunc('milliseconds', now()), 'system:test', 'system', 'hold', 't', 'hold', '{}')`,
      );
      // …while 20 other transactions append and commit, each refusing to wait for any lock
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            await c.query("SET LOCAL lock_timeout = '200ms'");
            await c.query(
              `INSERT INTO audit_log (id, occurred_at, actor_id, actor_kind, action, target_type, target_id, summary)
               VALUES (gen_random_uuid(), date_trunc('milliseconds', now()), 'system:test', 'system', 'w', 't', $1, '{}')`,
              [String(i)],
            );
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        }),
      );
      assert.ok(Date.now() - started < 5000);
      // and the sealer runs meanwhile, without waiting for the open transaction either
      const sealed = await seal();
      assert.equal(sealed.sealed, 20);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    assert.equal((await seal()).sealed, 1);
    assert.equal((await verify()).ok, true);
  });

  it('lets only one sealer run at a time', async () => {
    // rounds of writes with sealers racing each other: a sealer that starts while another
    // commits must see the chain it left (CI once caught a duplicate position here)
    for (let round = 0; round < 10; round++) {
      await write(20, `race${round}`);
      const results = await Promise.all([seal(), seal(), seal(), seal()]);
      const sealed = results.reduce((n, r) => n + r.sealed, 0);
      const leftover = (await seal()).sealed;
      assert.equal(sealed + leftover, 20, `round ${round}`);
    }
    assert.equal((await verify()).ok, true);
  });
});
