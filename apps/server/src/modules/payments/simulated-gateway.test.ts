import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import pino from 'pino';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { createTestApp } from '../../test-support/app.js';
import { describeGatewayContract } from './gateway-contract.js';
import { allocate } from './settlement.js';
import { SimulatedGateway, cashierPath } from './simulated-gateway.js';

// The simulated gateway keeps the adapter contract; the refund split is property-tested.

describeGatewayContract('simulated', async () => {
  const t = await createTestApp({ demo: false });
  const gateway = new SimulatedGateway({
    db: t.kernel.db.orm,
    log: pino({ level: 'silent' }),
    settings: {
      secret: crypto.randomBytes(32).toString('hex'),
      duplicates: 0,
      maxDelayMs: 0,
      dropRate: 0,
      unavailableRate: 0,
    },
  });
  const tokenOf = async (outTradeNo: string) => {
    const trade = await gateway.trade(outTradeNo);
    assert.ok(trade);
    return trade;
  };
  return {
    gateway,
    payerPays: async (outTradeNo) => {
      const trade = await tokenOf(outTradeNo);
      assert.match(cashierPath(trade), /^\/pay\/simulated\//);
      await gateway.pay(trade.tradeNo, trade.cashierToken, 'success');
    },
    signedNotification: async (outTradeNo, status) =>
      gateway.sign(await gateway.notificationFor(outTradeNo, status)),
    today: toShanghaiDate(new Date()),
    close: () => t.close(),
  };
});

describe('refund allocation over fee lines', () => {
  it('splits exactly, in proportion, never beyond a line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (remaining, share) => {
          const total = remaining.reduce((s, r) => s + r, 0);
          const amount = Math.floor(total * share);
          const parts = allocate(amount, remaining);
          assert.equal(
            parts.reduce((s, p) => s + p, 0),
            amount,
          );
          parts.forEach((p, i) => {
            assert.ok(Number.isInteger(p) && p >= 0 && p <= remaining[i]!);
            // within a fen of the exact proportion
            if (total > 0) assert.ok(Math.abs(p - (amount * remaining[i]!) / total) < 1);
          });
        },
      ),
    );
    assert.deepEqual(allocate(3000, [8000, 501]), [2823, 177]);
    assert.throws(() => allocate(10, [3, 4]));
  });
});
