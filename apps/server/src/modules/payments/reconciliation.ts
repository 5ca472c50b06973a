import type {
  ReconciliationLine,
  ReconciliationList,
  ReconciliationReport,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { GatewayUnavailableError, type PaymentGateway } from './gateway.js';
import * as store from './store.js';

/** Who runs and reads reconciliations: operations and the province's administrators. */
const RECONCILERS = ['ops', 'provinceAdmin', 'systemAdmin'];

export interface ReconcilerDeps {
  db: Drizzle;
  gateway: PaymentGateway;
  now?: () => Date;
}

/**
 * 对账: what the ledger settled with the gateway on a day (payments and refunds, by our
 * numbers) against the gateway's statement of that day. Lines that agree are counted; the rest
 * are listed as missing locally, missing at the gateway, or differing in amount or status.
 */
export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async run(
    actor: Actor,
    date: string,
    ctx: { requestId?: string } = {},
  ): Promise<ReconciliationReport> {
    assertReconciler(actor);
    if (date > toShanghaiDate(this.now())) {
      throw new UnprocessableError('future-date', 'a day to come has no statement yet', [
        { path: '/body/date', message: '不能对未来日期对账' },
      ]);
    }
    const { db, gateway } = this.deps;
    let statement;
    try {
      statement = await gateway.statement(date);
    } catch (err) {
      if (err instanceof GatewayUnavailableError) {
        throw new UnavailableError('gateway-unavailable', 'the gateway’s statement is unavailable');
      }
      throw err;
    }
    const local = await store.settledOn(db, date);
    const key = (kind: string, reference: string) => `${kind}:${reference}`;
    const ours = new Map(local.map((l) => [key(l.kind, l.reference), l]));
    const theirs = new Map(statement.map((s) => [key(s.kind, s.reference), s]));
    const report: Omit<ReconciliationReport, 'ranAt' | 'runs' | 'status'> = {
      gateway: gateway.name,
      date,
      matched: 0,
      missingLocally: [],
      missingAtGateway: [],
      amountDiffers: [],
      statusDiffers: [],
      totals: {
        local: totals(local),
        gateway: totals(statement.filter((s) => s.status === 'success')),
      },
    };
    for (const [k, s] of theirs) {
      const l = ours.get(k);
      if (l) {
        const line: ReconciliationLine = {
          kind: s.kind,
          reference: s.reference,
          orderNo: l.orderNo,
          localFen: l.amountFen,
          gatewayFen: s.amountFen,
          localStatus: 'succeeded',
          gatewayStatus: s.status,
        };
        if (s.status !== 'success') report.statusDiffers.push(line);
        else if (s.amountFen !== l.amountFen) report.amountDiffers.push(line);
        else report.matched += 1;
        continue;
      }
      // not settled here that day: is it ours at all, and how does it stand?
      const known = await this.localStatus(s.kind, s.reference);
      const line: ReconciliationLine = {
        kind: s.kind,
        reference: s.reference,
        orderNo: known?.orderNo ?? null,
        localFen: known?.amountFen ?? null,
        gatewayFen: s.amountFen,
        localStatus: known?.status ?? null,
        gatewayStatus: s.status,
      };
      const sameOutcome =
        known !== undefined && (known.status === 'succeeded') === (s.status === 'success');
      if (s.status !== 'success' && (!known || known.status !== 'succeeded')) report.matched += 1;
      else if (known && !sameOutcome) report.statusDiffers.push(line);
      else report.missingLocally.push(line);
    }
    for (const [k, l] of ours) {
      if (theirs.has(k)) continue;
      report.missingAtGateway.push({
        kind: l.kind,
        reference: l.reference,
        orderNo: l.orderNo,
        localFen: l.amountFen,
        gatewayFen: null,
        localStatus: 'succeeded',
        gatewayStatus: null,
      });
    }
    const mismatches =
      report.missingLocally.length +
      report.missingAtGateway.length +
      report.amountDiffers.length +
      report.statusDiffers.length;
    const status = mismatches === 0 ? ('balanced' as const) : ('mismatched' as const);
    const ranAt = this.now();
    const saved = await db.transaction(async (tx) => {
      const row = await store.saveReconciliation(tx, {
        id: newId(),
        gateway: gateway.name,
        businessDate: date,
        status,
        report: { ...report, status, ranAt: ranAt.toISOString(), runs: 1 },
        ranBy: actor.id,
        ranAt,
      });
      await recordAudit(tx, {
        actor,
        action: 'payments.reconcile',
        targetType: 'paymentReconciliation',
        targetId: row.id,
        summary: { gateway: gateway.name, date, status, matched: report.matched, mismatches },
        requestId: ctx.requestId,
      });
      return row;
    });
    return { ...saved.report, runs: saved.runs };
  }

  private async localStatus(
    kind: 'payment' | 'refund',
    reference: string,
  ): Promise<{ status: string; amountFen: number; orderNo: string | null } | undefined> {
    const { db } = this.deps;
    if (kind === 'payment') {
      const attempt = await store.findAttemptByOutTradeNo(db, reference);
      if (!attempt) return undefined;
      const order = await store.findOrder(db, attempt.orderId);
      return {
        status: attempt.status,
        amountFen: attempt.amountFen,
        orderNo: order?.orderNo ?? null,
      };
    }
    const refund = await store.findRefundByOutRefundNo(db, reference);
    if (!refund) return undefined;
    const order = await store.findOrder(db, refund.orderId);
    return { status: refund.status, amountFen: refund.amountFen, orderNo: order?.orderNo ?? null };
  }

  async get(actor: Actor, date: string): Promise<ReconciliationReport> {
    assertReconciler(actor);
    const row = await store.findReconciliation(this.deps.db, this.deps.gateway.name, date);
    if (!row) throw new NotFoundError('reconciliation-not-found', `no reconciliation of ${date}`);
    return { ...row.report, runs: row.runs };
  }

  async list(actor: Actor): Promise<ReconciliationList> {
    assertReconciler(actor);
    const rows = await store.listReconciliations(this.deps.db, 60);
    return {
      items: rows.map((r) => ({
        gateway: r.gateway,
        date: r.businessDate,
        status: r.status,
        mismatches:
          r.report.missingLocally.length +
          r.report.missingAtGateway.length +
          r.report.amountDiffers.length +
          r.report.statusDiffers.length,
        ranAt: r.ranAt.toISOString(),
      })),
    };
  }
}

function totals(lines: readonly { kind: 'payment' | 'refund'; amountFen: number }[]) {
  const sum = (kind: string) =>
    lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);
  const count = (kind: string) => lines.filter((l) => l.kind === kind).length;
  return {
    paymentsFen: sum('payment'),
    refundsFen: sum('refund'),
    netFen: sum('payment') - sum('refund'),
    payments: count('payment'),
    refunds: count('refund'),
  };
}

function assertReconciler(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
  if (actor.kind !== 'staff' || !RECONCILERS.some((r) => actor.roles.includes(r))) {
    throw new ForbiddenError(
      'reconcilers-only',
      'reconciliation is for operations and administrators',
    );
  }
}
