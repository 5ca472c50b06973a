import assert from 'node:assert/strict';
import net from 'node:net';
import type { FeeItem, FeeOrder, PaymentAttempt } from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import { FAST_ARGON2 } from '../../test-support/identity.js';

/*
 * What the payments tests share: an app that listens (the simulated gateway POSTs its
 * notifications over HTTP to ZT_PUBLIC_URL), a list with fees, and small API helpers.
 */

export const PAY = '/api/v1/payments';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The app on a fresh database, listening where ZT_PUBLIC_URL says, with the fast argon2. */
export async function createListeningApp(env: Record<string, string> = {}): Promise<{
  t: TestApp;
  listen: () => Promise<void>;
}> {
  const port = await freePort();
  const t = await createTestApp({
    env: {
      ...FAST_ARGON2,
      ZT_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ZT_PAYMENT_SIM_DUPLICATES: '1',
      ...env,
    },
  });
  const listen = async () => {
    await t.app.listen({ host: '127.0.0.1', port });
  };
  await listen();
  return { t, listen };
}

export const feeItem = (overrides: Partial<FeeItem> = {}): FeeItem => ({
  name: '不动产登记费（住宅类）',
  amountFen: 8000,
  legalBasis: '发改价格规〔2016〕2559号',
  nonTaxRevenueCode: '103045',
  collectAt: 'beforeIssuing',
  ...overrides,
});

/** A person's promised case at the 郑州 market-regulation bureau with the fees given. */
export async function listWithFees(
  t: TestApp,
  items: FeeItem[],
): Promise<{ listId: string; organisationId: string }> {
  const organisation = await organisationId(t, '410100', '郑州市市场监督管理局');
  const item = await createTestItem(t, { applicantKinds: ['person'] });
  const listId = await createPublishedList(
    t,
    item,
    organisation,
    validElements({ fees: { free: items.length === 0, items } }),
  );
  return { listId, organisationId: organisation };
}

let keys = 0;
export const newKey = (prefix = 'k') => `${prefix}-${++keys}-${Date.now()}`;

/** The API as one signed-in party (or anonymous). */
export function caller(t: () => TestApp, cookie?: string) {
  return (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t().app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

export type Call = ReturnType<typeof caller>;

export async function submit(call: Call, listId: string): Promise<string> {
  const res = await call(
    'POST',
    '/api/v1/applications',
    { listId, formData: { reason: '测试缴费' } },
    { 'idempotency-key': newKey('submit') },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ id: string }>().id;
}

export async function ordersOf(call: Call, applicationId: string): Promise<FeeOrder[]> {
  const res = await call('GET', `${PAY}/orders?applicationId=${applicationId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ items: FeeOrder[] }>().items;
}

export async function orderOfStage(
  call: Call,
  applicationId: string,
  stage: FeeOrder['stage'],
): Promise<FeeOrder> {
  const order = (await ordersOf(call, applicationId)).find((o) => o.stage === stage);
  assert.ok(order, `no ${stage} order of ${applicationId}`);
  return order;
}

export async function pay(call: Call, orderId: string, key = newKey('pay')) {
  const res = await call('POST', `${PAY}/orders/${orderId}/pay`, undefined, {
    'idempotency-key': key,
  });
  assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
  return res.json<PaymentAttempt>();
}

/** The payer at the simulated cashier: confirms (or fails) the payment. */
export async function atCashier(
  t: TestApp,
  attempt: PaymentAttempt,
  outcome: 'success' | 'failure' = 'success',
) {
  assert.ok(attempt.cashierUrl, 'the attempt has no cashier');
  const url = new URL(attempt.cashierUrl, 'http://x');
  const tradeNo = url.pathname.split('/').pop()!;
  const token = url.searchParams.get('token')!;
  const res = await t.app.inject({
    method: 'POST',
    url: `${PAY}/simulated-gateway/trades/${tradeNo}/pay`,
    payload: { token, outcome },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ status: string }>();
}

/** Runs due durable jobs (notifications, refunds) until none is left. */
export async function runJobs(t: TestApp, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const r = await t.kernel.jobs.runOnce();
    if (r.claimed === 0) return;
  }
}

/** The whole ledger's balance per account, and the sums of debits and credits. */
export async function ledger(t: TestApp) {
  const rows = await t.app.payments.settlement.trialBalance();
  const debits = rows.reduce((s, r) => s + r.debitFen, 0);
  const credits = rows.reduce((s, r) => s + r.creditFen, 0);
  const balance = (account: string) => {
    const r = rows.find((x) => x.account === account);
    return r ? r.debitFen - r.creditFen : 0;
  };
  return { rows, debits, credits, balance };
}
