import type pg from 'pg';
import { withClient } from '../db/database.js';
import { canonicalJson, sm2Sign, sm2Verify, sm3 } from '../crypto.js';

export const GENESIS_HASH: Buffer = Buffer.alloc(32);
const SEALER_LOCK_KEY = 0x7a7461756474; // "ztaudt"

export interface AuditRow {
  seq: number;
  id: string;
  occurred_at: Date;
  actor_id: string;
  actor_kind: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string | null;
  summary: unknown;
}

/** hash = SM3(prev_hash ‖ canonical(row)); the position is part of the row so order is bound. */
export function chainHash(prevHash: Buffer, position: number, row: AuditRow): Buffer {
  const canonical = canonicalJson({
    position,
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    summary: row.summary,
  });
  return sm3(prevHash, canonical);
}

function checkpointMessage(position: number, hash: Buffer, signedAt: Date): string {
  return `zhengtong-audit-checkpoint|${position}|${hash.toString('hex')}|${signedAt.toISOString()}`;
}

export interface AuditSigner {
  privateKey: string;
  publicKey: string;
}

export interface SealOptions {
  signer: AuditSigner;
  batchSize?: number;
  /** sign a checkpoint once this many rows were sealed since the last one */
  checkpointEvery?: number;
  /** …or once this long has passed with rows sealed since the last one */
  checkpointMaxAgeMs?: number;
  /** force a checkpoint whenever anything is unsigned (CLI, shutdown) */
  forceCheckpoint?: boolean;
}

export interface SealResult {
  sealed: number;
  checkpoint: number | null;
  /** false when another sealer held the lock */
  ran: boolean;
}

/**
 * Links unsealed audit rows into the chain, in commit order.
 *
 * Rows carry the id of the transaction that wrote them. In a REPEATABLE READ snapshot every
 * transaction older than the snapshot's xmin has finished, so all committed rows from those
 * transactions are visible and get sealed now; rows of younger transactions are sealed by a
 * later pass, which starts from that xmin. A row whose sequence number is lower than already
 * sealed ones (its transaction committed late) is therefore still sealed, just at a later
 * position. See docs/adr/0003-audit-chain.md.
 */
export async function sealAuditChain(pool: pg.Pool, options: SealOptions): Promise<SealResult> {
  const batchSize = options.batchSize ?? 5000;
  return withClient(pool, async (client) => {
    // The lock is taken before the transaction, on the session: a REPEATABLE READ snapshot is
    // fixed by the transaction's first statement, and a snapshot taken before the previous
    // sealer committed would not see the chain rows it added (duplicate positions).
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      SEALER_LOCK_KEY,
    ]);
    if (!lock.rows[0]?.ok) return { sealed: 0, checkpoint: null, ran: false };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const state = await client.query<{ sealed_before: string; xmin: string }>(
        `SELECT sealed_before_xid::text AS sealed_before,
              pg_snapshot_xmin(pg_current_snapshot())::text AS xmin
         FROM audit_seal_state WHERE id = 1`,
      );
      const { sealed_before: sealedBefore, xmin } = state.rows[0] ?? {
        sealed_before: '0',
        xmin: '0',
      };
      const head = await client.query<{ position: number; hash: Buffer }>(
        'SELECT position, hash FROM audit_chain ORDER BY position DESC LIMIT 1',
      );
      let position = head.rows[0]?.position ?? 0;
      let prevHash = head.rows[0]?.hash ?? GENESIS_HASH;
      const pending = await client.query<AuditRow>(
        `SELECT l.seq, l.id, l.occurred_at, l.actor_id, l.actor_kind, l.action, l.target_type,
              l.target_id, l.request_id, l.summary
         FROM audit_log l
        WHERE l.tx_id >= $1::xid8
          AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_seq = l.seq)
        ORDER BY l.seq
        LIMIT $2`,
        [sealedBefore, batchSize],
      );
      const positions: number[] = [];
      const seqs: number[] = [];
      const prevs: Buffer[] = [];
      const hashes: Buffer[] = [];
      for (const row of pending.rows) {
        position += 1;
        const hash = chainHash(prevHash, position, row);
        positions.push(position);
        seqs.push(row.seq);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      if (positions.length > 0) {
        await client.query(
          `INSERT INTO audit_chain (position, audit_seq, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[], $4::bytea[])`,
          [positions, seqs, prevs, hashes],
        );
      }
      if (pending.rows.length < batchSize) {
        // everything committed by transactions older than xmin is now sealed
        await client.query(
          'UPDATE audit_seal_state SET sealed_before_xid = $1::xid8 WHERE id = 1',
          [xmin],
        );
      }
      const checkpoint = await maybeCheckpoint(client, position, prevHash, options);
      await client.query('COMMIT');
      return { sealed: positions.length, checkpoint, ran: true };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SEALER_LOCK_KEY]).catch(() => undefined);
    }
  });
}

async function maybeCheckpoint(
  client: pg.PoolClient,
  position: number,
  hash: Buffer,
  options: SealOptions,
): Promise<number | null> {
  if (position === 0) return null;
  const last = await client.query<{ position: number; signed_at: Date }>(
    'SELECT position, signed_at FROM audit_checkpoint ORDER BY position DESC LIMIT 1',
  );
  const lastPosition = last.rows[0]?.position ?? 0;
  if (lastPosition >= position) return null;
  const age = last.rows[0] ? Date.now() - last.rows[0].signed_at.getTime() : Infinity;
  const due =
    options.forceCheckpoint === true ||
    position - lastPosition >= (options.checkpointEvery ?? 1000) ||
    age >= (options.checkpointMaxAgeMs ?? 60_000);
  if (!due) return null;
  const signedAt = new Date(Date.now());
  const signature = sm2Sign(checkpointMessage(position, hash, signedAt), options.signer.privateKey);
  await client.query(
    `INSERT INTO audit_checkpoint (position, hash, signed_at, public_key, signature)
     VALUES ($1, $2, $3, $4, $5)`,
    [position, hash, signedAt, options.signer.publicKey, signature],
  );
  return position;
}

export interface ChainBreak {
  position: number;
  auditSeq: number | null;
  reason:
    | 'position-gap'
    | 'row-missing'
    | 'row-altered'
    | 'link-broken'
    | 'checkpoint-mismatch'
    | 'checkpoint-signature'
    | 'checkpoint-beyond-end';
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  checkpoints: number;
  /** rows written but not yet sealed (normal for the last second or so) */
  unsealed: number;
  firstBreak: ChainBreak | null;
}

/**
 * Walks the chain from the genesis and reports the first broken link: a row edited, deleted or
 * reordered directly in the database, or a chain rewritten without the checkpoint key.
 */
export async function verifyAuditChain(
  pool: pg.Pool,
  trustedPublicKey: string,
  options: { pageSize?: number } = {},
): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  const checkpoints = (
    await pool.query<{
      position: number;
      hash: Buffer;
      signed_at: Date;
      public_key: string;
      signature: string;
    }>(
      'SELECT position, hash, signed_at, public_key, signature FROM audit_checkpoint ORDER BY position',
    )
  ).rows;
  const byPosition = new Map(checkpoints.map((c) => [c.position, c]));
  const report = (firstBreak: ChainBreak | null, rows: number, unsealed: number): VerifyReport => ({
    ok: firstBreak === null,
    rows,
    checkpoints: checkpoints.length,
    unsealed,
    firstBreak,
  });
  const unsealed = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_log l
          WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_seq = l.seq)`,
      )
    ).rows[0]?.n ?? 0,
  );

  let expected = 1;
  let prevHash: Buffer = GENESIS_HASH;
  for (;;) {
    const page = await pool.query<
      AuditRow & {
        position: number;
        audit_seq: number;
        prev_hash: Buffer;
        hash: Buffer;
        present: boolean;
      }
    >(
      `SELECT c.position, c.audit_seq, c.prev_hash, c.hash, l.seq IS NOT NULL AS present,
              l.seq, l.id, l.occurred_at, l.actor_id, l.actor_kind, l.action, l.target_type,
              l.target_id, l.request_id, l.summary
         FROM audit_chain c LEFT JOIN audit_log l ON l.seq = c.audit_seq
        WHERE c.position >= $1
        ORDER BY c.position
        LIMIT $2`,
      [expected, pageSize],
    );
    for (const row of page.rows) {
      const at = { position: row.position, auditSeq: row.audit_seq };
      if (row.position !== expected) {
        return report(
          {
            ...at,
            position: expected,
            reason: 'position-gap',
            detail: `chain position ${expected} is missing`,
          },
          expected - 1,
          unsealed,
        );
      }
      if (!row.prev_hash.equals(prevHash)) {
        return report(
          { ...at, reason: 'link-broken', detail: 'prev_hash does not match the previous row' },
          expected - 1,
          unsealed,
        );
      }
      if (!row.present) {
        return report(
          { ...at, reason: 'row-missing', detail: `audit row ${row.audit_seq} was deleted` },
          expected - 1,
          unsealed,
        );
      }
      const hash = chainHash(prevHash, row.position, row);
      if (!hash.equals(row.hash)) {
        return report(
          {
            ...at,
            reason: 'row-altered',
            detail: `audit row ${row.audit_seq} was changed after sealing`,
          },
          expected - 1,
          unsealed,
        );
      }
      const cp = byPosition.get(row.position);
      if (cp) {
        if (!cp.hash.equals(hash)) {
          return report(
            {
              ...at,
              reason: 'checkpoint-mismatch',
              detail: 'chain differs from the signed checkpoint',
            },
            expected - 1,
            unsealed,
          );
        }
        const signed =
          cp.public_key === trustedPublicKey &&
          sm2Verify(
            checkpointMessage(cp.position, cp.hash, cp.signed_at),
            cp.signature,
            trustedPublicKey,
          );
        if (!signed) {
          return report(
            {
              ...at,
              reason: 'checkpoint-signature',
              detail: 'checkpoint signature does not verify with the trusted key',
            },
            expected - 1,
            unsealed,
          );
        }
      }
      prevHash = hash;
      expected += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const last = checkpoints.at(-1);
  if (last && last.position >= expected) {
    return report(
      {
        position: expected,
        auditSeq: null,
        reason: 'checkpoint-beyond-end',
        detail: `a checkpoint signs position ${last.position} but the chain ends at ${expected - 1}: rows were removed`,
      },
      expected - 1,
      unsealed,
    );
  }
  return report(null, expected - 1, unsealed);
}
