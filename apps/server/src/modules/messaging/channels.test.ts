import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type {
  Application,
  Certificate,
  Evaluation,
  InboxNotification,
  MessageDelivery,
  MessageDeliveryPage,
  MessageKindList,
  MessagePreferences,
  MessageTemplate,
  MessageTemplateList,
  MessageTemplatePreview,
  NotificationPage,
  Problem,
  RectificationCaseList,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointWithSecret,
} from '@zhengtong/contracts';
import { publishEvent } from '../../kernel/events/outbox.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { insertCompletedBundle } from '../../test-support/bundles.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import {
  createPerson,
  createStaff,
  FAST_ARGON2,
  loginAs,
  loginCookie,
  type TestPerson,
} from '../../test-support/identity.js';
import { DEMO_ENTERPRISE, DEMO_STAFF_PASSWORD } from '../identity/demo-accounts.js';
import { referenceCertificateTypeCode } from '../certificates/reference-certificate-types.js';
import { backoffMs } from './delivery.js';
import { afterQuietHours } from './quiet-hours.js';
import { signatureHeader, verifySignature } from './signature.js';
import { warnDueTasks } from './warnings.js';

const PREFS = '/api/v1/notifications/preferences';
const INBOX = '/api/v1/notifications';
const DELIVERIES = '/api/v1/messaging/deliveries';
const WEBHOOKS = '/api/v1/messaging/webhooks';
const TEMPLATES = '/api/v1/messaging/templates';
const RECEIPTS = '/api/v1/messaging/sms/receipts';
const APPLICATIONS = '/api/v1/applications';
const EVALUATIONS = '/api/v1/evaluations';
const SMS_TOKEN = 'sms-Bearer-token-9981';
const RECEIPT_SECRET = 'receipt-secret-0123456789';

interface SmsCall {
  to: string;
  text: string;
  reference: string;
  authorization: string | undefined;
  messageId?: string;
}
interface HookCall {
  body: string;
  signature: string;
  event: string | undefined;
  delivery: string | undefined;
  /** whether the signature verified with the secrets the test expected at that moment */
  verified: boolean;
}

describe('messaging channels: SMS, webhooks, templates, preferences, lifecycle', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  let zzMarket: string;
  let lyMarket: string;
  let listId: string;
  let keys = 0;
  const cookie: Record<string, string> = {};
  const people: Record<string, TestPerson> = {};
  const accounts: Record<string, string> = {};
  const sms: SmsCall[] = [];
  const hooks: HookCall[] = [];
  let smsMode: 'ok' | 'fail' = 'ok';
  /** answers of the webhook server, in order; empty: 204 */
  const hookAnswers: number[] = [];
  let hookSecrets: string[] = [];
  let endpoint: WebhookEndpointWithSecret;

  const call = (
    who: string | undefined,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(who ? { cookie: cookie[who]! } : {}),
        ...(method === 'POST' && url === APPLICATIONS
          ? { 'idempotency-key': `channels-${++keys}-${Date.now()}` }
          : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async <T>(res: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };
  const problem = (res: Awaited<ReturnType<typeof call>>, status: number, code?: string) => {
    assert.equal(res.statusCode, status, res.body);
    const p = res.json<Problem>();
    if (code) assert.equal(p.code, code, res.body);
    return p;
  };
  const drain = async () => {
    for (;;) {
      const r = await t.kernel.dispatcher.dispatchOnce();
      assert.equal(r.failed, 0, 'no event handler failed');
      if (r.claimed === 0) return;
    }
  };
  const worker = () => t.app.deliveryWorker;
  const deliveriesOf = async (eventId: string, channel?: string) =>
    (
      await ok<MessageDeliveryPage>(
        await call(
          'ops',
          'GET',
          `${DELIVERIES}?pageSize=100${channel ? `&channel=${channel}` : ''}`,
        ),
      )
    ).items.filter((d) => d.sourceEventId === eventId);
  const inbox = async (who: string, kind?: string) =>
    (await ok<NotificationPage>(await call(who, 'GET', `${INBOX}?pageSize=100`))).items.filter(
      (n) => kind === undefined || n.kind === kind,
    );
  const submit = async (who: string) =>
    ok<Application>(
      await call(who, 'POST', APPLICATIONS, { listId, formData: { reason: '渠道测试' } }),
      201,
    );
  const receipt = (body: string, signature: string | undefined) =>
    t.app.inject({
      method: 'POST',
      url: RECEIPTS,
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-zhengtong-signature': signature } : {}),
      },
      payload: body,
    });
  const payment = (topic: string, accountId: string, applicationId: string, totalFen = 12050) =>
    publishEvent(t.kernel.db.orm, topic, {
      orderId: crypto.randomUUID(),
      applicationId,
      accountId,
      totalFen,
      stage: 'acceptance',
    });

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.url === '/sms') {
          const parsed = JSON.parse(body) as Omit<SmsCall, 'authorization'>;
          sms.push({ ...parsed, authorization: req.headers.authorization });
          if (req.headers.authorization !== `Bearer ${SMS_TOKEN}`) {
            res.writeHead(401).end('{"error":"unauthorised"}');
          } else if (smsMode === 'fail') {
            res.writeHead(500).end(`gateway busy for ${parsed.to}`);
          } else {
            const messageId = `prov-${sms.length}`;
            sms.at(-1)!.messageId = messageId;
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify({ messageId }));
          }
          return;
        }
        const signature = String(req.headers['x-zhengtong-signature'] ?? '');
        hooks.push({
          body,
          signature,
          event: req.headers['x-zhengtong-event'] as string | undefined,
          delivery: req.headers['x-zhengtong-delivery'] as string | undefined,
          verified: verifySignature(signature, hookSecrets, body, new Date()),
        });
        res.writeHead(hookAnswers.shift() ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({
      env: {
        ...FAST_ARGON2,
        ZT_SMS_PROVIDER: 'http',
        ZT_SMS_URL: `${base}/sms`,
        ZT_SMS_TOKEN: SMS_TOKEN,
        ZT_SMS_RECEIPT_SECRET: RECEIPT_SECRET,
        ZT_SMS_MAX_ATTEMPTS: '3',
        ZT_WEBHOOK_MAX_ATTEMPTS: '3',
        ZT_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    listId = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements(),
    );
    for (const name of ['zh', 'en', 'quiet']) {
      people[name] = await createPerson(t, { name: `测试${name}` });
      cookie[name] = await loginAs(t, people[name]);
      accounts[name] = people[name].accountId;
    }
    const staff = async (name: string, roles: string[], org = zzMarket) => {
      const member = await createStaff(t, { roles, organisationId: org });
      cookie[name] = await loginAs(t, member);
      accounts[name] = member.accountId;
    };
    await staff('window', ['windowOfficer']);
    await staff('approver', ['approver']);
    await staff('approver2', ['approver']);
    await staff('head', ['departmentHead']);
    await staff('deptAdmin', ['departmentAdmin']);
    await staff('lyAdmin', ['departmentAdmin'], lyMarket);
    await staff('ops', ['ops']);
    const province = await createStaff(t, { roles: ['provinceAdmin'], jurisdiction: '410000' });
    cookie.province = await loginAs(t, province);
    cookie.zzApprover = await loginCookie(t, 'zz-approver', DEMO_STAFF_PASSWORD);
    await drain();
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps SMS, language and quiet hours in my preferences; refuses bad ones', async () => {
    const none = await ok<MessagePreferences>(await call('zh', 'GET', PREFS));
    assert.equal(none.phone, `${people.zh!.phone.slice(0, 3)}****${people.zh!.phone.slice(-4)}`);
    assert.equal(none.smsAvailable, true);
    assert.equal(none.emailAvailable, false);
    assert.equal(none.locale, 'zh-CN');
    const set = await ok<MessagePreferences>(await call('zh', 'PUT', PREFS, { channels: ['sms'] }));
    assert.deepEqual(set.channels, ['inApp', 'sms']);
    const en = await ok<MessagePreferences>(
      await call('en', 'PUT', PREFS, { channels: ['sms', 'inApp'], locale: 'en' }),
    );
    assert.equal(en.locale, 'en');
    assert.deepEqual(en.channels, ['inApp', 'sms']);
    // the language stays when a later change does not name it
    const kept = await ok<MessagePreferences>(
      await call('en', 'PUT', PREFS, { channels: ['sms'] }),
    );
    assert.equal(kept.locale, 'en');
    assert.ok(!JSON.stringify(set).includes(people.zh!.phone), 'the phone is masked');

    // staff without a phone on record cannot ask for SMS
    const noPhone = problem(
      await call('head', 'PUT', PREFS, { channels: ['sms'] }),
      400,
      'phone-missing',
    );
    assert.equal(noPhone.errors?.[0]?.path, '/body/channels');
    assert.equal(
      (await ok<MessagePreferences>(await call('head', 'GET', PREFS))).smsAvailable,
      false,
    );

    const bad = async (body: unknown, code: string, path?: string) => {
      const p = problem(await call('zh', 'PUT', PREFS, body), 400, code);
      if (path)
        assert.ok(
          p.errors?.some((e) => e.path === path),
          JSON.stringify(p.errors),
        );
    };
    await bad({ channels: ['fax'] }, 'validation', '/body/channels/0');
    await bad({ channels: 'sms' }, 'validation', '/body/channels');
    await bad({}, 'validation', '/body/channels');
    await bad({ channels: [], locale: 'fr' }, 'validation', '/body/locale');
    await bad({ channels: [], quietStart: '25:00', quietEnd: '07:00' }, 'validation');
    await bad({ channels: [], quietStart: '22:00' }, 'quiet-hours-incomplete', '/body/quietEnd');
    await bad(
      { channels: [], quietStart: '22:00', quietEnd: '22:00' },
      'quiet-hours-empty',
      '/body/quietEnd',
    );
    await bad({ channels: ['email'], email: 'x@example.com', locale: 'en' }, 'email-unavailable');
    assert.equal((await call(undefined, 'PUT', PREFS, { channels: [] })).statusCode, 401);
    // nothing of the failed attempts stuck
    assert.deepEqual((await ok<MessagePreferences>(await call('zh', 'GET', PREFS))).channels, [
      'inApp',
      'sms',
    ]);
  });

  let paymentApp: Application;
  let createdEvent: string;

  it('sends an SMS through the HTTP provider; the signed receipt makes it delivered', async () => {
    paymentApp = await submit('zh');
    await drain();
    createdEvent = await payment('payment.order.created', accounts.zh!, paymentApp.id);
    await drain();
    const [queued, ...more] = await deliveriesOf(createdEvent, 'sms');
    assert.equal(more.length, 0);
    assert.ok(queued);
    assert.equal(queued.status, 'queued');
    assert.equal(queued.accountId, accounts.zh);
    assert.equal(queued.endpointId, null);
    assert.match(queued.address, /^\d{3}\*{4}\d{4}$/);
    const [notice] = await inbox('zh', 'payment.order.created');
    assert.ok(notice, 'the inbox has it too');
    assert.equal(notice.title, `请缴费：${paymentApp.itemName}`);
    assert.ok(notice.body.includes('120.50 元'), notice.body);
    assert.equal(notice.link, `/me/applications/${paymentApp.id}`);

    await t.kernel.jobs.runOnce();
    const sent = sms.find((s) => s.reference === queued.id);
    assert.ok(sent, 'the job sent it');
    assert.equal(sent.to, people.zh!.phone);
    assert.equal(sent.authorization, `Bearer ${SMS_TOKEN}`);
    assert.equal(sent.reference, queued.id);
    assert.ok(sent.text.startsWith('【政通】'), sent.text);
    assert.ok(sent.text.includes('120.50 元'), sent.text);
    assert.ok(sent.text.includes(`/me/applications/${paymentApp.id}`), sent.text);
    const [afterSend] = await deliveriesOf(createdEvent, 'sms');
    assert.equal(afterSend!.status, 'sent');
    assert.equal(afterSend!.providerMessageId, sent.messageId);
    assert.equal(afterSend!.deliveredAt, null);

    // the provider's receipt, signed over the raw body
    const body = JSON.stringify({ messageId: afterSend!.providerMessageId, status: 'delivered' });
    const now = new Date();
    problem(await receipt(body, undefined), 401, 'bad-signature');
    problem(
      await receipt(body, signatureHeader(['not-the-receipt-secret'], body, now)),
      401,
      'bad-signature',
    );
    problem(
      await receipt(
        body,
        signatureHeader([RECEIPT_SECRET], body, new Date(now.getTime() - 600_000)),
      ),
      401,
      'bad-signature',
    );
    const other = JSON.stringify({ messageId: 'prov-999', status: 'delivered' });
    problem(
      await receipt(other, signatureHeader([RECEIPT_SECRET], body, now)),
      401,
      'bad-signature',
    );
    assert.equal((await deliveriesOf(createdEvent, 'sms'))[0]!.status, 'sent', 'not yet');

    const good = await receipt(body, signatureHeader([RECEIPT_SECRET], body, now));
    assert.deepEqual(await ok(good), { matched: true });
    const [delivered] = await deliveriesOf(createdEvent, 'sms');
    assert.equal(delivered!.status, 'delivered');
    assert.ok(delivered!.deliveredAt);

    const unknown = JSON.stringify({ messageId: 'prov-none', status: 'delivered' });
    assert.deepEqual(
      await ok(await receipt(unknown, signatureHeader([RECEIPT_SECRET], unknown, now))),
      { matched: false },
    );
    for (const wrong of [
      '{"messageId":"prov-1"}',
      '{"messageId":"prov-1","status":"read"}',
      '{"messageId":7,"status":"delivered"}',
    ]) {
      problem(
        await receipt(wrong, signatureHeader([RECEIPT_SECRET], wrong, now)),
        400,
        'validation',
      );
    }
    const broken = '{"messageId":';
    problem(
      await receipt(broken, signatureHeader([RECEIPT_SECRET], broken, now)),
      400,
      'malformed-json',
    );
  });

  it('retries a failing SMS provider with backoff; a dead letter ops see and retry', async () => {
    smsMode = 'fail';
    const eventId = await payment('payment.order.paid', accounts.zh!, paymentApp.id);
    await drain();
    const t0 = Date.now() + 1000;
    assert.equal(await worker().sendDue(new Date(t0)), 1);
    let [d] = await deliveriesOf(eventId, 'sms');
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attempts, 1);
    assert.equal(new Date(d!.nextAttemptAt).getTime(), t0 + backoffMs(1));
    assert.match(d!.lastError ?? '', /HTTP 500/);
    assert.ok(!d!.lastError!.includes(people.zh!.phone), `the phone is masked: ${d!.lastError}`);
    assert.equal(await worker().sendDue(new Date(t0 + 500)), 0, 'not due before its backoff');
    assert.equal(await worker().sendDue(new Date(t0 + 1000)), 1);
    assert.equal(await worker().sendDue(new Date(t0 + 3000)), 1);
    [d] = await deliveriesOf(eventId, 'sms');
    assert.equal(d!.status, 'dead', 'a dead letter after ZT_SMS_MAX_ATTEMPTS=3');
    assert.equal(d!.attempts, 3);

    const dead = await ok<MessageDeliveryPage>(
      await call('ops', 'GET', `${DELIVERIES}?status=dead&channel=sms`),
    );
    assert.ok(dead.items.some((x) => x.id === d!.id));
    assert.ok(dead.items.every((x) => x.channel === 'sms' && x.status === 'dead'));
    assert.ok(!JSON.stringify(dead).includes(people.zh!.phone), 'phones masked for ops');
    problem(await call('ops', 'GET', `${DELIVERIES}?channel=fax`), 400, 'validation');
    problem(await call('zh', 'POST', `${DELIVERIES}/${d!.id}/retry`), 403);

    smsMode = 'ok';
    const requeued = await ok<MessageDelivery>(
      await call('ops', 'POST', `${DELIVERIES}/${d!.id}/retry`),
    );
    assert.equal(requeued.status, 'queued');
    await t.kernel.jobs.runOnce();
    [d] = await deliveriesOf(eventId, 'sms');
    assert.equal(d!.status, 'sent');
    // the provider gives up: a dead letter with its reason; a later receipt changes nothing
    const gaveUp = JSON.stringify({
      messageId: d!.providerMessageId,
      status: 'failed',
      error: 'handset unreachable',
    });
    await ok(await receipt(gaveUp, signatureHeader([RECEIPT_SECRET], gaveUp, new Date())));
    [d] = await deliveriesOf(eventId, 'sms');
    assert.equal(d!.status, 'dead');
    assert.equal(d!.lastError, 'provider: undeliverable (handset unreachable)');
    const late = JSON.stringify({ messageId: d!.providerMessageId, status: 'delivered' });
    await ok(await receipt(late, signatureHeader([RECEIPT_SECRET], late, new Date())));
    assert.equal((await deliveriesOf(eventId, 'sms'))[0]!.status, 'dead');
    // the receipt link of a payment
    const [paid] = await inbox('zh', 'payment.order.paid');
    assert.equal(paid!.link, '/me/receipts');
  });

  it('makes one SMS per person and event, however often it comes (a unique constraint)', async () => {
    await t.kernel.db.orm.execute(
      sql`UPDATE outbox SET dispatched_at = NULL, delivered_to = '{}' WHERE id = ${createdEvent}`,
    );
    await drain();
    assert.equal((await deliveriesOf(createdEvent, 'sms')).length, 1);
    assert.equal((await inbox('zh', 'payment.order.created')).length, 1);
    await assert.rejects(
      t.kernel.db.orm.execute(sql`
        INSERT INTO message_delivery (id, channel, account_id, address_sealed, address_masked,
          kind, title, body, source_event_id)
        SELECT gen_random_uuid(), channel, account_id, address_sealed, address_masked, kind, title,
               body, source_event_id
          FROM message_delivery WHERE source_event_id = ${createdEvent} AND channel = 'sms'`),
      (err: { cause?: { code?: string }; code?: string }) =>
        (err.cause?.code ?? err.code) === '23505',
    );
  });

  it('writes to an English account in English on every channel', async () => {
    const app = await submit('en');
    await drain();
    const [submitted] = await inbox('en', 'application.submitted');
    assert.equal(submitted!.title, `Submitted: ${app.itemName}`);
    await payment('payment.order.refunded', accounts.en!, app.id, 500);
    await drain();
    const [refund] = await inbox('en', 'payment.order.refunded');
    assert.equal(refund!.title, `Refunded: ${app.itemName}`);
    assert.match(refund!.body, /CNY 5\.00/);
    const before = sms.length;
    await t.kernel.jobs.runOnce();
    const texts = sms.slice(before).map((s) => s.text);
    assert.ok(
      texts.some((x) => x.startsWith('[Zhengtong] ') && x.includes('CNY 5.00')),
      texts.join('\n'),
    );
  });

  it('holds non-urgent SMS back to the end of the quiet hours; never the inbox or urgent ones', async () => {
    const now = new Date();
    const minute = Math.floor(((now.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
    const clock = (m: number) => {
      const x = (m + 1440) % 1440;
      return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
    };
    const quiet = { quietStart: clock(minute - 60), quietEnd: clock(minute + 60) };
    await ok(await call('quiet', 'PUT', PREFS, { channels: ['sms'], ...quiet }));
    const app = await submit('quiet');
    await drain();
    const eventId = await payment('payment.order.created', accounts.quiet!, app.id);
    await drain();
    assert.equal((await inbox('quiet', 'payment.order.created')).length, 1, 'the inbox at once');
    const [held] = await deliveriesOf(eventId, 'sms');
    const expected = afterQuietHours(new Date(), quiet.quietStart, quiet.quietEnd);
    assert.equal(new Date(held!.nextAttemptAt).getTime(), expected.getTime());
    assert.ok(expected.getTime() - Date.now() > 55 * 60_000);
    const before = sms.length;
    await t.kernel.jobs.runOnce();
    assert.ok(
      !sms.slice(before).some((s) => s.to === people.quiet!.phone),
      'nothing to the phone during the quiet hours',
    );
    assert.equal((await deliveriesOf(eventId, 'sms'))[0]!.status, 'queued');
    // it goes once they are over
    assert.equal(await worker().sendOne(held!.id, expected), true);
    assert.equal((await deliveriesOf(eventId, 'sms'))[0]!.status, 'sent');

    // urgent: an 一件事 completed goes at once
    const { id: bundleId } = await insertCompletedBundle(t, {
      applicantAccountId: accounts.quiet!,
      applicantName: '测试quiet',
      acceptingOrganisationId: zzMarket,
    });
    const urgent = await publishEvent(t.kernel.db.orm, 'bundle-application.completed', {
      bundleApplicationId: bundleId,
    });
    await drain();
    const [now2] = await deliveriesOf(urgent, 'sms');
    assert.ok(new Date(now2!.nextAttemptAt).getTime() <= Date.now());
    const count = sms.length;
    await t.kernel.jobs.runOnce();
    assert.ok(
      sms.slice(count).some((s) => s.to === people.quiet!.phone && s.text.includes('出生一件事')),
    );
  });

  it('lets a department admin register a webhook; refuses bad URLs and kinds; others see nothing', async () => {
    const res = await call('deptAdmin', 'POST', WEBHOOKS, {
      url: `${base}/hook?system=oa`,
      kinds: ['workflow.task.escalated', 'application.submitted'],
      description: '市局 OA',
    });
    endpoint = await ok<WebhookEndpointWithSecret>(res, 201);
    assert.match(endpoint.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.equal(endpoint.organisationId, zzMarket);
    assert.equal(endpoint.active, true);
    hookSecrets = [endpoint.secret];
    const list = await ok<WebhookEndpointList>(await call('deptAdmin', 'GET', WEBHOOKS));
    assert.deepEqual(
      list.items.map((e) => e.id),
      [endpoint.id],
    );
    assert.ok(!JSON.stringify(list).includes(endpoint.secret), 'the secret is shown once');
    const stored = await t.kernel.db.orm.execute<{ secret_sealed: string }>(
      sql`SELECT secret_sealed FROM webhook_endpoint WHERE id = ${endpoint.id}`,
    );
    assert.ok(!stored.rows[0]!.secret_sealed.includes(endpoint.secret.slice(6)), 'sealed at rest');

    const refused = async (body: unknown, status: number, code: string, path: string) => {
      const p = problem(await call('deptAdmin', 'POST', WEBHOOKS, body), status, code);
      assert.ok(
        p.errors?.some((e) => e.path === path),
        JSON.stringify(p),
      );
    };
    const kinds = ['application.submitted'];
    await refused(
      { url: 'ftp://example.com/hook', kinds },
      422,
      'webhook-url-refused',
      '/body/url',
    );
    await refused(
      { url: 'https://u:pw@example.com/hook', kinds },
      422,
      'webhook-url-refused',
      '/body/url',
    );
    await refused({ url: 'javascript:alert(1)', kinds }, 422, 'webhook-url-refused', '/body/url');
    await refused(
      { url: `${base}/hook`, kinds: ['no.such.kind'] },
      422,
      'message-kind-unknown',
      '/body/kinds/0',
    );
    await refused({ url: `${base}/hook` }, 400, 'validation', '/body/kinds');
    await refused({ url: `${base}/hook`, kinds: [] }, 400, 'validation', '/body/kinds');
    await refused({ url: 42, kinds }, 400, 'validation', '/body/url');
    await refused({ kinds }, 400, 'validation', '/body/url');

    problem(await call('head', 'GET', WEBHOOKS), 403, 'not-department-admin');
    problem(await call('zh', 'POST', WEBHOOKS, { url: `${base}/hook`, kinds }), 403);
    problem(await call(undefined, 'GET', WEBHOOKS), 401);
    // another organisation's admin: none of theirs, and ours is not found
    assert.deepEqual(
      (await ok<WebhookEndpointList>(await call('lyAdmin', 'GET', WEBHOOKS))).items,
      [],
    );
    problem(
      await call('lyAdmin', 'PUT', `${WEBHOOKS}/${endpoint.id}`, { active: false }),
      404,
      'webhook-not-found',
    );
    problem(await call('lyAdmin', 'POST', `${WEBHOOKS}/${endpoint.id}/rotate-secret`), 404);
    problem(
      await call('deptAdmin', 'PUT', `${WEBHOOKS}/${crypto.randomUUID()}`, { active: false }),
      404,
    );
    problem(
      await call('deptAdmin', 'PUT', `${WEBHOOKS}/${endpoint.id}`, { url: 'gopher://x' }),
      422,
    );
  });

  const escalate = () =>
    publishEvent(t.kernel.db.orm, 'workflow.task.escalated', {
      taskId: crypto.randomUUID(),
      name: '审查',
      candidateOrganisationId: zzMarket,
      dueDate: '2030-01-02',
    });

  it('POSTs signed messages to the endpoint; a failing system gets retries, then it succeeds', async () => {
    const eventId = await escalate();
    await drain();
    const [queued] = await deliveriesOf(eventId, 'webhook');
    assert.ok(queued);
    assert.equal(queued.endpointId, endpoint.id);
    assert.equal(queued.accountId, null);
    assert.equal(queued.address, base, 'ops see the origin, not the path or query');
    hookAnswers.push(503);
    const before = hooks.length;
    await t.kernel.jobs.runOnce();
    assert.equal(hooks.length, before + 1);
    let [d] = await deliveriesOf(eventId, 'webhook');
    assert.equal(d!.status, 'failed');
    assert.match(d!.lastError ?? '', /HTTP 503/);
    assert.equal(await worker().sendDue(new Date(Date.now() + backoffMs(1) + 100)), 1);
    [d] = await deliveriesOf(eventId, 'webhook');
    assert.equal(d!.status, 'delivered');
    assert.equal(d!.attempts, 2);
    assert.ok(d!.deliveredAt);

    const got = hooks.at(-1)!;
    assert.ok(got.verified, `the test server verified the signature ${got.signature}`);
    assert.equal(got.event, 'workflow.task.escalated');
    assert.equal(got.delivery, d!.id);
    const payload = JSON.parse(got.body) as Record<string, unknown>;
    assert.equal(payload.kind, 'workflow.task.escalated');
    assert.equal(payload.organisationId, zzMarket);
    assert.equal(payload.sourceEventId, eventId);
    assert.equal(payload.title, '督办：审查');
    assert.deepEqual((payload.data as Record<string, string>).taskName, '审查');
    // a signature over another body or with another secret does not verify
    assert.ok(!verifySignature(got.signature, hookSecrets, `${got.body} `, new Date()));
    assert.ok(!verifySignature(got.signature, ['whsec_other'], got.body, new Date()));
  });

  it('makes a dead letter of a system that keeps failing; ops retry after a rotation signs with both secrets', async () => {
    const eventId = await escalate();
    await drain();
    hookAnswers.push(500, 500, 500);
    const t0 = Date.now() + 1000;
    await worker().sendDue(new Date(t0));
    await worker().sendDue(new Date(t0 + 1000));
    await worker().sendDue(new Date(t0 + 3000));
    let [d] = await deliveriesOf(eventId, 'webhook');
    assert.equal(d!.status, 'dead', 'dead after ZT_WEBHOOK_MAX_ATTEMPTS=3');
    const dead = await ok<MessageDeliveryPage>(
      await call('ops', 'GET', `${DELIVERIES}?status=dead&channel=webhook`),
    );
    assert.deepEqual(
      dead.items.map((x) => x.id),
      [d!.id],
    );

    const rotated = await ok<WebhookEndpointWithSecret>(
      await call('deptAdmin', 'POST', `${WEBHOOKS}/${endpoint.id}/rotate-secret`),
    );
    assert.notEqual(rotated.secret, endpoint.secret);
    hookSecrets = [rotated.secret];
    await ok(await call('ops', 'POST', `${DELIVERIES}/${d!.id}/retry`));
    await t.kernel.jobs.runOnce();
    [d] = await deliveriesOf(eventId, 'webhook');
    assert.equal(d!.status, 'delivered');
    const got = hooks.at(-1)!;
    assert.ok(got.verified, 'verifies with the new secret');
    assert.equal(got.signature.split(',').filter((p) => p.startsWith('v1=')).length, 2);
    assert.ok(
      verifySignature(got.signature, [endpoint.secret], got.body, new Date()),
      'and the old',
    );
    endpoint = rotated;
  });

  it('makes one call per endpoint and event (a unique constraint); a disabled endpoint gets none', async () => {
    const eventId = await escalate();
    await drain();
    await t.kernel.db.orm.execute(
      sql`UPDATE outbox SET dispatched_at = NULL, delivered_to = '{}' WHERE id = ${eventId}`,
    );
    await drain();
    assert.equal((await deliveriesOf(eventId, 'webhook')).length, 1);
    await assert.rejects(
      t.kernel.db.orm.execute(sql`
        INSERT INTO message_delivery (id, channel, endpoint_id, address_masked, kind, title, body,
          source_event_id)
        VALUES (gen_random_uuid(), 'webhook', ${endpoint.id}, 'x', 'k', 't', 'b', ${eventId})`),
      (err: { cause?: { code?: string }; code?: string }) =>
        (err.cause?.code ?? err.code) === '23505',
    );
    // a delivery is an account's or an endpoint's, never both
    await assert.rejects(
      t.kernel.db.orm.execute(sql`
        INSERT INTO message_delivery (id, channel, account_id, endpoint_id, address_masked, kind,
          title, body, source_event_id)
        VALUES (gen_random_uuid(), 'webhook', ${accounts.zh}, ${endpoint.id}, 'x', 'k', 't', 'b',
          ${crypto.randomUUID()})`),
      (err: { cause?: { code?: string }; code?: string }) =>
        (err.cause?.code ?? err.code) === '23514',
    );
    await t.kernel.jobs.runOnce();

    const off = await ok<WebhookEndpoint>(
      await call('deptAdmin', 'PUT', `${WEBHOOKS}/${endpoint.id}`, { active: false }),
    );
    assert.equal(off.active, false);
    const later = await escalate();
    await drain();
    assert.deepEqual(await deliveriesOf(later, 'webhook'), []);
    // kinds it did not ask for never go
    await ok(await call('deptAdmin', 'PUT', `${WEBHOOKS}/${endpoint.id}`, { active: true }));
    const submitted = await submit('zh');
    await drain();
    const submittedEvent = await t.kernel.db.orm.execute<{ id: string }>(
      sql`SELECT id FROM outbox WHERE topic = 'application.submitted'
            AND payload->>'applicationId' = ${submitted.id}`,
    );
    assert.equal((await deliveriesOf(submittedEvent.rows[0]!.id, 'webhook')).length, 1);
    await t.kernel.jobs.runOnce();
  });

  it('tells department systems of an 一件事: the hall of the whole, the department of each member', async () => {
    await ok(
      await call('deptAdmin', 'PUT', `${WEBHOOKS}/${endpoint.id}`, {
        kinds: ['application.submitted', 'bundle-application.completed'],
      }),
    );
    const { id: bundleId } = await insertCompletedBundle(t, {
      applicantAccountId: accounts.zh!,
      applicantName: '测试zh',
      acceptingOrganisationId: zzMarket,
    });
    const member = await submit('zh');
    await t.kernel.db.orm.execute(
      sql`UPDATE application SET bundle_application_id = ${bundleId} WHERE id = ${member.id}`,
    );
    const memberFiled = await publishEvent(t.kernel.db.orm, 'application.submitted', {
      applicationId: member.id,
    });
    const ended = await publishEvent(t.kernel.db.orm, 'bundle-application.completed', {
      bundleApplicationId: bundleId,
    });
    await drain();
    // the member's department hears of it; its applicant is not told of each member
    assert.equal((await deliveriesOf(memberFiled, 'webhook')).length, 1);
    const told = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notification WHERE source_event_id = ${memberFiled}`,
    );
    assert.equal(told.rows[0]!.n, 0);
    // the hall that accepted the bundle hears it ended, and so does its applicant
    const [hall] = await deliveriesOf(ended, 'webhook');
    assert.equal(hall?.endpointId, endpoint.id);
    assert.ok(
      (await inbox('zh', 'bundle-application.completed')).some((n) => n.link?.endsWith(bundleId)),
    );
    await t.kernel.jobs.runOnce();
    assert.ok(hooks.some((h) => h.event === 'bundle-application.completed' && h.verified));
  });

  it('lets a province admin override a template with the variables of its kind only', async () => {
    const kinds = await ok<MessageKindList>(
      await call('deptAdmin', 'GET', '/api/v1/messaging/kinds'),
    );
    const created = kinds.items.find((k) => k.kind === 'payment.order.created');
    assert.deepEqual(created, {
      kind: 'payment.order.created',
      urgent: false,
      variables: ['itemName', 'applicationNumber', 'amount'],
    });
    assert.equal(kinds.items.find((k) => k.kind === 'application.completed')?.urgent, true);
    problem(await call('zh', 'GET', '/api/v1/messaging/kinds'), 403);
    const all = await ok<MessageTemplateList>(await call('province', 'GET', TEMPLATES));
    assert.ok(all.items.length >= 40);
    assert.ok(all.items.every((x) => !x.overridden));
    const url = `${TEMPLATES}/payment.order.created/zh-CN`;
    const current = await ok<MessageTemplate>(await call('province', 'GET', url));
    assert.deepEqual(current.variables, ['itemName', 'applicationNumber', 'amount']);

    const unknown = problem(
      await call('province', 'PUT', url, {
        title: '缴费通知',
        body: '请缴纳 {amount} 元，{payUrl}',
      }),
      422,
      'template-variable-unknown',
    );
    assert.deepEqual(
      unknown.errors?.map((e) => e.path),
      ['/body/body'],
    );
    assert.match(unknown.errors[0]!.message, /\{payUrl\}/);
    const open = problem(
      await call('province', 'PUT', url, { title: '{#itemName}缴费', body: '请缴纳 {amount} 元' }),
      422,
      'template-invalid',
    );
    assert.deepEqual(
      open.errors?.map((e) => e.path),
      ['/body/title'],
    );
    problem(await call('province', 'PUT', url, { title: '缴费通知' }), 400, 'validation');
    problem(await call('province', 'PUT', url, { title: 7, body: 'x' }), 400, 'validation');
    problem(
      await call('province', 'PUT', `${TEMPLATES}/no.such/zh-CN`, { title: 'a', body: 'b' }),
      404,
    );
    problem(await call('province', 'GET', `${TEMPLATES}/payment.order.created/fr`), 400);
    problem(
      await call('deptAdmin', 'PUT', url, { title: 'a', body: 'b' }),
      403,
      'not-template-admin',
    );
    problem(await call('zh', 'GET', TEMPLATES), 403);
    problem(await call(undefined, 'GET', TEMPLATES), 401);

    const preview = await ok<MessageTemplatePreview>(
      await call('province', 'POST', `${url}/preview`, {
        title: '缴费通知{#itemName}：{itemName}{/itemName}',
        body: '请缴纳 {amount} 元（办件编号 {applicationNumber}）。',
        variables: { amount: '88.00' },
      }),
    );
    assert.equal(preview.title, '缴费通知：食品经营许可');
    assert.equal(preview.body, '请缴纳 88.00 元（办件编号 41010020250314000123）。');
    const badPreview = problem(
      await call('province', 'POST', `${url}/preview`, { variables: { payUrl: 'x' } }),
      422,
      'template-variable-unknown',
    );
    assert.equal(badPreview.errors?.[0]?.path, '/body/variables/payUrl');

    const saved = await ok<MessageTemplate>(
      await call('province', 'PUT', url, {
        title: '缴费通知{#itemName}：{itemName}{/itemName}',
        body: '请缴纳 {amount} 元（办件编号 {applicationNumber}）。',
      }),
    );
    assert.equal(saved.overridden, true);
    assert.ok(saved.updatedAt);
    const eventId = await payment('payment.order.created', accounts.zh!, paymentApp.id, 9900);
    await drain();
    const notice = (await inbox('zh', 'payment.order.created')).find((n) =>
      n.body.includes('99.00'),
    );
    assert.ok(notice, 'the override is used');
    assert.equal(notice.title, `缴费通知：${paymentApp.itemName}`);
    assert.equal(notice.body, `请缴纳 99.00 元（办件编号 ${paymentApp.applicationNo}）。`);
    assert.ok((await deliveriesOf(eventId, 'sms'))[0]!.title.startsWith('缴费通知'));
    // English readers keep the default until it is overridden too
    const en = await ok<MessageTemplate>(
      await call('province', 'GET', `${TEMPLATES}/payment.order.created/en`),
    );
    assert.equal(en.overridden, false);

    const reset = await ok<MessageTemplate>(await call('province', 'DELETE', url));
    assert.equal(reset.overridden, false);
    assert.equal(reset.title, current.defaultTitle);
    await t.kernel.jobs.runOnce();
  });

  it('warns the officer on a task once when its warning day comes: the candidates, or the assignee', async () => {
    const warnTask = async (app: Application) => {
      await t.kernel.db.orm.execute(
        sql`UPDATE workflow_task SET warn_date = current_date - 1, due_date = current_date + 2
             WHERE business_key = ${app.id} AND status = 'open'`,
      );
    };
    const open = await submit('zh');
    const accepted = await ok<Application>(
      await call('window', 'POST', `${APPLICATIONS}/${open.id}/accept`, {}),
    );
    await drain();
    await warnTask(accepted);
    // (the tasks of other applications whose warning day is today are warned of too)
    assert.ok((await warnDueTasks(t.kernel.db.orm)) >= 1);
    assert.equal(await warnDueTasks(t.kernel.db.orm), 0, 'once per task');
    await drain();
    for (const who of ['approver', 'approver2']) {
      const [w, ...more] = (await inbox(who, 'workflow.task.warning')).filter(
        (n) => n.link === `/workbench/applications/${open.id}`,
      );
      assert.equal(more.length, 0, who);
      assert.ok(w, who);
      assert.ok(w.body.includes(open.applicationNo), w.body);
      assert.match(w.title, /办理预警/);
    }
    for (const who of ['window', 'head', 'zh']) {
      const about = (await inbox(who, 'workflow.task.warning')).filter(
        (n) => n.link === `/workbench/applications/${open.id}`,
      );
      assert.deepEqual(about, [], who);
    }

    // claimed: only the assignee
    const claimedApp = await submit('zh');
    const accepted2 = await ok<Application>(
      await call('window', 'POST', `${APPLICATIONS}/${claimedApp.id}/accept`, {}),
    );
    await ok(
      await call(
        'approver',
        'POST',
        `/api/v1/workflow/tasks/${accepted2.currentSteps[0]!.taskId}/claim`,
      ),
    );
    await drain();
    await warnTask(accepted2);
    assert.ok((await warnDueTasks(t.kernel.db.orm)) >= 1);
    await drain();
    const mine = (n: InboxNotification) => n.link === `/workbench/applications/${claimedApp.id}`;
    assert.equal((await inbox('approver', 'workflow.task.warning')).filter(mine).length, 1);
    assert.equal((await inbox('approver2', 'workflow.task.warning')).filter(mine).length, 0);
  });

  it('tells the holder of an issued certificate: the person, or the enterprise’s legal representative', async () => {
    const food = await ok<Certificate>(
      await call('zzApprover', 'POST', '/api/v1/certificates', {
        typeCode: referenceCertificateTypeCode('食品经营许可证'),
        holder: { kind: 'person', idNumber: people.zh!.idNumber, name: people.zh!.name },
        issuerOrganisationId: zzMarket,
        data: { shopName: '测试小吃店' },
      }),
      201,
    );
    await drain();
    const [notice] = await inbox('zh', 'certificate.issued');
    assert.ok(notice);
    assert.equal(notice.link, `/me/certificates/${food.id}`);
    assert.ok(notice.body.includes(food.identifier), notice.body);
    assert.match(notice.title, /食品经营许可证/);

    const licence = await ok<Certificate>(
      await call('zzApprover', 'POST', '/api/v1/certificates', {
        typeCode: referenceCertificateTypeCode('营业执照'),
        holder: {
          kind: 'enterprise',
          creditCode: DEMO_ENTERPRISE.creditCode,
          name: DEMO_ENTERPRISE.name,
        },
        issuerOrganisationId: zzMarket,
        data: {
          enterpriseName: DEMO_ENTERPRISE.name,
          enterpriseType: '有限责任公司',
          legalRepresentativeName: '李四',
          registeredCapital: 500,
          registeredAddress: '河南省郑州市金水区花园路 10 号',
          businessScope: '软件开发',
        },
      }),
      201,
    );
    await drain();
    const told = await t.kernel.db.orm.execute<{ account_id: string; representative: string }>(sql`
      SELECT n.account_id, e.legal_representative_id::text AS representative
        FROM notification n, enterprise e
       WHERE n.kind = 'certificate.issued' AND n.link = ${`/me/certificates/${licence.id}`}
         AND e.credit_code = ${DEMO_ENTERPRISE.creditCode}`);
    assert.equal(told.rows.length, 1);
    assert.equal(told.rows[0]!.account_id, told.rows[0]!.representative);
  });

  it('tells of 差评 cases: opened to the organisation, the reply to the rater, the appeal to both', async () => {
    const app = await submit('zh');
    const accepted = await ok<Application>(
      await call('window', 'POST', `${APPLICATIONS}/${app.id}/accept`, {}),
    );
    const reviewed = await ok<Application>(
      await call(
        'approver',
        'POST',
        `${APPLICATIONS}/${app.id}/steps/${accepted.currentSteps[0]!.taskId}`,
        {
          opinion: '材料不符合要求',
        },
      ),
    );
    await ok(
      await call(
        'approver',
        'POST',
        `${APPLICATIONS}/${app.id}/steps/${reviewed.currentSteps[0]!.taskId}`,
        {
          decision: 'deny',
          reason: '经营场所不符合要求',
        },
      ),
    );
    await drain();
    const rating = await ok<Evaluation>(
      await call('zh', 'POST', `${EVALUATIONS}/applications/${app.id}`, {
        level: 1,
        comment: '太慢',
      }),
      201,
    );
    await drain();
    const about = (n: InboxNotification) => n.body.includes(app.applicationNo);
    for (const who of ['window', 'approver', 'head', 'deptAdmin']) {
      assert.equal((await inbox(who, 'evaluation.case.opened')).filter(about).length, 1, who);
    }
    assert.deepEqual(await inbox('lyAdmin', 'evaluation.case.opened'), []);
    assert.deepEqual(await inbox('zh', 'evaluation.case.opened'), []);

    const cases = await ok<RectificationCaseList>(
      await call('window', 'GET', `${EVALUATIONS}/cases`),
    );
    const caseId = cases.items.find((c) => c.evaluationId === rating.id)!.id;
    await ok(
      await call('window', 'POST', `${EVALUATIONS}/cases/${caseId}/visit`, { note: '已电话回访' }),
    );
    await drain();
    assert.deepEqual(await inbox('zh', 'evaluation.case.replied'), [], 'a visit is no reply');
    await ok(
      await call('window', 'POST', `${EVALUATIONS}/cases/${caseId}/reply`, {
        reply: '已优化受理流程',
      }),
    );
    await drain();
    const [replied] = await inbox('zh', 'evaluation.case.replied');
    assert.ok(replied);
    assert.ok(replied.body.includes('已优化受理流程'), replied.body);

    const appeal = await ok<{ id: string }>(
      await call('window', 'POST', `${EVALUATIONS}/${rating.id}/appeal`, {
        ground: 'mistaken',
        reasons: '申请人误评',
      }),
      201,
    );
    await ok(
      await call('province', 'POST', `${EVALUATIONS}/appeals/${appeal.id}/decision`, {
        decision: 'rejected',
        note: '评价属实',
      }),
    );
    await drain();
    for (const who of ['zh', 'window', 'head']) {
      const [decided] = await inbox(who, 'evaluation.appeal.decided');
      assert.ok(decided, who);
      assert.match(decided.body, /维持原评价/);
    }
  });
});
