import type { Verification } from '@zhengtong/contracts';
import { sm2Verify, sm3 } from '../../kernel/crypto.js';
import type { Drizzle } from '../../kernel/db/database.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import type { CERTIFICATE_FORMAT, CertificatesDirectory } from './service.js';
import * as store from './store.js';

/** The canonical payload that is signed (its field order is irrelevant: canonical JSON). */
export interface Payload {
  format: typeof CERTIFICATE_FORMAT;
  identifier: string;
  type: { code: string; name: string };
  holder: { kind: 'person' | 'enterprise'; name: string; id: string };
  issuer: { organisationId: string; name: string; keyId: string };
  validFrom: string;
  validTo: string | null;
  issuedAt: string;
  version: number;
  supersedes: string | null;
  data: Record<string, unknown>;
}

/** What the verification of a stored certificate found. */
interface Checked {
  row: store.CertificateRow;
  seal: store.SealRow | undefined;
  payload: Payload | undefined;
  intact: boolean;
}

/**
 * 证照核验: whether a certificate is intact (its sealed payload opens, its digest and SM2
 * signature hold under its seal's key, and the stored columns say what the signed payload
 * says), and what it stands for now (valid, expired, revoked, superseded), as the public
 * verification page shows it.
 */
export class CertificateVerification {
  constructor(
    private readonly deps: {
      db: Drizzle;
      fieldCrypto: FieldCrypto;
      directory: Pick<CertificatesDirectory, 'organisationNames'>;
      today: () => string;
    },
  ) {}

  /** The signed payload of a certificate, or undefined when it does not open. */
  openPayload(row: store.CertificateRow): Payload | undefined {
    try {
      return JSON.parse(this.deps.fieldCrypto.decrypt(row.payloadSealed)) as Payload;
    } catch {
      return undefined;
    }
  }

  private async check(row: store.CertificateRow): Promise<Checked> {
    const seal = await store.findSeal(this.deps.db, row.sealId);
    let text: string | undefined;
    try {
      text = this.deps.fieldCrypto.decrypt(row.payloadSealed);
    } catch {
      text = undefined;
    }
    if (text === undefined || !seal) return { row, seal, payload: undefined, intact: false };
    let payload: Payload | undefined;
    try {
      payload = JSON.parse(text) as Payload;
    } catch {
      payload = undefined;
    }
    const intact =
      payload !== undefined &&
      sm3(text).toString('hex') === row.digest &&
      sm2Verify(text, row.signature, seal.publicKey) &&
      payload.identifier === row.identifier &&
      payload.issuer?.keyId === seal.keyId &&
      payload.validFrom === row.validFrom &&
      payload.validTo === row.validTo &&
      payload.type?.code === row.typeCode;
    return { row, seal, payload, intact };
  }

  /** GET /verify/{identifier}: public, and says only what the face of a certificate says. */
  async verify(identifier: string): Promise<Verification> {
    const row = await store.findByIdentifier(this.deps.db, identifier);
    const blank: Verification = {
      status: 'unknown',
      identifier,
      issuer: null,
      type: null,
      holderMasked: null,
      validFrom: null,
      validTo: null,
      reason: null,
      supersededBy: null,
    };
    if (!row) return blank;
    const { seal, payload, intact } = await this.check(row);
    const [names, typeNames] = await Promise.all([
      this.deps.directory.organisationNames([row.issuerOrganisationId]),
      store.typeNames(this.deps.db, [row.typeCode]),
    ]);
    const base: Verification = {
      ...blank,
      issuer: seal
        ? {
            organisationName: names.get(row.issuerOrganisationId) ?? '',
            sealName: seal.name,
            keyId: seal.keyId,
          }
        : null,
      type: { code: row.typeCode, name: typeNames.get(row.typeCode) ?? payload?.type?.name ?? '' },
      holderMasked: row.holderIdMasked,
      validFrom: row.validFrom,
      validTo: row.validTo,
    };
    if (!intact) return { ...base, status: 'tampered' };
    return { ...base, ...(await this.standing(row, seal)) };
  }

  /** revoked / superseded (as revoked, 已变更) / expired / valid, for an intact certificate. */
  private async standing(
    row: store.CertificateRow,
    seal: store.SealRow | undefined,
  ): Promise<Pick<Verification, 'status' | 'reason' | 'supersededBy'>> {
    if (row.status === 'revoked') {
      return { status: 'revoked', reason: row.revokeReason, supersededBy: null };
    }
    if (row.status === 'superseded') {
      const next = await store.findSuccessor(this.deps.db, row.id);
      return { status: 'revoked', reason: '已变更', supersededBy: next?.identifier ?? null };
    }
    // a seal revoked (not retired) is one whose key may be compromised: trust nothing it signed
    if (seal?.status === 'revoked') {
      return {
        status: 'revoked',
        reason: `签发印章已吊销${seal.revokeReason ? `：${seal.revokeReason}` : ''}`,
        supersededBy: null,
      };
    }
    if (row.validTo !== null && row.validTo < this.deps.today()) {
      return { status: 'expired', reason: null, supersededBy: null };
    }
    return { status: 'valid', reason: null, supersededBy: null };
  }
}
