import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {
  SM2_DEFAULT_USER_ID,
  canonicalJson,
  generateSm2KeyPair,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm3,
} from './crypto.js';

describe('sm3', () => {
  it('matches the GB/T 32905 example vectors', () => {
    assert.equal(
      sm3('abc').toString('hex'),
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    assert.equal(
      sm3('abcd'.repeat(16)).toString('hex'),
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes its parts as one concatenated message, strings as UTF-8', () => {
    assert.deepEqual(sm3('a', Buffer.from('b'), 'c'), sm3('abc'));
    assert.deepEqual(sm3('政通'), sm3(Buffer.from('政通', 'utf8')));
    assert.notDeepEqual(sm3('abd'), sm3('abc'));
    assert.equal(sm3().length, 32);
  });
});

describe('sm4 (GB/T 32907) through node:crypto', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  const ecb = () => {
    const c = crypto.createCipheriv('sm4-ecb', key, null);
    c.setAutoPadding(false);
    return c;
  };

  it('encrypts the standard example block', () => {
    const c = ecb();
    const out = Buffer.concat([c.update(key), c.final()]);
    assert.equal(out.toString('hex'), '681edf34d206965e86b3e94f536e4246');
    const d = crypto.createDecipheriv('sm4-ecb', key, null);
    d.setAutoPadding(false);
    assert.deepEqual(Buffer.concat([d.update(out), d.final()]), key);
  });

  it('encrypts it 1,000,000 times over to the standard example result', () => {
    const c = ecb();
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = c.update(block);
    c.final();
    assert.equal(block.toString('hex'), '595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('sm2', () => {
  const keys = generateSm2KeyPair();
  const other = generateSm2KeyPair();

  it('makes hex key pairs: a 32-byte private key and an uncompressed public point', () => {
    for (let i = 0; i < 50; i++) {
      const k = generateSm2KeyPair();
      assert.match(k.privateKey, /^[0-9a-f]{64}$/);
      assert.match(k.publicKey, /^04[0-9a-f]{128}$/);
      assert.equal(sm2PublicKeyOf(k.privateKey), k.publicKey);
    }
    assert.notEqual(keys.privateKey, other.privateKey);
  });

  it('verifies its own signatures, for strings and bytes alike', () => {
    const message = '电子证照 No. 41-2024-000001';
    const sig = sm2Sign(message, keys.privateKey);
    assert.match(sig, /^30[0-9a-f]+$/, 'DER SEQUENCE');
    assert.equal(sm2Verify(message, sig, keys.publicKey), true);
    assert.equal(sm2Verify(Buffer.from(message, 'utf8'), sig, keys.publicKey), true);
    const bytes = crypto.randomBytes(1000);
    assert.equal(sm2Verify(bytes, sm2Sign(bytes, keys.privateKey), keys.publicKey), true);
    assert.equal(sm2Verify('', sm2Sign('', keys.privateKey), keys.publicKey), true);
  });

  it('signs the same with the public key given as with it derived, and not with a wrong one', () => {
    const message = '营业执照 91410100MA00000000';
    assert.equal(
      sm2Verify(message, sm2Sign(message, keys.privateKey, keys.publicKey), keys.publicKey),
      true,
    );
    // Z hashes the public key given: another key's Z makes a signature nobody verifies
    const wrongZ = sm2Sign(message, keys.privateKey, other.publicKey);
    assert.equal(sm2Verify(message, wrongZ, keys.publicKey), false);
    assert.equal(sm2Verify(message, wrongZ, other.publicKey), false);
  });

  it('rejects a changed message, another key, and a damaged or garbage signature', () => {
    const message = 'position 42 hash abc';
    const sig = sm2Sign(message, keys.privateKey);
    assert.equal(sm2Verify('position 43 hash abc', sig, keys.publicKey), false);
    assert.equal(sm2Verify(message + ' ', sig, keys.publicKey), false);
    assert.equal(sm2Verify(message, sig, other.publicKey), false);
    assert.equal(sm2Verify(message, sm2Sign(message, other.privateKey), keys.publicKey), false);
    const damaged = sig.slice(0, -2) + (sig.endsWith('00') ? '01' : '00');
    assert.equal(sm2Verify(message, damaged, keys.publicKey), false);
    assert.equal(sm2Verify(message, 'not a signature', keys.publicKey), false);
    assert.equal(sm2Verify(message, '', keys.publicKey), false);
    assert.equal(sm2Verify(message, sig, '04' + '00'.repeat(64)), false);
  });

  it('round-trips for any message (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        (m, flip) => {
          const bytes = Buffer.from(m);
          const sig = sm2Sign(bytes, keys.privateKey);
          if (!sm2Verify(bytes, sig, keys.publicKey)) return false;
          const changed = Buffer.concat([bytes, Buffer.from(flip)]);
          return !sm2Verify(changed, sig, keys.publicKey);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** SubjectPublicKeyInfo { id-ecPublicKey, SM2 curve 1.2.156.10197.1.301 } around a 65-byte point */
function sm2PublicKeyPem(publicKeyHex: string): string {
  const point = Buffer.from(publicKeyHex, 'hex');
  assert.equal(point.length, 65);
  const algorithm = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
  const bitString = Buffer.concat([Buffer.from([0x03, point.length + 1, 0x00]), point]);
  const body = Buffer.concat([algorithm, bitString]);
  const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
}

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const opensslMissing =
  openssl.error && (openssl.error as NodeJS.ErrnoException).code === 'ENOENT'
    ? 'the openssl binary is not installed on this machine'
    : false;

describe('sm2 against OpenSSL', { skip: opensslMissing }, () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-sm2-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  /** exit status 0 means OpenSSL verified the signature */
  const opensslVerifies = (args: string[]) =>
    spawnSync('openssl', args, { encoding: 'utf8' }).status === 0;
  const pkeyutlVerify = (pub: string, msg: string, sig: string, distid = SM2_DEFAULT_USER_ID) =>
    opensslVerifies([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      pub,
      '-rawin',
      '-in',
      msg,
      '-sigfile',
      sig,
      '-digest',
      'sm3',
      '-pkeyopt',
      `distid:${distid}`,
    ]);

  it('OpenSSL verifies our signatures (pkeyutl and dgst), and refuses tampered ones', () => {
    assert.match(openssl.stdout, /OpenSSL/);
    const messages = [
      Buffer.from('zhengtong-audit-checkpoint|1000|66c7f0f4|2024-06-01T00:00:00.000Z'),
      Buffer.from('{"holder":"张三","licence":"营业执照"}', 'utf8'),
      Buffer.alloc(0),
      crypto.randomBytes(4096),
    ];
    for (const [i, m] of messages.entries()) {
      const k = generateSm2KeyPair();
      const pub = file(`pub${i}.pem`, sm2PublicKeyPem(k.publicKey));
      const msg = file(`msg${i}`, m);
      const sig = file(`sig${i}.der`, Buffer.from(sm2Sign(m, k.privateKey), 'hex'));
      assert.ok(pkeyutlVerify(pub, msg, sig), `pkeyutl verifies message ${i}`);
      assert.ok(
        opensslVerifies([
          'dgst',
          '-sm3',
          '-verify',
          pub,
          '-sigopt',
          `distid:${SM2_DEFAULT_USER_ID}`,
          '-signature',
          sig,
          msg,
        ]),
        `dgst verifies message ${i}`,
      );
      // the identity is part of what is signed (Z = SM3(ENTL ‖ ID ‖ curve ‖ key))
      assert.ok(!pkeyutlVerify(pub, msg, sig, '1234567812345679'), 'another distid fails');
      const tampered = file(`msg${i}.bad`, Buffer.concat([m, Buffer.from('x')]));
      assert.ok(!pkeyutlVerify(pub, tampered, sig), 'a changed message fails');
      const otherPub = file(`other${i}.pem`, sm2PublicKeyPem(generateSm2KeyPair().publicKey));
      assert.ok(!pkeyutlVerify(otherPub, msg, sig), 'another key fails');
    }
  });

  it('OpenSSL verifies signatures under many keys (DER integers of every length)', () => {
    const msg = file('many', 'checkpoint');
    for (let i = 0; i < 60; i++) {
      const k = generateSm2KeyPair();
      const pub = file('many.pem', sm2PublicKeyPem(k.publicKey));
      const sig = file('many.der', Buffer.from(sm2Sign('checkpoint', k.privateKey), 'hex'));
      assert.ok(pkeyutlVerify(pub, msg, sig), `key ${k.publicKey}`);
    }
  });

  it('we verify signatures OpenSSL made, and derive the same public key from its private key', () => {
    const keyPem = path.join(dir, 'ossl-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', keyPem]);
    const pkcs8 = execFileSync('openssl', ['pkey', '-in', keyPem, '-outform', 'DER']);
    const spki = execFileSync('openssl', ['pkey', '-in', keyPem, '-pubout', '-outform', 'DER']);
    // ECPrivateKey { version 1, privateKey OCTET STRING (32) … } inside the PKCS #8 envelope
    const at = pkcs8.indexOf(Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]));
    assert.ok(at > 0, 'found the private key in the PKCS #8 DER');
    const privateKey = pkcs8.subarray(at + 5, at + 37).toString('hex');
    const publicKey = spki.subarray(-65).toString('hex');
    assert.equal(sm2PublicKeyOf(privateKey), publicKey);

    const message = Buffer.from('电子证照签发 2024-06-01', 'utf8');
    const msg = file('ossl-msg', message);
    const sigPath = path.join(dir, 'ossl-sig.der');
    execFileSync('openssl', [
      'pkeyutl',
      '-sign',
      '-inkey',
      keyPem,
      '-rawin',
      '-in',
      msg,
      '-out',
      sigPath,
      '-digest',
      'sm3',
      '-pkeyopt',
      `distid:${SM2_DEFAULT_USER_ID}`,
    ]);
    const sig = fs.readFileSync(sigPath).toString('hex');
    assert.equal(sm2Verify(message, sig, publicKey), true);
    assert.equal(sm2Verify(Buffer.concat([message, Buffer.from('!')]), sig, publicKey), false);
    // and our signature with OpenSSL's key verifies in OpenSSL
    const ours = file('ours.der', Buffer.from(sm2Sign(message, privateKey), 'hex'));
    const pub = file('ossl-pub.pem', sm2PublicKeyPem(publicKey));
    assert.ok(pkeyutlVerify(pub, msg, ours));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no white space', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, '10': 0, '2': 0, A: 0 };
    assert.equal(
      canonicalJson(value),
      '{"10":0,"2":0,"A":0,"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes primitives, dates and arrays as JSON does, dropping undefined properties', () => {
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson('政"通\n'), JSON.stringify('政"通\n'));
    assert.equal(canonicalJson(-0), '0');
    assert.equal(canonicalJson(1e21), '1e+21');
    assert.equal(
      canonicalJson(new Date('2024-06-01T08:00:00+08:00')),
      '"2024-06-01T00:00:00.000Z"',
    );
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(canonicalJson([undefined, 1]), '[null,1]');
  });

  it('rejects NaN and the infinities, wherever they are', () => {
    for (const bad of [NaN, Infinity, -Infinity, { a: { b: NaN } }, [1, [Infinity]]]) {
      assert.throws(() => canonicalJson(bad), TypeError);
    }
  });

  it('rejects what JSON cannot hold instead of writing broken JSON', () => {
    for (const bad of [{ f: () => 1 }, [Symbol('s')], { n: 1n }, () => 1]) {
      assert.throws(() => canonicalJson(bad), TypeError);
    }
  });

  it('writes what toJSON returns, as JSON.stringify does', () => {
    const buf = Buffer.from([1, 2, 3]);
    assert.equal(canonicalJson({ b: buf }), '{"b":{"data":[1,2,3],"type":"Buffer"}}');
    assert.equal(canonicalJson({ x: { toJSON: () => ({ z: 1, y: 2 }) } }), '{"x":{"y":2,"z":1}}');
  });

  /** the same value with the keys of every object inserted in another order */
  const reorder = (value: unknown, seed: number): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const shuffled = entries
      .map((e, i) => ({ e, k: Math.sin(seed * 7919 + i * 104729) }))
      .sort((x, y) => x.k - y.k)
      .map(({ e: [k, v] }, i) => [k, reorder(v, seed + i + 1)] as const);
    return Object.fromEntries(shuffled);
  };

  it('does not depend on the order keys were inserted in (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        return canonicalJson(reorder(value, seed)) === canonicalJson(value);
      }),
      { numRuns: 500 },
    );
  });

  it('means what JSON.stringify means: parsing gives back the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('lists the keys of every object in sorted order (property)', () => {
    // keys that are not array indexes keep their textual order through JSON.parse
    const sortedAtEveryDepth = (v: unknown): boolean => {
      if (Array.isArray(v)) return v.every(sortedAtEveryDepth);
      if (v === null || typeof v !== 'object') return true;
      const keys = Object.keys(v);
      return (
        keys.every((k, i) => i === 0 || keys[i - 1]! < k) &&
        Object.values(v).every(sortedAtEveryDepth)
      );
    };
    fc.assert(
      fc.property(
        fc.object({
          key: fc.string().map((s) => `k${s}`),
          values: [fc.integer(), fc.string(), fc.boolean(), fc.constant(null)],
          maxDepth: 4,
        }),
        (value) => sortedAtEveryDepth(JSON.parse(canonicalJson(value))),
      ),
      { numRuns: 300 },
    );
    // and the check itself notices unsorted keys
    assert.equal(sortedAtEveryDepth(JSON.parse('{"kb":1,"ka":2}')), false);
  });
});
