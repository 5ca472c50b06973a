import { and, desc, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { ReconciliationReport } from '@zhengtong/contracts';
import type { Executor } from '../../kernel/db/database.js';
import {
  feeOrder,
  ledgerEntry,
  paymentAttempt,
  paymentCallback,
  paymentNumberCounter,
  paymentReconciliation,
  paymentRefund,
  paymentRequest,
} from './tables.js';

/*
 * The only file that touches the payments tables (the simulated gateway keeps its own).
 */

export type OrderRow = typeof feeOrder.$inferSelect;
export type AttemptRow = typeof paymentAttempt.$inferSelect;
export type RefundRow = typeof paymentRefund.$inferSelect;
export type LedgerRow = typeof ledgerEntry.$inferSelect;
export type CallbackRow = typeof paymentCallback.$inferSelect;
export type RequestRow = typeof paymentRequest.$inferSelect;
export type ReconciliationRow = typeof paymentReconciliation.$inferSelect;

/** The next number of a prefix (region and day for 缴款码, kind and day for 票据号). */
export async function nextNumber(db: Executor, prefix: string): Promise<number> {
  const rows = await db
    .insert(paymentNumberCounter)
    .values({ prefix, last: 1 })
    .onConflictDoUpdate({
      target: paymentNumberCounter.prefix,
      set: { last: sql`${paymentNumberCounter.last} + 1` },
    })
    .returning({ last: paymentNumberCounter.last });
  return rows[0]?.last ?? 1;
}

// -- orders ---------------------------------------------------------------------------------------

/** Inserts an order unless the application has one for the stage; true when inserted. */
export async function insertOrder(db: Executor, row: OrderRow): Promise<boolean> {
  const inserted = await db
    .insert(feeOrder)
    .values(row)
    .onConflictDoNothing({ target: [feeOrder.applicationId, feeOrder.stage] })
    .returning({ id: feeOrder.id });
  return inserted.length > 0;
}

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  const rows = await db.select().from(feeOrder).where(eq(feeOrder.id, id));
  return rows[0];
}

export async function lockOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  const rows = await db.select().from(feeOrder).where(eq(feeOrder.id, id)).for('update');
  return rows[0];
}

export async function findOrderOfStage(
  db: Executor,
  applicationId: string,
  stage: OrderRow['stage'],
): Promise<OrderRow | undefined> {
  const rows = await db
    .select()
    .from(feeOrder)
    .where(and(eq(feeOrder.applicationId, applicationId), eq(feeOrder.stage, stage)))
    .for('share');
  return rows[0];
}

export async function lockOrdersOfApplication(
  db: Executor,
  applicationId: string,
): Promise<OrderRow[]> {
  return db
    .select()
    .from(feeOrder)
    .where(eq(feeOrder.applicationId, applicationId))
    .orderBy(feeOrder.createdAt, feeOrder.id)
    .for('update');
}

/** Orders a reader may see: the payer's own, or a payee's (staff), perhaps of one application. */
export async function listOrders(
  db: Executor,
  f: {
    payerAccountId?: string;
    payeeOrganisationId?: string;
    /** the payee, or the organisation that accepts the application */
    concernsOrganisationId?: string;
    applicationId?: string;
    paidOnly?: boolean;
    limit: number;
  },
): Promise<OrderRow[]> {
  return db
    .select()
    .from(feeOrder)
    .where(
      and(
        f.payerAccountId === undefined ? undefined : eq(feeOrder.payerAccountId, f.payerAccountId),
        f.payeeOrganisationId === undefined
          ? undefined
          : eq(feeOrder.payeeOrganisationId, f.payeeOrganisationId),
        f.concernsOrganisationId === undefined
          ? undefined
          : or(
              eq(feeOrder.payeeOrganisationId, f.concernsOrganisationId),
              eq(feeOrder.acceptingOrganisationId, f.concernsOrganisationId),
            ),
        f.applicationId === undefined ? undefined : eq(feeOrder.applicationId, f.applicationId),
        f.paidOnly ? isNotNull(feeOrder.receiptNo) : undefined,
      ),
    )
    .orderBy(desc(feeOrder.createdAt), desc(feeOrder.id))
    .limit(f.limit);
}

export async function updateOrder(
  db: Executor,
  id: string,
  patch: Partial<typeof feeOrder.$inferInsert>,
): Promise<OrderRow> {
  const rows = await db.update(feeOrder).set(patch).where(eq(feeOrder.id, id)).returning();
  return rows[0]!;
}

// -- attempts -------------------------------------------------------------------------------------

export async function insertAttempt(db: Executor, row: AttemptRow): Promise<void> {
  await db.insert(paymentAttempt).values(row);
}

export async function findAttempt(db: Executor, id: string): Promise<AttemptRow | undefined> {
  const rows = await db.select().from(paymentAttempt).where(eq(paymentAttempt.id, id));
  return rows[0];
}

export async function findAttemptByOutTradeNo(
  db: Executor,
  outTradeNo: string,
): Promise<AttemptRow | undefined> {
  const rows = await db
    .select()
    .from(paymentAttempt)
    .where(eq(paymentAttempt.outTradeNo, outTradeNo));
  return rows[0];
}

export async function lockAttempt(db: Executor, id: string): Promise<AttemptRow | undefined> {
  const rows = await db
    .select()
    .from(paymentAttempt)
    .where(eq(paymentAttempt.id, id))
    .for('update');
  return rows[0];
}

export async function openAttemptOf(
  db: Executor,
  orderId: string,
): Promise<AttemptRow | undefined> {
  const rows = await db
    .select()
    .from(paymentAttempt)
    .where(and(eq(paymentAttempt.orderId, orderId), eq(paymentAttempt.status, 'pending')));
  return rows[0];
}

export async function openAttemptsOf(db: Executor, orderIds: string[]): Promise<AttemptRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(paymentAttempt)
    .where(and(inArray(paymentAttempt.orderId, orderIds), eq(paymentAttempt.status, 'pending')));
}

export async function updateAttempt(
  db: Executor,
  id: string,
  patch: Partial<typeof paymentAttempt.$inferInsert>,
): Promise<AttemptRow> {
  const rows = await db
    .update(paymentAttempt)
    .set(patch)
    .where(eq(paymentAttempt.id, id))
    .returning();
  return rows[0]!;
}

/** Sets the gateway's answer on an attempt once (concurrent creators give the same answer). */
export async function setTrade(
  db: Executor,
  id: string,
  trade: { cashierUrl: string; gatewayTradeNo: string },
): Promise<void> {
  await db
    .update(paymentAttempt)
    .set(trade)
    .where(and(eq(paymentAttempt.id, id), sql`${paymentAttempt.cashierUrl} IS NULL`));
}

/**
 * Pending attempts to ask the gateway about: not asked since `askedBefore` and made before
 * `madeBefore` — or whose order no longer waits for a payment (to be closed at once).
 */
export async function pendingAttempts(
  db: Executor,
  f: { madeBefore: Date; askedBefore: Date; limit: number },
): Promise<AttemptRow[]> {
  const rows = await db
    .select({ attempt: paymentAttempt })
    .from(paymentAttempt)
    .innerJoin(feeOrder, eq(feeOrder.id, paymentAttempt.orderId))
    .where(
      and(
        eq(paymentAttempt.status, 'pending'),
        or(
          sql`${paymentAttempt.lastQueriedAt} IS NULL`,
          lt(paymentAttempt.lastQueriedAt, f.askedBefore),
        ),
        or(lt(paymentAttempt.createdAt, f.madeBefore), ne(feeOrder.status, 'unpaid')),
      ),
    )
    .orderBy(paymentAttempt.createdAt)
    .limit(f.limit);
  return rows.map((r) => r.attempt);
}

export async function markQueried(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(paymentAttempt).set({ lastQueriedAt: at }).where(eq(paymentAttempt.id, id));
}

// -- Idempotency-Keys -----------------------------------------------------------------------------

export async function findRequest(
  db: Executor,
  accountId: string,
  key: string,
): Promise<RequestRow | undefined> {
  const rows = await db
    .select()
    .from(paymentRequest)
    .where(and(eq(paymentRequest.accountId, accountId), eq(paymentRequest.idempotencyKey, key)));
  return rows[0];
}

/** Claims a key for this transaction; false when another request holds it. */
export async function claimRequest(db: Executor, row: RequestRow): Promise<boolean> {
  const inserted = await db
    .insert(paymentRequest)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: paymentRequest.idempotencyKey });
  return inserted.length > 0;
}

// -- callbacks ------------------------------------------------------------------------------------

/**
 * Records a verified notification: true the first time, false for a repeat (then only counted).
 * A concurrent repeat waits on the unique index until the first one's transaction ends.
 */
export async function recordNotification(
  db: Executor,
  row: Omit<CallbackRow, 'deliveries' | 'lastReceivedAt'>,
): Promise<boolean> {
  const rows = await db
    .insert(paymentCallback)
    .values({ ...row, deliveries: 1, lastReceivedAt: row.receivedAt })
    .onConflictDoUpdate({
      target: [paymentCallback.gateway, paymentCallback.notificationId],
      targetWhere: sql`${paymentCallback.notificationId} IS NOT NULL`,
      set: {
        deliveries: sql`${paymentCallback.deliveries} + 1`,
        lastReceivedAt: row.receivedAt,
      },
    })
    .returning({ first: sql<boolean>`(xmax = 0)` });
  return rows[0]?.first === true;
}

export async function insertCallback(
  db: Executor,
  row: Omit<CallbackRow, 'deliveries' | 'lastReceivedAt'>,
): Promise<void> {
  await db
    .insert(paymentCallback)
    .values({ ...row, deliveries: 1, lastReceivedAt: row.receivedAt });
}

export async function setCallbackOutcome(
  db: Executor,
  id: string,
  outcome: string,
  error: string | null = null,
): Promise<void> {
  await db.update(paymentCallback).set({ outcome, error }).where(eq(paymentCallback.id, id));
}

export async function callbacksOf(db: Executor, outTradeNo: string): Promise<CallbackRow[]> {
  return db
    .select()
    .from(paymentCallback)
    .where(eq(paymentCallback.outTradeNo, outTradeNo))
    .orderBy(paymentCallback.receivedAt);
}

// -- refunds --------------------------------------------------------------------------------------

export async function insertRefund(db: Executor, row: RefundRow): Promise<boolean> {
  const inserted = await db
    .insert(paymentRefund)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: paymentRefund.id });
  return inserted.length > 0;
}

export async function findRefund(db: Executor, id: string): Promise<RefundRow | undefined> {
  const rows = await db.select().from(paymentRefund).where(eq(paymentRefund.id, id));
  return rows[0];
}

export async function lockRefund(db: Executor, id: string): Promise<RefundRow | undefined> {
  const rows = await db.select().from(paymentRefund).where(eq(paymentRefund.id, id)).for('update');
  return rows[0];
}

export async function refundsOf(db: Executor, orderIds: string[]): Promise<RefundRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(paymentRefund)
    .where(inArray(paymentRefund.orderId, orderIds))
    .orderBy(paymentRefund.createdAt, paymentRefund.id);
}

export async function updateRefund(
  db: Executor,
  id: string,
  patch: Partial<typeof paymentRefund.$inferInsert>,
): Promise<RefundRow> {
  const rows = await db
    .update(paymentRefund)
    .set(patch)
    .where(eq(paymentRefund.id, id))
    .returning();
  return rows[0]!;
}

export async function pendingRefunds(db: Executor, limit: number): Promise<RefundRow[]> {
  return db
    .select()
    .from(paymentRefund)
    .where(eq(paymentRefund.status, 'pending'))
    .orderBy(paymentRefund.createdAt)
    .limit(limit);
}

// -- the ledger -----------------------------------------------------------------------------------

export type LedgerLine = Omit<LedgerRow, 'id'> & { id: string };

export async function insertLedgerLines(db: Executor, lines: LedgerLine[]): Promise<void> {
  if (lines.length > 0) await db.insert(ledgerEntry).values(lines);
}

/** What the refunds of an order took from each of its lines so far. */
export async function refundedByLine(db: Executor, orderId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ line: ledgerEntry.line, fen: sql<number>`sum(${ledgerEntry.amountFen})::bigint` })
    .from(ledgerEntry)
    .where(and(eq(ledgerEntry.orderId, orderId), eq(ledgerEntry.kind, 'refund')))
    .groupBy(ledgerEntry.line);
  return new Map(rows.map((r) => [r.line, Number(r.fen)]));
}

export interface RevenueRow {
  key: string | null;
  name: string | null;
  receivedFen: number;
  refundedFen: number;
  payments: number;
  refunds: number;
}

/** A payee's payments and refunds in [from, to], grouped by day or by 非税收入项目编码. */
export async function revenue(
  db: Executor,
  f: { organisationId: string; from: string; to: string; by: 'day' | 'code' },
): Promise<RevenueRow[]> {
  const key =
    f.by === 'day'
      ? sql<string>`${ledgerEntry.businessDate}::text`
      : sql<string | null>`${ledgerEntry.nonTaxRevenueCode}`;
  const rows = await db
    .select({
      key,
      name: sql<string | null>`max(${ledgerEntry.itemName})`,
      receivedFen: sql<number>`coalesce(sum(${ledgerEntry.amountFen}) FILTER (WHERE ${ledgerEntry.kind} = 'payment'), 0)::bigint`,
      refundedFen: sql<number>`coalesce(sum(${ledgerEntry.amountFen}) FILTER (WHERE ${ledgerEntry.kind} = 'refund'), 0)::bigint`,
      payments: sql<number>`(count(DISTINCT ${ledgerEntry.sourceId}) FILTER (WHERE ${ledgerEntry.kind} = 'payment'))::int`,
      refunds: sql<number>`(count(DISTINCT ${ledgerEntry.sourceId}) FILTER (WHERE ${ledgerEntry.kind} = 'refund'))::int`,
    })
    .from(ledgerEntry)
    .where(
      and(
        eq(ledgerEntry.organisationId, f.organisationId),
        inArray(ledgerEntry.kind, ['payment', 'refund']),
        sql`${ledgerEntry.businessDate} BETWEEN ${f.from}::date AND ${f.to}::date`,
      ),
    )
    .groupBy(key)
    .orderBy(key);
  return rows.map((r) => ({
    ...r,
    receivedFen: Number(r.receivedFen),
    refundedFen: Number(r.refundedFen),
  }));
}

/** What the ledger settled with the gateway on a day: per payment (attempt) and refund. */
export async function settledOn(
  db: Executor,
  date: string,
): Promise<
  {
    kind: 'payment' | 'refund';
    reference: string;
    orderNo: string;
    amountFen: number;
  }[]
> {
  const payments = await db
    .select({
      reference: paymentAttempt.outTradeNo,
      orderNo: feeOrder.orderNo,
      amountFen: sql<number>`sum(${ledgerEntry.amountFen})::bigint`,
    })
    .from(ledgerEntry)
    .innerJoin(paymentAttempt, eq(paymentAttempt.id, ledgerEntry.sourceId))
    .innerJoin(feeOrder, eq(feeOrder.id, ledgerEntry.orderId))
    .where(
      and(
        inArray(ledgerEntry.kind, ['payment', 'unappliedPayment']),
        eq(ledgerEntry.businessDate, date),
      ),
    )
    .groupBy(paymentAttempt.outTradeNo, feeOrder.orderNo);
  const refunds = await db
    .select({
      reference: paymentRefund.outRefundNo,
      orderNo: feeOrder.orderNo,
      amountFen: sql<number>`sum(${ledgerEntry.amountFen})::bigint`,
    })
    .from(ledgerEntry)
    .innerJoin(paymentRefund, eq(paymentRefund.id, ledgerEntry.sourceId))
    .innerJoin(feeOrder, eq(feeOrder.id, ledgerEntry.orderId))
    .where(
      and(
        inArray(ledgerEntry.kind, ['refund', 'unappliedReturn']),
        eq(ledgerEntry.businessDate, date),
      ),
    )
    .groupBy(paymentRefund.outRefundNo, feeOrder.orderNo);
  return [
    ...payments.map((p) => ({ kind: 'payment' as const, ...p, amountFen: Number(p.amountFen) })),
    ...refunds.map((r) => ({ kind: 'refund' as const, ...r, amountFen: Number(r.amountFen) })),
  ];
}

export async function findRefundByOutRefundNo(
  db: Executor,
  outRefundNo: string,
): Promise<RefundRow | undefined> {
  const rows = await db
    .select()
    .from(paymentRefund)
    .where(eq(paymentRefund.outRefundNo, outRefundNo));
  return rows[0];
}

/** Each account's balance (debits − credits) over the whole ledger. */
export async function trialBalance(
  db: Executor,
): Promise<{ account: string; debitFen: number; creditFen: number }[]> {
  const rows = await db.execute<{ account: string; debit_fen: string; credit_fen: string }>(sql`
    SELECT account, sum(debit)::bigint AS debit_fen, sum(credit)::bigint AS credit_fen FROM (
      SELECT debit_account AS account, amount_fen AS debit, 0 AS credit FROM ledger_entry
      UNION ALL
      SELECT credit_account AS account, 0 AS debit, amount_fen AS credit FROM ledger_entry
    ) lines GROUP BY account ORDER BY account`);
  return rows.rows.map((r) => ({
    account: r.account,
    debitFen: Number(r.debit_fen),
    creditFen: Number(r.credit_fen),
  }));
}

// -- reconciliation -------------------------------------------------------------------------------

export async function saveReconciliation(
  db: Executor,
  row: Omit<ReconciliationRow, 'runs'>,
): Promise<ReconciliationRow> {
  const rows = await db
    .insert(paymentReconciliation)
    .values({ ...row, runs: 1 })
    .onConflictDoUpdate({
      target: [paymentReconciliation.gateway, paymentReconciliation.businessDate],
      set: {
        status: row.status,
        report: sql`excluded.report`,
        ranBy: row.ranBy,
        ranAt: row.ranAt,
        runs: sql`${paymentReconciliation.runs} + 1`,
      },
    })
    .returning();
  return rows[0]!;
}

export async function findReconciliation(
  db: Executor,
  gateway: string,
  date: string,
): Promise<ReconciliationRow | undefined> {
  const rows = await db
    .select()
    .from(paymentReconciliation)
    .where(
      and(eq(paymentReconciliation.gateway, gateway), eq(paymentReconciliation.businessDate, date)),
    );
  return rows[0];
}

export async function listReconciliations(
  db: Executor,
  limit: number,
): Promise<ReconciliationRow[]> {
  return db
    .select()
    .from(paymentReconciliation)
    .orderBy(desc(paymentReconciliation.businessDate))
    .limit(limit);
}

export type { ReconciliationReport };
