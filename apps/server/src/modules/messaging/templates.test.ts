import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { loadConfig } from '../../kernel/config.js';
import { loggerOptions } from '../../kernel/logging.js';
import { BlockedAddressError, isPrivateAddress, postJson, webhookUrlProblem } from './http.js';
import { afterQuietHours, inQuietHours } from './quiet-hours.js';
import { hmac, signatureHeader, verifySignature } from './signature.js';
import { LoggingSmsProvider } from './sms.js';
import { parseTemplate, renderNodes, templateProblems } from './template-syntax.js';
import { LOCALES, MESSAGE_KINDS, kindDefinition, yuan, type MessageKindName } from './templates.js';

const render = (source: string, vars: Record<string, string>) =>
  renderNodes(parseTemplate(source).nodes, vars);

describe('message templates', () => {
  it('renders every default template of every kind, in both languages, with its variables', () => {
    for (const kind of Object.keys(MESSAGE_KINDS) as MessageKindName[]) {
      const d = kindDefinition(kind);
      const used = new Set<string>();
      for (const locale of LOCALES) {
        const sample = d.sample[locale];
        assert.deepEqual(
          Object.keys(sample).sort(),
          [...d.variables].sort(),
          `${kind} ${locale}: the sample gives every variable`,
        );
        for (const part of ['title', 'body'] as const) {
          const source = d.templates[locale][part];
          assert.deepEqual(templateProblems(source, d.variables), [], `${kind} ${locale} ${part}`);
          for (const n of parseTemplate(source).names) used.add(n);
          const text = render(source, sample);
          assert.ok(text.trim().length > 0, `${kind} ${locale} ${part} renders to something`);
          assert.doesNotMatch(text, /\{[#^/]?[A-Za-z]/, `${kind} ${locale} ${part}: ${text}`);
          // with no values at all it still renders (sections vanish, nothing throws)
          assert.doesNotMatch(render(source, {}), /\{[#^/]?[A-Za-z]/);
        }
        const title = render(d.templates[locale].title, sample);
        assert.ok(!title.includes('\n'), `${kind} ${locale}: a title is one line`);
      }
      for (const v of d.variables) assert.ok(used.has(v), `${kind}: {${v}} is used somewhere`);
    }
  });

  it('keeps the Chinese texts of the notices as they were', () => {
    const escalated = kindDefinition('workflow.task.escalated').templates['zh-CN'];
    assert.equal(render(escalated.title, { taskName: '审查' }), '督办：审查');
    assert.equal(
      render(escalated.body, {
        taskName: '受理',
        itemName: '食品经营许可',
        applicationNumber: '41010020250314000123',
        dueDate: '2030年1月2日',
      }),
      '「食品经营许可」（办件编号 41010020250314000123）的「受理」环节已超过办理期限（2030年1月2日），请督促办理。',
    );
    const completed = kindDefinition('application.completed').templates['zh-CN'];
    const denied = { itemName: 'X', applicationNumber: '1', approved: '', denied: '不予许可' };
    assert.equal(render(completed.title, denied), '已办结（不予许可）：X');
    assert.match(render(completed.body, { ...denied, reason: '场所不符' }), /理由：场所不符/);
    assert.doesNotMatch(render(completed.body, denied), /理由/);
  });

  it('has sections, inverted sections and nesting, and reports what is wrong', () => {
    assert.equal(render('a{#x}<{x}>{/x}b', { x: '1' }), 'a<1>b');
    assert.equal(render('a{#x}<{x}>{/x}b', { x: '' }), 'ab');
    assert.equal(render('{^x}none{/x}', {}), 'none');
    assert.equal(render('{#a}{#b}ab{/b}{^b}a{/b}{/a}', { a: '1', b: '' }), 'a');
    assert.equal(render('{not a tag} {x', { x: '1' }), '{not a tag} {x');
    assert.deepEqual(templateProblems('{#x}open', ['x']), ['the section {#x} is not closed']);
    assert.deepEqual(templateProblems('{/x}', ['x']), ['{/x} closes no section']);
    assert.deepEqual(templateProblems('{#x}{/y}{/x}', ['x', 'y']), [
      '{/y} closes the section {#x}',
    ]);
    assert.match(templateProblems('{evil}', ['x'])[0]!, /\{evil\} is not one/);
  });

  it('writes fen as yuan', () => {
    assert.deepEqual([0, 5, 100, 12050, 123456789].map(yuan), [
      '0.00',
      '0.05',
      '1.00',
      '120.50',
      '1234567.89',
    ]);
  });
});

describe('quiet hours (Asia/Shanghai)', () => {
  // 2025-03-14 in Shanghai: 00:00 local is 2025-03-13T16:00Z
  const local = (hhmm: string, day = 14) => {
    const [h, m] = hhmm.split(':').map(Number);
    return new Date(Date.UTC(2025, 2, day, h! - 8, m));
  };

  it('holds a message back to the end, across midnight too', () => {
    assert.equal(
      afterQuietHours(local('23:10'), '22:00', '07:00').getTime(),
      local('07:00', 15).getTime(),
    );
    assert.equal(
      afterQuietHours(local('03:00'), '22:00', '07:00').getTime(),
      local('07:00').getTime(),
    );
    assert.equal(
      afterQuietHours(local('07:00'), '22:00', '07:00').getTime(),
      local('07:00').getTime(),
    );
    assert.equal(
      afterQuietHours(local('12:00'), '22:00', '07:00').getTime(),
      local('12:00').getTime(),
    );
    assert.equal(
      afterQuietHours(local('12:30'), '12:00', '14:00').getTime(),
      local('14:00').getTime(),
    );
    assert.equal(
      afterQuietHours(local('21:59'), '22:00', '07:00').getTime(),
      local('21:59').getTime(),
    );
    assert.equal(afterQuietHours(local('12:30'), null, null).getTime(), local('12:30').getTime());
  });

  it('never sends inside the quiet hours and never waits a day or more (property)', () => {
    const clock = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        clock,
        clock,
        (now, start, end) => {
          const at = afterQuietHours(now, start, end);
          assert.ok(at.getTime() >= now.getTime());
          assert.ok(at.getTime() - now.getTime() < 24 * 3_600_000);
          assert.ok(!inQuietHours(at, start, end));
          if (!inQuietHours(now, start, end)) assert.equal(at.getTime(), now.getTime());
        },
      ),
    );
  });
});

describe('signatures', () => {
  const now = new Date('2025-03-14T08:00:00Z');
  const body = '{"messageId":"m-1","status":"delivered"}';

  it('verifies the timestamped HMAC and refuses what is stale, tampered or foreign', () => {
    const header = signatureHeader(['secret-one-1234567'], body, now);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(verifySignature(header, ['secret-one-1234567'], body, now));
    assert.ok(verifySignature(header, ['secret-one-1234567'], Buffer.from(body), now));
    assert.ok(!verifySignature(header, ['another-secret-123'], body, now));
    assert.ok(!verifySignature(header, ['secret-one-1234567'], `${body} `, now));
    assert.ok(
      !verifySignature(header, ['secret-one-1234567'], body, new Date(now.getTime() + 301_000)),
      'stale',
    );
    assert.ok(!verifySignature(undefined, ['secret-one-1234567'], body, now));
    assert.ok(!verifySignature('t=abc,v1=00', ['secret-one-1234567'], body, now));
    assert.ok(!verifySignature(header, [], body, now));
    // during a rotation two values: either secret verifies
    const both = signatureHeader(['new-secret-1234567', 'old-secret-1234567'], body, now);
    assert.ok(verifySignature(both, ['old-secret-1234567'], body, now));
    assert.ok(verifySignature(both, ['new-secret-1234567'], body, now));
    const t = Math.floor(now.getTime() / 1000);
    assert.equal(both.split(',')[1], `v1=${hmac('new-secret-1234567', t, body)}`);
  });
});

describe('webhook addresses (SSRF guard)', () => {
  it('knows loopback, private, link-local and reserved addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fc00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a00:1',
      'not-an-ip',
    ]) {
      assert.ok(isPrivateAddress(a), a);
    }
    for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:808:808']) {
      assert.ok(!isPrivateAddress(a), a);
    }
  });

  it('refuses URLs that are not http(s), carry credentials or reach private hosts', async () => {
    const refused = async (url: string) => webhookUrlProblem(url, false);
    assert.equal(await refused('ftp://example.com/x'), 'only http and https URLs');
    assert.equal(await refused('file:///etc/passwd'), 'only http and https URLs');
    assert.equal(await refused('not a url'), 'not a URL');
    assert.match((await refused('https://u:p@example.com/'))!, /no user name or password/);
    assert.match((await refused('http://127.0.0.1:8080/hook'))!, /loopback, private/);
    assert.match((await refused('http://[::1]/hook'))!, /loopback, private/);
    assert.match((await refused('http://169.254.169.254/latest/meta-data'))!, /private/);
    assert.match((await refused('http://10.0.0.5/hook'))!, /private/);
    assert.match((await refused('http://localhost:3000/hook'))!, /resolves to a loopback/);
    assert.equal(await refused('https://203.0.114.10/hook'), undefined);
    // allowed in closed networks and tests
    assert.equal(await webhookUrlProblem('http://127.0.0.1:8080/hook', true), undefined);
    assert.equal(await webhookUrlProblem('ftp://127.0.0.1/', true), 'only http and https URLs');
  });

  it('refuses at connect time when guarded, so a name rebound to a private address fails', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await assert.rejects(
        postJson(`http://127.0.0.1:${port}/`, '{}', { guard: true }),
        BlockedAddressError,
      );
      await assert.rejects(
        postJson(`http://localhost:${port}/`, '{}', { guard: true }),
        BlockedAddressError,
      );
      assert.equal(hits, 0, 'nothing reached the private server');
      const answer = await postJson(`http://127.0.0.1:${port}/`, '{}', { guard: false });
      assert.deepEqual(answer, { status: 200, text: 'ok' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('the logging SMS provider and the configuration in the log', () => {
  it('logs the masked phone and the text, never the number or the SMS secrets', async () => {
    const lines: string[] = [];
    const log = pino(
      loggerOptions('info'),
      new Writable({
        write(chunk: Buffer | string, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      }),
    );
    const provider = new LoggingSmsProvider(log);
    const { messageId } = await provider.send({
      to: '13912345678',
      text: '【政通】您申报的「食品经营许可」已受理。',
      reference: 'd-1',
    });
    assert.match(messageId, /^log-/);
    const config = loadConfig({
      ZT_SMS_PROVIDER: 'http',
      ZT_SMS_URL: 'https://sms.example.com/send',
      ZT_SMS_TOKEN: 'sms-token-value-77',
      ZT_SMS_RECEIPT_SECRET: 'receipt-secret-value-88',
    });
    log.info({ config }, 'configuration loaded');
    const text = lines.join('');
    assert.match(text, /139\*\*\*\*5678/);
    assert.match(text, /您申报的「食品经营许可」已受理/);
    assert.ok(!text.includes('13912345678'));
    assert.ok(!text.includes('sms-token-value-77'), 'the provider token is redacted');
    assert.ok(!text.includes('receipt-secret-value-88'), 'the receipt secret is redacted');
    assert.throws(() => loadConfig({ ZT_SMS_PROVIDER: 'http' }), /ZT_SMS_URL/);
    assert.throws(() => loadConfig({ ZT_SMS_PROVIDER: 'carrier-pigeon' }));
  });
});
