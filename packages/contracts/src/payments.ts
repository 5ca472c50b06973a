import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from './common.js';

// 统一支付: fee orders (缴费单) made at the step the implementation list names, paid through a
// payment gateway (a simulated one built in), receipts (票据), refunds, a department's revenue
// (非税收入) and the daily reconciliation (对账). Money is integer fen everywhere.

const Fen = Type.Integer({ minimum: 0, description: '金额（分）' });
const Id = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

/** When a fee is collected: before 受理, or before the result is issued (准予/制证). */
export const FeeStage = Type.Union([
  Type.Literal('beforeAcceptance'),
  Type.Literal('beforeIssuing'),
]);
export type FeeStage = Static<typeof FeeStage>;

export const FEE_ORDER_STATUSES = [
  'unpaid',
  'paid',
  'cancelled',
  'refunded',
  'partially-refunded',
] as const;
export const FeeOrderStatus = Type.Union(FEE_ORDER_STATUSES.map((s) => Type.Literal(s)));
export type FeeOrderStatus = Static<typeof FeeOrderStatus>;

/** One fee of an order, as the list version named it. */
export const FeeOrderItem = Type.Object({
  name: Type.String(),
  amountFen: Fen,
  /** 非税收入项目编码 */
  nonTaxRevenueCode: Type.Union([Type.String(), Type.Null()]),
  /** 收费依据 */
  legalBasis: Type.String(),
});
export type FeeOrderItem = Static<typeof FeeOrderItem>;

export const PaymentAttemptStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('closed'),
]);
export type PaymentAttemptStatus = Static<typeof PaymentAttemptStatus>;

/** A trade at the gateway for an order: where to pay, and how it went. */
export const PaymentAttempt = Type.Object({
  id: Id,
  orderId: Id,
  gateway: Type.String(),
  outTradeNo: Type.String(),
  amountFen: Fen,
  status: PaymentAttemptStatus,
  /** the gateway's cashier (收银台); null when the gateway has not made the trade yet */
  cashierUrl: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Instant,
  createdAt: Instant,
  settledAt: Type.Union([Instant, Type.Null()]),
});
export type PaymentAttempt = Static<typeof PaymentAttempt>;

export const RefundStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
]);

export const PaymentRefund = Type.Object({
  id: Id,
  orderId: Id,
  kind: Type.Union([Type.Literal('order'), Type.Literal('unapplied')]),
  amountFen: Fen,
  reason: Type.String(),
  status: RefundStatus,
  createdAt: Instant,
  settledAt: Type.Union([Instant, Type.Null()]),
});
export type PaymentRefund = Static<typeof PaymentRefund>;

/** 缴费单 */
export const FeeOrder = Type.Object({
  id: Id,
  /** 缴款码 */
  orderNo: Type.String(),
  applicationId: Id,
  applicationNo: Type.String(),
  itemName: Type.String(),
  stage: FeeStage,
  items: Type.Array(FeeOrderItem),
  totalFen: Fen,
  paidFen: Fen,
  refundedFen: Fen,
  status: FeeOrderStatus,
  payeeOrganisationId: Id,
  payeeOrganisationName: Type.String(),
  /** 缴款人: a person's name masked, an enterprise's whole (it is public) */
  payerName: Type.String(),
  receiptNo: Type.Union([Type.String(), Type.Null()]),
  paidAt: Type.Union([Instant, Type.Null()]),
  cancelledAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  /** the open trade, if the payer started paying */
  openAttempt: Type.Union([PaymentAttempt, Type.Null()]),
  refunds: Type.Array(PaymentRefund),
});
export type FeeOrder = Static<typeof FeeOrder>;

export const FeeOrderList = Type.Object({ items: Type.Array(FeeOrder) });
export type FeeOrderList = Static<typeof FeeOrderList>;

export const FeeOrderListQuery = Type.Object({
  applicationId: Type.Optional(Id),
});
export type FeeOrderListQuery = Static<typeof FeeOrderListQuery>;

/** 非税收入电子票据 (as this platform issues it): what was paid, to whom, when. */
export const Receipt = Type.Object({
  receiptNo: Type.String(),
  orderId: Id,
  orderNo: Type.String(),
  applicationId: Id,
  applicationNo: Type.String(),
  itemName: Type.String(),
  /** 缴款人: a person's name masked, an enterprise's whole (it is public) */
  payerName: Type.String(),
  payeeOrganisationId: Id,
  /** 收款单位 */
  payeeOrganisationName: Type.String(),
  items: Type.Array(FeeOrderItem),
  totalFen: Fen,
  refundedFen: Fen,
  status: FeeOrderStatus,
  paidAt: Instant,
  /** 支付渠道 */
  gateway: Type.String(),
});
export type Receipt = Static<typeof Receipt>;

export const ReceiptList = Type.Object({ items: Type.Array(Receipt) });
export type ReceiptList = Static<typeof ReceiptList>;

export const RefundBody = Type.Object({
  amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000, description: '退款金额（分）' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export type RefundBody = Static<typeof RefundBody>;

export const RevenueQuery = Type.Object({
  organisationId: Id,
  from: IsoDate,
  to: IsoDate,
});
export type RevenueQuery = Static<typeof RevenueQuery>;

const RevenueFigures = {
  /** 收入 (payments) */
  receivedFen: Fen,
  /** 退款 */
  refundedFen: Fen,
  /** 净收入 */
  netFen: Type.Integer(),
  payments: Type.Integer({ minimum: 0 }),
  refunds: Type.Integer({ minimum: 0 }),
};

/** A department's non-tax revenue by day and by 非税收入项目编码, from the ledger. */
export const Revenue = Type.Object({
  organisationId: Id,
  organisationName: Type.String(),
  from: IsoDate,
  to: IsoDate,
  byDay: Type.Array(Type.Object({ date: IsoDate, ...RevenueFigures })),
  byCode: Type.Array(
    Type.Object({
      nonTaxRevenueCode: Type.Union([Type.String(), Type.Null()]),
      itemName: Type.String(),
      ...RevenueFigures,
    }),
  ),
  total: Type.Object(RevenueFigures),
});
export type Revenue = Static<typeof Revenue>;

export const ReconciliationBody = Type.Object({ date: IsoDate });
export type ReconciliationBody = Static<typeof ReconciliationBody>;

/** One line of a reconciliation: a trade or refund as we and the gateway have it. */
export const ReconciliationLine = Type.Object({
  kind: Type.Union([Type.Literal('payment'), Type.Literal('refund')]),
  /** our number: outTradeNo of a payment, outRefundNo of a refund */
  reference: Type.String(),
  orderNo: Type.Union([Type.String(), Type.Null()]),
  localFen: Type.Union([Fen, Type.Null()]),
  gatewayFen: Type.Union([Fen, Type.Null()]),
  localStatus: Type.Union([Type.String(), Type.Null()]),
  gatewayStatus: Type.Union([Type.String(), Type.Null()]),
});
export type ReconciliationLine = Static<typeof ReconciliationLine>;

const Totals = Type.Object({
  paymentsFen: Fen,
  refundsFen: Fen,
  netFen: Type.Integer(),
  payments: Type.Integer({ minimum: 0 }),
  refunds: Type.Integer({ minimum: 0 }),
});

export const ReconciliationReport = Type.Object({
  gateway: Type.String(),
  date: IsoDate,
  status: Type.Union([Type.Literal('balanced'), Type.Literal('mismatched')]),
  matched: Type.Integer({ minimum: 0 }),
  missingLocally: Type.Array(ReconciliationLine),
  missingAtGateway: Type.Array(ReconciliationLine),
  amountDiffers: Type.Array(ReconciliationLine),
  statusDiffers: Type.Array(ReconciliationLine),
  totals: Type.Object({ local: Totals, gateway: Totals }),
  ranAt: Instant,
  runs: Type.Integer({ minimum: 1 }),
});
export type ReconciliationReport = Static<typeof ReconciliationReport>;

export const ReconciliationList = Type.Object({
  items: Type.Array(
    Type.Object({
      gateway: Type.String(),
      date: IsoDate,
      status: Type.Union([Type.Literal('balanced'), Type.Literal('mismatched')]),
      mismatches: Type.Integer({ minimum: 0 }),
      ranAt: Instant,
    }),
  ),
});
export type ReconciliationList = Static<typeof ReconciliationList>;

/** What the payer sees at the simulated gateway's cashier (模拟支付网关收银台). */
export const SimulatedCashierTrade = Type.Object({
  tradeNo: Type.String(),
  outTradeNo: Type.String(),
  subject: Type.String(),
  amountFen: Fen,
  status: Type.Union([
    Type.Literal('waiting'),
    Type.Literal('success'),
    Type.Literal('failed'),
    Type.Literal('closed'),
  ]),
  expiresAt: Instant,
  returnUrl: Type.Union([Type.String(), Type.Null()]),
});
export type SimulatedCashierTrade = Static<typeof SimulatedCashierTrade>;

export const SimulatedCashierQuery = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 100 }),
});

export const SimulatedCashierBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 100 }),
  /** 确认支付 or 模拟失败 */
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
});
export type SimulatedCashierBody = Static<typeof SimulatedCashierBody>;

/** What our callback endpoint answers a gateway. */
export const CallbackAck = Type.Object({ code: Type.String(), message: Type.String() });
export type CallbackAck = Static<typeof CallbackAck>;
