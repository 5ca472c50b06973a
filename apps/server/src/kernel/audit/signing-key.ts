import fs from 'node:fs';
import path from 'node:path';
import { generateSm2KeyPair, sm2PublicKeyOf } from '../crypto.js';
import type { AuditSigner } from './chain.js';

/**
 * The SM2 key that signs audit checkpoints: from ZT_AUDIT_SIGNING_KEY when set (several
 * instances must share it), otherwise generated once into the data directory (mode 0600).
 */
export function loadAuditSigner(dataDir: string, configured: string | undefined): AuditSigner {
  if (configured)
    return { privateKey: configured.toLowerCase(), publicKey: sm2PublicKeyOf(configured) };
  const file = path.join(dataDir, 'keys', 'audit-signing.key');
  if (fs.existsSync(file)) {
    const privateKey = fs.readFileSync(file, 'utf8').trim();
    return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pair = generateSm2KeyPair();
  try {
    fs.writeFileSync(file, `${pair.privateKey}\n`, { mode: 0o600, flag: 'wx' });
    return pair;
  } catch (err) {
    // another process created it first: use theirs
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return loadAuditSigner(dataDir, undefined);
  }
}
