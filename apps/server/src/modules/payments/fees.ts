import type { FeeItem, FeeOrderItem, Fees } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Executor } from '../../kernel/db/database.js';
import { ConflictError } from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { newId } from '../../kernel/ids.js';
import { orderEvent, type Settlement } from './settlement.js';
import * as store from './store.js';

export type FeeStage = 'beforeAcceptance' | 'beforeIssuing';

/** The application a fee order is made for, as the applications module describes it. */
export interface FeeApplication {
  id: string;
  applicationNo: string;
  itemName: string;
  /** the account that filed: the payer */
  applicantAccountId: string;
  enterpriseId: string | null;
  /** the applicant's name (缴款人 on the receipt): a person's masked, an enterprise's whole */
  payerName: string;
  /** 实施机构: the payee */
  organisationId: string;
  /** who accepts the application (a service hall, 综合受理): its officers read the orders too */
  acceptingOrganisationId: string;
  regionCode: string;
}

/** Why an application's fees are settled: it ends without the result the fees were for. */
export type FeeCloseReason = 'withdrawn' | 'refused' | 'denied' | 'cancelled';

const CLOSE_REASONS: Record<FeeCloseReason, string> = {
  withdrawn: '申请已撤回',
  refused: '不予受理',
  denied: '不予许可',
  cancelled: '一件事未能继续，本事项取消办理',
};

/**
 * The fee orders of applications, called by the applications module inside its transactions
 * (its FeesPort): an order made at filing (before 受理) or at acceptance (before 制证) from the
 * list version's fees, the check that it is paid before the step it guards, and the rule when
 * an application ends without a result: unpaid orders are cancelled, paid ones refunded in full.
 */
export class FeeOrders {
  constructor(private readonly deps: { settlement: Settlement; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * The stage's order, if the list's fees ask for one then: a 即办件 (accepted and decided at
   * once) collects every fee before 受理. A free item, or a stage without fees, makes none;
   * an order already made for the stage stays as it is.
   */
  async open(
    tx: Executor,
    input: {
      actor: Actor;
      application: FeeApplication;
      stage: FeeStage;
      fees: Fees;
      immediate: boolean;
      requestId?: string | undefined;
    },
  ): Promise<void> {
    const { application: app, stage } = input;
    const due = feesDue(input.fees, stage, input.immediate);
    if (due.length === 0) return;
    const items: FeeOrderItem[] = due.map((f) => ({
      name: f.name,
      amountFen: f.amountFen,
      nonTaxRevenueCode: f.nonTaxRevenueCode ?? null,
      legalBasis: f.legalBasis,
    }));
    const now = this.now();
    const day = toShanghaiDate(now).replaceAll('-', '');
    const seq = await store.nextNumber(tx, `order:${app.regionCode}${day}`);
    const row: store.OrderRow = {
      id: newId(),
      orderNo: `${app.regionCode}${day}${String(seq).padStart(6, '0')}`,
      applicationId: app.id,
      applicationNo: app.applicationNo,
      itemName: app.itemName,
      stage,
      items,
      totalFen: items.reduce((sum, i) => sum + i.amountFen, 0),
      payerAccountId: app.applicantAccountId,
      payerEnterpriseId: app.enterpriseId,
      payerNameMasked: app.payerName,
      payeeOrganisationId: app.organisationId,
      acceptingOrganisationId: app.acceptingOrganisationId,
      regionCode: app.regionCode,
      status: 'unpaid',
      paidFen: 0,
      refundedFen: 0,
      paidAttemptId: null,
      receiptNo: null,
      paidAt: null,
      cancelledAt: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await store.insertOrder(tx, row))) return;
    await recordAudit(tx, {
      actor: input.actor,
      action: 'payments.order.create',
      targetType: 'feeOrder',
      targetId: row.id,
      summary: {
        orderNo: row.orderNo,
        applicationNo: app.applicationNo,
        stage,
        totalFen: row.totalFen,
      },
      requestId: input.requestId,
    });
    await publishEvent(tx, 'payment.order.created', orderEvent(row), input.requestId);
  }

  /** 409 fee-unpaid while the stage's order waits for its payment. */
  async assertPaid(tx: Executor, applicationId: string, stage: FeeStage): Promise<void> {
    const order = await store.findOrderOfStage(tx, applicationId, stage);
    if (order?.status === 'unpaid') {
      throw new ConflictError(
        'fee-unpaid',
        `the fee order ${order.orderNo} (${yuan(order.totalFen)} 元) is not paid yet`,
      );
    }
  }

  /**
   * The application ends without its result (撤回, 不予受理, 不予许可, a bundle member cancelled):
   * unpaid orders are cancelled (an open trade is closed by the poll), paid ones refunded in
   * full (what no refund has taken yet).
   */
  async close(
    tx: Executor,
    input: {
      actor: Actor;
      applicationId: string;
      reason: FeeCloseReason;
      requestId?: string | undefined;
    },
  ): Promise<void> {
    const orders = await store.lockOrdersOfApplication(tx, input.applicationId);
    const reason = CLOSE_REASONS[input.reason];
    for (const order of orders) {
      if (order.status === 'unpaid') {
        const cancelled = await store.updateOrder(tx, order.id, {
          status: 'cancelled',
          cancelledAt: this.now(),
          cancelReason: reason,
          updatedAt: this.now(),
        });
        await recordAudit(tx, {
          actor: input.actor,
          action: 'payments.order.cancel',
          targetType: 'feeOrder',
          targetId: order.id,
          summary: { orderNo: order.orderNo, reason },
          requestId: input.requestId,
        });
        await publishEvent(
          tx,
          'payment.order.cancelled',
          orderEvent(cancelled, { reason }),
          input.requestId,
        );
        continue;
      }
      if (order.status !== 'paid' && order.status !== 'partially-refunded') continue;
      const refundable = order.paidFen - order.refundedFen - (await pendingOf(tx, order.id));
      const attempt = order.paidAttemptId
        ? await store.findAttempt(tx, order.paidAttemptId)
        : undefined;
      if (refundable <= 0 || !attempt) continue;
      const refund = await this.deps.settlement.createRefund(tx, {
        order,
        attempt,
        kind: 'order',
        amountFen: refundable,
        reason,
        requestedBy: input.actor.id,
        requestId: input.requestId,
      });
      await recordAudit(tx, {
        actor: input.actor,
        action: 'payments.refund.request',
        targetType: 'paymentRefund',
        targetId: refund.id,
        summary: { orderId: order.id, orderNo: order.orderNo, amountFen: refundable, reason },
        requestId: input.requestId,
      });
    }
  }
}

/** The fees of a list due at a stage. */
export function feesDue(fees: Fees, stage: FeeStage, immediate: boolean): FeeItem[] {
  if (fees.free) return [];
  if (immediate) return stage === 'beforeAcceptance' ? fees.items : [];
  return fees.items.filter((f) => f.collectAt === stage);
}

/** What refunds not yet through will take from an order. */
export async function pendingOf(tx: Executor, orderId: string): Promise<number> {
  const refunds = await store.refundsOf(tx, [orderId]);
  return refunds
    .filter((r) => r.kind === 'order' && r.status === 'pending')
    .reduce((sum, r) => sum + r.amountFen, 0);
}

/** 8000 → "80.00" */
export const yuan = (fen: number): string =>
  `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
