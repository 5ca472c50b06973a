import crypto from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/** SM3 (GB/T 32905) digest, by OpenSSL through node:crypto. */
export function sm3(...parts: (Buffer | string)[]): Buffer {
  const h = crypto.createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** GB/T 32918 / GM/T 0009 default signer identity. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** How Zhengtong signs and verifies with sm-crypto-v2: SM3 over Z‖M, DER, the default identity. */
export const SM2_SIGNATURE_OPTIONS = {
  hash: true,
  der: true,
  userId: SM2_DEFAULT_USER_ID,
} as const;

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

/**
 * SM2 signature with SM3 over Z‖M (the standard's hash mode), DER-encoded hex. Z hashes the
 * signer's public key: pass it when it is at hand, or it is derived from the private key (a
 * point multiplication, about as costly as the signature itself).
 */
export function sm2Sign(message: Buffer | string, privateKey: string, publicKey?: string): string {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return sm2.doSignature(new Uint8Array(bytes), privateKey, {
    ...SM2_SIGNATURE_OPTIONS,
    ...(publicKey ? { publicKey } : {}),
  });
}

/**
 * Public keys precomputed for verification (windowed multiples of the point): about ten times
 * faster per verification, worth it for the few keys that verify again and again (seals, the
 * audit checkpoint key). Bounded; the oldest entry goes first.
 */
const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();
const PRECOMPUTED_MAX = 256;

function verificationKey(publicKey: string) {
  let point = precomputed.get(publicKey);
  if (!point) {
    point = sm2.precomputePublicKey(publicKey);
    if (precomputed.size >= PRECOMPUTED_MAX) {
      const oldest = precomputed.keys().next().value;
      if (oldest !== undefined) precomputed.delete(oldest);
    }
    precomputed.set(publicKey, point);
  }
  return point;
}

export function sm2Verify(message: Buffer | string, signature: string, publicKey: string): boolean {
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  try {
    return sm2.doVerifySignature(
      new Uint8Array(bytes),
      signature,
      verificationKey(publicKey),
      SM2_SIGNATURE_OPTIONS,
    );
  } catch {
    return false;
  }
}

/**
 * Canonical JSON: keys sorted, no insignificant white space; what gets hashed and signed.
 * Only JSON values are accepted (undefined properties are dropped like JSON.stringify does,
 * toJSON is honoured like JSON.stringify does); anything else throws rather than turning
 * into text that is not JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('canonicalJson: non-finite number');
    }
    const kind = typeof value;
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean' && value !== null) {
      throw new TypeError(`canonicalJson: a ${kind} is not a JSON value`);
    }
    return JSON.stringify(value);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalJson((toJSON as () => unknown).call(value));
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
