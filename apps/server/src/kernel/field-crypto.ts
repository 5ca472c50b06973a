import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data at rest (ID numbers, phones, TOTP secrets): SM4-CBC with a
 * random IV, then HMAC-SM3 over version ‖ IV ‖ ciphertext (encrypt-then-MAC; OpenSSL 3.0 has no
 * SM4-GCM). Lookups use a keyed hash (HMAC-SM3 with a separate key) so equal values can be
 * found without decrypting and without a plain hash that a dictionary of ID numbers would undo.
 */
export interface FieldCrypto {
  encrypt: (plain: string) => string;
  decrypt: (sealed: string) => string;
  /** keyed lookup hash of a normalised value, hex */
  lookupHash: (value: string) => string;
}

const VERSION = 'v1';

export class FieldDecryptError extends Error {
  constructor() {
    super('field ciphertext is corrupt or was sealed with another key');
    this.name = 'FieldDecryptError';
  }
}

export function createFieldCrypto(keyHex: string): FieldCrypto {
  if (!/^[0-9a-fA-F]{96}$/.test(keyHex)) {
    throw new Error(
      'the field key must be 48 bytes in hex: SM4 key, MAC key, lookup key (16 each)',
    );
  }
  const key = Buffer.from(keyHex, 'hex');
  const encKey = key.subarray(0, 16);
  const macKey = key.subarray(16, 32);
  const lookupKey = key.subarray(32, 48);
  const mac = (iv: Buffer, ct: Buffer) =>
    crypto.createHmac('sm3', macKey).update(VERSION).update(iv).update(ct).digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(16);
      const cipher = crypto.createCipheriv('sm4-cbc', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${iv.toString('base64url')}.${ct.toString('base64url')}.${mac(iv, ct).toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, ivText, ctText, tagText] = sealed.split('.');
      if (version !== VERSION || !ivText || !ctText || !tagText) throw new FieldDecryptError();
      const iv = Buffer.from(ivText, 'base64url');
      const ct = Buffer.from(ctText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      const expected = mac(iv, ct);
      if (tag.length !== expected.length || !crypto.timingSafeEqual(tag, expected)) {
        throw new FieldDecryptError();
      }
      try {
        const decipher = crypto.createDecipheriv('sm4-cbc', encKey, iv);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldDecryptError();
      }
    },
    lookupHash(value) {
      return crypto.createHmac('sm3', lookupKey).update(value).digest('hex');
    },
  };
}

/**
 * The field key from ZT_FIELD_KEY, or generated once into the data directory (mode 0600). Lose
 * it and the encrypted fields are gone: back it up with the database, apart from it.
 */
export function loadFieldKey(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'keys', 'field.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(48).toString('hex');
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFileSync(file, 'utf8').trim();
  }
}
