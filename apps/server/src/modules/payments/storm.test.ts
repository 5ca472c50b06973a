import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FeeOrder, PaymentAttempt } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { newId } from '../../kernel/ids.js';
import type { TestApp } from '../../test-support/app.js';
import { organisationId as demoOrganisation } from '../../test-support/catalog.js';
import { createPerson, loginAs } from '../../test-support/identity.js';
import type { GatewayNotification } from './gateway.js';
import {
  PAY,
  atCashier,
  caller,
  createListeningApp,
  feeItem,
  ledger,
  pay,
  runJobs,
  type Call,
} from './testing.js';

// The callback storm: 50 orders paid at the simulated gateway, then 200 signed notifications of
// them — each success repeated, a failure of the same trade before or after it — fired all at
// once while the gateway's own notification jobs (three copies each) run too. Every order is
// paid exactly once and the ledger balances to the fen.

const ORDERS = 50;

describe('payments: a storm of duplicated, out-of-order callbacks', () => {
  let t: TestApp;
  let citizen: Call;
  let accountId: string;
  let organisationId: string;
  const app = () => t;

  before(async () => {
    ({ t } = await createListeningApp({
      ZT_PAYMENT_SIM_DUPLICATES: '3',
      ZT_PAYMENT_SIM_DELAY_MS: '0',
    }));
    const person = await createPerson(t);
    accountId = person.accountId;
    citizen = caller(app, await loginAs(t, person));
    organisationId = await demoOrganisation(t, '410100', '郑州市市场监督管理局');
  });
  after(() => t.close());

  it('pays each of 50 orders exactly once under 200 concurrent callbacks', async () => {
    // 50 fee orders of as many applications, amounts to the fen
    for (let i = 0; i < ORDERS; i++) {
      await t.kernel.db.orm.transaction((tx) =>
        t.app.payments.fees.open(tx, {
          actor: systemActor('test'),
          application: {
            id: newId(),
            applicationNo: `41010020260101${String(i).padStart(6, '0')}`,
            itemName: `风暴测试事项 ${i}`,
            applicantAccountId: accountId,
            enterpriseId: null,
            payerName: '张*',
            organisationId,
            acceptingOrganisationId: organisationId,
            regionCode: '410100',
          },
          stage: 'beforeIssuing',
          fees: {
            free: false,
            items: [
              feeItem({ amountFen: 1 + crypto.randomInt(0, 99_999) }),
              feeItem({
                name: '工本费',
                amountFen: 1 + crypto.randomInt(0, 500),
                nonTaxRevenueCode: '103046',
              }),
            ],
          },
          immediate: false,
        }),
      );
    }
    const listed = await citizen('GET', `${PAY}/orders`);
    const orders = listed.json<{ items: FeeOrder[] }>().items;
    assert.equal(orders.length, ORDERS);
    const expectedFen = orders.reduce((s, o) => s + o.totalFen, 0);

    // each paid at the cashier (its notification jobs are queued, not yet run)
    const attempts: PaymentAttempt[] = [];
    for (const order of orders) {
      const attempt = await pay(citizen, order.id);
      await atCashier(t, attempt);
      attempts.push(attempt);
    }

    // 200 signed notifications: per order the success three times and a failure of the same
    // trade, shuffled so a failure comes before or after its success
    const sim = t.app.payments.simulator!;
    const storm: { headers: Record<string, string>; body: string }[] = [];
    for (const attempt of attempts) {
      const success = await sim.notificationFor(attempt.outTradeNo, 'success');
      const failure: GatewayNotification = await sim.notificationFor(attempt.outTradeNo, 'failed');
      for (const n of [success, success, success, failure]) storm.push(sim.sign(n));
    }
    assert.equal(storm.length, 200);
    for (let i = storm.length - 1; i > 0; i--) {
      const j = crypto.randomInt(0, i + 1);
      [storm[i], storm[j]] = [storm[j]!, storm[i]!];
    }
    const started = Date.now();
    const [answers] = await Promise.all([
      Promise.all(
        storm.map((c) =>
          t.app.inject({
            method: 'POST',
            url: `${PAY}/callbacks/simulated`,
            headers: { 'content-type': 'application/json', ...c.headers },
            payload: c.body,
          }),
        ),
      ),
      // the gateway's own notifications (4 copies of each success) over HTTP meanwhile
      runJobs(t, 100),
    ]);
    t.app.log.info({ ms: Date.now() - started }, 'storm');
    assert.ok(
      answers.every((a) => a.statusCode === 200),
      answers.find((a) => a.statusCode !== 200)?.body,
    );
    await runJobs(t, 100);

    // every order paid, once
    const after = (await citizen('GET', `${PAY}/orders`)).json<{ items: FeeOrder[] }>().items;
    for (const order of after) {
      assert.equal(order.status, 'paid', `${order.orderNo} is ${order.status}`);
      assert.equal(order.paidFen, order.totalFen);
      assert.ok(order.receiptNo);
    }
    const db = t.kernel.db.orm;
    const perOrder = await db.execute<{
      order_id: string;
      payments: number;
      fen: number;
      lines: number;
    }>(sql`
      SELECT order_id, count(DISTINCT source_id)::int AS payments, sum(amount_fen)::int AS fen,
             count(*)::int AS lines
        FROM ledger_entry WHERE kind = 'payment' GROUP BY order_id`);
    assert.equal(perOrder.rows.length, ORDERS);
    const byId = new Map(after.map((o) => [o.id, o]));
    for (const row of perOrder.rows) {
      assert.equal(row.payments, 1, 'one payment posted per order');
      assert.equal(row.lines, 2, 'one line per fee item');
      assert.equal(row.fen, byId.get(row.order_id)?.totalFen);
    }
    const succeeded = await db.execute<{ n: number; unapplied: number }>(sql`
      SELECT count(*)::int AS n, (count(*) FILTER (WHERE unapplied))::int AS unapplied
        FROM payment_attempt WHERE status = 'succeeded'`);
    assert.deepEqual(succeeded.rows[0], { n: ORDERS, unapplied: 0 });

    // the ledger balances to the fen: debits = credits = Σ paid
    const { debits, credits, balance } = await ledger(t);
    assert.equal(debits, credits);
    assert.equal(debits, expectedFen);
    assert.equal(balance('gateway:simulated'), expectedFen);
    assert.equal(balance(`payee:${organisationId}`), -expectedFen);
    assert.equal(balance('suspense'), 0);

    // each notification logged once, every repeat counted on it
    const log = await db.execute<{
      status: string;
      rows: number;
      deliveries: number;
      applied: number;
    }>(sql`
      SELECT trade_status AS status, count(*)::int AS rows, sum(deliveries)::int AS deliveries,
             (count(*) FILTER (WHERE outcome = 'applied'))::int AS applied
        FROM payment_callback WHERE verified GROUP BY trade_status ORDER BY trade_status`);
    const success = log.rows.find((r) => r.status === 'success');
    assert.equal(success?.rows, ORDERS);
    assert.equal(success?.deliveries, ORDERS * 3 + ORDERS * 4);
    assert.equal(success?.applied, ORDERS);
    // one paid event per order
    const events = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'payment.order.paid'`,
    );
    assert.equal(events.rows[0]?.n, ORDERS);
  });
});
