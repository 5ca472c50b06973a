import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type {
  Application,
  FeeOrder,
  PaymentAttempt,
  PaymentRefund,
  Problem,
  Receipt,
  ReconciliationReport,
  Revenue,
} from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { TestApp } from '../../test-support/app.js';
import { createPerson, createStaff, loginAs } from '../../test-support/identity.js';
import {
  PAY,
  atCashier,
  caller,
  createListeningApp,
  feeItem,
  ledger,
  listWithFees,
  newKey,
  orderOfStage,
  pay,
  runJobs,
  submit,
  type Call,
} from './testing.js';

// The fee step of an application from filing to 办结, paying through the simulated gateway over
// HTTP; concurrent clicks and Idempotency-Keys; refunds (by the department, and when the
// application ends without its result); a payment for a cancelled order; 对账; and a pending
// payment that survives a restart.

describe('payments: fee orders, paying, refunds, reconciliation', () => {
  let t: TestApp;
  let listId: string;
  let organisationId: string;
  let citizen: Call;
  let window: Call;
  let approver: Call;
  let ops: Call;
  const app = () => t;

  before(async () => {
    ({ t } = await createListeningApp());
    ({ listId, organisationId } = await listWithFees(t, [
      feeItem({
        name: '工本费',
        amountFen: 1000,
        nonTaxRevenueCode: '103046',
        collectAt: 'beforeAcceptance',
      }),
      feeItem({ amountFen: 8000, collectAt: 'beforeIssuing' }),
      feeItem({
        name: '证书费',
        amountFen: 501,
        nonTaxRevenueCode: '103047',
        collectAt: 'beforeIssuing',
      }),
    ]));
    citizen = caller(app, await loginAs(t, await createPerson(t)));
    window = caller(
      app,
      await loginAs(t, await createStaff(t, { roles: ['windowOfficer'], organisationId })),
    );
    approver = caller(
      app,
      await loginAs(t, await createStaff(t, { roles: ['approver'], organisationId })),
    );
    ops = caller(app, await loginAs(t, await createStaff(t, { roles: ['ops'] })));
  });
  after(() => t.close());

  const taskOf = async (call: Call, id: string, nodeId: string) => {
    const res = await call('GET', `/api/v1/applications/${id}`);
    const task = res.json<Application>().currentSteps.find((s) => s.mine && s.nodeId === nodeId);
    assert.ok(task, `no open ${nodeId}`);
    return task.taskId;
  };
  const payInFull = async (order: FeeOrder) => {
    const attempt = await pay(citizen, order.id);
    await atCashier(t, attempt);
    await runJobs(t);
    const paid = await citizen('GET', `${PAY}/orders/${order.id}`);
    assert.equal(paid.json<FeeOrder>().status, 'paid', paid.body);
  };

  it('orders the fee before 受理 at filing, refuses 受理 while unpaid, and the rest at 受理', async () => {
    const id = await submit(citizen, listId);
    const first = await orderOfStage(citizen, id, 'beforeAcceptance');
    assert.equal(first.status, 'unpaid');
    assert.equal(first.totalFen, 1000);
    assert.deepEqual(
      first.items.map((i) => [i.name, i.amountFen, i.nonTaxRevenueCode]),
      [['工本费', 1000, '103046']],
    );
    assert.match(first.orderNo, /^410100\d{14}$/);
    assert.equal(first.payerName, '张*');

    const refused = await window('POST', `/api/v1/applications/${id}/accept`, {});
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json<Problem>().code, 'fee-unpaid');

    await payInFull(first);
    const accepted = await window('POST', `/api/v1/applications/${id}/accept`, {});
    assert.equal(accepted.statusCode, 200, accepted.body);
    const second = await orderOfStage(citizen, id, 'beforeIssuing');
    assert.equal(second.totalFen, 8501);
    assert.equal(second.status, 'unpaid');

    await approver(
      'POST',
      `/api/v1/applications/${id}/steps/${await taskOf(approver, id, 'review')}`,
      {
        opinion: '符合条件',
      },
    );
    const decide = await taskOf(approver, id, 'decide');
    const early = await approver('POST', `/api/v1/applications/${id}/steps/${decide}`, {
      decision: 'approve',
    });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json<Problem>().code, 'fee-unpaid');

    await payInFull(second);
    const approved = await approver('POST', `/api/v1/applications/${id}/steps/${decide}`, {
      decision: 'approve',
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json<Application>().status, 'approved');

    // receipts: both orders, items with their codes, payer masked
    const receipts = await citizen('GET', `${PAY}/receipts`);
    const mine = receipts.json<{ items: Receipt[] }>().items.filter((r) => r.applicationId === id);
    assert.equal(mine.length, 2);
    const receipt = await citizen('GET', `${PAY}/orders/${second.id}/receipt`);
    assert.equal(receipt.statusCode, 200, receipt.body);
    const r = receipt.json<Receipt>();
    assert.match(r.receiptNo, /^PJ\d{16}$/);
    assert.equal(r.payerName, '张*');
    assert.equal(r.payeeOrganisationName, '郑州市市场监督管理局');
    assert.deepEqual(
      r.items.map((i) => i.nonTaxRevenueCode),
      ['103045', '103047'],
    );
    assert.equal(r.gateway, 'simulated');
  });

  it('gives concurrent clicks one trade, and the same Idempotency-Key the same answer', async () => {
    const id = await submit(citizen, listId);
    const order = await orderOfStage(citizen, id, 'beforeAcceptance');
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        citizen('POST', `${PAY}/orders/${order.id}/pay`, undefined, {
          'idempotency-key': `click-${id}-${i}`,
        }),
      ),
    );
    const attempts = clicks.map((c) => c.json<PaymentAttempt>());
    assert.equal(new Set(attempts.map((a) => a.id)).size, 1, 'one trade for twenty clicks');
    assert.equal(clicks.filter((c) => c.statusCode === 201).length, 1);
    assert.ok(clicks.every((c) => c.statusCode === 201 || c.statusCode === 200));
    assert.equal(new Set(attempts.map((a) => a.cashierUrl)).size, 1);
    const [{ count }] = (
      await t.kernel.db.orm.execute<{ count: number }>(
        sql`SELECT count(*)::int AS count FROM sim_trade WHERE out_trade_no = ${attempts[0]!.outTradeNo}`,
      )
    ).rows as [{ count: number }];
    assert.equal(count, 1, 'one trade at the gateway');

    // the same key, sequentially and concurrently: the same attempt
    const key = newKey('same');
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        citizen('POST', `${PAY}/orders/${order.id}/pay`, undefined, { 'idempotency-key': key }),
      ),
    );
    assert.equal(new Set(again.map((r) => r.json<PaymentAttempt>().id)).size, 1);
    // the key for another order is refused
    const other = await orderOfStage(citizen, await submit(citizen, listId), 'beforeAcceptance');
    const reused = await citizen('POST', `${PAY}/orders/${other.id}/pay`, undefined, {
      'idempotency-key': key,
    });
    assert.equal(reused.statusCode, 422, reused.body);
    assert.equal(reused.json<Problem>().code, 'idempotency-key-reused');

    // a failed payment leaves the order unpaid; the next click makes a new trade
    await atCashier(t, attempts[0]!, 'failure');
    await runJobs(t);
    const failed = await citizen('GET', `${PAY}/orders/${order.id}`);
    assert.equal(failed.json<FeeOrder>().status, 'unpaid');
    assert.equal(failed.json<FeeOrder>().openAttempt, null);
    const retry = await pay(citizen, order.id);
    assert.notEqual(retry.id, attempts[0]!.id);
    // once paid, paying is a conflict
    await atCashier(t, retry);
    await runJobs(t);
    const paidAgain = await citizen('POST', `${PAY}/orders/${order.id}/pay`, undefined, {
      'idempotency-key': newKey(),
    });
    assert.equal(paidAgain.statusCode, 409);
    assert.equal(paidAgain.json<Problem>().code, 'order-paid');
  });

  it('settles on return from the cashier without waiting for the notification', async () => {
    const id = await submit(citizen, listId);
    const order = await orderOfStage(citizen, id, 'beforeAcceptance');
    await atCashier(t, await pay(citizen, order.id));
    // no job has run: the notification is still on its way
    const synced = await citizen('POST', `${PAY}/orders/${order.id}/sync`);
    assert.equal(synced.statusCode, 200, synced.body);
    assert.equal(synced.json<FeeOrder>().status, 'paid');
    // the notifications that follow change nothing
    const before = await ledger(t);
    await runJobs(t);
    const after = await ledger(t);
    assert.equal(after.debits, before.debits);
  });

  it('refunds in part and in full, refuses over-refunds, and replays a refund key', async () => {
    const id = await submit(citizen, listId);
    const fee = await orderOfStage(citizen, id, 'beforeAcceptance');
    await payInFull(fee);
    await window('POST', `/api/v1/applications/${id}/accept`, {});
    const order = await orderOfStage(citizen, id, 'beforeIssuing');
    await payInFull(order);
    const key = newKey('refund');
    const partial = await window(
      'POST',
      `${PAY}/orders/${order.id}/refunds`,
      { amountFen: 3000, reason: '多收退还' },
      { 'idempotency-key': key },
    );
    assert.equal(partial.statusCode, 201, partial.body);
    assert.equal(partial.json<PaymentRefund>().status, 'succeeded');
    const replay = await window(
      'POST',
      `${PAY}/orders/${order.id}/refunds`,
      { amountFen: 3000, reason: '多收退还' },
      { 'idempotency-key': key },
    );
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json<PaymentRefund>().id, partial.json<PaymentRefund>().id);
    let view = (await citizen('GET', `${PAY}/orders/${order.id}`)).json<FeeOrder>();
    assert.equal(view.status, 'partially-refunded');
    assert.equal(view.refundedFen, 3000);

    const over = await window(
      'POST',
      `${PAY}/orders/${order.id}/refunds`,
      { amountFen: 5502, reason: '超额' },
      { 'idempotency-key': newKey('refund') },
    );
    assert.equal(over.statusCode, 422, over.body);
    assert.equal(over.json<Problem>().code, 'refund-exceeds-paid');
    assert.equal(over.json<Problem>().errors?.[0]?.path, '/body/amountFen');

    const rest = await window(
      'POST',
      `${PAY}/orders/${order.id}/refunds`,
      { amountFen: 5501, reason: '全额退还' },
      { 'idempotency-key': newKey('refund') },
    );
    assert.equal(rest.statusCode, 201, rest.body);
    view = (await citizen('GET', `${PAY}/orders/${order.id}`)).json<FeeOrder>();
    assert.equal(view.status, 'refunded');
    assert.equal(view.refundedFen, 8501);
    const nothingLeft = await window(
      'POST',
      `${PAY}/orders/${order.id}/refunds`,
      { amountFen: 1, reason: '再退' },
      { 'idempotency-key': newKey('refund') },
    );
    assert.equal(nothingLeft.statusCode, 409);
    // the refunds took from each line in proportion, to the fen
    const lines = await t.kernel.db.orm.execute<{ line: number; fen: number }>(
      sql`SELECT line, sum(amount_fen)::int AS fen FROM ledger_entry
           WHERE order_id = ${order.id} AND kind = 'refund' GROUP BY line ORDER BY line`,
    );
    assert.deepEqual(
      lines.rows.map((r) => [r.line, r.fen]),
      [
        [0, 8000],
        [1, 501],
      ],
    );
  });

  it('cancels unpaid orders and refunds paid ones when an application ends without its result', async () => {
    // 撤回 after paying the fee before 受理: refunded in full
    const withdrawn = await submit(citizen, listId);
    const paid = await orderOfStage(citizen, withdrawn, 'beforeAcceptance');
    await payInFull(paid);
    const w = await citizen('POST', `/api/v1/applications/${withdrawn}/withdraw`);
    assert.equal(w.statusCode, 200, w.body);
    await runJobs(t);
    assert.equal(
      (await citizen('GET', `${PAY}/orders/${paid.id}`)).json<FeeOrder>().status,
      'refunded',
    );

    // 不予受理 before paying: cancelled
    const refused = await submit(citizen, listId);
    const unpaid = await orderOfStage(citizen, refused, 'beforeAcceptance');
    const r = await window('POST', `/api/v1/applications/${refused}/refuse`, {
      reason: '不属于本机关职权范围',
    });
    assert.equal(r.statusCode, 200, r.body);
    const cancelled = (await citizen('GET', `${PAY}/orders/${unpaid.id}`)).json<FeeOrder>();
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.cancelledAt);

    // 不予许可: the paid fee before 受理 is refunded, the unpaid one before 制证 cancelled
    const denied = await submit(citizen, listId);
    const before = await orderOfStage(citizen, denied, 'beforeAcceptance');
    await payInFull(before);
    await window('POST', `/api/v1/applications/${denied}/accept`, {});
    await approver(
      'POST',
      `/api/v1/applications/${denied}/steps/${await taskOf(approver, denied, 'review')}`,
      {
        opinion: '不符合条件',
      },
    );
    const d = await approver(
      'POST',
      `/api/v1/applications/${denied}/steps/${await taskOf(approver, denied, 'decide')}`,
      {
        decision: 'deny',
        reason: '不符合法定条件',
      },
    );
    assert.equal(d.json<Application>().status, 'denied', d.body);
    await runJobs(t);
    assert.equal(
      (await citizen('GET', `${PAY}/orders/${before.id}`)).json<FeeOrder>().status,
      'refunded',
    );
    assert.equal((await orderOfStage(citizen, denied, 'beforeIssuing')).status, 'cancelled');
  });

  it('returns a payment that arrives for an order cancelled meanwhile', async () => {
    const id = await submit(citizen, listId);
    const order = await orderOfStage(citizen, id, 'beforeAcceptance');
    const attempt = await pay(citizen, order.id);
    // the window refuses while the payer is at the cashier, then the payer pays
    await window('POST', `/api/v1/applications/${id}/refuse`, { reason: '材料不全且无法补正' });
    await atCashier(t, attempt);
    await runJobs(t);
    const view = (await citizen('GET', `${PAY}/orders/${order.id}`)).json<FeeOrder>();
    assert.equal(view.status, 'cancelled');
    assert.equal(view.refunds.length, 1);
    assert.equal(view.refunds[0]!.kind, 'unapplied');
    assert.equal(view.refunds[0]!.status, 'succeeded');
    assert.equal(view.refunds[0]!.amountFen, 1000);
    const { balance } = await ledger(t);
    assert.equal(balance('suspense'), 0, 'what suspense took it gave back');
  });

  it('closes the open trade of a cancelled order so it can no longer be paid', async () => {
    const id = await submit(citizen, listId);
    const order = await orderOfStage(citizen, id, 'beforeAcceptance');
    const attempt = await pay(citizen, order.id);
    await citizen('POST', `/api/v1/applications/${id}/withdraw`);
    await t.app.payments.settlement.pollPending({ minAgeMs: 0 });
    const trade = await t.app.payments.simulator!.trade(attempt.outTradeNo);
    assert.equal(trade?.status, 'closed');
    const url = new URL(attempt.cashierUrl!, 'http://x');
    const late = await t.app.inject({
      method: 'POST',
      url: `${PAY}/simulated-gateway/trades/${url.pathname.split('/').pop()}/pay`,
      payload: { token: url.searchParams.get('token'), outcome: 'success' },
    });
    assert.equal(late.statusCode, 409);
  });

  it('shows the department its revenue by day and by 非税收入项目编码', async () => {
    const today = toShanghaiDate(new Date());
    const res = await window(
      'GET',
      `${PAY}/revenue?organisationId=${organisationId}&from=${today}&to=${today}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const revenue = res.json<Revenue>();
    assert.equal(revenue.byDay.length, 1);
    assert.equal(revenue.total.netFen, revenue.total.receivedFen - revenue.total.refundedFen);
    const codes = revenue.byCode.map((c) => c.nonTaxRevenueCode).sort();
    assert.deepEqual(codes, ['103045', '103046', '103047']);
    // the ledger agrees to the fen
    const { balance, debits, credits } = await ledger(t);
    assert.equal(debits, credits);
    assert.equal(-balance(`payee:${organisationId}`), revenue.total.netFen);
  });

  it('reconciles a day against the statement and reports what differs', async () => {
    const today = toShanghaiDate(new Date());
    const clean = await ops('POST', `${PAY}/reconciliations`, { date: today });
    assert.equal(clean.statusCode, 200, clean.body);
    const balanced = clean.json<ReconciliationReport>();
    assert.equal(balanced.status, 'balanced', JSON.stringify(balanced));
    assert.ok(balanced.matched > 0);
    assert.equal(balanced.totals.local.netFen, balanced.totals.gateway.netFen);

    // faults at the gateway: a misstated amount, a payment left out, a stray payment, and a
    // payment whose notification never came (still pending here)
    const sim = t.app.payments.simulator!;
    const paidTrades = await t.kernel.db.orm.execute<{ out_trade_no: string }>(
      sql`SELECT out_trade_no FROM payment_attempt WHERE status = 'succeeded' AND NOT unapplied ORDER BY created_at LIMIT 2`,
    );
    const [misstated, omitted] = paidTrades.rows.map((r) => r.out_trade_no);
    await sim.tamperStatement(misstated!, { amountFen: 1 });
    await sim.tamperStatement(omitted!, { omit: true });
    await sim.recordStrayPayment({ outTradeNo: 'STRAY0001', amountFen: 4200, paidAt: new Date() });
    const id = await submit(citizen, listId);
    const pendingOrder = await orderOfStage(citizen, id, 'beforeAcceptance');
    const attempt = await pay(citizen, pendingOrder.id);
    await atCashier(t, attempt);
    // (its notifications are not delivered: the jobs do not run)

    const run = await ops('POST', `${PAY}/reconciliations`, { date: today });
    const report = run.json<ReconciliationReport>();
    assert.equal(report.status, 'mismatched');
    assert.equal(report.runs, 2);
    assert.deepEqual(
      report.amountDiffers.map((l) => [l.reference, l.localFen, l.gatewayFen]),
      [[misstated, 1000, 1]],
    );
    assert.deepEqual(
      report.missingAtGateway.map((l) => l.reference),
      [omitted],
    );
    assert.deepEqual(
      report.missingLocally.map((l) => [l.reference, l.gatewayFen]),
      [['STRAY0001', 4200]],
    );
    assert.deepEqual(
      report.statusDiffers.map((l) => [l.reference, l.localStatus, l.gatewayStatus]),
      [[attempt.outTradeNo, 'pending', 'success']],
    );
    const stored = await ops('GET', `${PAY}/reconciliations/${today}`);
    assert.equal(stored.json<ReconciliationReport>().runs, 2);
    const list = await ops('GET', `${PAY}/reconciliations`);
    assert.equal(list.json<{ items: { mismatches: number }[] }>().items[0]?.mismatches, 4);
    const future = await ops('POST', `${PAY}/reconciliations`, { date: '2999-01-01' });
    assert.equal(future.statusCode, 422);
    await runJobs(t);
  });

  it('settles a pending payment after a restart by asking the gateway', async () => {
    const id = await submit(citizen, listId);
    const order = await orderOfStage(citizen, id, 'beforeAcceptance');
    const attempt = await pay(citizen, order.id);
    await atCashier(t, attempt);
    // the notifications are lost: the server stops before sending them
    await t.kernel.db.orm.execute(
      sql`DELETE FROM job WHERE kind = 'payments.simulated-gateway.notify' AND status = 'pending'`,
    );
    await t.restart();
    const settled = await t.app.payments.settlement.pollPending({ minAgeMs: 0 });
    assert.ok(settled >= 1);
    const sys = await t.app.payments.service
      .getOrder(systemActor('test'), order.id)
      .catch(() => undefined);
    assert.equal(sys, undefined, 'the system reads no order through the applicants’ API');
    const view = await t.app.inject({
      method: 'GET',
      url: `${PAY}/orders/${order.id}`,
      headers: {
        cookie: await loginAs(
          t,
          await createStaff(t, { roles: ['windowOfficer'], organisationId }),
        ),
      },
    });
    assert.equal(view.json<FeeOrder>().status, 'paid', view.body);
    // the poll job is registered and scheduled
    const [job] = (
      await t.kernel.db.orm.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM job WHERE kind = 'payments.poll-pending' AND status = 'pending'`,
      )
    ).rows as [{ n: number }];
    assert.ok(job.n >= 1);
  });
});
