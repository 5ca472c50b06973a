import { Type, type Static } from '@sinclair/typebox';
import { ApplicantKind, CertificateTypeCode } from './catalog.js';

// 电子证照 and 电子印章: seals, certificates in the holder's wallet, public verification,
// authorised use (用证授权) and the signed file for offline verification.

/** 证照标识 in the GB/T 36904 style: an OID-like dotted identifier ending in a check character. */
export const CertificateIdentifier = Type.String({
  // the type and issuer segments are credit codes: letters as well as digits
  pattern: '^1\\.2\\.156\\.[0-9A-Z.]{3,100}\\.[0-9A-Z]$',
  maxLength: 120,
  description: '证照标识（GB/T 36904 风格，末位为校验字符）',
});

// ---------------------------------------------------------------------------------------------
// Seals (电子印章)

export const SealStatus = Type.Union(
  [
    Type.Literal('active'),
    Type.Literal('suspended'),
    Type.Literal('revoked'),
    Type.Literal('retired'),
  ],
  { description: '启用 / 暂停 / 吊销 / 已轮换停用' },
);
export type SealStatus = Static<typeof SealStatus>;

/** A seal as published for verification: its public key, never its private key. */
export const PublishedSeal = Type.Object({
  keyId: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  name: Type.String(),
  status: SealStatus,
  /** SM2 public key as SubjectPublicKeyInfo PEM (OpenSSL reads it) */
  publicKeyPem: Type.String(),
  /** uncompressed point, hex (04‖x‖y) */
  publicKeyHex: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});
export type PublishedSeal = Static<typeof PublishedSeal>;

export const PublishedSealList = Type.Object({ items: Type.Array(PublishedSeal) });
export type PublishedSealList = Static<typeof PublishedSealList>;

/** A seal as its administrators see it. */
export const Seal = Type.Composite([
  Type.Object({ id: Type.String() }),
  PublishedSeal,
  Type.Object({
    revokeReason: Type.Union([Type.String(), Type.Null()]),
    replacedBy: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type Seal = Static<typeof Seal>;

export const SealList = Type.Object({ items: Type.Array(Seal) });
export type SealList = Static<typeof SealList>;

export const CreateSealBody = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  name: Type.String({
    minLength: 2,
    maxLength: 100,
    description: '印章名称，如“郑州市市场监督管理局电子证照专用章”',
  }),
});
export type CreateSealBody = Static<typeof CreateSealBody>;

export const SealReasonBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type SealReasonBody = Static<typeof SealReasonBody>;

// ---------------------------------------------------------------------------------------------
// Certificates

export const CertificateState = Type.Union(
  [
    Type.Literal('valid'),
    Type.Literal('expired'),
    Type.Literal('revoked'),
    Type.Literal('superseded'),
  ],
  { description: '有效 / 已过期 / 已注销（吊销） / 已变更换发' },
);
export type CertificateState = Static<typeof CertificateState>;

/** How the signature is made: SM3 digest of the canonical payload, SM2 (GB/T 32918) over it. */
export const CertificateSignature = Type.Object({
  algorithm: Type.Literal('SM2-with-SM3'),
  /** GB/T 32918 signer ID (default 1234567812345678) */
  signerId: Type.String(),
  keyId: Type.String(),
  /** SM3 of the canonical payload, hex */
  digest: Type.String(),
  /** DER-encoded SM2 signature, hex */
  value: Type.String(),
});
export type CertificateSignature = Static<typeof CertificateSignature>;

export const CertificateSummary = Type.Object({
  id: Type.String(),
  identifier: CertificateIdentifier,
  typeCode: CertificateTypeCode,
  typeName: Type.String(),
  holderKind: ApplicantKind,
  holderName: Type.String(),
  holderIdMasked: Type.String(),
  issuerOrganisationId: Type.String(),
  issuerName: Type.String(),
  state: CertificateState,
  validFrom: Type.String({ format: 'date' }),
  validTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  issuedAt: Type.String(),
  version: Type.Integer({ minimum: 1 }),
});
export type CertificateSummary = Static<typeof CertificateSummary>;

/** A certificate as its holder (or an authorised reader within scope) sees it. */
export const Certificate = Type.Composite([
  CertificateSummary,
  Type.Object({
    /** 照面信息 (empty under a summary-scope authorisation) */
    data: Type.Record(Type.String(), Type.Unknown()),
    applicationId: Type.Union([Type.String(), Type.Null()]),
    supersedes: Type.Union([Type.String(), Type.Null()]),
    supersededBy: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    revokeReason: Type.Union([Type.String(), Type.Null()]),
    signature: CertificateSignature,
  }),
]);
export type Certificate = Static<typeof Certificate>;

export const CertificatePage = Type.Object({
  items: Type.Array(CertificateSummary),
  total: Type.Integer({ minimum: 0 }),
});
export type CertificatePage = Static<typeof CertificatePage>;

export const WalletQuery = Type.Object({
  /** an enterprise the signed-in person may see certificates of (legal representative, agent) */
  enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
  state: Type.Optional(CertificateState),
});
export type WalletQuery = Static<typeof WalletQuery>;

/**
 * The holder of a certificate issued by API (a department system): identified by number, the
 * ID number for a person, the credit code for an enterprise. One object rather than a union of
 * objects: request bodies are stripped of unknown properties, which does not mix with unions of
 * object shapes; the service checks that the number the kind needs is there.
 */
export const CertificateHolderInput = Type.Object({
  kind: ApplicantKind,
  idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
  creditCode: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
  name: Type.String({ minLength: 1, maxLength: 100 }),
});
export type CertificateHolderInput = Static<typeof CertificateHolderInput>;

/** 签发 by API (department systems with client credentials, or the issuing staff). */
export const IssueCertificateBody = Type.Object({
  typeCode: CertificateTypeCode,
  holder: CertificateHolderInput,
  issuerOrganisationId: Type.String({ format: 'uuid' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  validFrom: Type.Optional(Type.String({ format: 'date' })),
  validTo: Type.Optional(Type.String({ format: 'date' })),
});
export type IssueCertificateBody = Static<typeof IssueCertificateBody>;

export const RevokeCertificateBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type RevokeCertificateBody = Static<typeof RevokeCertificateBody>;

/** 变更: a new certificate with the changed data replaces the current one (history kept). */
export const ChangeCertificateBody = Type.Object({
  data: Type.Record(Type.String(), Type.Unknown()),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type ChangeCertificateBody = Static<typeof ChangeCertificateBody>;

// ---------------------------------------------------------------------------------------------
// Verification

export const VerificationStatus = Type.Union(
  [
    Type.Literal('valid'),
    Type.Literal('expired'),
    Type.Literal('revoked'),
    Type.Literal('tampered'),
    Type.Literal('unknown'),
  ],
  { description: '有效 / 已过期 / 已注销 / 被篡改 / 不存在' },
);
export type VerificationStatus = Static<typeof VerificationStatus>;

/** GET /api/v1/certificates/verify/{identifier}: public, stable. */
export const Verification = Type.Object({
  status: VerificationStatus,
  identifier: Type.String(),
  issuer: Type.Union([
    Type.Object({ organisationName: Type.String(), sealName: Type.String(), keyId: Type.String() }),
    Type.Null(),
  ]),
  type: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  holderMasked: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validTo: Type.Union([Type.String(), Type.Null()]),
  /** why revoked; 已变更 when superseded by a changed certificate */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** the identifier of the certificate that replaced it (变更) */
  supersededBy: Type.Union([Type.String(), Type.Null()]),
});
export type Verification = Static<typeof Verification>;

/**
 * The signed file (`zhengtong cert verify FILE` reads it): the canonical payload exactly as
 * signed, and the signature. Verifiable with the published seal public keys alone.
 */
export const SignedCertificateFile = Type.Object({
  format: Type.Literal('zhengtong-certificate/1'),
  identifier: Type.String(),
  /** the canonical JSON that was signed, as a string (byte-exact) */
  payload: Type.String(),
  signature: CertificateSignature,
});
export type SignedCertificateFile = Static<typeof SignedCertificateFile>;

// ---------------------------------------------------------------------------------------------
// Authorised use (用证授权) and use log (用证记录)

export const AuthorisationScope = Type.Union([Type.Literal('summary'), Type.Literal('full')], {
  description: 'summary: 照面摘要（不含数据项）；full: 全部照面信息',
});
export type AuthorisationScope = Static<typeof AuthorisationScope>;

export const CreateAuthorisationBody = Type.Object({
  granteeOrganisationId: Type.String({ format: 'uuid' }),
  /** limits the authorisation to one application of that department */
  applicationId: Type.Optional(Type.String({ format: 'uuid' })),
  scope: AuthorisationScope,
  purpose: Type.String({ minLength: 2, maxLength: 200 }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type CreateAuthorisationBody = Static<typeof CreateAuthorisationBody>;

export const CertificateAuthorisation = Type.Object({
  id: Type.String(),
  certificateId: Type.String(),
  granteeOrganisationId: Type.String(),
  granteeOrganisationName: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  scope: AuthorisationScope,
  purpose: Type.String(),
  expiresAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  /** in force now (not withdrawn, not expired) */
  active: Type.Boolean(),
});
export type CertificateAuthorisation = Static<typeof CertificateAuthorisation>;

export const CertificateAuthorisationList = Type.Object({
  items: Type.Array(CertificateAuthorisation),
});
export type CertificateAuthorisationList = Static<typeof CertificateAuthorisationList>;

export const CertificateUse = Type.Object({
  at: Type.String(),
  organisationName: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  authorisationId: Type.Union([Type.String(), Type.Null()]),
});
export type CertificateUse = Static<typeof CertificateUse>;

export const CertificateUseList = Type.Object({ items: Type.Array(CertificateUse) });
export type CertificateUseList = Static<typeof CertificateUseList>;

// ---------------------------------------------------------------------------------------------
// 免提交: certificates standing in for materials of an application

/** The applicant's choice at submit: which wallet certificate meets which material. */
export const CertificateMaterialChoice = Type.Object({
  materialKey: Type.String({ minLength: 1, maxLength: 40 }),
  certificateId: Type.String({ format: 'uuid' }),
});
export type CertificateMaterialChoice = Static<typeof CertificateMaterialChoice>;

/** A material met by a certificate, as the officer (and the applicant) see it: verified. */
export const CertificateMaterial = Type.Object({
  materialKey: Type.String(),
  certificateId: Type.String(),
  identifier: Type.String(),
  typeName: Type.String(),
  holderMasked: Type.String(),
  issuerName: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  /** verified when read: valid / expired / revoked / tampered */
  verification: VerificationStatus,
});
export type CertificateMaterial = Static<typeof CertificateMaterial>;

/**
 * GET /certificates/mine/for-list/{listId}: for each material of the list in force that a
 * certificate meets, the applicant's valid certificates of its type (the apply page pre-selects
 * one when there is exactly one).
 */
export const CertificateMaterialOptions = Type.Object({
  items: Type.Array(
    Type.Object({
      materialKey: Type.String(),
      certificateTypeCode: CertificateTypeCode,
      certificates: Type.Array(CertificateSummary),
    }),
  ),
});
export type CertificateMaterialOptions = Static<typeof CertificateMaterialOptions>;
