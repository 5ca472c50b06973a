import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm2PublicKeyOf, sm3 } from '../../kernel/crypto.js';
import { ConflictError } from '../../kernel/errors.js';
import { createFieldCrypto, type FieldCrypto } from '../../kernel/field-crypto.js';

/**
 * The seal master key (ZT_SEAL_MASTER_KEY, 256 bits as 64 hex): its first half is the SM4 key,
 * its second the HMAC-SM3 key of the same encrypt-then-MAC construction that seals personal
 * data (kernel/field-crypto). It seals the SM2 private keys of the 电子印章 and nothing else.
 *
 * Where it comes from: the setting; else `keys/seal-master.key` in the data directory; else, in
 * demo mode or on the embedded database, it is generated there (mode 0600) like the other
 * generated keys. A server database without the setting (and without the file) keeps running
 * but refuses to create seals or sign with a clear message: generating a key nobody backs up on
 * a production server would lose every seal with the data directory.
 */
export class SealKeyring {
  private sealer: FieldCrypto | undefined;
  /**
   * Seals opened before, by sealed text: opening (SM4 + HMAC-SM3) and checking the key against
   * its public key (a point multiplication) once per seal instead of once per signature. It
   * holds nothing the process could not open at any time anyway: the master key that opens
   * every seal stays in memory while the process runs. Bounded; the oldest entry goes first.
   */
  private readonly opened = new Map<string, { publicKey: string; privateKey: string }>();

  constructor(
    private readonly options: {
      dataDir: string;
      configured: string | undefined;
      /** demo mode or the embedded database: generate the key when there is none */
      mayGenerate: boolean;
    },
  ) {}

  /** Whether a master key is at hand (or would be generated on first use). */
  available(): boolean {
    return (
      this.sealer !== undefined ||
      this.options.configured !== undefined ||
      this.options.mayGenerate ||
      fs.existsSync(masterKeyFile(this.options.dataDir))
    );
  }

  /** The private key (hex) sealed for storage. */
  seal(privateKey: string): string {
    return this.open().encrypt(privateKey);
  }

  /**
   * The private key of a stored seal; refuses (without saying more) when it does not open or
   * does not belong to the public key stored beside it.
   */
  unseal(sealed: string, publicKey: string): string {
    const known = this.opened.get(sealed);
    if (known) {
      if (known.publicKey !== publicKey) {
        throw new ConflictError('seal-key-mismatch', 'the sealed private key is not this seal’s');
      }
      return known.privateKey;
    }
    let privateKey: string;
    try {
      privateKey = this.open().decrypt(sealed);
    } catch (err) {
      if (err instanceof ConflictError) throw err;
      throw new ConflictError(
        'seal-key-unreadable',
        'the seal private key does not open under the configured seal master key',
      );
    }
    if (sm2PublicKeyOf(privateKey) !== publicKey) {
      throw new ConflictError('seal-key-mismatch', 'the sealed private key is not this seal’s');
    }
    if (this.opened.size >= OPENED_MAX) this.opened.delete(this.opened.keys().next().value!);
    this.opened.set(sealed, { publicKey, privateKey });
    return privateKey;
  }

  private open(): FieldCrypto {
    if (this.sealer) return this.sealer;
    const master = loadSealMasterKey(this.options);
    if (!master) {
      throw new ConflictError(
        'seal-master-key-missing',
        'ZT_SEAL_MASTER_KEY is not set: seals cannot be created and certificates cannot be ' +
          'signed on a server database without it (64 hex characters; keep a backup apart from ' +
          'the database)',
      );
    }
    // field-crypto wants a third (lookup) key; it is derived and never used for seals
    const lookup = crypto.createHmac('sm3', Buffer.from(master, 'hex')).update('unused').digest();
    this.sealer = createFieldCrypto(master + lookup.subarray(0, 16).toString('hex'));
    return this.sealer;
  }
}

const OPENED_MAX = 1024;

const masterKeyFile = (dataDir: string) => path.join(dataDir, 'keys', 'seal-master.key');

/** The master key: configured, on disk, or (when allowed) generated onto disk; else undefined. */
export function loadSealMasterKey(options: {
  dataDir: string;
  configured: string | undefined;
  mayGenerate: boolean;
}): string | undefined {
  if (options.configured) return options.configured.toLowerCase();
  const file = masterKeyFile(options.dataDir);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (!options.mayGenerate) return undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFileSync(file, 'utf8').trim();
  }
}

/** keyId: the first 32 hex characters of SM3 over the public key bytes (04‖x‖y). */
export const keyIdOf = (publicKeyHex: string): string =>
  sm3(Buffer.from(publicKeyHex, 'hex')).toString('hex').slice(0, 32);

// SEQUENCE { OID id-ecPublicKey 1.2.840.10045.2.1, OID sm2 1.2.156.10197.1.301 }
const SM2_ALGORITHM = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');

/** SubjectPublicKeyInfo DER of an SM2 public key (uncompressed point, hex). */
export function sm2PublicKeyDer(publicKeyHex: string): Buffer {
  const point = Buffer.from(publicKeyHex, 'hex');
  if (point.length !== 65 || point[0] !== 0x04) throw new RangeError('not an uncompressed point');
  const bitString = Buffer.concat([Buffer.from([0x03, point.length + 1, 0x00]), point]);
  const body = Buffer.concat([SM2_ALGORITHM, bitString]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** The same as PEM (`openssl pkey -pubin` reads it). */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const b64 = sm2PublicKeyDer(publicKeyHex).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** The uncompressed point (hex) inside an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicKeyFromPem(pem: string): string {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const der = Buffer.from(b64, 'base64');
  if (der.length !== 91 || !der.subarray(2, 2 + SM2_ALGORITHM.length).equals(SM2_ALGORITHM)) {
    throw new RangeError('not an SM2 SubjectPublicKeyInfo');
  }
  return der.subarray(-65).toString('hex');
}
