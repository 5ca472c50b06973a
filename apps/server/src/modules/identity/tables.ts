import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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

/**
 * A login: a natural person (自然人) or a civil servant (工作人员). Enterprises do not log in;
 * a person acts for one as its legal representative or agent (经办人).
 */
export const account = pgTable(
  'account',
  {
    id: uuid().primaryKey(),
    kind: text({ enum: ['person', 'staff'] }).notNull(),
    /** staff account name; people log in with ID number or phone (looked up by keyed hash) */
    username: text(),
    displayName: text().notNull(),
    status: text({ enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    passwordHash: text().notNull(),
    passwordChangedAt: tstz().notNull().defaultNow(),
    mustChangePassword: boolean().notNull().default(false),
    failedLogins: integer().notNull().default(0),
    /** how many times the account was locked; each lockout lasts longer (backoff) */
    lockouts: integer().notNull().default(0),
    lockedUntil: tstz(),
    /** TOTP secret, SM4-encrypted */
    totpSecret: text(),
    totpEnabledAt: tstz(),
    /** RFC 6238 time step of the last accepted code: an accepted code is never accepted again */
    totpLastStep: integer(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('account_username_key').on(sql`lower(${t.username})`),
    check('account_staff_username', sql`${t.kind} <> 'staff' OR ${t.username} IS NOT NULL`),
  ],
);

/** 自然人 details: ID number and phone encrypted (SM4) with keyed hashes for lookup. */
export const personProfile = pgTable(
  'person_profile',
  {
    accountId: uuid()
      .primaryKey()
      .references(() => account.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    idNumberCipher: text().notNull(),
    idNumberHash: text().notNull(),
    idNumberMasked: text().notNull(),
    phoneCipher: text().notNull(),
    phoneHash: text().notNull(),
    phoneMasked: text().notNull(),
  },
  (t) => [
    uniqueIndex('person_profile_id_number_hash_key').on(t.idNumberHash),
    uniqueIndex('person_profile_phone_hash_key').on(t.phoneHash),
  ],
);

/** 工作人员: member of an organisation (directory), with a jurisdiction (region subtree). */
export const staffProfile = pgTable(
  'staff_profile',
  {
    accountId: uuid()
      .primaryKey()
      .references(() => account.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    organisationId: uuid().notNull(),
    /** root of the region subtree this member acts in (GB/T 2260) */
    jurisdiction: text().notNull(),
    phoneCipher: text(),
    phoneMasked: text(),
  },
  (t) => [
    index('staff_profile_organisation_idx').on(t.organisationId),
    index('staff_profile_jurisdiction_idx').on(t.jurisdiction),
  ],
);

/** 法人 / 企业, identified by its unified social credit code (GB 32100). */
export const enterprise = pgTable(
  'enterprise',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    creditCode: text().notNull(),
    legalRepresentativeId: uuid()
      .notNull()
      .references(() => account.id),
    regionCode: text(),
    status: text({ enum: ['active', 'deregistered'] })
      .notNull()
      .default('active'),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprise_credit_code_key').on(t.creditCode),
    index('enterprise_legal_representative_idx').on(t.legalRepresentativeId),
  ],
);

/** 经办人: a person the enterprise authorises to act for it, with scope and expiry. */
export const enterpriseAgent = pgTable(
  'enterprise_agent',
  {
    id: uuid().primaryKey(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterprise.id),
    personAccountId: uuid()
      .notNull()
      .references(() => account.id),
    scope: text().array().notNull(),
    expiresAt: tstz().notNull(),
    grantedBy: uuid().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    revokedAt: tstz(),
    revokedBy: uuid(),
  },
  (t) => [
    uniqueIndex('enterprise_agent_active_key')
      .on(t.enterpriseId, t.personAccountId)
      .where(sql`${t.revokedAt} IS NULL`),
    index('enterprise_agent_person_idx').on(t.personAccountId),
  ],
);

/** A role held by an account, optionally limited to an organisation and a region subtree. */
export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: uuid().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => account.id),
    role: text().notNull(),
    organisationId: uuid(),
    regionCode: text(),
    grantedBy: text().notNull(),
    grantedAt: tstz().notNull().defaultNow(),
    revokedAt: tstz(),
    revokedBy: text(),
  },
  (t) => [
    uniqueIndex('role_assignment_active_key')
      .on(t.accountId, t.role)
      .where(sql`${t.revokedAt} IS NULL`),
    index('role_assignment_role_idx').on(t.role),
  ],
);

/** The last password hashes of an account (no reuse of the last 5). */
export const passwordHistory = pgTable(
  'password_history',
  {
    accountId: uuid()
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    passwordHash: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'password_history_pk', columns: [t.accountId, t.createdAt] })],
);

/** A browser session. Only the SHA-256 of the cookie token is stored. */
export const session = pgTable(
  'session',
  {
    tokenHash: text().primaryKey(),
    accountId: uuid()
      .notNull()
      .references(() => account.id),
    /** the enterprise a person acts for in this session, if any */
    actingForEnterpriseId: uuid(),
    createdAt: tstz().notNull().defaultNow(),
    lastSeenAt: tstz().notNull().defaultNow(),
    idleExpiresAt: tstz().notNull(),
    absoluteExpiresAt: tstz().notNull(),
    /** when the second factor was passed in this session */
    mfaAt: tstz(),
    revokedAt: tstz(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);

/** oidc-provider's persistence (sessions, grants, codes, tokens…), one row per model and id. */
export const oidcPayload = pgTable(
  'oidc_payload',
  {
    model: text().notNull(),
    id: text().notNull(),
    payload: jsonb().notNull(),
    grantId: text(),
    userCode: text(),
    uid: text(),
    expiresAt: tstz(),
    consumedAt: tstz(),
  },
  (t) => [
    primaryKey({ name: 'oidc_payload_pk', columns: [t.model, t.id] }),
    index('oidc_payload_grant_idx').on(t.grantId),
    index('oidc_payload_uid_idx').on(t.uid),
    index('oidc_payload_user_code_idx').on(t.userCode),
    index('oidc_payload_expires_idx').on(t.expiresAt),
  ],
);

/** OIDC relying parties registered by administrators; a client secret is kept SM4-encrypted. */
export const oidcClient = pgTable('oidc_client', {
  clientId: text().primaryKey(),
  name: text().notNull(),
  metadata: jsonb().notNull(),
  createdBy: text().notNull(),
  createdAt: tstz().notNull().defaultNow(),
  updatedAt: tstz().notNull().defaultNow(),
  disabledAt: tstz(),
});
