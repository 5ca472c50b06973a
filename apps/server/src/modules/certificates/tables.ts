import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/** 证照目录: certificate types (GB/T 36902 catalogue information). */
export const certificateType = pgTable(
  'certificate_type',
  {
    /** 证照类型代码: the defining department's credit code + three digits */
    code: text().primaryKey(),
    name: text().notNull(),
    sector: text().notNull(),
    holderKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    /** validity in years; null when it does not expire */
    validityYears: integer(),
    /** 签发层级: the level of the departments that issue it */
    issuingLevel: text({ enum: ['province', 'city', 'county'] })
      .notNull()
      .default('city'),
    /** 照面信息: the certificate's data items as a JSON Schema */
    dataSchema: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{"type":"object"}'::jsonb`),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    check('certificate_type_code_check', sql`${t.code} ~ '^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$'`),
    check(
      'certificate_type_validity_check',
      sql`${t.validityYears} IS NULL OR ${t.validityYears} > 0`,
    ),
  ],
);

/**
 * 电子印章: an issuing organisation's seal, bound to an SM2 key pair. The private key is sealed
 * with SM4 under the seal master key (ZT_SEAL_MASTER_KEY) and never leaves the server. A rotation
 * retires the old seal (its public key stays published, so what it signed still verifies) and
 * creates a new one; at most one seal per organisation is active.
 */
export const seal = pgTable(
  'seal',
  {
    id: uuid().primaryKey(),
    organisationId: uuid().notNull(),
    name: text().notNull(),
    /** SM3 of the public key, hex, first 32 characters: how a signature names its key */
    keyId: text().notNull(),
    /** SM2 public key, uncompressed point, hex (04‖x‖y) */
    publicKey: text().notNull(),
    /** SM2 private key sealed with SM4 under the master key */
    privateKeySealed: text().notNull(),
    status: text({ enum: ['active', 'suspended', 'revoked', 'retired'] }).notNull(),
    validFrom: tstz().notNull(),
    /** when it stopped signing (retired by a rotation, or revoked) */
    validTo: tstz(),
    revokeReason: text(),
    /** the seal that replaced it in a rotation */
    replacedBy: uuid(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('seal_key_id_key').on(t.keyId),
    uniqueIndex('seal_one_active_per_organisation')
      .on(t.organisationId)
      .where(sql`${t.status} = 'active'`),
  ],
);

/**
 * 电子证照. `payloadSealed` is the canonical JSON that was signed (it holds personal data, so it
 * is sealed at rest); `digest` is its SM3 and `signature` the seal's SM2 signature over it. A
 * change (变更) issues a new certificate that `supersedes` the old one.
 */
export const certificate = pgTable(
  'certificate',
  {
    id: uuid().primaryKey(),
    /** 证照标识 in the GB/T 36904 style, with its check character */
    identifier: text().notNull(),
    typeCode: text().notNull(),
    holderKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    /** the person's account, when the holder is a person */
    holderAccountId: text(),
    /** the enterprise, when the holder is one */
    enterpriseId: uuid(),
    holderName: text().notNull(),
    /** keyed hash of the holder's ID number or credit code (lookups without decrypting) */
    holderIdHash: text().notNull(),
    holderIdMasked: text().notNull(),
    issuerOrganisationId: uuid().notNull(),
    sealId: uuid().notNull(),
    payloadSealed: text().notNull(),
    digest: text().notNull(),
    signature: text().notNull(),
    status: text({ enum: ['valid', 'revoked', 'superseded'] }).notNull(),
    validFrom: date().notNull(),
    /** null: does not expire */
    validTo: date(),
    /** the application whose completion issued it: one certificate per application */
    applicationId: uuid(),
    supersedes: uuid(),
    version: integer().notNull().default(1),
    issuedAt: tstz().notNull(),
    revokedAt: tstz(),
    revokeReason: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificate_identifier_key').on(t.identifier),
    uniqueIndex('certificate_application_key')
      .on(t.applicationId)
      .where(sql`${t.applicationId} IS NOT NULL`),
    index('certificate_holder_account_idx').on(t.holderAccountId),
    index('certificate_enterprise_idx').on(t.enterpriseId),
    index('certificate_holder_id_idx').on(t.holderIdHash, t.typeCode),
  ],
);

/**
 * 用证授权: the holder lets a department (or one application) read a certificate, within a
 * scope, until it expires or the holder withdraws it.
 */
export const certificateAuthorisation = pgTable(
  'certificate_authorisation',
  {
    id: uuid().primaryKey(),
    certificateId: uuid().notNull(),
    grantedBy: text().notNull(),
    granteeOrganisationId: uuid().notNull(),
    applicationId: uuid(),
    /** summary: the face (照面) without the data items; full: everything */
    scope: text({ enum: ['summary', 'full'] }).notNull(),
    purpose: text().notNull(),
    expiresAt: tstz().notNull(),
    withdrawnAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('certificate_authorisation_certificate_idx').on(t.certificateId)],
);

/** 用证记录: every read of a certificate by someone other than its holder. */
export const certificateUse = pgTable(
  'certificate_use',
  {
    id: uuid().primaryKey(),
    certificateId: uuid().notNull(),
    authorisationId: uuid(),
    actorId: text().notNull(),
    organisationId: uuid(),
    applicationId: uuid(),
    purpose: text().notNull(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [index('certificate_use_certificate_idx').on(t.certificateId, t.at)],
);

/** 免提交: a material of an application met by a certificate from the applicant's wallet. */
export const applicationCertificate = pgTable(
  'application_certificate',
  {
    applicationId: uuid().notNull(),
    materialKey: text().notNull(),
    certificateId: uuid().notNull(),
    /** the authorisation the applicant gave the implementing department for it */
    authorisationId: uuid().notNull(),
    attachedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({
      name: 'application_certificate_pk',
      columns: [t.applicationId, t.materialKey, t.certificateId],
    }),
  ],
);
