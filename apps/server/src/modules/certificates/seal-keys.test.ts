import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../../kernel/crypto.js';
import { ConflictError } from '../../kernel/errors.js';
import { SealKeyring } from './seal-keys.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConflictError, String(err));
    return err.code;
  }
  return 'no error';
};

describe('SealKeyring', () => {
  const dirs: string[] = [];
  const keyring = (configured?: string) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-seal-keys-'));
    dirs.push(dataDir);
    return new SealKeyring({ dataDir, configured, mayGenerate: true });
  };
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('opens what it sealed, again and again, and the key signs for its public key', () => {
    const ring = keyring();
    const keys = generateSm2KeyPair();
    const sealed = ring.seal(keys.privateKey);
    assert.ok(!sealed.includes(keys.privateKey));
    for (let i = 0; i < 3; i++) assert.equal(ring.unseal(sealed, keys.publicKey), keys.privateKey);
    const signature = sm2Sign('营业执照', ring.unseal(sealed, keys.publicKey), keys.publicKey);
    assert.equal(sm2Verify('营业执照', signature, keys.publicKey), true);
  });

  it('refuses another seal’s public key, before and after the seal was opened once', () => {
    const keys = generateSm2KeyPair();
    const other = generateSm2KeyPair();
    const fresh = keyring();
    const sealed = fresh.seal(keys.privateKey);
    assert.equal(
      code(() => fresh.unseal(sealed, other.publicKey)),
      'seal-key-mismatch',
    );
    assert.equal(fresh.unseal(sealed, keys.publicKey), keys.privateKey);
    // opened once: remembering it must not let a mismatched public key through
    assert.equal(
      code(() => fresh.unseal(sealed, other.publicKey)),
      'seal-key-mismatch',
    );
  });

  it('does not open a key sealed under another master key, nor a damaged one', () => {
    const keys = generateSm2KeyPair();
    const a = keyring('a'.repeat(64));
    const b = keyring('b'.repeat(64));
    const sealed = a.seal(keys.privateKey);
    assert.equal(a.unseal(sealed, keys.publicKey), keys.privateKey);
    assert.equal(
      code(() => b.unseal(sealed, keys.publicKey)),
      'seal-key-unreadable',
    );
    const damaged = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.equal(
      code(() => a.unseal(damaged, keys.publicKey)),
      'seal-key-unreadable',
    );
  });
});
