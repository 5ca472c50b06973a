import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { GatewayNotification, PaymentGateway } from './gateway.js';

/*
 * The contract every PaymentGateway adapter keeps (docs/payments-gateway-adapter.md), as a test
 * suite. An adapter's test calls `describeGatewayContract` with a factory; the factory gives the
 * gateway and the hooks only a sandbox has (a payer who pays, a notification as the gateway
 * would sign it). The simulated gateway passes it in simulated-gateway.test.ts.
 */

export interface GatewayUnderTest {
  gateway: PaymentGateway;
  /** the payer pays the trade at the cashier (a sandbox account, a test card …) */
  payerPays: (outTradeNo: string) => Promise<void>;
  /** a notification of the trade as the gateway sends it: the raw body and its headers */
  signedNotification: (
    outTradeNo: string,
    status: GatewayNotification['status'],
  ) => Promise<{ headers: Record<string, string>; body: string }>;
  /** the day (YYYY-MM-DD, Asia/Shanghai) whose statement holds what was paid now */
  today: string;
  close: () => Promise<void>;
}

export function describeGatewayContract(
  name: string,
  factory: () => Promise<GatewayUnderTest>,
): void {
  void describe(`payment gateway contract: ${name}`, () => {
    let g: GatewayUnderTest;
    const trade = (amountFen = 8000) => ({
      outTradeNo: `CT${Date.now()}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      amountFen,
      subject: '合同测试 缴款码 410100',
      notifyUrl: 'http://127.0.0.1:9/api/v1/payments/callbacks/test',
      returnUrl: '/me/applications',
      expiresAt: new Date(Date.now() + 15 * 60_000),
    });

    before(async () => {
      g = await factory();
    });
    after(() => g.close());

    void it('makes a trade once per outTradeNo', async () => {
      const input = trade();
      const first = await g.gateway.createTrade(input);
      assert.ok(first.tradeNo);
      assert.ok(first.cashierUrl);
      const again = await g.gateway.createTrade(input);
      assert.equal(again.tradeNo, first.tradeNo);
      const found = await g.gateway.queryTrade(input.outTradeNo);
      assert.equal(found?.status, 'waiting');
      assert.equal(found?.amountFen, 8000);
      assert.equal(await g.gateway.queryTrade(`NONE${input.outTradeNo}`), undefined);
    });

    void it('reports a paid trade as a success, and closing it does not undo the payment', async () => {
      const input = trade(12345);
      await g.gateway.createTrade(input);
      await g.payerPays(input.outTradeNo);
      const paid = await g.gateway.queryTrade(input.outTradeNo);
      assert.equal(paid?.status, 'success');
      assert.ok(paid?.paidAt instanceof Date);
      const closed = await g.gateway.closeTrade(input.outTradeNo);
      assert.equal(closed?.status, 'success');
    });

    void it('closes a waiting trade', async () => {
      const input = trade();
      await g.gateway.createTrade(input);
      const closed = await g.gateway.closeTrade(input.outTradeNo);
      assert.equal(closed?.status, 'closed');
      assert.equal((await g.gateway.queryTrade(input.outTradeNo))?.status, 'closed');
    });

    void it('refunds once per outRefundNo and never beyond the trade', async () => {
      const input = trade(10000);
      await g.gateway.createTrade(input);
      await g.payerPays(input.outTradeNo);
      const refund = {
        outRefundNo: `${input.outTradeNo}R1`,
        outTradeNo: input.outTradeNo,
        amountFen: 6000,
        reason: '退费',
      };
      const first = await g.gateway.refund(refund);
      assert.equal(first.status, 'success');
      const again = await g.gateway.refund(refund);
      assert.equal(again.refundNo, first.refundNo, 'the same outRefundNo is the same refund');
      const over = await g.gateway.refund({
        ...refund,
        outRefundNo: `${input.outTradeNo}R2`,
        amountFen: 4001,
      });
      assert.equal(over.status, 'failed');
      const rest = await g.gateway.refund({
        ...refund,
        outRefundNo: `${input.outTradeNo}R3`,
        amountFen: 4000,
      });
      assert.equal(rest.status, 'success');
      const unpaid = trade();
      await g.gateway.createTrade(unpaid);
      const refused = await g.gateway.refund({
        ...refund,
        outTradeNo: unpaid.outTradeNo,
        outRefundNo: `${unpaid.outTradeNo}R1`,
      });
      assert.equal(refused.status, 'failed');

      // the day's statement has the payment and the refunds that went through, to the fen
      const statement = await g.gateway.statement(g.today);
      const payment = statement.find(
        (s) => s.kind === 'payment' && s.reference === input.outTradeNo,
      );
      assert.equal(payment?.amountFen, 10000);
      const refunds = statement.filter(
        (s) =>
          s.kind === 'refund' && s.status === 'success' && s.reference.startsWith(input.outTradeNo),
      );
      assert.deepEqual(
        refunds.map((r) => r.amountFen).sort((a, b) => a - b),
        [4000, 6000],
      );
    });

    void it('verifies its notifications and refuses anything else without throwing', async () => {
      const input = trade(777);
      await g.gateway.createTrade(input);
      await g.payerPays(input.outTradeNo);
      const signed = await g.signedNotification(input.outTradeNo, 'success');
      const ok = g.gateway.verifyCallback(signed.headers, Buffer.from(signed.body));
      assert.ok(ok.ok);
      assert.equal(ok.notification.outTradeNo, input.outTradeNo);
      assert.equal(ok.notification.status, 'success');
      assert.equal(ok.notification.amountFen, 777);
      assert.ok(ok.notification.notificationId);
      // a repeat carries the same notification id
      const repeat = await g.signedNotification(input.outTradeNo, 'success');
      const again = g.gateway.verifyCallback(repeat.headers, Buffer.from(repeat.body));
      assert.ok(again.ok);
      assert.equal(again.notification.notificationId, ok.notification.notificationId);
      for (const [headers, body] of [
        [signed.headers, signed.body.replace('777', '778')],
        [{}, signed.body],
        [signed.headers, ''],
        [signed.headers, '\u0000\u0001 not json'],
        [Object.fromEntries(Object.keys(signed.headers).map((k) => [k, 'x'])), signed.body],
      ] as const) {
        const bad = g.gateway.verifyCallback(headers, Buffer.from(body));
        assert.equal(bad.ok, false);
      }
    });
  });
}
