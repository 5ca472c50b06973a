/**
 * The payment gateway as the payments module sees it (支付网关适配器). docs/payments-gateway-adapter.md
 * is the contract in prose; gateway-contract.ts checks an adapter against it.
 *
 * Numbers: `outTradeNo` / `outRefundNo` are ours (商户订单号 / 商户退款单号) and make creating a
 * trade and refunding idempotent; `tradeNo` / `refundNo` are the gateway's. Money is integer fen.
 */

/** Where a trade stands at the gateway. `success` is final except for refunds. */
export type TradeStatus = 'waiting' | 'success' | 'failed' | 'closed';

export interface CreateTradeInput {
  outTradeNo: string;
  amountFen: number;
  /** what the payer sees (商品描述): the item and the 缴款码 */
  subject: string;
  /** where the gateway POSTs its notifications */
  notifyUrl: string;
  /** where the cashier sends the payer back */
  returnUrl: string;
  /** the trade closes itself at this time if unpaid */
  expiresAt: Date;
}

export interface CreatedTrade {
  tradeNo: string;
  /** the cashier (收银台) the payer is sent to: absolute, or a path of this site */
  cashierUrl: string;
}

export interface Trade {
  outTradeNo: string;
  tradeNo: string;
  status: TradeStatus;
  amountFen: number;
  /** when it was paid, by the gateway's clock */
  paidAt: Date | null;
}

/** A notification (异步通知) as verified: what the gateway says happened to a trade. */
export interface GatewayNotification {
  /** unique per notification of the gateway; a repeat carries the same id */
  notificationId: string;
  outTradeNo: string;
  tradeNo: string;
  status: Exclude<TradeStatus, 'waiting'>;
  amountFen: number;
  /** when it happened at the gateway (the payment time for a success) */
  occurredAt: Date;
}

export type CallbackVerification =
  { ok: true; notification: GatewayNotification } | { ok: false; reason: string };

export interface RefundInput {
  outRefundNo: string;
  outTradeNo: string;
  amountFen: number;
  reason: string;
}

export interface RefundResult {
  outRefundNo: string;
  refundNo: string | null;
  /** `pending`: ask again later (the same outRefundNo) */
  status: 'success' | 'pending' | 'failed';
  /** the refund's time at the gateway when it succeeded */
  refundedAt: Date | null;
  failureReason?: string;
}

/** One line of the gateway's statement (对账单) of a day, Asia/Shanghai. */
export interface StatementEntry {
  kind: 'payment' | 'refund';
  /** outTradeNo of a payment, outRefundNo of a refund */
  reference: string;
  tradeNo: string;
  amountFen: number;
  /** `success`, or what became of it (`failed` refund) */
  status: string;
  at: Date;
}

/**
 * A transient failure (the gateway is unreachable, says "try later"): the caller retries, the
 * payer sees a 503. Anything else thrown is a bug or a definitive refusal.
 */
export class GatewayUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayUnavailableError';
  }
}

export interface PaymentGateway {
  /** the path segment of our callback endpoint: /api/v1/payments/callbacks/{name} */
  readonly name: string;
  /** Makes the trade; the same outTradeNo again answers with the same trade. */
  createTrade(input: CreateTradeInput): Promise<CreatedTrade>;
  /** The trade as the gateway has it now; undefined when it knows none. */
  queryTrade(outTradeNo: string): Promise<Trade | undefined>;
  /**
   * Closes a waiting trade so it can no longer be paid, and answers how it ended: `success`
   * when the payer paid before it closed (then the payment stands and must be applied).
   */
  closeTrade(outTradeNo: string): Promise<Trade | undefined>;
  /** Refunds part or all of a successful trade; the same outRefundNo again is the same refund. */
  refund(input: RefundInput): Promise<RefundResult>;
  /** The statement of a day (YYYY-MM-DD, Asia/Shanghai): payments and refunds it settled. */
  statement(date: string): Promise<StatementEntry[]>;
  /** Checks a notification's signature on the raw body; never throws for bad input. */
  verifyCallback(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): CallbackVerification;
}
