import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import type {
  MessageDelivery,
  MessageDeliveryPage,
  MessagePreferences,
  NotificationPage,
} from '@zhengtong/contracts';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../kernel/config.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { loggerOptions } from '../../kernel/logging.js';
import { openRuntime, type Runtime } from '../../kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../seed/index.js';
import type { TestApp } from '../../test-support/app.js';
import { organisationId } from '../../test-support/catalog.js';
import { createTestDatabase } from '../../test-support/database.js';
import { createPerson, createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';
import { backoffMs, DELIVERY_JOB, describeFailure } from './delivery.js';
import { maskEmail } from './email.js';

const PREFS = '/api/v1/notifications/preferences';
const DELIVERIES = '/api/v1/messaging/deliveries';
const SMTP_PASSWORD = 'smtp-Secret-pw-7731';
const HEAD_EMAIL = 'li.si.head@example.com';

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

interface Received {
  to: string[];
  subject: string;
  raw: string;
}

describe('e-mail notifications over SMTP', () => {
  let t: TestApp;
  let runtime: Runtime;
  let dir: string;
  let smtp: SMTPServer;
  let zzMarket: string;
  const received: Received[] = [];
  const logLines: string[] = [];
  /** what the test server does with a recipient */
  let mode: 'accept' | 'reject' = 'accept';
  const cookie: Record<string, string> = {};

  const call = (
    who: string | undefined,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: who ? { cookie: cookie[who]! } : {},
      ...(payload ? { payload } : {}),
    });
  const ok = async <T>(res: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };
  const drain = async () => {
    for (;;) {
      const r = await t.kernel.dispatcher.dispatchOnce();
      assert.equal(r.failed, 0);
      if (r.claimed === 0) return;
    }
  };
  const sender = () => {
    assert.ok(t.app.deliveryWorker.channels.includes('email'), 'the e-mail channel is on');
    return t.app.deliveryWorker;
  };
  const escalate = async () => {
    const id = await publishEvent(t.kernel.db.orm, 'workflow.task.escalated', {
      taskId: crypto.randomUUID(),
      name: '审查',
      candidateOrganisationId: zzMarket,
      dueDate: '2030-01-02',
    });
    await drain();
    return id;
  };
  const deliveriesOf = async (eventId: string) =>
    (
      await ok<MessageDeliveryPage>(await call('ops', 'GET', `${DELIVERIES}?pageSize=100`))
    ).items.filter((d) => d.sourceEventId === eventId);

  before(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === SMTP_PASSWORD) {
          callback(null, { user: 'mailer' });
        } else callback(new Error('bad credentials'));
      },
      onRcptTo(address, _session, callback) {
        if (mode === 'reject') {
          const err = Object.assign(new Error(`Mailbox ${address.address} unavailable`), {
            responseCode: 550,
          });
          callback(err);
        } else callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const header = raw.split(/\r?\n\r?\n/)[0] ?? '';
          const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(header)?.[1] ?? '';
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeHeader(subject.replace(/\r?\n/g, '')),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;

    // the app as createTestApp builds it, but with SMTP on and logging everything into an array
    const database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-mail-'));
    const config = loadConfig({
      ...FAST_ARGON2,
      DATABASE_URL: database.url,
      ZT_DATA_DIR: dir,
      LOG_LEVEL: 'trace',
      ZT_SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${port}`,
      ZT_SMTP_FROM: '政通 <no-reply@zhengtong.test>',
      ZT_SMTP_MAX_ATTEMPTS: '3',
    });
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    });
    // as main.ts makes it: redaction and masking on
    const log = pino(loggerOptions('trace'), stream);
    log.info({ config }, 'configuration loaded');
    runtime = await openRuntime(config, log);
    await loadReferenceData(runtime.kernel, log);
    await seedDemoData(runtime.kernel, log, { catalogue: false });
    const app = await buildApp({ kernel: runtime.kernel, logStream: stream });
    await app.ready();
    t = {
      app,
      kernel: runtime.kernel,
      restart: () => Promise.reject(new Error('not here')),
      close: async () => {
        await app.close();
        await runtime.close();
        await database.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    cookie.head = await loginAs(
      t,
      await createStaff(t, { roles: ['departmentHead'], organisationId: zzMarket }),
    );
    cookie.ops = await loginAs(
      t,
      await createStaff(t, { roles: ['ops'], organisationId: zzMarket }),
    );
    cookie.citizen = await loginAs(t, await createPerson(t));
    await drain();
    // jobs of the seed (if any) are not this test's
    await t.kernel.db.orm.execute(sql`DELETE FROM job WHERE kind <> ${DELIVERY_JOB}`);
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('keeps my e-mail address sealed and shows it masked; the inbox is always on', async () => {
    const none = await ok<MessagePreferences>(await call('head', 'GET', PREFS));
    assert.deepEqual(none, {
      email: null,
      phone: null,
      channels: ['inApp'],
      emailAvailable: true,
      smsAvailable: false,
      locale: 'zh-CN',
      quietStart: null,
      quietEnd: null,
    });
    const bad = await call('head', 'PUT', PREFS, { email: 'not-an-address', channels: ['email'] });
    assert.equal(bad.statusCode, 400);
    const missing = await call('head', 'PUT', PREFS, { channels: ['email'] });
    assert.equal(missing.statusCode, 400, 'e-mail without an address');
    const set = await ok<MessagePreferences>(
      await call('head', 'PUT', PREFS, {
        email: HEAD_EMAIL,
        channels: ['email'],
        quietStart: '22:00',
        quietEnd: '07:30',
      }),
    );
    assert.equal(set.email, 'l***@example.com');
    assert.deepEqual(set.channels, ['inApp', 'email']);
    assert.deepEqual(await ok<MessagePreferences>(await call('head', 'GET', PREFS)), set);
    const stored = await t.kernel.db.orm.execute<{ email_sealed: string }>(
      sql`SELECT email_sealed FROM message_preference`,
    );
    assert.ok(!stored.rows[0]!.email_sealed.includes('example.com'), 'sealed at rest');
    assert.equal((await call(undefined, 'GET', PREFS)).statusCode, 401);
  });

  it('sends a notice over SMTP: the server receives it, the delivery is sent', async () => {
    mode = 'accept';
    const eventId = await escalate();
    const [queued, ...more] = await deliveriesOf(eventId);
    assert.equal(more.length, 0);
    assert.ok(queued);
    assert.equal(queued.status, 'queued');
    assert.equal(queued.address, 'l***@example.com');
    assert.equal(received.length, 0, 'nothing is sent while the event is handled');

    // the durable job sends it
    const run = await t.kernel.jobs.runOnce();
    assert.equal(run.done, 1);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]!.to, [HEAD_EMAIL]);
    assert.equal(received[0]!.subject, '督办：审查');
    assert.match(received[0]!.raw, /^From: .*no-reply@zhengtong\.test/m);
    const [sent] = await deliveriesOf(eventId);
    assert.equal(sent!.status, 'sent');
    assert.equal(sent!.attempts, 1);
    assert.ok(sent!.sentAt);
  });

  it('makes one message of an event the outbox delivers twice', async () => {
    mode = 'accept';
    const eventId = await escalate();
    await t.kernel.db.orm.execute(
      sql`UPDATE outbox SET dispatched_at = NULL, delivered_to = '{}' WHERE id = ${eventId}`,
    );
    await drain();
    assert.equal((await deliveriesOf(eventId)).length, 1);
    const before = received.length;
    await sender().sendDue(new Date(Date.now() + 60_000));
    await t.kernel.jobs.runOnce();
    assert.equal(received.length, before + 1, 'one e-mail');
  });

  it('retries a rejecting server with backoff, keeps the dead letter, and ops retry it', async () => {
    mode = 'reject';
    const eventId = await escalate();
    const before = received.length;
    const t0 = Date.now() + 1000;
    assert.equal(await sender().sendDue(new Date(t0)), 1);
    let [d] = await deliveriesOf(eventId);
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attempts, 1);
    assert.equal(new Date(d!.nextAttemptAt).getTime(), t0 + backoffMs(1));
    assert.match(d!.lastError ?? '', /550/);
    assert.doesNotMatch(d!.lastError ?? '', /@/, 'no address in the error');

    assert.equal(await sender().sendDue(new Date(t0 + 500)), 0, 'not due before its backoff');
    assert.equal(await sender().sendDue(new Date(t0 + 1000)), 1);
    [d] = await deliveriesOf(eventId);
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attempts, 2);
    assert.equal(new Date(d!.nextAttemptAt).getTime(), t0 + 1000 + backoffMs(2));
    assert.equal(await sender().sendDue(new Date(t0 + 3000)), 1);
    [d] = await deliveriesOf(eventId);
    assert.equal(d!.status, 'dead', 'a dead letter after ZT_SMTP_MAX_ATTEMPTS=3');
    assert.equal(d!.attempts, 3);
    assert.equal(await sender().sendDue(new Date(t0 + 3_600_000)), 0, 'no more attempts');
    assert.equal(received.length, before);
    const jobs = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM job WHERE kind = ${DELIVERY_JOB} AND payload->>'deliveryId' = ${d!.id}`,
    );
    assert.equal(jobs.rows[0]!.n, 3, 'the first send and two retries were scheduled as jobs');

    // nothing lost: the row keeps its notice, the inbox has it, ops see the dead letter
    const row = await t.kernel.db.orm.execute<{ title: string; body: string }>(
      sql`SELECT title, body FROM message_delivery WHERE id = ${d!.id}`,
    );
    assert.equal(row.rows[0]!.title, '督办：审查');
    assert.match(row.rows[0]!.body, /审查/);
    const inbox = await ok<NotificationPage>(
      await call('head', 'GET', '/api/v1/notifications?pageSize=100'),
    );
    assert.equal(inbox.items.filter((n) => n.kind === 'workflow.task.escalated').length, 3);
    const dead = await ok<MessageDeliveryPage>(
      await call('ops', 'GET', `${DELIVERIES}?status=dead`),
    );
    assert.deepEqual(
      dead.items.map((x) => [x.id, x.address]),
      [[d!.id, 'l***@example.com']],
    );
    assert.ok(!JSON.stringify(dead).includes(HEAD_EMAIL));

    // only ops and system administrators
    assert.equal((await call('head', 'GET', `${DELIVERIES}?status=dead`)).statusCode, 403);
    assert.equal((await call('citizen', 'POST', `${DELIVERIES}/${d!.id}/retry`)).statusCode, 403);
    assert.equal((await call(undefined, 'GET', DELIVERIES)).statusCode, 401);
    const sentOne = (
      await ok<MessageDeliveryPage>(await call('ops', 'GET', `${DELIVERIES}?status=sent`))
    ).items[0]!;
    assert.equal((await call('ops', 'POST', `${DELIVERIES}/${sentOne.id}/retry`)).statusCode, 400);
    assert.equal(
      (await call('ops', 'POST', `${DELIVERIES}/${crypto.randomUUID()}/retry`)).statusCode,
      404,
    );

    // the server accepts again; the retried dead letter goes out through its job
    mode = 'accept';
    const requeued = await ok<MessageDelivery>(
      await call('ops', 'POST', `${DELIVERIES}/${d!.id}/retry`),
    );
    assert.equal(requeued.status, 'queued');
    assert.equal(requeued.attempts, 0);
    await t.kernel.jobs.runOnce();
    [d] = await deliveriesOf(eventId);
    assert.equal(d!.status, 'sent');
    assert.equal(received.length, before + 1);
    assert.deepEqual(received.at(-1)!.to, [HEAD_EMAIL]);
  });

  it('logs neither the SMTP password nor an address', () => {
    const log = logLines.join('');
    assert.match(log, /e-mail notification sent/);
    assert.match(log, /e-mail notification is a dead letter/);
    assert.ok(!log.includes(SMTP_PASSWORD), 'the SMTP password never reaches the log');
    assert.ok(!log.includes(HEAD_EMAIL), 'no full address in the log');
    assert.ok(!log.includes('li.si.head'), 'nor its local part');
  });
});

describe('e-mail helpers', () => {
  it('masks addresses and backs off exponentially up to ten minutes', () => {
    assert.equal(maskEmail('zhang.san@example.com'), 'z***@example.com');
    assert.deepEqual([1, 2, 3, 4].map(backoffMs), [1000, 2000, 4000, 8000]);
    assert.equal(backoffMs(30), 600_000);
  });

  it('removes addresses and URL passwords from what a failure says', () => {
    const err = Object.assign(new Error('x'), {
      code: 'EENVELOPE',
      response: '550 5.1.1 <a.b@example.com>: rejected by smtp://u:pw1@host',
    });
    const text = describeFailure(err);
    assert.equal(text, 'EENVELOPE: 550 5.1.1 <[address]>: rejected by smtp://u:[redacted]@host');
  });
});
