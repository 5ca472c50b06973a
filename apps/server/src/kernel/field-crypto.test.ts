import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createFieldCrypto, FieldDecryptError, loadFieldKey } from './field-crypto.js';

const key = crypto.randomBytes(48).toString('hex');

describe('field encryption (SM4-CBC + HMAC-SM3)', () => {
  const fieldCrypto = createFieldCrypto(key);

  it('round-trips any text, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (plain) => {
        const a = fieldCrypto.encrypt(plain);
        assert.equal(fieldCrypto.decrypt(a), plain);
        assert.notEqual(a, fieldCrypto.encrypt(plain));
        assert.ok(!a.includes(plain) || plain.length < 4);
      }),
    );
  });

  it('refuses tampered ciphertext and another key', () => {
    const sealed = fieldCrypto.encrypt('410105199001011234');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[2] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[2] = ct.toString('base64url');
    assert.throws(() => fieldCrypto.decrypt(parts.join('.')), FieldDecryptError);
    assert.throws(() => fieldCrypto.decrypt('v1.x.y'), FieldDecryptError);
    const other = createFieldCrypto(crypto.randomBytes(48).toString('hex'));
    assert.throws(() => other.decrypt(sealed), FieldDecryptError);
  });

  it('gives a stable keyed lookup hash that differs by key', () => {
    const other = createFieldCrypto(crypto.randomBytes(48).toString('hex'));
    assert.equal(fieldCrypto.lookupHash('13800138000'), fieldCrypto.lookupHash('13800138000'));
    assert.notEqual(fieldCrypto.lookupHash('13800138000'), fieldCrypto.lookupHash('13800138001'));
    assert.notEqual(fieldCrypto.lookupHash('13800138000'), other.lookupHash('13800138000'));
    assert.match(fieldCrypto.lookupHash('x'), /^[0-9a-f]{64}$/);
  });

  it('rejects a malformed key', () => {
    assert.throws(() => createFieldCrypto('abcd'), /48 bytes/);
  });

  it('generates the key once into the data directory, private to the owner', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-key-'));
    try {
      const first = loadFieldKey(dir, undefined);
      assert.match(first, /^[0-9a-f]{96}$/);
      assert.equal(loadFieldKey(dir, undefined), first);
      const mode = fs.statSync(path.join(dir, 'keys', 'field.key')).mode & 0o777;
      assert.equal(mode, 0o600);
      assert.equal(loadFieldKey(dir, key), key);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
