import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { ConflictError, NotFoundError } from '../../kernel/errors.js';
import { scheduleJob, type JobRunner } from '../../kernel/events/jobs.js';
import {
  GatewayUnavailableError,
  type CallbackVerification,
  type CreateTradeInput,
  type CreatedTrade,
  type GatewayNotification,
  type PaymentGateway,
  type RefundInput,
  type RefundResult,
  type StatementEntry,
  type Trade,
  type TradeStatus,
} from './gateway.js';
import { simRefund, simTrade } from './tables.js';

/*
 * 模拟支付网关: a payment gateway inside this server for demos and tests. It stands for an
 * external system: it keeps its trades in its own tables (sim_trade, sim_refund), never reads
 * the payments module's, and talks to it only the way a real gateway does — a cashier page the
 * payer confirms or fails the payment on, and notifications POSTed over HTTP to our callback
 * endpoint, signed with HMAC-SM3. Faults on demand: notifications repeated, delayed (so they
 * arrive out of order) or lost, the gateway unavailable, and a statement that disagrees.
 */

/** The durable job that POSTs one copy of one notification. */
export const SIM_NOTIFY_JOB = 'payments.simulated-gateway.notify';

export const SIM_GATEWAY_NAME = 'simulated';

/** Signature headers: HMAC-SM3 over `timestamp \n nonce \n body`, hex. */
export const SIM_HEADERS = {
  timestamp: 'zt-sim-timestamp',
  nonce: 'zt-sim-nonce',
  signature: 'zt-sim-signature',
} as const;

/** A signed notification older or newer than this is refused (a replay, or a wrong clock). */
const SIGNATURE_WINDOW_MS = 10 * 60_000;

export interface SimulatedGatewaySettings {
  /** the shared secret (商户密钥), 32 bytes as 64 hex */
  secret: string;
  /** extra copies of each notification (0: each sent once) */
  duplicates: number;
  /** each copy is sent after a random delay of up to this many ms (so copies cross) */
  maxDelayMs: number;
  /** share of copies never sent (0–1): lost notifications the poll must make up for */
  dropRate: number;
  /** share of calls to the gateway answered "unavailable" (0–1) */
  unavailableRate: number;
}

export interface SimulatedGatewayDeps {
  db: Drizzle;
  settings: SimulatedGatewaySettings;
  log: FastifyBaseLogger;
  /** how a notification reaches the notify URL; fetch by default */
  post?: (url: string, headers: Record<string, string>, body: string) => Promise<number>;
  now?: () => Date;
  /** randomness of the fault injection (tests pin it) */
  random?: () => number;
}

type SimTradeRow = typeof simTrade.$inferSelect;

/** The wire form of a notification (JSON, camelCase, amounts in fen). */
interface WireNotification {
  notificationId: string;
  outTradeNo: string;
  tradeNo: string;
  status: string;
  amountFen: number;
  occurredAt: string;
}

const httpPost = async (url: string, headers: Record<string, string>, body: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
};

export class SimulatedGateway implements PaymentGateway {
  readonly name = SIM_GATEWAY_NAME;
  private readonly key: Buffer;

  constructor(private readonly deps: SimulatedGatewayDeps) {
    if (!/^[0-9a-fA-F]{64}$/.test(deps.settings.secret)) {
      throw new Error('the simulated gateway needs a 64-hex secret');
    }
    this.key = Buffer.from(deps.settings.secret, 'hex');
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private random(): number {
    return this.deps.random?.() ?? Math.random();
  }

  private get db() {
    return this.deps.db;
  }

  /** A call to the gateway may meet it "unavailable" (fault injection). */
  private maybeUnavailable(what: string): void {
    if (this.random() < this.deps.settings.unavailableRate) {
      throw new GatewayUnavailableError(`simulated gateway unavailable (${what})`);
    }
  }

  register(jobs: JobRunner): void {
    jobs.register(SIM_NOTIFY_JOB, async ({ payload }) => {
      if (typeof payload.tradeNo !== 'string' || typeof payload.status !== 'string') return;
      await this.sendNotification(payload.tradeNo, payload.status, Number(payload.copy ?? 0));
    });
  }

  // -- the gateway's API --------------------------------------------------------------------------

  async createTrade(input: CreateTradeInput): Promise<CreatedTrade> {
    this.maybeUnavailable('createTrade');
    const row: SimTradeRow = {
      tradeNo: `SIM${compactTime(this.now())}${crypto.randomBytes(4).toString('hex').toUpperCase()}`,
      outTradeNo: input.outTradeNo,
      amountFen: input.amountFen,
      subject: input.subject.slice(0, 200),
      notifyUrl: input.notifyUrl,
      returnUrl: input.returnUrl,
      cashierToken: crypto.randomBytes(18).toString('base64url'),
      status: 'waiting',
      refundedFen: 0,
      createdAt: this.now(),
      expiresAt: input.expiresAt,
      paidAt: null,
      statementAmountFen: null,
      statementOmitted: false,
    };
    await this.db.insert(simTrade).values(row).onConflictDoNothing({ target: simTrade.outTradeNo });
    const trade = await this.findByOutTradeNo(this.db, input.outTradeNo);
    if (!trade) throw new Error('simulated gateway: the trade vanished');
    if (trade.amountFen !== input.amountFen) {
      throw new Error(`simulated gateway: ${input.outTradeNo} exists with another amount`);
    }
    return { tradeNo: trade.tradeNo, cashierUrl: cashierPath(trade) };
  }

  async queryTrade(outTradeNo: string): Promise<Trade | undefined> {
    this.maybeUnavailable('queryTrade');
    const row = await this.expireIfDue(outTradeNo);
    return row ? toTrade(row) : undefined;
  }

  async closeTrade(outTradeNo: string): Promise<Trade | undefined> {
    this.maybeUnavailable('closeTrade');
    return this.db.transaction(async (tx) => {
      const row = await this.lock(tx, outTradeNo);
      if (!row) return undefined;
      if (row.status !== 'waiting') return toTrade(row);
      const [closed] = await tx
        .update(simTrade)
        .set({ status: 'closed' })
        .where(eq(simTrade.tradeNo, row.tradeNo))
        .returning();
      return toTrade(closed!);
    });
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    this.maybeUnavailable('refund');
    return this.db.transaction(async (tx) => {
      const [earlier] = await tx
        .select()
        .from(simRefund)
        .where(eq(simRefund.outRefundNo, input.outRefundNo));
      if (earlier) return toRefundResult(earlier);
      const trade = await this.lock(tx, input.outTradeNo);
      const refundNo = `SIMR${compactTime(this.now())}${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
      let failure: string | undefined;
      if (!trade) failure = 'trade-not-found';
      else if (trade.status !== 'success') failure = 'trade-not-paid';
      else if (trade.refundedFen + input.amountFen > trade.amountFen)
        failure = 'refund-exceeds-trade';
      const row = {
        refundNo,
        outRefundNo: input.outRefundNo,
        tradeNo: trade?.tradeNo ?? '-',
        amountFen: input.amountFen,
        status: failure ? ('failed' as const) : ('success' as const),
        createdAt: this.now(),
      };
      await tx.insert(simRefund).values(row);
      if (!failure && trade) {
        await tx
          .update(simTrade)
          .set({ refundedFen: sql`${simTrade.refundedFen} + ${input.amountFen}` })
          .where(eq(simTrade.tradeNo, trade.tradeNo));
      }
      return toRefundResult(row, failure);
    });
  }

  async statement(date: string): Promise<StatementEntry[]> {
    this.maybeUnavailable('statement');
    const day = (col: unknown) => sql`(${col} AT TIME ZONE 'Asia/Shanghai')::date = ${date}::date`;
    const trades = await this.db
      .select()
      .from(simTrade)
      .where(
        and(
          eq(simTrade.status, 'success'),
          eq(simTrade.statementOmitted, false),
          day(simTrade.paidAt),
        ),
      )
      .orderBy(simTrade.paidAt);
    const refunds = await this.db
      .select()
      .from(simRefund)
      .where(day(simRefund.createdAt))
      .orderBy(simRefund.createdAt);
    return [
      ...trades.map((t): StatementEntry => ({
        kind: 'payment',
        reference: t.outTradeNo,
        tradeNo: t.tradeNo,
        amountFen: t.statementAmountFen ?? t.amountFen,
        status: 'success',
        at: t.paidAt!,
      })),
      ...refunds.map((r): StatementEntry => ({
        kind: 'refund',
        reference: r.outRefundNo,
        tradeNo: r.tradeNo,
        amountFen: r.amountFen,
        status: r.status,
        at: r.createdAt,
      })),
    ];
  }

  verifyCallback(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
  ): CallbackVerification {
    const header = (name: string) => {
      const v = headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const timestamp = header(SIM_HEADERS.timestamp);
    const nonce = header(SIM_HEADERS.nonce);
    const signature = header(SIM_HEADERS.signature);
    if (!timestamp || !nonce || !signature)
      return { ok: false, reason: 'signature headers missing' };
    if (!/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) {
      return { ok: false, reason: 'malformed signature headers' };
    }
    const expected = this.signature(timestamp, nonce, rawBody);
    if (!crypto.timingSafeEqual(Buffer.from(signature, 'hex'), expected)) {
      return { ok: false, reason: 'signature mismatch' };
    }
    if (Math.abs(this.now().getTime() - Number(timestamp)) > SIGNATURE_WINDOW_MS) {
      return { ok: false, reason: 'signature timestamp outside the window' };
    }
    let parsed: Partial<WireNotification>;
    try {
      parsed = JSON.parse(rawBody.toString('utf8')) as Partial<WireNotification>;
    } catch {
      return { ok: false, reason: 'body is not JSON' };
    }
    const status = parsed.status;
    if (
      typeof parsed.notificationId !== 'string' ||
      typeof parsed.outTradeNo !== 'string' ||
      typeof parsed.tradeNo !== 'string' ||
      (status !== 'success' && status !== 'failed' && status !== 'closed') ||
      typeof parsed.amountFen !== 'number' ||
      !Number.isSafeInteger(parsed.amountFen) ||
      typeof parsed.occurredAt !== 'string' ||
      Number.isNaN(Date.parse(parsed.occurredAt))
    ) {
      return { ok: false, reason: 'notification fields missing or malformed' };
    }
    return {
      ok: true,
      notification: {
        notificationId: parsed.notificationId,
        outTradeNo: parsed.outTradeNo,
        tradeNo: parsed.tradeNo,
        status,
        amountFen: parsed.amountFen,
        occurredAt: new Date(parsed.occurredAt),
      },
    };
  }

  // -- the cashier (收银台) ---------------------------------------------------------------------

  /** The trade as the cashier shows it to whoever holds its link. */
  async cashierTrade(tradeNo: string, token: string): Promise<SimTradeRow> {
    const [row] = await this.db.select().from(simTrade).where(eq(simTrade.tradeNo, tradeNo));
    if (!row || !sameToken(row.cashierToken, token)) {
      throw new NotFoundError('trade-not-found', 'no such trade at the simulated gateway');
    }
    return (await this.expireIfDue(row.outTradeNo)) ?? row;
  }

  /**
   * The payer confirms (or, to try a failure, fails) the payment; the notifications go out by
   * durable jobs, with the configured copies, delays and losses.
   */
  async pay(tradeNo: string, token: string, outcome: 'success' | 'failure'): Promise<SimTradeRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(simTrade)
        .where(eq(simTrade.tradeNo, tradeNo))
        .for('update');
      if (!row || !sameToken(row.cashierToken, token)) {
        throw new NotFoundError('trade-not-found', 'no such trade at the simulated gateway');
      }
      if (row.status === 'waiting' && this.now() > row.expiresAt) {
        await tx.update(simTrade).set({ status: 'closed' }).where(eq(simTrade.tradeNo, tradeNo));
        throw new ConflictError('trade-closed', 'the trade has expired');
      }
      if (row.status !== 'waiting') {
        throw new ConflictError(`trade-${row.status}`, `the trade is ${row.status} already`);
      }
      const status: TradeStatus = outcome === 'success' ? 'success' : 'failed';
      const [updated] = await tx
        .update(simTrade)
        .set({ status, ...(status === 'success' ? { paidAt: this.now() } : {}) })
        .where(eq(simTrade.tradeNo, tradeNo))
        .returning();
      await this.scheduleNotifications(tx, tradeNo, status);
      return updated!;
    });
  }

  private async scheduleNotifications(tx: Executor, tradeNo: string, status: TradeStatus) {
    const { duplicates, maxDelayMs } = this.deps.settings;
    for (let copy = 0; copy <= duplicates; copy++) {
      const delay = maxDelayMs > 0 ? Math.floor(this.random() * maxDelayMs) : 0;
      await scheduleJob(tx, {
        kind: SIM_NOTIFY_JOB,
        payload: { tradeNo, status, copy },
        runAt: new Date(this.now().getTime() + delay),
        maxAttempts: 8,
      });
    }
  }

  /** One copy of a notification: lost (fault injection), or signed and POSTed; non-2xx retries. */
  private async sendNotification(tradeNo: string, status: string, copy: number) {
    if (this.random() < this.deps.settings.dropRate) {
      this.deps.log.info({ tradeNo, status, copy }, 'simulated gateway: notification dropped');
      return;
    }
    const [row] = await this.db.select().from(simTrade).where(eq(simTrade.tradeNo, tradeNo));
    if (!row) return;
    const notification = this.notificationOf(row, status as GatewayNotification['status']);
    const { headers, body } = this.sign(notification);
    const code = await (this.deps.post ?? httpPost)(row.notifyUrl, headers, body);
    if (code < 200 || code >= 300) {
      throw new Error(`notification of ${tradeNo} answered ${code}`);
    }
  }

  // -- signing -------------------------------------------------------------------------------------

  private signature(timestamp: string, nonce: string, body: Buffer | string): Buffer {
    return crypto
      .createHmac('sm3', this.key)
      .update(`${timestamp}\n${nonce}\n`)
      .update(body)
      .digest();
  }

  /** A notification as it goes on the wire: the JSON body and its signature headers. */
  sign(n: GatewayNotification): { headers: Record<string, string>; body: string } {
    const wire: WireNotification = {
      notificationId: n.notificationId,
      outTradeNo: n.outTradeNo,
      tradeNo: n.tradeNo,
      status: n.status,
      amountFen: n.amountFen,
      occurredAt: n.occurredAt.toISOString(),
    };
    const body = JSON.stringify(wire);
    const timestamp = String(this.now().getTime());
    const nonce = crypto.randomBytes(12).toString('hex');
    return {
      headers: {
        [SIM_HEADERS.timestamp]: timestamp,
        [SIM_HEADERS.nonce]: nonce,
        [SIM_HEADERS.signature]: this.signature(timestamp, nonce, body).toString('hex'),
      },
      body,
    };
  }

  /** The notification of a trade's state change: one id per trade and state, however often sent. */
  private notificationOf(row: SimTradeRow, status: GatewayNotification['status']) {
    return {
      notificationId: `${row.tradeNo}-${status}`,
      outTradeNo: row.outTradeNo,
      tradeNo: row.tradeNo,
      status,
      amountFen: row.amountFen,
      occurredAt: status === 'success' && row.paidAt ? row.paidAt : this.now(),
    };
  }

  // -- fault injection and test hooks (what an operator of the simulator may do) ------------------

  /** A notification of the trade as the gateway would send it, e.g. to replay it at will. */
  async notificationFor(
    outTradeNo: string,
    status: GatewayNotification['status'],
  ): Promise<GatewayNotification> {
    const row = await this.findByOutTradeNo(this.db, outTradeNo);
    if (!row) throw new Error(`simulated gateway: no trade ${outTradeNo}`);
    return this.notificationOf(row, status);
  }

  /** The trade behind an outTradeNo (tests read its cashier token and number). */
  async trade(outTradeNo: string): Promise<SimTradeRow | undefined> {
    return this.findByOutTradeNo(this.db, outTradeNo);
  }

  /** The statement will misstate the trade's amount, or leave it out. */
  async tamperStatement(outTradeNo: string, change: { amountFen?: number; omit?: boolean }) {
    await this.db
      .update(simTrade)
      .set({
        ...(change.amountFen === undefined ? {} : { statementAmountFen: change.amountFen }),
        ...(change.omit === undefined ? {} : { statementOmitted: change.omit }),
      })
      .where(eq(simTrade.outTradeNo, outTradeNo));
  }

  /** A payment the gateway settled that the merchant never asked for (a stray trade). */
  async recordStrayPayment(input: { outTradeNo: string; amountFen: number; paidAt: Date }) {
    await this.db.insert(simTrade).values({
      tradeNo: `SIM${compactTime(input.paidAt)}${crypto.randomBytes(4).toString('hex').toUpperCase()}`,
      outTradeNo: input.outTradeNo,
      amountFen: input.amountFen,
      subject: 'stray',
      notifyUrl: '',
      returnUrl: null,
      cashierToken: crypto.randomBytes(18).toString('base64url'),
      status: 'success',
      refundedFen: 0,
      createdAt: input.paidAt,
      expiresAt: input.paidAt,
      paidAt: input.paidAt,
      statementAmountFen: null,
      statementOmitted: false,
    });
  }

  // -- rows ------------------------------------------------------------------------------------------

  private async findByOutTradeNo(db: Executor, outTradeNo: string) {
    const [row] = await db.select().from(simTrade).where(eq(simTrade.outTradeNo, outTradeNo));
    return row;
  }

  private async lock(tx: Executor, outTradeNo: string) {
    const [row] = await tx
      .select()
      .from(simTrade)
      .where(eq(simTrade.outTradeNo, outTradeNo))
      .for('update');
    return row;
  }

  /** A waiting trade past its time is closed (the gateway closes unpaid trades itself). */
  private async expireIfDue(outTradeNo: string): Promise<SimTradeRow | undefined> {
    const row = await this.findByOutTradeNo(this.db, outTradeNo);
    if (!row || row.status !== 'waiting' || this.now() <= row.expiresAt) return row;
    const [closed] = await this.db
      .update(simTrade)
      .set({ status: 'closed' })
      .where(and(eq(simTrade.tradeNo, row.tradeNo), eq(simTrade.status, 'waiting')))
      .returning();
    return closed ?? (await this.findByOutTradeNo(this.db, outTradeNo));
  }
}

/** The cashier page of the web app. */
export function cashierPath(trade: { tradeNo: string; cashierToken: string }): string {
  return `/pay/simulated/${encodeURIComponent(trade.tradeNo)}?token=${encodeURIComponent(trade.cashierToken)}`;
}

function toTrade(row: SimTradeRow): Trade {
  return {
    outTradeNo: row.outTradeNo,
    tradeNo: row.tradeNo,
    status: row.status,
    amountFen: row.amountFen,
    paidAt: row.paidAt,
  };
}

function toRefundResult(
  row: { outRefundNo: string; refundNo: string; status: 'success' | 'failed'; createdAt: Date },
  failure?: string,
): RefundResult {
  return {
    outRefundNo: row.outRefundNo,
    refundNo: row.refundNo,
    status: row.status,
    refundedAt: row.status === 'success' ? row.createdAt : null,
    ...(row.status === 'failed' ? { failureReason: failure ?? 'refused by the gateway' } : {}),
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** yyyyMMddHHmmss (UTC) */
function compactTime(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
