import type { FastifyBaseLogger } from 'fastify';
import { systemActor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { NotFoundError, UnauthenticatedError } from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { scheduleJob, type JobRunner } from '../../kernel/events/jobs.js';
import { newId } from '../../kernel/ids.js';
import type { GatewayNotification, PaymentGateway, Trade } from './gateway.js';
import * as store from './store.js';

/** The durable job that sends one refund to the gateway (payload: refundId). */
export const REFUND_JOB = 'payments.refund.execute';

/** Ledger accounts. */
export const ACCOUNTS = {
  gateway: (name: string) => `gateway:${name}`,
  payee: (organisationId: string) => `payee:${organisationId}`,
  suspense: 'suspense',
} as const;

const SYSTEM = systemActor('payments');

/** What became of a notification or a gateway answer. */
export type ApplyOutcome =
  'applied' | 'unapplied' | 'duplicate' | 'ignored' | 'amount-mismatch' | 'unknown-trade';

export interface SettlementDeps {
  db: Drizzle;
  gateway: PaymentGateway;
  log: FastifyBaseLogger;
  now?: () => Date;
}

/** A refund the gateway has not answered yet: the job tries again later. */
class RefundStillPending extends Error {}

/**
 * Settling with the gateway, exactly once: notifications (verified, deduplicated by their id,
 * applied in the transaction that logs them), answers of the poll that asks about trades left
 * pending, and refunds. A payment is applied under the order's row lock; the ledger's unique
 * keys refuse a second posting of the same payment or refund even if the code let one through.
 */
export class Settlement {
  constructor(private readonly deps: SettlementDeps) {}

  private get db() {
    return this.deps.db;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  get gateway(): PaymentGateway {
    return this.deps.gateway;
  }

  /** Each ledger account's debits and credits (ops and tests: it must balance to the fen). */
  trialBalance() {
    return store.trialBalance(this.db);
  }

  register(jobs: JobRunner): void {
    jobs.register(REFUND_JOB, async ({ payload }) => {
      if (typeof payload.refundId !== 'string') return;
      const refund = await this.executeRefund(payload.refundId);
      if (refund?.status === 'pending')
        throw new RefundStillPending('the gateway has not answered');
    });
  }

  // -- notifications (异步通知) ---------------------------------------------------------------------

  /**
   * A notification POSTed to /callbacks/{gateway}: a bad signature is logged and refused (401)
   * with no change; a good one is logged and applied once, however often it comes.
   */
  async receiveCallback(
    gatewayName: string,
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    requestId?: string,
  ): Promise<{ outcome: ApplyOutcome }> {
    const gateway = this.deps.gateway;
    if (gatewayName !== gateway.name) {
      throw new NotFoundError('gateway-not-found', `no payment gateway ${gatewayName} here`);
    }
    const receivedAt = this.now();
    const verified = gateway.verifyCallback(headers, rawBody);
    const body = rawBody.toString('utf8').slice(0, 4096);
    if (!verified.ok) {
      await store.insertCallback(this.db, {
        id: newId(),
        gateway: gatewayName,
        notificationId: null,
        verified: false,
        outTradeNo: null,
        tradeStatus: null,
        amountFen: null,
        outcome: 'rejected',
        error: verified.reason,
        body,
        receivedAt,
      });
      this.deps.log.warn(
        { gateway: gatewayName, reason: verified.reason, requestId },
        'payment notification refused: bad signature',
      );
      throw new UnauthenticatedError(
        'bad-signature',
        'the notification’s signature does not verify',
      );
    }
    const n = verified.notification;
    return this.db.transaction(async (tx) => {
      const id = newId();
      const first = await store.recordNotification(tx, {
        id,
        gateway: gatewayName,
        notificationId: n.notificationId,
        verified: true,
        outTradeNo: n.outTradeNo,
        tradeStatus: n.status,
        amountFen: n.amountFen,
        outcome: 'received',
        error: null,
        body,
        receivedAt,
      });
      if (!first) return { outcome: 'duplicate' as const };
      const outcome = await this.applyTrade(tx, n, requestId);
      await store.setCallbackOutcome(tx, id, outcome);
      return { outcome };
    });
  }

  /**
   * What the gateway says of a trade, applied in `tx`: a success pays the order (or, when the
   * order no longer waits for it, is returned in full); a failure or closing ends a pending
   * attempt. A success is final: what comes after it, or again, changes nothing.
   */
  async applyTrade(
    tx: Executor,
    n: Omit<GatewayNotification, 'notificationId'>,
    requestId?: string,
  ): Promise<ApplyOutcome> {
    const found = await store.findAttemptByOutTradeNo(tx, n.outTradeNo);
    if (!found) {
      this.deps.log.error({ outTradeNo: n.outTradeNo }, 'payment notification of an unknown trade');
      return 'unknown-trade';
    }
    // the order's lock first, as everywhere
    const order = await store.lockOrder(tx, found.orderId);
    const attempt = await store.lockAttempt(tx, found.id);
    if (!order || !attempt) return 'unknown-trade';
    if (n.amountFen !== attempt.amountFen) {
      this.deps.log.error(
        { outTradeNo: n.outTradeNo, expected: attempt.amountFen, got: n.amountFen },
        'payment notification with another amount: not applied',
      );
      return 'amount-mismatch';
    }
    if (n.status !== 'success') {
      if (attempt.status !== 'pending')
        return attempt.status === 'succeeded' ? 'ignored' : 'duplicate';
      await store.updateAttempt(tx, attempt.id, {
        status: n.status === 'failed' ? 'failed' : 'closed',
        gatewayTradeNo: n.tradeNo,
        settledAt: n.occurredAt,
        failureReason: n.status === 'failed' ? '支付失败' : '交易关闭',
      });
      await recordAudit(tx, {
        actor: SYSTEM,
        action: `payments.attempt.${n.status === 'failed' ? 'fail' : 'close'}`,
        targetType: 'paymentAttempt',
        targetId: attempt.id,
        summary: { orderId: order.id, outTradeNo: attempt.outTradeNo },
        requestId,
      });
      return 'applied';
    }
    if (attempt.status === 'succeeded') return 'duplicate';
    const paidAt = n.occurredAt;
    const applies = order.status === 'unpaid';
    await store.updateAttempt(tx, attempt.id, {
      status: 'succeeded',
      gatewayTradeNo: n.tradeNo,
      settledAt: paidAt,
      failureReason: null,
      unapplied: !applies,
    });
    if (!applies) {
      // paid twice, or paid for an order cancelled meanwhile: the money came, so it is booked
      // to suspense and returned in full
      await store.insertLedgerLines(tx, [
        this.line(order, {
          kind: 'unappliedPayment',
          sourceId: attempt.id,
          line: 0,
          debitAccount: ACCOUNTS.gateway(attempt.gateway),
          creditAccount: ACCOUNTS.suspense,
          amountFen: attempt.amountFen,
          at: paidAt,
        }),
      ]);
      const refund = await this.createRefund(tx, {
        order,
        attempt,
        kind: 'unapplied',
        amountFen: attempt.amountFen,
        reason:
          order.status === 'cancelled' ? '缴费单已取消，款项原路退回' : '重复支付，款项原路退回',
        requestedBy: SYSTEM.id,
        requestId,
      });
      await recordAudit(tx, {
        actor: SYSTEM,
        action: 'payments.attempt.unapplied',
        targetType: 'paymentAttempt',
        targetId: attempt.id,
        summary: { orderId: order.id, orderStatus: order.status, refundId: refund.id },
        requestId,
      });
      this.deps.log.warn(
        { orderId: order.id, outTradeNo: attempt.outTradeNo, orderStatus: order.status },
        'a payment the order could not take: returning it',
      );
      return 'unapplied';
    }
    const day = toShanghaiDate(paidAt).replaceAll('-', '');
    const receiptNo = `PJ${day}${String(await store.nextNumber(tx, `receipt:${day}`)).padStart(8, '0')}`;
    const paid = await store.updateOrder(tx, order.id, {
      status: 'paid',
      paidFen: order.totalFen,
      paidAttemptId: attempt.id,
      receiptNo,
      paidAt,
      updatedAt: this.now(),
    });
    await store.insertLedgerLines(
      tx,
      order.items.map((item, line) =>
        this.line(order, {
          kind: 'payment',
          sourceId: attempt.id,
          line,
          debitAccount: ACCOUNTS.gateway(attempt.gateway),
          creditAccount: ACCOUNTS.payee(order.payeeOrganisationId),
          amountFen: item.amountFen,
          at: paidAt,
          item,
        }),
      ),
    );
    await recordAudit(tx, {
      actor: SYSTEM,
      action: 'payments.order.pay',
      targetType: 'feeOrder',
      targetId: order.id,
      summary: {
        orderNo: order.orderNo,
        applicationNo: order.applicationNo,
        totalFen: order.totalFen,
        receiptNo,
        outTradeNo: attempt.outTradeNo,
      },
      requestId,
    });
    await publishEvent(tx, 'payment.order.paid', orderEvent(paid, { receiptNo }), requestId);
    return 'applied';
  }

  private line(
    order: store.OrderRow,
    p: {
      kind: store.LedgerRow['kind'];
      sourceId: string;
      line: number;
      debitAccount: string;
      creditAccount: string;
      amountFen: number;
      at: Date;
      item?: store.OrderRow['items'][number];
    },
  ): store.LedgerLine {
    return {
      id: newId(),
      kind: p.kind,
      sourceId: p.sourceId,
      line: p.line,
      orderId: order.id,
      debitAccount: p.debitAccount,
      creditAccount: p.creditAccount,
      amountFen: p.amountFen,
      organisationId: order.payeeOrganisationId,
      nonTaxRevenueCode: p.item?.nonTaxRevenueCode ?? null,
      itemName: p.item?.name ?? null,
      businessDate: toShanghaiDate(p.at),
      postedAt: this.now(),
    };
  }

  // -- asking the gateway (主动查询) --------------------------------------------------------------

  /**
   * Asks the gateway about an attempt and applies what it says. A trade still waiting is closed
   * when it has expired or its order no longer waits for a payment; closing answers `success`
   * when the payer paid in the meantime, and that payment is applied.
   */
  async syncAttempt(attempt: store.AttemptRow): Promise<ApplyOutcome | 'waiting'> {
    const gateway = this.deps.gateway;
    const now = this.now();
    let trade: Trade | undefined = await gateway.queryTrade(attempt.outTradeNo);
    const order = await store.findOrder(this.db, attempt.orderId);
    const stale = now > attempt.expiresAt || (order !== undefined && order.status !== 'unpaid');
    if (stale && (!trade || trade.status === 'waiting')) {
      trade = (await gateway.closeTrade(attempt.outTradeNo)) ?? trade;
    }
    return this.db.transaction(async (tx) => {
      await store.markQueried(tx, attempt.id, now);
      if (!trade) {
        if (!stale) return 'waiting';
        // the gateway never made the trade (its creation failed): nothing can be paid on it
        return this.applyTrade(tx, {
          outTradeNo: attempt.outTradeNo,
          tradeNo: '',
          status: 'closed',
          amountFen: attempt.amountFen,
          occurredAt: now,
        });
      }
      if (trade.status === 'waiting') return 'waiting';
      return this.applyTrade(tx, {
        outTradeNo: trade.outTradeNo,
        tradeNo: trade.tradeNo,
        status: trade.status,
        amountFen: trade.amountFen,
        occurredAt: trade.status === 'success' ? (trade.paidAt ?? now) : now,
      });
    });
  }

  /**
   * The poll (a recurring job): attempts pending for `minAgeMs` and not asked since are asked
   * about, so a lost notification never loses a payment; refunds left pending are sent again.
   */
  async pollPending(options: { minAgeMs?: number; batch?: number } = {}): Promise<number> {
    const minAgeMs = options.minAgeMs ?? 30_000;
    const cutoff = new Date(this.now().getTime() - minAgeMs);
    const attempts = await store.pendingAttempts(this.db, {
      madeBefore: cutoff,
      askedBefore: cutoff,
      limit: options.batch ?? 100,
    });
    let settled = 0;
    for (const attempt of attempts) {
      try {
        const outcome = await this.syncAttempt(attempt);
        if (outcome === 'applied' || outcome === 'unapplied') settled += 1;
      } catch (err) {
        this.deps.log.warn(
          { outTradeNo: attempt.outTradeNo, err: err instanceof Error ? err.message : String(err) },
          'could not ask the gateway about a pending payment; will try again',
        );
      }
    }
    for (const refund of await store.pendingRefunds(this.db, options.batch ?? 100)) {
      if (refund.createdAt > cutoff) continue;
      await this.executeRefund(refund.id).catch((err: unknown) =>
        this.deps.log.warn(
          { refundId: refund.id, err: err instanceof Error ? err.message : String(err) },
          'refund still not through; will try again',
        ),
      );
    }
    return settled;
  }

  // -- refunds ------------------------------------------------------------------------------------

  /** A refund row and the job that sends it, in `tx`. */
  async createRefund(
    tx: Executor,
    r: {
      order: store.OrderRow;
      attempt: store.AttemptRow;
      kind: store.RefundRow['kind'];
      amountFen: number;
      reason: string;
      requestedBy: string;
      requestId?: string | undefined;
      id?: string;
    },
  ): Promise<store.RefundRow> {
    const id = r.id ?? newId();
    const row: store.RefundRow = {
      id,
      orderId: r.order.id,
      attemptId: r.attempt.id,
      kind: r.kind,
      outRefundNo: `${r.attempt.outTradeNo}R${id.replaceAll('-', '').slice(-8).toUpperCase()}`,
      amountFen: r.amountFen,
      reason: r.reason,
      requestedBy: r.requestedBy,
      status: 'pending',
      gatewayRefundNo: null,
      attempts: 0,
      lastError: null,
      createdAt: this.now(),
      settledAt: null,
    };
    await store.insertRefund(tx, row);
    await scheduleJob(tx, {
      kind: REFUND_JOB,
      payload: { refundId: id },
      dedupeKey: `refund:${id}`,
      maxAttempts: 12,
    });
    return row;
  }

  /**
   * Sends a pending refund to the gateway (idempotent there by outRefundNo) holding its row
   * lock, and settles it when the gateway says it went through. Undefined if there is none.
   */
  async executeRefund(id: string): Promise<store.RefundRow | undefined> {
    return this.db.transaction(async (tx) => {
      const refund = await store.lockRefund(tx, id);
      if (!refund || refund.status !== 'pending') return refund;
      const attempt = await store.findAttempt(tx, refund.attemptId);
      if (!attempt) throw new Error(`refund ${id} of a vanished attempt`);
      const attempts = refund.attempts + 1;
      const result = await this.deps.gateway.refund({
        outRefundNo: refund.outRefundNo,
        outTradeNo: attempt.outTradeNo,
        amountFen: refund.amountFen,
        reason: refund.reason,
      });
      if (result.status === 'pending') {
        return store.updateRefund(tx, id, { attempts, lastError: 'the gateway has not answered' });
      }
      if (result.status === 'failed') {
        const failed = await store.updateRefund(tx, id, {
          attempts,
          status: 'failed',
          lastError: result.failureReason ?? 'refused by the gateway',
          settledAt: this.now(),
        });
        await recordAudit(tx, {
          actor: SYSTEM,
          action: 'payments.refund.fail',
          targetType: 'paymentRefund',
          targetId: id,
          summary: { orderId: refund.orderId, reason: failed.lastError },
        });
        this.deps.log.error(
          { refundId: id, reason: failed.lastError },
          'the gateway refused a refund: ops must look at it',
        );
        return failed;
      }
      return this.settleRefund(tx, refund, attempt, {
        refundNo: result.refundNo,
        at: result.refundedAt ?? this.now(),
        attempts,
      });
    });
  }

  private async settleRefund(
    tx: Executor,
    refund: store.RefundRow,
    attempt: store.AttemptRow,
    result: { refundNo: string | null; at: Date; attempts: number },
  ): Promise<store.RefundRow> {
    const order = await store.lockOrder(tx, refund.orderId);
    if (!order) throw new Error(`refund ${refund.id} of a vanished order`);
    const settled = await store.updateRefund(tx, refund.id, {
      status: 'succeeded',
      gatewayRefundNo: result.refundNo,
      attempts: result.attempts,
      lastError: null,
      settledAt: result.at,
    });
    const gatewayAccount = ACCOUNTS.gateway(attempt.gateway);
    if (refund.kind === 'unapplied') {
      await store.insertLedgerLines(tx, [
        this.line(order, {
          kind: 'unappliedReturn',
          sourceId: refund.id,
          line: 0,
          debitAccount: ACCOUNTS.suspense,
          creditAccount: gatewayAccount,
          amountFen: refund.amountFen,
          at: result.at,
        }),
      ]);
    } else {
      const taken = await store.refundedByLine(tx, order.id);
      const shares = allocate(
        refund.amountFen,
        order.items.map((item, line) => item.amountFen - (taken.get(line) ?? 0)),
      );
      await store.insertLedgerLines(
        tx,
        shares.flatMap((amountFen, line) =>
          amountFen === 0
            ? []
            : [
                this.line(order, {
                  kind: 'refund',
                  sourceId: refund.id,
                  line,
                  debitAccount: ACCOUNTS.payee(order.payeeOrganisationId),
                  creditAccount: gatewayAccount,
                  amountFen,
                  at: result.at,
                  item: order.items[line]!,
                }),
              ],
        ),
      );
      const refundedFen = order.refundedFen + refund.amountFen;
      const after = await store.updateOrder(tx, order.id, {
        refundedFen,
        status: refundedFen === order.paidFen ? 'refunded' : 'partially-refunded',
        updatedAt: this.now(),
      });
      await publishEvent(
        tx,
        'payment.order.refunded',
        orderEvent(after, {
          refundId: refund.id,
          refundFen: refund.amountFen,
          reason: refund.reason,
        }),
      );
    }
    await recordAudit(tx, {
      actor: SYSTEM,
      action: 'payments.refund.settle',
      targetType: 'paymentRefund',
      targetId: refund.id,
      summary: {
        orderId: order.id,
        kind: refund.kind,
        amountFen: refund.amountFen,
        outRefundNo: refund.outRefundNo,
      },
    });
    return settled;
  }
}

/**
 * Splits `amount` over lines in proportion to what each still holds (largest remainder), never
 * more than a line holds; the whole of what remains when `amount` is all of it.
 */
export function allocate(amount: number, remaining: readonly number[]): number[] {
  const total = remaining.reduce((s, r) => s + r, 0);
  if (amount > total) throw new RangeError(`cannot allocate ${amount} over ${total}`);
  if (total === 0) return remaining.map(() => 0);
  const exact = remaining.map((r) => (amount * r) / total);
  const shares = exact.map((x) => Math.floor(x));
  let left = amount - shares.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (shares[i]! < remaining[i]!) {
      shares[i] = shares[i]! + 1;
      left -= 1;
    }
  }
  return shares;
}

/** The payload of the payment.order.* events (the messaging module tells the payer). */
export function orderEvent(
  order: store.OrderRow,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    applicationId: order.applicationId,
    applicationNo: order.applicationNo,
    itemName: order.itemName,
    accountId: order.payerAccountId,
    payeeOrganisationId: order.payeeOrganisationId,
    totalFen: order.totalFen,
    stage: order.stage,
    status: order.status,
    ...extra,
  };
}
