import crypto from 'node:crypto';
import type {
  FeeOrder,
  FeeOrderList,
  FeeOrderListQuery,
  PaymentAttempt,
  PaymentRefund,
  Receipt,
  ReceiptList,
  RefundBody,
  Revenue,
  RevenueQuery,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { DirectoryService } from '../directory/index.js';
import { pendingOf, yuan } from './fees.js';
import { GatewayUnavailableError } from './gateway.js';
import type { Settlement } from './settlement.js';
import * as store from './store.js';

export interface RequestContext {
  requestId?: string | undefined;
}

export interface PaymentsDeps {
  db: Drizzle;
  settlement: Settlement;
  directory: Pick<DirectoryService, 'findOrganisationsByIds'>;
  /** base of the callback URL the gateway is given (ZT_PUBLIC_URL) */
  publicUrl: string;
  /** how long a trade may be paid (ZT_PAYMENT_ATTEMPT_MINUTES) */
  attemptMinutes: number;
  now?: () => Date;
}

/** Staff of the payee who may refund: the department's officers and admins. */
const REFUNDERS = ['windowOfficer', 'approver', 'departmentHead', 'departmentAdmin'];

const orderNotFound = () => new NotFoundError('order-not-found', 'no such fee order');

/** A request whose Idempotency-Key a concurrent one claimed: answer with what that one made. */
class RetryAsReplay extends Error {}

/**
 * 统一支付 as applicants and departments use it: the fee orders of an application, paying one
 * (one open trade per order however often and however concurrently it is clicked; the same
 * Idempotency-Key answers the same), receipts, refunds by the payee department and its revenue.
 */
export class PaymentsService {
  constructor(private readonly deps: PaymentsDeps) {}

  private get db() {
    return this.deps.db;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private get gateway() {
    return this.deps.settlement.gateway;
  }

  // -- reading orders -----------------------------------------------------------------------------

  /**
   * An applicant's own orders; staff: those their organisation is paid or accepts the
   * application for (a service hall, 综合受理), perhaps of one application.
   */
  async listOrders(actor: Actor, query: FeeOrderListQuery): Promise<FeeOrderList> {
    const filter = {
      limit: 200,
      ...(query.applicationId ? { applicationId: query.applicationId } : {}),
    };
    let rows: store.OrderRow[];
    if (actor.kind === 'staff') {
      const organisationId = staffOf(actor);
      rows =
        actor.roles.includes('provinceAdmin') && query.applicationId
          ? await store.listOrders(this.db, filter)
          : await store.listOrders(this.db, { ...filter, concernsOrganisationId: organisationId });
    } else {
      rows = await store.listOrders(this.db, { ...filter, payerAccountId: payerOf(actor) });
    }
    return { items: await this.views(rows) };
  }

  async getOrder(actor: Actor, id: string): Promise<FeeOrder> {
    const order = await this.readable(actor, id);
    return (await this.views([order]))[0]!;
  }

  /**
   * The payer, staff of the payee or of the accepting organisation, and province admins read an
   * order; others learn nothing.
   */
  private async readable(actor: Actor, id: string): Promise<store.OrderRow> {
    const order = await store.findOrder(this.db, id);
    if (!order || !mayRead(actor, order)) throw orderNotFound();
    return order;
  }

  // -- paying -------------------------------------------------------------------------------------

  /**
   * 去支付: the open trade of the order, made at the gateway if need be. Concurrent clicks wait
   * on the order's row lock and get the one open attempt; the same Idempotency-Key answers with
   * the attempt it answered with the first time.
   */
  async pay(
    actor: Actor,
    orderId: string,
    idempotencyKey: string | undefined,
    ctx: RequestContext = {},
  ): Promise<{ attempt: PaymentAttempt; created: boolean }> {
    const accountId = payerOf(actor);
    const key = idempotencyKeyOf(idempotencyKey);
    const requestHash = hash(['pay', orderId]);
    const earlier = await this.earlier(accountId, key, requestHash);
    if (earlier) return { attempt: await this.withTrade(earlier), created: false };

    // an open trade that expired is closed at the gateway first: it may have been paid
    const open = await store.openAttemptOf(this.db, orderId);
    if (open && open.accountId === accountId && this.now() > open.expiresAt) {
      await this.gatewayCall(() => this.deps.settlement.syncAttempt(open));
    }
    let chosen: { attempt: store.AttemptRow; created: boolean };
    try {
      chosen = await this.db.transaction(async (tx) => {
        const order = await store.lockOrder(tx, orderId);
        if (!order || order.payerAccountId !== accountId || actor.limitedTo) throw orderNotFound();
        if (order.status !== 'unpaid') {
          throw new ConflictError(
            order.status === 'cancelled' ? 'order-cancelled' : 'order-paid',
            `the fee order is ${order.status}: there is nothing to pay`,
          );
        }
        const current = await store.openAttemptOf(tx, order.id);
        let attempt = current && this.now() <= current.expiresAt ? current : undefined;
        if (current && !attempt) {
          throw new ConflictError(
            'payment-pending',
            'the last payment is being settled; try again',
          );
        }
        const created = attempt === undefined;
        if (!attempt) {
          const id = newId();
          attempt = {
            id,
            orderId: order.id,
            accountId,
            gateway: this.gateway.name,
            outTradeNo: `${order.orderNo}${id.replaceAll('-', '').slice(-6).toUpperCase()}`,
            amountFen: order.totalFen,
            status: 'pending',
            cashierUrl: null,
            gatewayTradeNo: null,
            unapplied: false,
            failureReason: null,
            expiresAt: new Date(this.now().getTime() + this.deps.attemptMinutes * 60_000),
            settledAt: null,
            lastQueriedAt: null,
            createdAt: this.now(),
          };
          await store.insertAttempt(tx, attempt);
          await recordAudit(tx, {
            actor,
            action: 'payments.attempt.create',
            targetType: 'paymentAttempt',
            targetId: attempt.id,
            summary: { orderId, orderNo: order.orderNo, amountFen: attempt.amountFen },
            requestId: ctx.requestId,
          });
        }
        const claimed = await store.claimRequest(tx, {
          accountId,
          idempotencyKey: key,
          kind: 'pay',
          orderId,
          requestHash,
          targetId: attempt.id,
          createdAt: this.now(),
        });
        if (!claimed) throw new RetryAsReplay();
        return { attempt, created };
      });
    } catch (err) {
      if (!(err instanceof RetryAsReplay)) throw err;
      const winner = await this.earlier(accountId, key, requestHash);
      if (!winner) throw err;
      return { attempt: await this.withTrade(winner), created: false };
    }
    return { attempt: await this.withTrade(chosen.attempt.id), created: chosen.created };
  }

  /** The attempt an earlier request with the key answered with; 422 when it asked otherwise. */
  private async earlier(accountId: string, key: string, requestHash: string) {
    const earlier = await store.findRequest(this.db, accountId, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash) {
      throw new UnprocessableError(
        'idempotency-key-reused',
        'this Idempotency-Key was used for another request',
      );
    }
    return earlier.targetId;
  }

  /**
   * The attempt with its trade at the gateway: made now if it has none yet (the gateway makes a
   * trade once per outTradeNo, so concurrent callers get the same one).
   */
  private async withTrade(attemptId: string): Promise<PaymentAttempt> {
    let attempt = await store.findAttempt(this.db, attemptId);
    if (!attempt) throw new Error(`attempt ${attemptId} vanished`);
    if (attempt.status === 'pending' && !attempt.cashierUrl) {
      const order = await store.findOrder(this.db, attempt.orderId);
      const trade = await this.gatewayCall(() =>
        this.gateway.createTrade({
          outTradeNo: attempt!.outTradeNo,
          amountFen: attempt!.amountFen,
          subject: `${order?.itemName ?? '政务服务'} 缴款码 ${order?.orderNo ?? ''}`,
          notifyUrl: `${this.deps.publicUrl}/api/v1/payments/callbacks/${this.gateway.name}`,
          returnUrl: `/me/applications/${order?.applicationId ?? ''}?order=${attempt!.orderId}`,
          expiresAt: attempt!.expiresAt,
        }),
      );
      await store.setTrade(this.db, attempt.id, {
        cashierUrl: trade.cashierUrl,
        gatewayTradeNo: trade.tradeNo,
      });
      attempt = (await store.findAttempt(this.db, attemptId))!;
    }
    return toAttempt(attempt);
  }

  /** A gateway that is down is a 503 the payer may retry, not a 500. */
  private async gatewayCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof GatewayUnavailableError) {
        throw new UnavailableError(
          'gateway-unavailable',
          'the payment gateway is unavailable; try again shortly',
        );
      }
      throw err;
    }
  }

  /**
   * Back from the cashier (or wondering): asks the gateway about the order's open trade and
   * applies what it says, without waiting for its notification.
   */
  async sync(actor: Actor, orderId: string): Promise<FeeOrder> {
    const order = await this.readable(actor, orderId);
    const open = await store.openAttemptOf(this.db, order.id);
    if (open) await this.gatewayCall(() => this.deps.settlement.syncAttempt(open));
    return this.getOrder(actor, orderId);
  }

  // -- receipts -----------------------------------------------------------------------------------

  /** 我的票据: the receipts of what the applicant paid. */
  async receipts(actor: Actor): Promise<ReceiptList> {
    const rows = await store.listOrders(this.db, {
      payerAccountId: payerOf(actor),
      paidOnly: true,
      limit: 200,
    });
    return { items: await this.receiptViews(rows) };
  }

  async receipt(actor: Actor, orderId: string): Promise<Receipt> {
    const order = await this.readable(actor, orderId);
    if (!order.receiptNo) throw new NotFoundError('receipt-not-found', 'the order is not paid');
    return (await this.receiptViews([order]))[0]!;
  }

  private async receiptViews(rows: store.OrderRow[]): Promise<Receipt[]> {
    const names = await this.organisationNames(rows.map((r) => r.payeeOrganisationId));
    return Promise.all(
      rows.map(async (o) => {
        const attempt = o.paidAttemptId
          ? await store.findAttempt(this.db, o.paidAttemptId)
          : undefined;
        return {
          receiptNo: o.receiptNo!,
          orderId: o.id,
          orderNo: o.orderNo,
          applicationId: o.applicationId,
          applicationNo: o.applicationNo,
          itemName: o.itemName,
          payerName: o.payerNameMasked,
          payeeOrganisationId: o.payeeOrganisationId,
          payeeOrganisationName: names.get(o.payeeOrganisationId) ?? '',
          items: o.items,
          totalFen: o.totalFen,
          refundedFen: o.refundedFen,
          status: o.status,
          paidAt: o.paidAt!.toISOString(),
          gateway: attempt?.gateway ?? '',
        };
      }),
    );
  }

  // -- refunds ------------------------------------------------------------------------------------

  /**
   * 退款 by the payee department's staff: full or partial, never more than was paid and not yet
   * refunded (or being refunded); the same Idempotency-Key answers with the same refund.
   */
  async refund(
    actor: Actor,
    orderId: string,
    body: RefundBody,
    idempotencyKey: string | undefined,
    ctx: RequestContext = {},
  ): Promise<{ refund: PaymentRefund; created: boolean }> {
    const organisationId = staffOf(actor);
    const key = idempotencyKeyOf(idempotencyKey);
    const requestHash = hash(['refund', orderId, body.amountFen, body.reason]);
    const earlier = await this.earlier(actor.id, key, requestHash);
    if (earlier) return { refund: await this.refundView(earlier), created: false };
    let refundId: string;
    try {
      refundId = await this.db.transaction(async (tx) => {
        const order = await store.lockOrder(tx, orderId);
        if (!order || !mayRead(actor, order)) throw orderNotFound();
        if (
          order.payeeOrganisationId !== organisationId ||
          !REFUNDERS.some((r) => actor.roles.includes(r))
        ) {
          throw new ForbiddenError(
            'not-the-payee',
            'the payee department’s officers refund its fees',
          );
        }
        if (order.status !== 'paid' && order.status !== 'partially-refunded') {
          throw new ConflictError(
            'order-not-refundable',
            `a fee order that is ${order.status} has nothing to refund`,
          );
        }
        const refundable = order.paidFen - order.refundedFen - (await pendingOf(tx, order.id));
        if (body.amountFen > refundable) {
          throw new UnprocessableError(
            'refund-exceeds-paid',
            `at most ${yuan(refundable)} 元 can be refunded`,
            [{ path: '/body/amountFen', message: `最多可退 ${yuan(refundable)} 元` }],
          );
        }
        const attempt = await store.findAttempt(tx, order.paidAttemptId!);
        const refund = await this.deps.settlement.createRefund(tx, {
          order,
          attempt: attempt!,
          kind: 'order',
          amountFen: body.amountFen,
          reason: body.reason,
          requestedBy: actor.id,
          requestId: ctx.requestId,
        });
        if (
          !(await store.claimRequest(tx, {
            accountId: actor.id,
            idempotencyKey: key,
            kind: 'refund',
            orderId,
            requestHash,
            targetId: refund.id,
            createdAt: this.now(),
          }))
        ) {
          throw new RetryAsReplay();
        }
        await recordAudit(tx, {
          actor,
          action: 'payments.refund.request',
          targetType: 'paymentRefund',
          targetId: refund.id,
          summary: {
            orderId,
            orderNo: order.orderNo,
            amountFen: body.amountFen,
            reason: body.reason,
          },
          requestId: ctx.requestId,
        });
        return refund.id;
      });
    } catch (err) {
      if (!(err instanceof RetryAsReplay)) throw err;
      const winner = await this.earlier(actor.id, key, requestHash);
      if (!winner) throw err;
      return { refund: await this.refundView(winner), created: false };
    }
    // sent at once; if the gateway is slow or down, the refund job tries again
    await this.deps.settlement.executeRefund(refundId).catch(() => undefined);
    return { refund: await this.refundView(refundId), created: true };
  }

  private async refundView(id: string): Promise<PaymentRefund> {
    const row = await store.findRefund(this.db, id);
    if (!row) throw new Error(`refund ${id} vanished`);
    return toRefund(row);
  }

  // -- revenue ------------------------------------------------------------------------------------

  /** 收入: a department's fees by day and by 非税收入项目编码, for its staff and province admins. */
  async revenue(actor: Actor, query: RevenueQuery): Promise<Revenue> {
    const own = staffOf(actor);
    if (own !== query.organisationId && !actor.roles.includes('provinceAdmin')) {
      throw new ForbiddenError('not-your-organisation', 'a department’s revenue is for its staff');
    }
    if (query.from > query.to) {
      throw new UnprocessableError('invalid-range', 'from is after to', [
        { path: '/query/from', message: '开始日期晚于结束日期' },
      ]);
    }
    if (Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000) {
      throw new UnprocessableError('range-too-long', 'at most a year at a time', [
        { path: '/query/to', message: '查询范围不超过一年' },
      ]);
    }
    const f = { organisationId: query.organisationId, from: query.from, to: query.to };
    const [byDay, byCode, names] = await Promise.all([
      store.revenue(this.db, { ...f, by: 'day' }),
      store.revenue(this.db, { ...f, by: 'code' }),
      this.organisationNames([query.organisationId]),
    ]);
    const figures = (r: store.RevenueRow) => ({
      receivedFen: r.receivedFen,
      refundedFen: r.refundedFen,
      netFen: r.receivedFen - r.refundedFen,
      payments: r.payments,
      refunds: r.refunds,
    });
    const total = byDay.reduce(
      (t, r) => ({
        receivedFen: t.receivedFen + r.receivedFen,
        refundedFen: t.refundedFen + r.refundedFen,
        netFen: t.netFen + r.receivedFen - r.refundedFen,
        payments: t.payments + r.payments,
        refunds: t.refunds + r.refunds,
      }),
      { receivedFen: 0, refundedFen: 0, netFen: 0, payments: 0, refunds: 0 },
    );
    return {
      organisationId: query.organisationId,
      organisationName: names.get(query.organisationId) ?? '',
      from: query.from,
      to: query.to,
      byDay: byDay.map((r) => ({ date: r.key ?? '', ...figures(r) })),
      byCode: byCode.map((r) => ({
        nonTaxRevenueCode: r.key,
        itemName: r.name ?? '',
        ...figures(r),
      })),
      total,
    };
  }

  // -- views --------------------------------------------------------------------------------------

  private async views(rows: store.OrderRow[]): Promise<FeeOrder[]> {
    const ids = rows.map((r) => r.id);
    const [names, open, refunds] = await Promise.all([
      this.organisationNames(rows.map((r) => r.payeeOrganisationId)),
      store.openAttemptsOf(this.db, ids),
      store.refundsOf(this.db, ids),
    ]);
    return rows.map((o) => {
      const attempt = open.find((a) => a.orderId === o.id);
      return {
        id: o.id,
        orderNo: o.orderNo,
        applicationId: o.applicationId,
        applicationNo: o.applicationNo,
        itemName: o.itemName,
        stage: o.stage,
        items: o.items,
        totalFen: o.totalFen,
        paidFen: o.paidFen,
        refundedFen: o.refundedFen,
        status: o.status,
        payeeOrganisationId: o.payeeOrganisationId,
        payeeOrganisationName: names.get(o.payeeOrganisationId) ?? '',
        payerName: o.payerNameMasked,
        receiptNo: o.receiptNo,
        paidAt: o.paidAt?.toISOString() ?? null,
        cancelledAt: o.cancelledAt?.toISOString() ?? null,
        createdAt: o.createdAt.toISOString(),
        openAttempt: attempt ? toAttempt(attempt) : null,
        refunds: refunds.filter((r) => r.orderId === o.id).map(toRefund),
      };
    });
  }

  private async organisationNames(ids: string[]): Promise<Map<string, string>> {
    const organisations = await this.deps.directory.findOrganisationsByIds([...new Set(ids)]);
    return new Map(organisations.map((o) => [o.id, o.name]));
  }
}

// -- helpers --------------------------------------------------------------------------------------

function mayRead(actor: Actor, order: store.OrderRow): boolean {
  if (actor.limitedTo) return false;
  if (actor.kind === 'person' || actor.kind === 'enterprise')
    return actor.id === order.payerAccountId;
  if (actor.kind === 'staff') {
    return (
      actor.organisationId === order.payeeOrganisationId ||
      (order.acceptingOrganisationId !== null &&
        actor.organisationId === order.acceptingOrganisationId) ||
      actor.roles.includes('provinceAdmin')
    );
  }
  return false;
}

/** The payer: a person (for themselves or acting for an enterprise). */
function payerOf(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
  if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
    throw new ForbiddenError('applicants-only', 'applicants pay their own fees');
  }
  if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
  return actor.id;
}

function staffOf(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
  if (actor.kind !== 'staff' || !actor.organisationId) {
    throw new ForbiddenError('staff-only', 'for staff of an organisation');
  }
  if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
  return actor.organisationId;
}

/** The Idempotency-Key header: 8–100 visible ASCII characters, or a 400. */
function idempotencyKeyOf(key: string | undefined): string {
  if (!key || !/^[\x21-\x7e]{8,100}$/.test(key)) {
    throw new InputError(
      'idempotency-key-required',
      'send an Idempotency-Key header (8–100 visible ASCII characters)',
      [{ path: '/headers/idempotency-key', message: 'required: 8–100 visible ASCII characters' }],
    );
  }
  return key;
}

const hash = (parts: readonly unknown[]) =>
  crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');

function toAttempt(a: store.AttemptRow): PaymentAttempt {
  return {
    id: a.id,
    orderId: a.orderId,
    gateway: a.gateway,
    outTradeNo: a.outTradeNo,
    amountFen: a.amountFen,
    status: a.status,
    cashierUrl: a.status === 'pending' ? a.cashierUrl : null,
    expiresAt: a.expiresAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
    settledAt: a.settledAt?.toISOString() ?? null,
  };
}

function toRefund(r: store.RefundRow): PaymentRefund {
  return {
    id: r.id,
    orderId: r.orderId,
    kind: r.kind,
    amountFen: r.amountFen,
    reason: r.reason,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    settledAt: r.settledAt?.toISOString() ?? null,
  };
}
