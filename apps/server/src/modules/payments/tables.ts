import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { FeeOrderItem, ReconciliationReport } from '@zhengtong/contracts';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });
/** money: integer fen, never a float (bigint read back as a JS number while it is safe) */
const fen = () => bigint({ mode: 'number' });

/**
 * 缴费单: one per application and stage (before 受理 / before 制证), its items copied from the
 * implementation-list version the application was filed under. The payee is the implementing
 * organisation; the payer the account that filed (and the enterprise when filed for one). A
 * person's name is kept masked only (a receipt shows no more); an enterprise's, which is public,
 * whole. The accepting organisation (a service hall accepting for the department, 综合受理)
 * reads the order too: its window sees whether the fee due before 受理 is paid.
 */
export const feeOrder = pgTable(
  'fee_order',
  {
    id: uuid().primaryKey(),
    /** 缴款码: region (6) + date (8) + sequence (6) */
    orderNo: text().notNull(),
    applicationId: uuid().notNull(),
    applicationNo: text().notNull(),
    itemName: text().notNull(),
    stage: text({ enum: ['beforeAcceptance', 'beforeIssuing'] }).notNull(),
    items: jsonb().$type<FeeOrderItem[]>().notNull(),
    totalFen: fen().notNull(),
    payerAccountId: text().notNull(),
    payerEnterpriseId: uuid(),
    payerNameMasked: text().notNull(),
    payeeOrganisationId: uuid().notNull(),
    /** the organisation that accepts the application (null: orders made before it was kept) */
    acceptingOrganisationId: uuid(),
    regionCode: text().notNull(),
    status: text({
      enum: ['unpaid', 'paid', 'cancelled', 'refunded', 'partially-refunded'],
    }).notNull(),
    paidFen: fen().notNull().default(0),
    refundedFen: fen().notNull().default(0),
    /** the attempt whose payment the order took */
    paidAttemptId: uuid(),
    /** 票据号 of the receipt, once paid */
    receiptNo: text(),
    paidAt: tstz(),
    cancelledAt: tstz(),
    cancelReason: text(),
    createdAt: tstz().notNull(),
    updatedAt: tstz().notNull(),
  },
  (t) => [
    unique('fee_order_no_key').on(t.orderNo),
    unique('fee_order_application_stage_key').on(t.applicationId, t.stage),
    unique('fee_order_receipt_key').on(t.receiptNo),
    unique('fee_order_paid_attempt_key').on(t.paidAttemptId),
    index('fee_order_payer_idx').on(t.payerAccountId, t.createdAt),
    index('fee_order_payee_idx').on(t.payeeOrganisationId, t.paidAt),
    index('fee_order_accepting_idx').on(t.acceptingOrganisationId, t.createdAt),
    check('fee_order_total_check', sql`${t.totalFen} > 0`),
    check('fee_order_paid_check', sql`${t.paidFen} = 0 OR ${t.paidFen} = ${t.totalFen}`),
    check(
      'fee_order_refunded_check',
      sql`${t.refundedFen} >= 0 AND ${t.refundedFen} <= ${t.paidFen}`,
    ),
    check(
      'fee_order_status_check',
      sql`(${t.status} IN ('unpaid', 'cancelled') AND ${t.paidFen} = 0)
        OR (${t.status} = 'paid' AND ${t.paidFen} > 0 AND ${t.refundedFen} = 0)
        OR (${t.status} = 'partially-refunded' AND ${t.refundedFen} > 0 AND ${t.refundedFen} < ${t.paidFen})
        OR (${t.status} = 'refunded' AND ${t.paidFen} > 0 AND ${t.refundedFen} = ${t.paidFen})`,
    ),
  ],
);

/**
 * A trade sent to the gateway for an order (支付请求). One open (`pending`) attempt per order at a
 * time; `outTradeNo` is what the gateway knows it by. A success is final: a failure or closing
 * reported after it changes nothing.
 */
export const paymentAttempt = pgTable(
  'payment_attempt',
  {
    id: uuid().primaryKey(),
    orderId: uuid().notNull(),
    accountId: text().notNull(),
    gateway: text().notNull(),
    outTradeNo: text().notNull(),
    amountFen: fen().notNull(),
    status: text({ enum: ['pending', 'succeeded', 'failed', 'closed'] }).notNull(),
    /** where the payer pays; set once the gateway created the trade */
    cashierUrl: text(),
    gatewayTradeNo: text(),
    /** a payment the order could not take (paid already, cancelled): returned in full */
    unapplied: boolean().notNull().default(false),
    failureReason: text(),
    expiresAt: tstz().notNull(),
    settledAt: tstz(),
    /** when the poll last asked the gateway about it */
    lastQueriedAt: tstz(),
    createdAt: tstz().notNull(),
  },
  (t) => [
    unique('payment_attempt_out_trade_no_key').on(t.outTradeNo),
    uniqueIndex('payment_attempt_open_key')
      .on(t.orderId)
      .where(sql`${t.status} = 'pending'`),
    index('payment_attempt_pending_idx')
      .on(t.status, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
    check('payment_attempt_amount_check', sql`${t.amountFen} > 0`),
    foreignKey({
      name: 'payment_attempt_order_fk',
      columns: [t.orderId],
      foreignColumns: [feeOrder.id],
    }),
  ],
);

/**
 * An Idempotency-Key of a payment or refund request: the same key answers with what it made
 * the first time (the same attempt or refund), whatever happened since.
 */
export const paymentRequest = pgTable(
  'payment_request',
  {
    accountId: text().notNull(),
    idempotencyKey: text().notNull(),
    kind: text({ enum: ['pay', 'refund'] }).notNull(),
    orderId: uuid().notNull(),
    /** hash of what was asked: the same key for another request is a 422 */
    requestHash: text().notNull(),
    /** the attempt or refund it answered with */
    targetId: uuid().notNull(),
    createdAt: tstz().notNull(),
  },
  (t) => [primaryKey({ name: 'payment_request_pk', columns: [t.accountId, t.idempotencyKey] })],
);

/**
 * 支付回调: every notification received, verified or not. Verified ones are deduplicated by the
 * gateway's notification id; a repeat only counts up `deliveries`.
 */
export const paymentCallback = pgTable(
  'payment_callback',
  {
    id: uuid().primaryKey(),
    gateway: text().notNull(),
    /** the gateway's notification id; null when the signature did not verify */
    notificationId: text(),
    verified: boolean().notNull(),
    outTradeNo: text(),
    /** what the notification said: success | failed | closed */
    tradeStatus: text(),
    amountFen: fen(),
    /** applied | duplicate | ignored | amount-mismatch | unknown-trade | unapplied | rejected */
    outcome: text().notNull(),
    error: text(),
    deliveries: integer().notNull().default(1),
    /** the first 4 KiB of the body as received (no personal data is sent by a gateway) */
    body: text(),
    receivedAt: tstz().notNull(),
    lastReceivedAt: tstz().notNull(),
  },
  (t) => [
    uniqueIndex('payment_callback_notification_key')
      .on(t.gateway, t.notificationId)
      .where(sql`${t.notificationId} IS NOT NULL`),
    index('payment_callback_trade_idx').on(t.outTradeNo),
  ],
);

/**
 * 退款: of an order (by the payee department, or in full when the application ends without a
 * result), or of an unapplied payment. Sent to the gateway by a durable job; `outRefundNo`
 * makes the gateway's refund idempotent.
 */
export const paymentRefund = pgTable(
  'payment_refund',
  {
    id: uuid().primaryKey(),
    orderId: uuid().notNull(),
    /** the trade refunded */
    attemptId: uuid().notNull(),
    kind: text({ enum: ['order', 'unapplied'] }).notNull(),
    outRefundNo: text().notNull(),
    amountFen: fen().notNull(),
    reason: text().notNull(),
    requestedBy: text().notNull(),
    status: text({ enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    gatewayRefundNo: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    createdAt: tstz().notNull(),
    settledAt: tstz(),
  },
  (t) => [
    unique('payment_refund_out_refund_no_key').on(t.outRefundNo),
    // an unapplied payment is returned once
    uniqueIndex('payment_refund_unapplied_key')
      .on(t.attemptId)
      .where(sql`${t.kind} = 'unapplied'`),
    index('payment_refund_order_idx').on(t.orderId),
    check('payment_refund_amount_check', sql`${t.amountFen} > 0`),
    foreignKey({
      name: 'payment_refund_order_fk',
      columns: [t.orderId],
      foreignColumns: [feeOrder.id],
    }),
    foreignKey({
      name: 'payment_refund_attempt_fk',
      columns: [t.attemptId],
      foreignColumns: [paymentAttempt.id],
    }),
  ],
);

/**
 * 分类账: double entry, one line per posting and fee item: `amountFen` debited to one account
 * and credited to another. Accounts: `gateway:<name>` (money held by the gateway, 清算),
 * `payee:<organisationId>` (the department's non-tax revenue), `suspense` (payments no order
 * took). A payment or refund posts once: (kind, source, line) is unique, and an order's
 * payment posts once whatever the source.
 */
export const ledgerEntry = pgTable(
  'ledger_entry',
  {
    id: uuid().primaryKey(),
    kind: text({ enum: ['payment', 'refund', 'unappliedPayment', 'unappliedReturn'] }).notNull(),
    /** the attempt (payments) or refund (refunds) posted */
    sourceId: uuid().notNull(),
    line: integer().notNull(),
    orderId: uuid().notNull(),
    debitAccount: text().notNull(),
    creditAccount: text().notNull(),
    amountFen: fen().notNull(),
    organisationId: uuid().notNull(),
    nonTaxRevenueCode: text(),
    itemName: text(),
    /** the Asia/Shanghai day it belongs to (revenue and reconciliation by day) */
    businessDate: date({ mode: 'string' }).notNull(),
    postedAt: tstz().notNull(),
  },
  (t) => [
    unique('ledger_entry_source_key').on(t.kind, t.sourceId, t.line),
    uniqueIndex('ledger_entry_order_payment_key')
      .on(t.orderId, t.line)
      .where(sql`${t.kind} = 'payment'`),
    index('ledger_entry_organisation_idx').on(t.organisationId, t.businessDate),
    index('ledger_entry_date_idx').on(t.businessDate),
    check('ledger_entry_amount_check', sql`${t.amountFen} > 0`),
    check('ledger_entry_accounts_check', sql`${t.debitAccount} <> ${t.creditAccount}`),
    foreignKey({
      name: 'ledger_entry_order_fk',
      columns: [t.orderId],
      foreignColumns: [feeOrder.id],
    }),
  ],
);

/** 对账: a run for one gateway and Asia/Shanghai day, its report; a re-run replaces it. */
export const paymentReconciliation = pgTable(
  'payment_reconciliation',
  {
    id: uuid().primaryKey(),
    gateway: text().notNull(),
    businessDate: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['balanced', 'mismatched'] }).notNull(),
    report: jsonb().$type<ReconciliationReport>().notNull(),
    runs: integer().notNull().default(1),
    ranBy: text().notNull(),
    ranAt: tstz().notNull(),
  },
  (t) => [unique('payment_reconciliation_day_key').on(t.gateway, t.businessDate)],
);

/** The last sequence of 缴款码 and 票据号 per prefix (region or kind, and day). */
export const paymentNumberCounter = pgTable('payment_number_counter', {
  prefix: text().primaryKey(),
  last: integer().notNull(),
});

// -- the simulated gateway ------------------------------------------------------------------------
// It stands for an external system: only simulated-gateway.ts touches these tables, and it never
// reads the tables above.

/** A trade at the simulated gateway (商户订单号 outTradeNo ↔ 交易号 tradeNo). */
export const simTrade = pgTable(
  'sim_trade',
  {
    tradeNo: text().primaryKey(),
    outTradeNo: text().notNull(),
    amountFen: fen().notNull(),
    subject: text().notNull(),
    notifyUrl: text().notNull(),
    returnUrl: text(),
    /** the secret of the cashier link */
    cashierToken: text().notNull(),
    status: text({ enum: ['waiting', 'success', 'failed', 'closed'] }).notNull(),
    refundedFen: fen().notNull().default(0),
    createdAt: tstz().notNull(),
    expiresAt: tstz().notNull(),
    paidAt: tstz(),
    /** what the statement says instead (fault injection for reconciliation tests) */
    statementAmountFen: fen(),
    /** left out of the statement (fault injection) */
    statementOmitted: boolean().notNull().default(false),
  },
  (t) => [
    unique('sim_trade_out_trade_no_key').on(t.outTradeNo),
    check('sim_trade_amount_check', sql`${t.amountFen} > 0`),
  ],
);

/** A refund at the simulated gateway. */
export const simRefund = pgTable(
  'sim_refund',
  {
    refundNo: text().primaryKey(),
    outRefundNo: text().notNull(),
    tradeNo: text().notNull(),
    amountFen: fen().notNull(),
    status: text({ enum: ['success', 'failed'] }).notNull(),
    createdAt: tstz().notNull(),
  },
  (t) => [
    unique('sim_refund_out_refund_no_key').on(t.outRefundNo),
    check('sim_refund_amount_check', sql`${t.amountFen} > 0`),
  ],
);
