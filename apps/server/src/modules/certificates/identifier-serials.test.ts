import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../kernel/db/database.js';
import { createTestDatabase } from '../../test-support/database.js';
import { nextSerial } from './store.js';

describe('certificate serial numbers (顺序号) from per-prefix sequences', () => {
  let db: Database;
  let drop: () => Promise<void>;

  before(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = openDatabase(t.url, { max: 40 });
  });
  after(async () => {
    await db.close();
    await drop();
  });

  const take = (prefix: string, highest = 0, max = 999_999) =>
    db.orm.transaction((tx) => nextSerial(tx, prefix, max, () => Promise.resolve(highest)));

  it('starts after the highest serial already issued under the prefix', async () => {
    assert.equal(await take('P-start.2026', 41), 42);
    // once made, the sequence no longer asks
    assert.equal(await take('P-start.2026', 1000), 43);
    assert.equal(await take('P-other.2026'), 1, 'another prefix counts on its own');
  });

  it('gives concurrent first issuances under a new prefix distinct serials', async () => {
    const got = await Promise.all(Array.from({ length: 12 }, () => take('P-race.2026')));
    assert.deepEqual(
      [...got].sort((a, b) => a! - b!),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('does not make a transaction wait for another one that holds a serial uncommitted', async () => {
    await take('P-wait.2026');
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        "SELECT nextval(to_regclass('zt_cert_seq_' || left(encode(sha256('P-wait.2026'), 'hex'), 40)))",
      );
      // the old numbering (an advisory lock to commit) would block here until the holder ends
      const n = await db.orm.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
        return nextSerial(tx, 'P-wait.2026', 999_999, () => Promise.resolve(0));
      });
      assert.equal(n, 3);
      await holder.query('ROLLBACK');
    } finally {
      holder.release();
    }
    // the rolled-back serial 2 is a gap, never handed out twice
    assert.equal(await take('P-wait.2026'), 4);
  });

  it('answers undefined once the year’s serials are used up', async () => {
    assert.equal(await take('P-full.2026', 0, 2), 1);
    assert.equal(await take('P-full.2026', 0, 2), 2);
    assert.equal(await take('P-full.2026', 0, 2), undefined);
  });
});
