import { Value } from '@sinclair/typebox/value';
import {
  PublishedSealList,
  SignedCertificateFile,
  type PublishedSealList as SealListType,
  type SignedCertificateFile as SignedFileType,
} from '@zhengtong/contracts';
import { SM2_DEFAULT_USER_ID, sm2Verify, sm3 } from '../../kernel/crypto.js';
import { keyIdOf, sm2PublicKeyFromPem } from './seal-keys.js';

export type OfflineVerdict =
  | {
      status: 'valid';
      identifier: string;
      keyId: string;
      sealName: string;
      organisationName: string;
    }
  | { status: 'tampered'; identifier: string; why: string }
  | { status: 'unknown-key'; identifier: string; keyId: string };

/** The SignedCertificateFile in `text`, or a reason it is not one. */
export function parseSignedFile(text: string): SignedFileType | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!Value.Check(SignedCertificateFile, value)) {
    const first = [...Value.Errors(SignedCertificateFile, value)][0];
    return `not a signed certificate file (${first?.path || '/'}: ${first?.message ?? '?'})`;
  }
  return value;
}

export function parseSealList(text: string): SealListType | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!Value.Check(PublishedSealList, value)) return 'not a published seal list';
  return value;
}

/**
 * Verifies a signed certificate file with the published seals alone (no database): the digest
 * is the SM3 of the payload bytes, the signature SM2 (signer ID 1234567812345678) over them with
 * the key the file names. A key is trusted only when its keyId is the SM3 of the public key the
 * list gives (the list itself comes from the issuing platform). Status and expiry are not
 * known offline: ask /verify for those.
 */
export function verifyOffline(file: SignedFileType, seals: SealListType): OfflineVerdict {
  const { identifier, payload, signature } = file;
  const seal = seals.items.find((s) => s.keyId === signature.keyId);
  if (!seal) return { status: 'unknown-key', identifier, keyId: signature.keyId };
  let publicKey: string;
  try {
    publicKey = sm2PublicKeyFromPem(seal.publicKeyPem);
  } catch {
    return { status: 'unknown-key', identifier, keyId: signature.keyId };
  }
  if (publicKey !== seal.publicKeyHex.toLowerCase() || keyIdOf(publicKey) !== seal.keyId) {
    return { status: 'unknown-key', identifier, keyId: signature.keyId };
  }
  const tampered = (why: string): OfflineVerdict => ({ status: 'tampered', identifier, why });
  if (signature.algorithm !== 'SM2-with-SM3' || signature.signerId !== SM2_DEFAULT_USER_ID) {
    return tampered('unsupported signature parameters');
  }
  if (sm3(payload).toString('hex') !== signature.digest.toLowerCase()) {
    return tampered('the payload does not match its digest');
  }
  if (!sm2Verify(payload, signature.value, publicKey)) {
    return tampered('the signature does not verify');
  }
  let signed: { identifier?: unknown; issuer?: { keyId?: unknown } };
  try {
    signed = JSON.parse(payload) as typeof signed;
  } catch {
    return tampered('the payload is not JSON');
  }
  if (signed.identifier !== identifier || signed.issuer?.keyId !== signature.keyId) {
    return tampered('the file names another certificate or key than the signed payload');
  }
  return {
    status: 'valid',
    identifier,
    keyId: seal.keyId,
    sealName: seal.name,
    organisationName: seal.organisationName,
  };
}
