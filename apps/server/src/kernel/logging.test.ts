import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import Fastify from 'fastify';
import pino from 'pino';
import { loggerOptions, maskPersonalData } from './logging.js';

const ID = '41010519900307123X';
const ID_MASKED = '410105********123X';
const MOBILE = '13812345678';
const MOBILE_MASKED = '138****5678';

/** a pino logger built as the server builds it, writing JSON lines into an array */
function capture(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log: pino(loggerOptions(level), stream), lines, parsed, stream };
}

describe('maskPersonalData', () => {
  it('masks 18-character ID numbers, with a trailing X or x, keeping region and check digits', () => {
    assert.equal(maskPersonalData('410105199003071234'), '410105********1234');
    assert.equal(maskPersonalData(ID), ID_MASKED);
    assert.equal(maskPersonalData('41010519900307123x'), '410105********123x');
  });

  it('masks 11-digit mainland mobiles', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      assert.equal(maskPersonalData(`${prefix}912345678`), `${prefix}9****5678`);
    }
  });

  it('masks them inside longer strings and URLs, every occurrence', () => {
    assert.equal(
      maskPersonalData(`/api/v1/citizens/${ID}/records?phone=${MOBILE}&alt=13900001111`),
      `/api/v1/citizens/${ID_MASKED}/records?phone=${MOBILE_MASKED}&alt=139****1111`,
    );
    assert.equal(
      maskPersonalData(`身份证号${ID}，手机${MOBILE}。`),
      `身份证号${ID_MASKED}，手机${MOBILE_MASKED}。`,
    );
    assert.equal(maskPersonalData(`"idNumber":"${ID}"`), `"idNumber":"${ID_MASKED}"`);
    assert.equal(maskPersonalData(`${ID} ${ID}`), `${ID_MASKED} ${ID_MASKED}`);
  });

  it('masks mobiles written with the +86 / 0086 country code', () => {
    assert.equal(maskPersonalData(`+86 ${MOBILE}`), `+86 ${MOBILE_MASKED}`);
    assert.equal(maskPersonalData(`tel:+86${MOBILE}`), `tel:+86${MOBILE_MASKED}`);
    assert.equal(maskPersonalData(`0086${MOBILE}`), `0086${MOBILE_MASKED}`);
    assert.equal(maskPersonalData(`86-${MOBILE}`), `86-${MOBILE_MASKED}`);
  });

  it('leaves other numbers alone', () => {
    for (const s of [
      '410000', // region code
      '410105', // county code
      '1700000000000', // millisecond timestamp
      '1795773156460',
      '12345678901', // 11 digits, not a mobile prefix
      '10086', // a service number
      '138123456789', // 12 digits
      '4101051990030712345', // 19 digits
      '41010519900307123', // 17 digits
      '91410100MA44XXXX1X', // a unified social credit code
      '0190a5b6-1c2d-7e3f-8a4b-3c2d1e0f9a8b',
      'order 2024-06-01 amount 1380000 fen',
    ]) {
      assert.equal(maskPersonalData(s), s, s);
    }
  });

  it('leaves UUIDs and hex digests alone even where they hold a run of 11 or 18 digits', () => {
    const cases = [
      '0190a5b6-1c2d-7e3f-8a4b-a13812345678',
      '0190a5b6-1c2d-7e3f-8a4b-13812345678f',
      `66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0`,
      `deadbeef${MOBILE}cafe`,
      `ab${ID}cd`,
    ];
    for (const s of cases) assert.equal(maskPersonalData(s), s, s);
  });

  it('never changes a UUID (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), (u) => maskPersonalData(u) === u),
      { numRuns: 20_000 },
    );
  });

  it('never leaves an ID number or mobile readable between any non-alphanumeric text (property)', () => {
    const digits = (n: number) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })
        .map((a) => a.join(''));
    const idNumber = fc
      .tuple(digits(17), fc.constantFrom('0', '5', '9', 'X', 'x'))
      .map(([d, c]) => d + c);
    const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([b, d]) => `1${b}${d}`);
    const filler = fc.string({
      unit: fc.constantFrom(' ', '/', '=', '&', '"', ':', '，', '号', '\n', '-', '_'),
    });
    fc.assert(
      fc.property(filler, fc.oneof(idNumber, mobile), filler, (before, secret, after) => {
        const out = maskPersonalData(before + secret + after);
        const middle = secret.length === 18 ? secret.slice(6, 14) : secret.slice(3, 7);
        return (
          !out.includes(secret) &&
          out.includes('*'.repeat(middle.length)) &&
          out.length === (before + secret + after).length
        );
      }),
    );
  });

  it('is idempotent', () => {
    const s = `a ${ID} b ${MOBILE} c`;
    assert.equal(maskPersonalData(maskPersonalData(s)), maskPersonalData(s));
  });
});

describe('loggerOptions', () => {
  it('redacts passwords, tokens and authorization wherever they are', () => {
    const { log, lines, parsed } = capture();
    log.info(
      {
        password: 'pw-top',
        token: 'tok-top',
        authorization: 'Bearer auth-top',
        user: { name: '张三', password: 'pw-1', accessToken: 'tok-1' },
        req: { headers: { authorization: 'Bearer auth-2', 'x-api-key': 'key-2' } },
        a: { b: { refresh_token: 'tok-2' } },
        input: { applicant: { account: { password: 'pw-3', newPassword: 'pw-4' } } },
        outbound: { headers: { Authorization: 'Bearer auth-3' } },
        list: [{ password: 'pw-5' }],
      },
      'login',
    );
    assert.equal(lines.length, 1);
    for (const secret of ['pw-', 'tok-', 'auth-', 'key-2']) {
      assert.ok(!lines[0]!.includes(secret), `${secret} leaked: ${lines[0]}`);
    }
    const line = parsed()[0]!;
    assert.equal(line.password, '[redacted]');
    assert.equal(line.token, '[redacted]');
    assert.equal(line.authorization, '[redacted]');
    assert.deepEqual(line.user, {
      name: '张三',
      password: '[redacted]',
      accessToken: '[redacted]',
    });
    assert.deepEqual(line.req, {
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' },
    });
    assert.deepEqual(line.input, {
      applicant: { account: { password: '[redacted]', newPassword: '[redacted]' } },
    });
    assert.equal(line.msg, 'login');
  });

  it('masks ID numbers and mobiles in messages, format arguments and nested fields', () => {
    const { log, lines, parsed } = capture();
    log.info(`lookup ${ID}`);
    log.info('lookup %s by %s', ID, MOBILE);
    log.info(
      { citizen: { idNumber: ID, contacts: [{ mobile: MOBILE }], note: `证件 ${ID}` } },
      `for ${MOBILE}`,
    );
    log.warn({ url: `/api/v1/citizens/${ID}?m=${MOBILE}` }, 'multi\nline\t%s', ID);
    const all = lines.join('');
    assert.ok(!all.includes(ID), all);
    assert.ok(!all.includes(MOBILE), all);
    const [a, b, c, d] = parsed();
    assert.equal(a?.msg, `lookup ${ID_MASKED}`);
    assert.equal(b?.msg, `lookup ${ID_MASKED} by ${MOBILE_MASKED}`);
    assert.deepEqual(c?.citizen, {
      idNumber: ID_MASKED,
      contacts: [{ mobile: MOBILE_MASKED }],
      note: `证件 ${ID_MASKED}`,
    });
    assert.equal(c?.msg, `for ${MOBILE_MASKED}`);
    assert.equal(d?.url, `/api/v1/citizens/${ID_MASKED}?m=${MOBILE_MASKED}`);
    assert.equal(d?.msg, `multi\nline\t${ID_MASKED}`);
  });

  it('masks personal data in errors and child bindings, keeping the error serialised', () => {
    const { log, lines, parsed } = capture();
    const err = new Error(`no citizen ${ID}`);
    log.error({ err }, 'lookup failed');
    log.child({ idNumber: ID, requestId: 'r-1' }).info({ mobile: MOBILE }, 'child');
    const all = lines.join('');
    assert.ok(!all.includes(ID), all);
    assert.ok(!all.includes(MOBILE), all);
    const [e, c] = parsed();
    const serialised = e?.err as { type: string; message: string; stack: string };
    assert.equal(serialised.type, 'Error');
    assert.equal(serialised.message, `no citizen ${ID_MASKED}`);
    assert.match(serialised.stack, /^Error: no citizen 410105\*{8}123X\n\s+at /);
    assert.equal(c?.idNumber, ID_MASKED);
    assert.equal(c?.requestId, 'r-1');
    assert.equal(c?.mobile, MOBILE_MASKED);
  });

  it('leaves ordinary values as they are', () => {
    const { log, parsed } = capture();
    const id = '0190a5b6-1c2d-7e3f-8a4b-a13812345678';
    log.info(
      { id, region: '410105', at: 1795773156460, bytes: 13812345678, ok: true, list: [1, 'two'] },
      'plain',
    );
    const [line] = parsed();
    assert.equal(line?.id, id);
    assert.equal(line?.region, '410105');
    assert.equal(line?.at, 1795773156460);
    assert.equal(line?.bytes, 13812345678);
    assert.equal(line?.ok, true);
    assert.deepEqual(line?.list, [1, 'two']);
    assert.equal(line?.level, 30);
  });

  it('honours the level', () => {
    const { log, lines } = capture('warn');
    log.info('hidden');
    log.warn('shown');
    assert.equal(lines.length, 1);
  });

  it('keeps Fastify request logs intact while masking the URL and leaving out credentials', async () => {
    const { lines, parsed, stream } = capture();
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    app.get('/citizens/:id', async () => ({ ok: true }));
    await app.ready();
    try {
      const res = await app.inject({
        method: 'GET',
        url: `/citizens/${ID}?phone=${MOBILE}`,
        headers: { authorization: 'Bearer secret-token', cookie: 'sid=secret-cookie' },
      });
      assert.equal(res.statusCode, 200);
    } finally {
      await app.close();
    }
    const all = lines.join('');
    for (const leak of [ID, MOBILE, 'secret-token', 'secret-cookie'])
      assert.ok(!all.includes(leak), `${leak}: ${all}`);
    const incoming = parsed().find((l) => l.msg === 'incoming request');
    const completed = parsed().find((l) => l.msg === 'request completed');
    const req = incoming?.req as { method?: string; url?: string } | undefined;
    assert.equal(req?.method, 'GET');
    assert.equal(req?.url, `/citizens/${ID_MASKED}?phone=${MOBILE_MASKED}`);
    assert.equal((completed?.res as { statusCode?: number } | undefined)?.statusCode, 200);
  });
});
