import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FeeOrder, Problem } from '@zhengtong/contracts';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId as demoOrganisation,
  validElements,
} from '../../test-support/catalog.js';
import { createPerson, createStaff, loginAs, makeIdNumber } from '../../test-support/identity.js';
import {
  PAY,
  atCashier,
  caller,
  createListeningApp,
  feeItem,
  listWithFees,
  newKey,
  orderOfStage,
  pay,
  runJobs,
  submit,
  type Call,
} from './testing.js';

// Who may do what with fee orders, and what everyone else sees: another citizen nothing (404),
// another department neither the revenue (403) nor a refund (404); the callback endpoint only
// what a good signature covers; and bad input answered as problem+json with field paths.

describe('payments: authorization and bad input', () => {
  let t: TestApp;
  let organisationId: string;
  let otherOrganisation: string;
  let order: FeeOrder;
  const who: Record<string, Call> = {};
  const app = () => t;

  before(async () => {
    ({ t } = await createListeningApp());
    let listId: string;
    ({ listId, organisationId } = await listWithFees(t, [
      feeItem({ amountFen: 1000, collectAt: 'beforeAcceptance' }),
    ]));
    otherOrganisation = await demoOrganisation(t, '410300', '洛阳市市场监督管理局');
    who.citizen = caller(app, await loginAs(t, await createPerson(t)));
    who.other = caller(app, await loginAs(t, await createPerson(t, { name: '王五' })));
    who.window = caller(
      app,
      await loginAs(t, await createStaff(t, { roles: ['windowOfficer'], organisationId })),
    );
    who.clerk = caller(app, await loginAs(t, await createStaff(t, { roles: [], organisationId })));
    who.outsider = caller(
      app,
      await loginAs(
        t,
        await createStaff(t, {
          roles: ['windowOfficer', 'departmentAdmin'],
          organisationId: otherOrganisation,
        }),
      ),
    );
    who.province = caller(
      app,
      await loginAs(t, await createStaff(t, { roles: ['provinceAdmin'] })),
    );
    who.anonymous = caller(app);
    const id = await submit(who.citizen, listId);
    order = await orderOfStage(who.citizen, id, 'beforeAcceptance');
  });
  after(() => t.close());

  const code = async (
    res: Promise<{ statusCode: number; json: <T>() => T; headers: Record<string, unknown> }>,
  ) => {
    const r = await res;
    return [r.statusCode, r.statusCode >= 400 ? r.json<Problem>().code : undefined];
  };

  it('lets only the payer, the payee’s staff and province admins read an order', async () => {
    for (const reader of ['citizen', 'window', 'clerk', 'province']) {
      const res = await who[reader]!('GET', `${PAY}/orders/${order.id}`);
      assert.equal(res.statusCode, 200, `${reader}: ${res.body}`);
    }
    assert.deepEqual(await code(who.other!('GET', `${PAY}/orders/${order.id}`)), [
      404,
      'order-not-found',
    ]);
    assert.deepEqual(await code(who.outsider!('GET', `${PAY}/orders/${order.id}`)), [
      404,
      'order-not-found',
    ]);
    assert.deepEqual(await code(who.anonymous!('GET', `${PAY}/orders/${order.id}`)), [
      404,
      'order-not-found',
    ]);
    // lists are filtered, not refused
    const others = await who.other!('GET', `${PAY}/orders?applicationId=${order.applicationId}`);
    assert.deepEqual(others.json<{ items: unknown[] }>().items, []);
    const outsiders = await who.outsider!(
      'GET',
      `${PAY}/orders?applicationId=${order.applicationId}`,
    );
    assert.deepEqual(outsiders.json<{ items: unknown[] }>().items, []);
    assert.deepEqual(await code(who.anonymous!('GET', `${PAY}/orders`)), [401, 'unauthenticated']);
    assert.deepEqual(await code(who.anonymous!('GET', `${PAY}/receipts`)), [
      401,
      'unauthenticated',
    ]);
  });

  it('lets the service hall that accepts an application read its orders, but not refund', async () => {
    const hall = await demoOrganisation(t, '410100', '郑州市政务服务中心');
    const hallWindow = caller(
      app,
      await loginAs(t, await createStaff(t, { roles: ['windowOfficer'], organisationId: hall })),
    );
    // 窗口收件 at the hall for the market bureau's item (通办, so another organisation's window
    // may take it): the hall accepts, the bureau is paid
    const anywhere = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      organisationId,
      validElements({
        crossRegionScope: 'crossRegion',
        fees: { free: false, items: [feeItem({ amountFen: 500, collectAt: 'beforeAcceptance' })] },
      }),
    );
    const filed = await hallWindow(
      'POST',
      '/api/v1/applications/window',
      {
        listId: anywhere,
        formData: { reason: '窗口缴费' },
        applicant: { idNumber: makeIdNumber(), name: '赵六' },
      },
      { 'idempotency-key': newKey('window') },
    );
    assert.equal(filed.statusCode, 201, filed.body);
    const applicationId = filed.json<{ id: string }>().id;
    const listed = await hallWindow('GET', `${PAY}/orders?applicationId=${applicationId}`);
    const [hallOrder, ...more] = listed.json<{ items: FeeOrder[] }>().items;
    assert.ok(hallOrder, listed.body);
    assert.equal(more.length, 0);
    assert.equal(hallOrder.payeeOrganisationId, organisationId);
    assert.equal(hallOrder.payerName, '赵*', 'a person’s name stays masked');
    assert.equal((await hallWindow('GET', `${PAY}/orders/${hallOrder.id}`)).statusCode, 200);
    assert.equal((await who.window!('GET', `${PAY}/orders/${hallOrder.id}`)).statusCode, 200);
    assert.deepEqual(await code(who.outsider!('GET', `${PAY}/orders/${hallOrder.id}`)), [
      404,
      'order-not-found',
    ]);
    // the bureau's orders of other applications stay out of the hall's list
    const others = await hallWindow('GET', `${PAY}/orders?applicationId=${order.applicationId}`);
    assert.deepEqual(others.json<{ items: unknown[] }>().items, []);
    assert.deepEqual(
      await code(
        hallWindow(
          'POST',
          `${PAY}/orders/${hallOrder.id}/refunds`,
          { amountFen: 100, reason: '不是收款单位' },
          { 'idempotency-key': newKey('refund') },
        ),
      ),
      [403, 'not-the-payee'],
    );
  });

  it('lets only the payer pay', async () => {
    const key = { 'idempotency-key': newKey() };
    assert.deepEqual(
      await code(who.other!('POST', `${PAY}/orders/${order.id}/pay`, undefined, key)),
      [404, 'order-not-found'],
    );
    assert.deepEqual(
      await code(who.window!('POST', `${PAY}/orders/${order.id}/pay`, undefined, key)),
      [403, 'applicants-only'],
    );
    assert.deepEqual(
      await code(who.anonymous!('POST', `${PAY}/orders/${order.id}/pay`, undefined, key)),
      [401, 'unauthenticated'],
    );
    const attempt = await pay(who.citizen!, order.id);
    await atCashier(t, attempt);
    await runJobs(t);
    assert.deepEqual(await code(who.other!('GET', `${PAY}/orders/${order.id}/receipt`)), [
      404,
      'order-not-found',
    ]);
    const receipt = await who.citizen!('GET', `${PAY}/orders/${order.id}/receipt`);
    assert.equal(receipt.statusCode, 200, receipt.body);
    // the payer's name is masked wherever it shows, the ID number nowhere
    assert.doesNotMatch(receipt.body, /张三/);
  });

  it('lets only the payee department’s officers refund', async () => {
    const body = { amountFen: 100, reason: '测试' };
    const key = () => ({ 'idempotency-key': newKey('r') });
    assert.deepEqual(
      await code(who.outsider!('POST', `${PAY}/orders/${order.id}/refunds`, body, key())),
      [404, 'order-not-found'],
    );
    assert.deepEqual(
      await code(who.citizen!('POST', `${PAY}/orders/${order.id}/refunds`, body, key())),
      [403, 'staff-only'],
    );
    assert.deepEqual(
      await code(who.clerk!('POST', `${PAY}/orders/${order.id}/refunds`, body, key())),
      [403, 'not-the-payee'],
    );
    assert.deepEqual(
      await code(who.province!('POST', `${PAY}/orders/${order.id}/refunds`, body, key())),
      [403, 'not-the-payee'],
    );
    const res = await who.window!('POST', `${PAY}/orders/${order.id}/refunds`, body, key());
    assert.equal(res.statusCode, 201, res.body);
  });

  it('shows a department’s revenue to its staff and province admins only', async () => {
    const day = toShanghaiDate(new Date());
    const url = (org: string) => `${PAY}/revenue?organisationId=${org}&from=${day}&to=${day}`;
    assert.equal((await who.window!('GET', url(organisationId))).statusCode, 200);
    assert.equal((await who.province!('GET', url(organisationId))).statusCode, 200);
    assert.deepEqual(await code(who.outsider!('GET', url(organisationId))), [
      403,
      'not-your-organisation',
    ]);
    assert.deepEqual(await code(who.citizen!('GET', url(organisationId))), [403, 'staff-only']);
    const reversed = await who.window!(
      'GET',
      `${PAY}/revenue?organisationId=${organisationId}&from=${day}&to=2000-01-01`,
    );
    assert.equal(reversed.statusCode, 422);
    assert.equal(reversed.json<Problem>().errors?.[0]?.path, '/query/from');
  });

  it('lets operations and admins reconcile, nobody else', async () => {
    const body = { date: toShanghaiDate(new Date()) };
    assert.deepEqual(await code(who.window!('POST', `${PAY}/reconciliations`, body)), [
      403,
      'reconcilers-only',
    ]);
    assert.deepEqual(await code(who.citizen!('POST', `${PAY}/reconciliations`, body)), [
      403,
      'reconcilers-only',
    ]);
    assert.deepEqual(await code(who.anonymous!('GET', `${PAY}/reconciliations`)), [
      401,
      'unauthenticated',
    ]);
    assert.equal((await who.province!('POST', `${PAY}/reconciliations`, body)).statusCode, 200);
  });

  it('refuses a notification with a bad signature (401), logs it and changes nothing', async () => {
    const id = await submit(
      who.citizen!,
      (await listWithFees(t, [feeItem({ collectAt: 'beforeAcceptance' })])).listId,
    );
    const fresh = await orderOfStage(who.citizen!, id, 'beforeAcceptance');
    const attempt = await pay(who.citizen!, fresh.id);
    const sim = t.app.payments.simulator!;
    const signed = sim.sign(await sim.notificationFor(attempt.outTradeNo, 'success'));
    const post = (headers: Record<string, string>, body: string) =>
      t.app.inject({
        method: 'POST',
        url: `${PAY}/callbacks/simulated`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: body,
      });
    // the body changed after signing (the amount), the signature of another body, no signature
    const tampered = signed.body.replace(/"amountFen":\d+/, '"amountFen":1');
    for (const [headers, body] of [
      [signed.headers, tampered],
      [{ ...signed.headers, 'zt-sim-signature': 'ab'.repeat(32) }, signed.body],
      [{}, signed.body],
      [{ ...signed.headers, 'zt-sim-timestamp': String(Date.now() - 3_600_000) }, signed.body],
    ] as const) {
      const res = await post(headers, body);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json<Problem>().code, 'bad-signature');
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
    const view = await who.citizen!('GET', `${PAY}/orders/${fresh.id}`);
    assert.equal(view.json<FeeOrder>().status, 'unpaid');
    const rejected = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM payment_callback WHERE NOT verified AND outcome = 'rejected'`,
    );
    assert.ok(rejected.rows[0]!.n >= 4);
    // another gateway's path: there is none
    const unknown = await post(signed.headers, signed.body);
    assert.equal(unknown.statusCode, 200, 'the good one still applies');
    const nowhere = await t.app.inject({
      method: 'POST',
      url: `${PAY}/callbacks/alipay`,
      payload: signed.body,
      headers: { 'content-type': 'application/json', ...signed.headers },
    });
    assert.equal(nowhere.statusCode, 404);
  });

  it('answers wrong types, missing fields and huge bodies with problem+json and field paths', async () => {
    const refund = (
      body: unknown,
      headers: Record<string, string> = { 'idempotency-key': newKey() },
    ) => who.window!('POST', `${PAY}/orders/${order.id}/refunds`, body, headers);
    const wrongType = await refund({ amountFen: '100', reason: 'x' });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json<Problem>().code, 'validation');
    assert.deepEqual(
      wrongType.json<Problem>().errors?.map((e) => e.path),
      ['/body/amountFen'],
    );
    const missing = await refund({ amountFen: 100 });
    assert.deepEqual(
      missing.json<Problem>().errors?.map((e) => e.path),
      ['/body/reason'],
    );
    const fraction = await refund({ amountFen: 1.5, reason: 'x' });
    assert.equal(fraction.statusCode, 400, 'money is integer fen');
    const noKey = await refund({ amountFen: 100, reason: 'x' }, {});
    assert.equal(noKey.json<Problem>().code, 'idempotency-key-required');
    assert.deepEqual(
      noKey.json<Problem>().errors?.map((e) => e.path),
      ['/headers/idempotency-key'],
    );
    const badId = await who.citizen!('GET', `${PAY}/orders/not-a-uuid`);
    assert.deepEqual(
      badId.json<Problem>().errors?.map((e) => e.path),
      ['/params/id'],
    );
    const noOrg = await who.window!('GET', `${PAY}/revenue?from=2026-01-01&to=2026-01-31`);
    assert.deepEqual(
      noOrg.json<Problem>().errors?.map((e) => e.path),
      ['/query/organisationId'],
    );
    const badDate = await who.province!('POST', `${PAY}/reconciliations`, { date: '2026/01/01' });
    assert.deepEqual(
      badDate.json<Problem>().errors?.map((e) => e.path),
      ['/body/date'],
    );
    const huge = await t.app.inject({
      method: 'POST',
      url: `${PAY}/callbacks/simulated`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(200_000) }),
    });
    assert.equal(huge.statusCode, 413, huge.body);
    assert.equal(huge.json<Problem>().code, 'body-too-large');
    const garbage = await t.app.inject({
      method: 'POST',
      url: `${PAY}/callbacks/simulated`,
      headers: { 'content-type': 'text/plain' },
      payload: 'not json at all',
    });
    assert.equal(garbage.statusCode, 401);
  });
});
