import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { CertificateState, CertificateType } from '@zhengtong/contracts';
import type { Executor } from '../../kernel/db/database.js';
import { postgresError } from '../../kernel/db/errors.js';
import {
  applicationCertificate,
  certificate,
  certificateAuthorisation,
  certificateType,
  certificateUse,
  seal,
} from './tables.js';

const columns = {
  code: certificateType.code,
  name: certificateType.name,
  sector: certificateType.sector,
  holderKind: certificateType.holderKind,
  validityYears: certificateType.validityYears,
  issuingLevel: certificateType.issuingLevel,
  dataSchema: certificateType.dataSchema,
};

export type SealRow = typeof seal.$inferSelect;
export type CertificateRow = typeof certificate.$inferSelect;
export type CertificateTypeRow = typeof certificateType.$inferSelect;
export type AuthorisationRow = typeof certificateAuthorisation.$inferSelect;
export type UseRow = typeof certificateUse.$inferSelect;
export type ApplicationCertificateRow = typeof applicationCertificate.$inferSelect;

/** A reference type as shipped: the catalogue entry plus its level and data items. */
export type ReferenceCertificateType = CertificateType & {
  issuingLevel?: CertificateTypeRow['issuingLevel'];
  dataSchema?: Record<string, unknown>;
};

export async function listCertificateTypes(db: Executor): Promise<CertificateType[]> {
  const rows = await db.select(columns).from(certificateType).orderBy(asc(certificateType.code));
  return rows as CertificateType[];
}

export async function findCertificateType(
  db: Executor,
  code: string,
): Promise<CertificateTypeRow | undefined> {
  const rows = await db.select().from(certificateType).where(eq(certificateType.code, code));
  return rows[0];
}

export async function typeNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: certificateType.code, name: certificateType.name })
    .from(certificateType)
    .where(inArray(certificateType.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function existingTypeCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: certificateType.code })
    .from(certificateType)
    .where(inArray(certificateType.code, codes));
  return new Set(rows.map((r) => r.code));
}

/**
 * Inserts the types that are missing; existing ones (maybe edited) are kept, except that a data
 * schema still at its default (`{"type":"object"}`) takes the shipped one.
 */
export async function insertMissingTypes(
  db: Executor,
  types: readonly ReferenceCertificateType[],
): Promise<number> {
  if (types.length === 0) return 0;
  const inserted = await db
    .insert(certificateType)
    .values(types.map((t) => ({ ...t })))
    .onConflictDoNothing({ target: certificateType.code })
    .returning({ code: certificateType.code });
  for (const t of types) {
    if (!t.dataSchema) continue;
    await db
      .update(certificateType)
      .set({ dataSchema: t.dataSchema, updatedAt: new Date() })
      .where(
        and(
          eq(certificateType.code, t.code),
          sql`${certificateType.dataSchema} = '{"type":"object"}'::jsonb`,
        ),
      );
  }
  return inserted.length;
}

// ---------------------------------------------------------------------------------- seals

export async function insertSeal(db: Executor, row: typeof seal.$inferInsert): Promise<void> {
  await db.insert(seal).values(row);
}

export async function findSeal(db: Executor, id: string): Promise<SealRow | undefined> {
  const rows = await db.select().from(seal).where(eq(seal.id, id));
  return rows[0];
}

export async function lockSeal(db: Executor, id: string): Promise<SealRow | undefined> {
  const rows = await db.select().from(seal).where(eq(seal.id, id)).for('update');
  return rows[0];
}

export async function sealsByIds(db: Executor, ids: string[]): Promise<SealRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(seal)
    .where(inArray(seal.id, [...new Set(ids)]));
}

/** The organisation's active seal, locked for the signing transaction. */
export async function activeSealOf(
  db: Executor,
  organisationId: string,
): Promise<SealRow | undefined> {
  const rows = await db
    .select()
    .from(seal)
    .where(and(eq(seal.organisationId, organisationId), eq(seal.status, 'active')))
    .for('share');
  return rows[0];
}

/** Seals, newest first, of some organisations (undefined: all). */
export async function listSeals(
  db: Executor,
  organisationIds: string[] | undefined,
): Promise<SealRow[]> {
  if (organisationIds && organisationIds.length === 0) return [];
  return db
    .select()
    .from(seal)
    .where(organisationIds ? inArray(seal.organisationId, organisationIds) : undefined)
    .orderBy(asc(seal.organisationId), desc(seal.validFrom));
}

export async function updateSeal(
  db: Executor,
  id: string,
  set: Partial<typeof seal.$inferInsert>,
): Promise<void> {
  await db
    .update(seal)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(seal.id, id));
}

// ---------------------------------------------------------------------------------- certificates

export async function insertCertificate(
  db: Executor,
  row: typeof certificate.$inferInsert,
): Promise<void> {
  await db.insert(certificate).values(row);
}

export async function findCertificate(
  db: Executor,
  id: string,
): Promise<CertificateRow | undefined> {
  const rows = await db.select().from(certificate).where(eq(certificate.id, id));
  return rows[0];
}

export async function lockCertificate(
  db: Executor,
  id: string,
): Promise<CertificateRow | undefined> {
  const rows = await db.select().from(certificate).where(eq(certificate.id, id)).for('update');
  return rows[0];
}

export async function findByIdentifier(
  db: Executor,
  identifier: string,
): Promise<CertificateRow | undefined> {
  const rows = await db.select().from(certificate).where(eq(certificate.identifier, identifier));
  return rows[0];
}

export async function findByApplication(
  db: Executor,
  applicationId: string,
): Promise<CertificateRow | undefined> {
  const rows = await db
    .select()
    .from(certificate)
    .where(eq(certificate.applicationId, applicationId));
  return rows[0];
}

/** The certificate that replaced this one by a change (变更), if any. */
export async function findSuccessor(db: Executor, id: string): Promise<CertificateRow | undefined> {
  const rows = await db.select().from(certificate).where(eq(certificate.supersedes, id));
  return rows[0];
}

export async function updateCertificate(
  db: Executor,
  id: string,
  set: Partial<typeof certificate.$inferInsert>,
): Promise<void> {
  await db
    .update(certificate)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(certificate.id, id));
}

/**
 * The next serial number under one identifier prefix (type + issuer + year), from a PostgreSQL
 * sequence of its own: `nextval` never waits for other transactions, so concurrent issuances
 * under one prefix do not queue behind each other's commits (the old advisory lock held to
 * commit capped one issuer at ≈ 170 certificates/s). A number taken by a transaction that rolls
 * back is not reused: serials may have gaps, never duplicates (the identifier is unique).
 *
 * The sequence is made on first use, under an advisory lock so that two first issuances do not
 * both create it, starting after the highest serial already issued under the prefix (data from
 * before sequences, or a restored backup). Past `max` nextval fails; that is `undefined` here.
 */
export async function nextSerial(
  db: Executor,
  prefix: string,
  max: number,
  highestIssued: (prefix: string) => Promise<number>,
): Promise<number | undefined> {
  const name = `zt_cert_seq_${createHash('sha256').update(prefix).digest('hex').slice(0, 40)}`;
  const next = async () => {
    const rows = await db.execute<{ n: string | number | null }>(
      sql`SELECT nextval(c.oid) AS n FROM pg_class c WHERE c.oid = to_regclass(${name})`,
    );
    const n = rows.rows[0]?.n;
    return n === null || n === undefined ? undefined : Number(n);
  };
  let n: number | undefined;
  try {
    n = await next();
    if (n === undefined) {
      await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`zt-certificate:${prefix}`}))`);
      const start = (await highestIssued(prefix)) + 1;
      await db.execute(
        sql.raw(
          `CREATE SEQUENCE IF NOT EXISTS ${name} AS integer MINVALUE 1 MAXVALUE ${max} START ${Math.min(start, max)}`,
        ),
      );
      n = await next();
    }
  } catch (err) {
    // 2200H: sequence_generator_limit_exceeded
    if (postgresError(err)?.code === '2200H') return undefined;
    throw err;
  }
  return n;
}

/** The highest identifier issued under a prefix so far, if any. */
export async function maxIdentifier(db: Executor, prefix: string): Promise<string | undefined> {
  const rows = await db
    .select({ max: sql<string | null>`max(${certificate.identifier})` })
    .from(certificate)
    .where(like(certificate.identifier, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
  return rows[0]?.max ?? undefined;
}

/** Serialises issuance for one application (idempotency) for the rest of the transaction. */
export async function lockApplicationIssue(db: Executor, applicationId: string): Promise<void> {
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext(${`zt-certificate-application:${applicationId}`}))`,
  );
}

export interface WalletFilter {
  /** certificates held as this person (account or ID-number hash) */
  person?: { accountId: string; idNumberHash: string | undefined };
  /** certificates held by this enterprise (id or credit-code hash) */
  enterprise?: { enterpriseId: string; creditCodeHash: string };
  state?: CertificateState;
  today: string;
}

export async function listWallet(db: Executor, f: WalletFilter): Promise<CertificateRow[]> {
  const holder: SQL[] = [];
  if (f.person) {
    const parts = [eq(certificate.holderAccountId, f.person.accountId)];
    if (f.person.idNumberHash) parts.push(eq(certificate.holderIdHash, f.person.idNumberHash));
    holder.push(and(eq(certificate.holderKind, 'person'), or(...parts))!);
  }
  if (f.enterprise) {
    holder.push(
      and(
        eq(certificate.holderKind, 'enterprise'),
        or(
          eq(certificate.enterpriseId, f.enterprise.enterpriseId),
          eq(certificate.holderIdHash, f.enterprise.creditCodeHash),
        ),
      )!,
    );
  }
  if (holder.length === 0) return [];
  const notExpired = or(isNull(certificate.validTo), sql`${certificate.validTo} >= ${f.today}`);
  const state: SQL | undefined =
    f.state === 'valid'
      ? and(eq(certificate.status, 'valid'), notExpired)
      : f.state === 'expired'
        ? and(eq(certificate.status, 'valid'), sql`${certificate.validTo} < ${f.today}`)
        : f.state
          ? eq(certificate.status, f.state)
          : undefined;
  return db
    .select()
    .from(certificate)
    .where(and(or(...holder), state))
    .orderBy(desc(certificate.issuedAt))
    .limit(500);
}

// ---------------------------------------------------------------------------------- 用证授权

export async function insertAuthorisation(
  db: Executor,
  row: typeof certificateAuthorisation.$inferInsert,
): Promise<AuthorisationRow> {
  const rows = await db.insert(certificateAuthorisation).values(row).returning();
  return rows[0]!;
}

/** A certificate's authorisations, newest first. */
export function listAuthorisations(
  db: Executor,
  certificateId: string,
): Promise<AuthorisationRow[]> {
  return db
    .select()
    .from(certificateAuthorisation)
    .where(eq(certificateAuthorisation.certificateId, certificateId))
    .orderBy(desc(certificateAuthorisation.createdAt), desc(certificateAuthorisation.id));
}

export async function lockAuthorisation(
  db: Executor,
  id: string,
): Promise<AuthorisationRow | undefined> {
  const rows = await db
    .select()
    .from(certificateAuthorisation)
    .where(eq(certificateAuthorisation.id, id))
    .for('update');
  return rows[0];
}

export async function withdrawAuthorisation(
  db: Executor,
  id: string,
  at: Date,
): Promise<AuthorisationRow> {
  const rows = await db
    .update(certificateAuthorisation)
    .set({ withdrawnAt: at })
    .where(eq(certificateAuthorisation.id, id))
    .returning();
  return rows[0]!;
}

/**
 * The authorisations in force at `now` that let an organisation read a certificate (optionally
 * those of one application only), full scope first.
 */
export function activeAuthorisations(
  db: Executor,
  f: { certificateId: string; organisationId: string; applicationId?: string; now: Date },
): Promise<AuthorisationRow[]> {
  return db
    .select()
    .from(certificateAuthorisation)
    .where(
      and(
        eq(certificateAuthorisation.certificateId, f.certificateId),
        eq(certificateAuthorisation.granteeOrganisationId, f.organisationId),
        f.applicationId ? eq(certificateAuthorisation.applicationId, f.applicationId) : undefined,
        isNull(certificateAuthorisation.withdrawnAt),
        gt(certificateAuthorisation.expiresAt, f.now),
      ),
    )
    .orderBy(asc(certificateAuthorisation.scope), desc(certificateAuthorisation.createdAt));
}

// ---------------------------------------------------------------------------------- 用证记录

export async function insertUse(db: Executor, row: typeof certificateUse.$inferInsert) {
  await db.insert(certificateUse).values(row);
}

/** A certificate's use log, newest first. */
export function listUses(db: Executor, certificateId: string): Promise<UseRow[]> {
  return db
    .select()
    .from(certificateUse)
    .where(eq(certificateUse.certificateId, certificateId))
    .orderBy(desc(certificateUse.at), desc(certificateUse.id))
    .limit(500);
}

/** Whether an actor's read for an application was logged since `since`. */
export async function hasUseSince(
  db: Executor,
  f: { certificateId: string; actorId: string; applicationId: string; since: Date },
): Promise<boolean> {
  const rows = await db
    .select({ id: certificateUse.id })
    .from(certificateUse)
    .where(
      and(
        eq(certificateUse.certificateId, f.certificateId),
        eq(certificateUse.actorId, f.actorId),
        eq(certificateUse.applicationId, f.applicationId),
        gte(certificateUse.at, f.since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------- 免提交

export async function insertApplicationCertificate(
  db: Executor,
  row: typeof applicationCertificate.$inferInsert,
): Promise<void> {
  await db.insert(applicationCertificate).values(row);
}

export function applicationCertificates(
  db: Executor,
  applicationId: string,
): Promise<ApplicationCertificateRow[]> {
  return db
    .select()
    .from(applicationCertificate)
    .where(eq(applicationCertificate.applicationId, applicationId))
    .orderBy(asc(applicationCertificate.attachedAt), asc(applicationCertificate.materialKey));
}
