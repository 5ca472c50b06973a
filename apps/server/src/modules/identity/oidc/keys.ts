import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWKS } from 'oidc-provider';

/**
 * Reads a secret file of the data directory, or creates it with `make` (mode 0600). Two
 * processes racing to create it both end up with the one that was written first.
 */
async function readOrCreate(file: string, make: () => Promise<string>): Promise<string> {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const text = await make();
  try {
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFileSync(file, 'utf8');
  }
}

function parseJwks(text: string, source: string): JWKS {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((k) => typeof k === 'object' && k !== null && 'd' in k)
  ) {
    throw new Error(`${source} must be a JWKS whose keys are private keys`);
  }
  return { keys: keys as Record<string, unknown>[] };
}

/**
 * The keys that sign ID tokens: ZT_OIDC_JWKS, or one ES256 key generated once into
 * `dataDir/keys/oidc-jwks.json`. Several instances must share them (set ZT_OIDC_JWKS).
 */
export async function loadSigningKeys(dataDir: string, configured: string | undefined) {
  if (configured) return parseJwks(configured, 'ZT_OIDC_JWKS');
  const file = path.join(dataDir, 'keys', 'oidc-jwks.json');
  const text = await readOrCreate(file, async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk);
    return `${JSON.stringify({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }, null, 2)}\n`;
  });
  return parseJwks(text, file);
}

/**
 * Keys that sign oidc-provider's cookies (keygrip: the first signs, all verify, so a new key
 * goes first and old ones stay until their cookies expired).
 */
export async function loadCookieKeys(
  dataDir: string,
  configured: string[] | undefined,
): Promise<string[]> {
  if (configured && configured.length > 0) return configured;
  const file = path.join(dataDir, 'keys', 'oidc-cookie-keys.json');
  const text = await readOrCreate(
    file,
    async () => `${JSON.stringify([crypto.randomBytes(32).toString('base64url')])}\n`,
  );
  const keys: unknown = JSON.parse(text);
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && k.length >= 32)) {
    throw new Error(`${file} must be a JSON array of secrets of at least 32 characters`);
  }
  return keys as string[];
}
