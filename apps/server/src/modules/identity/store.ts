import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import {
  account,
  enterprise,
  enterpriseAgent,
  passwordHistory,
  personProfile,
  roleAssignment,
  session,
  staffProfile,
} from './tables.js';

/*
 * The only file that touches the identity tables (oidc_payload and oidc_client excepted: the
 * OIDC adapter in ./oidc owns those). Functions take an Executor so callers can compose them in
 * one transaction with their audit record.
 */

export type AccountRow = typeof account.$inferSelect;
export type PersonProfileRow = typeof personProfile.$inferSelect;
export type StaffProfileRow = typeof staffProfile.$inferSelect;
export type SessionRow = typeof session.$inferSelect;
export type EnterpriseRow = typeof enterprise.$inferSelect;

export { uniqueViolation } from '../../kernel/db/errors.js';

// ---------------------------------------------------------------- accounts

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const rows = await db.select().from(account).where(eq(account.id, id));
  return rows[0];
}

/** What an actor is made of: the account, the roles it holds now (sorted), and staff facts. */
export interface ActorFacts {
  account: AccountRow;
  roles: string[];
  staff: { organisationId: string; jurisdiction: string } | null;
}

/** The columns of ActorFacts, for a select joined with staff_profile (left) on the account. */
const actorFactColumns = () => ({
  account,
  staffOrganisationId: staffProfile.organisationId,
  staffJurisdiction: staffProfile.jurisdiction,
  roles: sql<string[]>`coalesce((
    SELECT array_agg(${roleAssignment.role} ORDER BY ${roleAssignment.role})
    FROM ${roleAssignment}
    WHERE ${roleAssignment.accountId} = ${account.id} AND ${roleAssignment.revokedAt} IS NULL
  ), '{}')`,
});

function actorFacts(row: {
  account: AccountRow;
  staffOrganisationId: string | null;
  staffJurisdiction: string | null;
  roles: string[];
}): ActorFacts {
  return {
    account: row.account,
    roles: row.roles,
    staff:
      row.staffOrganisationId !== null && row.staffJurisdiction !== null
        ? { organisationId: row.staffOrganisationId, jurisdiction: row.staffJurisdiction }
        : null,
  };
}

/** The account row locked for update (login bookkeeping inside a transaction). */
export async function lockAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const rows = await db.select().from(account).where(eq(account.id, id)).for('update');
  return rows[0];
}

export async function findAccountIdByUsername(
  db: Executor,
  username: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ id: account.id })
    .from(account)
    .where(sql`lower(${account.username}) = lower(${username})`);
  return rows[0]?.id;
}

/** A person by the keyed lookup hash of their ID number or phone. */
export async function findPersonIdByHash(
  db: Executor,
  field: 'idNumber' | 'phone',
  hash: string,
): Promise<string | undefined> {
  const column = field === 'idNumber' ? personProfile.idNumberHash : personProfile.phoneHash;
  const rows = await db
    .select({ id: personProfile.accountId })
    .from(personProfile)
    .where(eq(column, hash));
  return rows[0]?.id;
}

export interface NewAccount {
  id: string;
  kind: 'person' | 'staff';
  username: string | null;
  displayName: string;
  passwordHash: string;
  mustChangePassword?: boolean;
}

export async function insertAccount(db: Executor, row: NewAccount): Promise<void> {
  await db.insert(account).values({
    ...row,
    mustChangePassword: row.mustChangePassword ?? false,
  });
  await insertPasswordHistory(db, row.id, row.passwordHash);
}

export async function insertPersonProfile(
  db: Executor,
  row: typeof personProfile.$inferInsert,
): Promise<void> {
  await db.insert(personProfile).values(row);
}

export async function insertStaffProfile(
  db: Executor,
  row: typeof staffProfile.$inferInsert,
): Promise<void> {
  await db.insert(staffProfile).values(row);
}

export async function findPersonProfile(
  db: Executor,
  accountId: string,
): Promise<PersonProfileRow | undefined> {
  const rows = await db.select().from(personProfile).where(eq(personProfile.accountId, accountId));
  return rows[0];
}

export async function findStaffProfile(
  db: Executor,
  accountId: string,
): Promise<StaffProfileRow | undefined> {
  const rows = await db.select().from(staffProfile).where(eq(staffProfile.accountId, accountId));
  return rows[0];
}

/** Login bookkeeping: counters, lock and (on success) their reset. */
export async function updateLoginState(
  db: Executor,
  id: string,
  state: { failedLogins: number; lockouts: number; lockedUntil: Date | null },
): Promise<void> {
  await db
    .update(account)
    .set({ ...state, updatedAt: new Date() })
    .where(eq(account.id, id));
}

export async function setTotp(
  db: Executor,
  id: string,
  totp: { secret: string | null; enabledAt: Date | null },
): Promise<void> {
  await db
    .update(account)
    .set({ totpSecret: totp.secret, totpEnabledAt: totp.enabledAt, updatedAt: new Date() })
    .where(eq(account.id, id));
}

/** Records the time step of an accepted TOTP code; false when it is not newer (a replay). */
export async function advanceTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const updated = await db
    .update(account)
    .set({ totpLastStep: step })
    .where(
      and(eq(account.id, id), or(isNull(account.totpLastStep), lt(account.totpLastStep, step))),
    )
    .returning({ id: account.id });
  return updated.length > 0;
}

export async function setPassword(
  db: Executor,
  id: string,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  const now = new Date();
  await db
    .update(account)
    .set({ passwordHash, passwordChangedAt: now, mustChangePassword, updatedAt: now })
    .where(eq(account.id, id));
  await insertPasswordHistory(db, id, passwordHash);
}

export async function setAccountStatus(
  db: Executor,
  id: string,
  status: 'active' | 'disabled',
): Promise<void> {
  await db.update(account).set({ status, updatedAt: new Date() }).where(eq(account.id, id));
}

// ---------------------------------------------------------------- password history

const HISTORY_KEPT = 5;

async function insertPasswordHistory(db: Executor, id: string, hash: string): Promise<void> {
  // the key is (account, created_at): use the clock, not now(), which is fixed per transaction
  await db
    .insert(passwordHistory)
    .values({ accountId: id, passwordHash: hash, createdAt: new Date() });
  await db.execute(sql`
    DELETE FROM password_history WHERE account_id = ${id} AND created_at NOT IN (
      SELECT created_at FROM password_history WHERE account_id = ${id}
      ORDER BY created_at DESC LIMIT ${HISTORY_KEPT})`);
}

/** The hashes of the last five passwords, newest first (the current one included). */
export async function recentPasswordHashes(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, id))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(HISTORY_KEPT);
  return rows.map((r) => r.hash);
}

// ---------------------------------------------------------------- roles

export interface RoleGrant {
  accountId: string;
  role: string;
  organisationId?: string | null;
  regionCode?: string | null;
  /** account id of the grantor, or `system:<component>` */
  grantedBy: string;
}

/**
 * Grants a role; true when granted, false when the account already holds it. Callers check
 * authority and record the audit entry in the same transaction.
 */
export async function grantRole(db: Executor, grant: RoleGrant): Promise<boolean> {
  const inserted = await db
    .insert(roleAssignment)
    .values({
      id: newId(),
      accountId: grant.accountId,
      role: grant.role,
      organisationId: grant.organisationId ?? null,
      regionCode: grant.regionCode ?? null,
      grantedBy: grant.grantedBy,
    })
    .onConflictDoNothing()
    .returning({ id: roleAssignment.id });
  return inserted.length > 0;
}

/** Revokes a role held; true when something was revoked. */
export async function revokeRole(
  db: Executor,
  revoke: { accountId: string; role: string; revokedBy: string },
): Promise<boolean> {
  const updated = await db
    .update(roleAssignment)
    .set({ revokedAt: new Date(), revokedBy: revoke.revokedBy })
    .where(
      and(
        eq(roleAssignment.accountId, revoke.accountId),
        eq(roleAssignment.role, revoke.role),
        isNull(roleAssignment.revokedAt),
      ),
    )
    .returning({ id: roleAssignment.id });
  return updated.length > 0;
}

export interface HeldRole {
  role: string;
  organisationId: string | null;
  regionCode: string | null;
  grantedBy: string;
  grantedAt: Date;
}

/** The roles an account holds now (unrevoked), sorted by name. */
export async function listRoles(db: Executor, accountId: string): Promise<HeldRole[]> {
  return db
    .select({
      role: roleAssignment.role,
      organisationId: roleAssignment.organisationId,
      regionCode: roleAssignment.regionCode,
      grantedBy: roleAssignment.grantedBy,
      grantedAt: roleAssignment.grantedAt,
    })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.accountId, accountId), isNull(roleAssignment.revokedAt)))
    .orderBy(roleAssignment.role);
}

// ---------------------------------------------------------------- enterprises

export async function findEnterpriseByCreditCode(
  db: Executor,
  creditCode: string,
): Promise<EnterpriseRow | undefined> {
  const rows = await db.select().from(enterprise).where(eq(enterprise.creditCode, creditCode));
  return rows[0];
}

export async function insertEnterprise(
  db: Executor,
  row: typeof enterprise.$inferInsert,
): Promise<void> {
  await db.insert(enterprise).values(row);
}

export interface EnterpriseRelation {
  id: string;
  name: string;
  creditCode: string;
  relation: 'legalRepresentative' | 'agent';
  scope: string[];
  expiresAt: Date | null;
}

/** Scope of a legal representative: everything the enterprise may do. */
export const FULL_SCOPE = ['*'];

/**
 * The active enterprises a person may act for: as legal representative, or as an agent whose
 * authorisation is unexpired and unrevoked. A person who is both sees the legal representation.
 */
export async function listActingEnterprises(
  db: Executor,
  personAccountId: string,
  now: Date = new Date(),
): Promise<EnterpriseRelation[]> {
  const own = await db
    .select({ id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode })
    .from(enterprise)
    .where(
      and(eq(enterprise.legalRepresentativeId, personAccountId), eq(enterprise.status, 'active')),
    );
  const agencies = await db
    .select({
      id: enterprise.id,
      name: enterprise.name,
      creditCode: enterprise.creditCode,
      scope: enterpriseAgent.scope,
      expiresAt: enterpriseAgent.expiresAt,
    })
    .from(enterpriseAgent)
    .innerJoin(enterprise, eq(enterprise.id, enterpriseAgent.enterpriseId))
    .where(
      and(
        eq(enterpriseAgent.personAccountId, personAccountId),
        isNull(enterpriseAgent.revokedAt),
        gt(enterpriseAgent.expiresAt, now),
        eq(enterprise.status, 'active'),
      ),
    );
  const result: EnterpriseRelation[] = own.map((e) => ({
    ...e,
    relation: 'legalRepresentative',
    scope: FULL_SCOPE,
    expiresAt: null,
  }));
  for (const a of agencies) {
    if (result.some((r) => r.id === a.id)) continue;
    result.push({ ...a, relation: 'agent' });
  }
  return result.sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));
}

export async function findActingEnterprise(
  db: Executor,
  personAccountId: string,
  enterpriseId: string,
  now: Date = new Date(),
): Promise<EnterpriseRelation | undefined> {
  const all = await listActingEnterprises(db, personAccountId, now);
  return all.find((e) => e.id === enterpriseId);
}

// ---------------------------------------------------------------- sessions

export async function insertSession(db: Executor, row: typeof session.$inferInsert): Promise<void> {
  await db.insert(session).values(row);
}

const liveSession = (tokenHash: string, now: Date) =>
  and(
    eq(session.tokenHash, tokenHash),
    isNull(session.revokedAt),
    gt(session.idleExpiresAt, now),
    gt(session.absoluteExpiresAt, now),
  );

/**
 * A live session with its account's ActorFacts, in one statement: what every authenticated
 * request asks first.
 */
export async function findLiveSessionWithFacts(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ session: SessionRow; facts: ActorFacts } | undefined> {
  const rows = await db
    .select({ session, ...actorFactColumns() })
    .from(session)
    .innerJoin(account, eq(account.id, session.accountId))
    .leftJoin(staffProfile, eq(staffProfile.accountId, account.id))
    .where(liveSession(tokenHash, now));
  const row = rows[0];
  return row ? { session: row.session, facts: actorFacts(row) } : undefined;
}

/** Slides the idle expiry, never beyond the absolute one. */
export async function touchSession(
  db: Executor,
  tokenHash: string,
  now: Date,
  idleExpiresAt: Date,
): Promise<void> {
  await db
    .update(session)
    .set({
      lastSeenAt: now,
      idleExpiresAt: sql`least(${idleExpiresAt}, ${session.absoluteExpiresAt})`,
    })
    .where(and(eq(session.tokenHash, tokenHash), lte(session.lastSeenAt, now)));
}

export async function updateSession(
  db: Executor,
  tokenHash: string,
  values: { actingForEnterpriseId?: string | null; mfaAt?: Date | null },
): Promise<void> {
  await db.update(session).set(values).where(eq(session.tokenHash, tokenHash));
}

export async function revokeSession(db: Executor, tokenHash: string): Promise<boolean> {
  const rows = await db
    .update(session)
    .set({ revokedAt: new Date() })
    .where(and(eq(session.tokenHash, tokenHash), isNull(session.revokedAt)))
    .returning({ accountId: session.accountId });
  return rows.length > 0;
}

/** Revokes every live session of an account, except `keep` when given; returns how many. */
export async function revokeAccountSessions(
  db: Executor,
  accountId: string,
  keep?: string,
): Promise<number> {
  const rows = await db
    .update(session)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(session.accountId, accountId),
        isNull(session.revokedAt),
        keep === undefined ? undefined : ne(session.tokenHash, keep),
      ),
    )
    .returning({ tokenHash: session.tokenHash });
  return rows.length;
}

/** Drops sessions that ended more than a day ago (housekeeping). */
export async function deleteEndedSessions(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(session)
    .where(
      or(
        and(isNotNull(session.revokedAt), lte(session.revokedAt, before)),
        lte(session.idleExpiresAt, before),
        lte(session.absoluteExpiresAt, before),
      ),
    )
    .returning({ tokenHash: session.tokenHash });
  return rows.length;
}

// ---------------------------------------------------------------- bulk reads for other modules

/** Display names of accounts, for lists that show who did what. */
export async function accountNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: account.id, name: account.displayName })
    .from(account)
    .where(inArray(account.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Active staff of an organisation holding a role (unrevoked), by name; with `accountId`, that
 * one account or nobody. For the workflow's 转办: who may be given a task.
 */
export async function activeStaffHolding(
  db: Executor,
  query: { organisationId: string; role: string; accountId?: string },
): Promise<{ accountId: string; name: string }[]> {
  return db
    .select({ accountId: staffProfile.accountId, name: staffProfile.name })
    .from(staffProfile)
    .innerJoin(account, eq(account.id, staffProfile.accountId))
    .where(
      and(
        eq(staffProfile.organisationId, query.organisationId),
        eq(account.status, 'active'),
        query.accountId === undefined ? undefined : eq(account.id, query.accountId),
        sql`EXISTS (SELECT 1 FROM role_assignment r WHERE r.account_id = ${account.id}
                     AND r.role = ${query.role} AND r.revoked_at IS NULL)`,
      ),
    )
    .orderBy(staffProfile.name, account.id)
    .limit(500);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names of staff accounts (others are left out), for histories that show which officer acted. */
export async function staffNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  // actor ids of the system (`system:…`) are no account ids
  const accounts = [...new Set(ids)].filter((id) => UUID.test(id));
  if (accounts.length === 0) return new Map();
  const rows = await db
    .select({ id: staffProfile.accountId, name: staffProfile.name })
    .from(staffProfile)
    .where(inArray(staffProfile.accountId, accounts));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The phones of active accounts, for SMS (统一消息): a person's from registration, a staff
 * member's when one was given. Sealed with the field key as stored, and masked; no phone, no row.
 */
export async function accountPhones(
  db: Executor,
  ids: readonly string[],
): Promise<{ accountId: string; phoneSealed: string; phoneMasked: string }[]> {
  const accounts = [...new Set(ids)].filter((id) => UUID.test(id));
  if (accounts.length === 0) return [];
  const result = await db.execute<{
    account_id: string;
    phone_cipher: string;
    phone_masked: string;
  }>(sql`
    SELECT p.account_id, p.phone_cipher, p.phone_masked
      FROM ${personProfile} p JOIN ${account} a ON a.id = p.account_id
     WHERE a.status = 'active' AND p.account_id IN (${sql.join(
       accounts.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
    UNION ALL
    SELECT s.account_id, s.phone_cipher, s.phone_masked
      FROM ${staffProfile} s JOIN ${account} a ON a.id = s.account_id
     WHERE a.status = 'active' AND s.phone_cipher IS NOT NULL AND s.phone_masked IS NOT NULL
       AND s.account_id IN (${sql.join(
         accounts.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})`);
  return result.rows.map((r) => ({
    accountId: r.account_id,
    phoneSealed: r.phone_cipher,
    phoneMasked: r.phone_masked,
  }));
}

/** The account of an active enterprise's legal representative (法定代表人), if any. */
export async function enterpriseLegalRepresentative(
  db: Executor,
  enterpriseId: string,
): Promise<string | undefined> {
  if (!UUID.test(enterpriseId)) return undefined;
  const rows = await db
    .select({ accountId: enterprise.legalRepresentativeId })
    .from(enterprise)
    .where(and(eq(enterprise.id, enterpriseId), eq(enterprise.status, 'active')));
  return rows[0]?.accountId;
}

/** Active staff of an organisation whatever their roles (at most 500), e.g. to tell of a case. */
export async function activeStaffOf(
  db: Executor,
  organisationId: string,
): Promise<{ accountId: string; name: string }[]> {
  if (!UUID.test(organisationId)) return [];
  return db
    .select({ accountId: staffProfile.accountId, name: staffProfile.name })
    .from(staffProfile)
    .innerJoin(account, eq(account.id, staffProfile.accountId))
    .where(and(eq(staffProfile.organisationId, organisationId), eq(account.status, 'active')))
    .orderBy(staffProfile.name, account.id)
    .limit(500);
}
