import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tstz = (name?: string) =>
  name
    ? timestamp(name, { withTimezone: true, mode: 'date' })
    : timestamp({ withTimezone: true, mode: 'date' });

/**
 * 审计日志: append-only. Rows are inserted freely inside the transaction of the change they
 * record; the sealer links them into the hash chain afterwards (audit_chain). A trigger in the
 * migration refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    id: uuid().notNull(),
    occurredAt: tstz().notNull(),
    actorId: text().notNull(),
    actorKind: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    requestId: text(),
    summary: jsonb().notNull(),
    txId: xid8()
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    uniqueIndex('audit_log_id_key').on(t.id),
    index('audit_log_tx_id_idx').on(t.txId),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);

/** The hash chain over audit_log, in sealing (commit) order. */
export const auditChain = pgTable(
  'audit_chain',
  {
    position: bigint({ mode: 'number' }).primaryKey(),
    auditSeq: bigint({ mode: 'number' }).notNull(),
    prevHash: bytea().notNull(),
    hash: bytea().notNull(),
    sealedAt: tstz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_chain_audit_seq_key').on(t.auditSeq)],
);

/** Signed checkpoints: SM2 signature over (position, hash) so a rewritten chain is detected. */
export const auditCheckpoint = pgTable('audit_checkpoint', {
  position: bigint({ mode: 'number' }).primaryKey(),
  hash: bytea().notNull(),
  signedAt: tstz().notNull(),
  publicKey: text().notNull(),
  signature: text().notNull(),
});

/** One row: how far the sealer has got (transactions older than this xid are all sealed). */
export const auditSealState = pgTable(
  'audit_seal_state',
  {
    id: integer().primaryKey().default(1),
    sealedBeforeXid: xid8()
      .notNull()
      .default(sql`'0'::xid8`),
  },
  (t) => [check('audit_seal_state_single_row', sql`${t.id} = 1`)],
);

/** Transactional outbox of domain events. */
export const outbox = pgTable(
  'outbox',
  {
    seq: bigserial({ mode: 'number' }).primaryKey(),
    id: uuid().notNull(),
    topic: text().notNull(),
    payload: jsonb().notNull(),
    requestId: text(),
    createdAt: tstz().notNull().defaultNow(),
    availableAt: tstz().notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    deliveredTo: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    lastError: text(),
    dispatchedAt: tstz(),
    deadAt: tstz(),
  },
  (t) => [
    uniqueIndex('outbox_id_key').on(t.id),
    index('outbox_pending_idx')
      .on(t.availableAt, t.seq)
      .where(sql`${t.dispatchedAt} IS NULL AND ${t.deadAt} IS NULL`),
  ],
);

/** Durable jobs and timers, claimed with FOR UPDATE SKIP LOCKED. */
export const job = pgTable(
  'job',
  {
    id: uuid().primaryKey(),
    kind: text().notNull(),
    payload: jsonb().notNull(),
    runAt: tstz().notNull(),
    status: text({ enum: ['pending', 'running', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    lockedUntil: tstz(),
    lastError: text(),
    dedupeKey: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('job_dedupe_key').on(t.dedupeKey),
    index('job_due_idx')
      .on(t.runAt)
      .where(sql`${t.status} = 'pending'`),
    index('job_lease_idx')
      .on(t.lockedUntil)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** 工作日历 overrides: an admin's day-by-day corrections to the shipped holiday calendar. */
export const calendarOverride = pgTable(
  'calendar_override',
  {
    day: date({ mode: 'string' }).primaryKey(),
    kind: text({ enum: ['holiday', 'adjustedWorkingDay', 'workday'] }).notNull(),
    name: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    check(
      'calendar_override_kind_check',
      sql`${t.kind} IN ('holiday','adjustedWorkingDay','workday')`,
    ),
  ],
);
