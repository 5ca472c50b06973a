import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { regionSubtreeCodes } from '../directory/index.js';
import { regionResolverFromSubtrees, type RegionResolver } from './roles.js';
import { account, enterprise, enterpriseAgent, personProfile, staffProfile } from './tables.js';

/*
 * Queries of the staff-administration and agent services: reads over staff_profile with the
 * account and its roles, and the enterprise_agent rows. Writes to account and role_assignment
 * go through store.ts (grantRole, revokeRole, setAccountStatus, …); this file writes only
 * enterprise_agent.
 */

/**
 * A resolver over the stored region tree, for the roots a decision needs: each root's subtree
 * is loaded once, following stored parents (济源 419001 sits directly under 410000).
 */
export async function loadRegionResolver(
  db: Executor,
  roots: readonly (string | undefined)[],
): Promise<RegionResolver> {
  const subtrees = new Map<string, ReadonlySet<string>>();
  for (const root of new Set(roots)) {
    if (root === undefined) continue;
    subtrees.set(root, new Set(await regionSubtreeCodes(db, root)));
  }
  return regionResolverFromSubtrees(subtrees);
}

/**
 * The SQL condition "this region column lies in the actor's jurisdiction", for list queries:
 * the subtree is resolved from the stored tree once, the filter runs in the database.
 */
export async function jurisdictionCondition(
  db: Executor,
  column: Parameters<typeof inArray>[0],
  root: string,
): Promise<SQL> {
  const codes = await regionSubtreeCodes(db, root);
  return codes.length === 0 ? sql`false` : inArray(column, codes);
}

// ---------------------------------------------------------------- staff

const activeRoles = sql<string[]>`coalesce((
  SELECT array_agg(r.role ORDER BY r.role) FROM role_assignment r
   WHERE r.account_id = ${account.id} AND r.revoked_at IS NULL), '{}')`;

const staffColumns = {
  accountId: account.id,
  username: account.username,
  name: staffProfile.name,
  organisationId: staffProfile.organisationId,
  jurisdiction: staffProfile.jurisdiction,
  status: account.status,
  lockedUntil: account.lockedUntil,
  mustChangePassword: account.mustChangePassword,
  totpEnabledAt: account.totpEnabledAt,
  phoneMasked: staffProfile.phoneMasked,
  createdAt: account.createdAt,
  roles: activeRoles,
};

export interface StaffRow {
  accountId: string;
  username: string | null;
  name: string;
  organisationId: string;
  jurisdiction: string;
  status: 'active' | 'disabled';
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
  phoneMasked: string | null;
  createdAt: Date;
  roles: string[];
}

export async function findStaff(db: Executor, accountId: string): Promise<StaffRow | undefined> {
  const rows = await db
    .select(staffColumns)
    .from(staffProfile)
    .innerJoin(account, eq(account.id, staffProfile.accountId))
    .where(eq(staffProfile.accountId, accountId));
  return rows[0];
}

export interface StaffFilter {
  /** root of the region subtree the listed staff's jurisdiction must lie in */
  jurisdiction?: string | undefined;
  organisationId?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  /** matches name or account name */
  q?: string | undefined;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of staff, filtered in the query by jurisdiction and the rest; with the total. */
export async function listStaff(
  db: Executor,
  filter: StaffFilter,
  page: { limit: number; offset: number },
): Promise<{ items: StaffRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.jurisdiction !== undefined) {
    conditions.push(
      await jurisdictionCondition(db, staffProfile.jurisdiction, filter.jurisdiction),
    );
  }
  if (filter.organisationId !== undefined) {
    conditions.push(eq(staffProfile.organisationId, filter.organisationId));
  }
  if (filter.status !== undefined) conditions.push(eq(account.status, filter.status));
  if (filter.role !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM role_assignment r
      WHERE r.account_id = ${account.id} AND r.role = ${filter.role} AND r.revoked_at IS NULL)`);
  }
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const pattern = likePattern(filter.q.trim());
    const match = or(
      sql`${staffProfile.name} ILIKE ${pattern}`,
      sql`${account.username} ILIKE ${pattern}`,
    );
    if (match) conditions.push(match);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const items = await db
    .select(staffColumns)
    .from(staffProfile)
    .innerJoin(account, eq(account.id, staffProfile.accountId))
    .where(where)
    .orderBy(asc(staffProfile.jurisdiction), asc(staffProfile.name), asc(account.id))
    .limit(page.limit)
    .offset(page.offset);
  const counted = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffProfile)
    .innerJoin(account, eq(account.id, staffProfile.accountId))
    .where(where);
  return { items, total: counted[0]?.n ?? 0 };
}

// ---------------------------------------------------------------- enterprise agents

export interface EnterpriseHead {
  id: string;
  legalRepresentativeId: string;
  status: 'active' | 'deregistered';
}

/** The enterprise's id, legal representative and status (read only). */
export async function findEnterpriseHead(
  db: Executor,
  id: string,
): Promise<EnterpriseHead | undefined> {
  const rows = await db
    .select({
      id: enterprise.id,
      legalRepresentativeId: enterprise.legalRepresentativeId,
      status: enterprise.status,
    })
    .from(enterprise)
    .where(eq(enterprise.id, id));
  return rows[0];
}

export interface AgentRow {
  id: string;
  enterpriseId: string;
  personAccountId: string;
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  scope: string[];
  expiresAt: Date;
  grantedBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

const agentColumns = {
  id: enterpriseAgent.id,
  enterpriseId: enterpriseAgent.enterpriseId,
  personAccountId: enterpriseAgent.personAccountId,
  name: account.displayName,
  idNumberMasked: personProfile.idNumberMasked,
  phoneMasked: personProfile.phoneMasked,
  scope: enterpriseAgent.scope,
  expiresAt: enterpriseAgent.expiresAt,
  grantedBy: enterpriseAgent.grantedBy,
  createdAt: enterpriseAgent.createdAt,
  revokedAt: enterpriseAgent.revokedAt,
  revokedBy: enterpriseAgent.revokedBy,
};

/** Agents of an enterprise, current ones first; `current` leaves out revoked and expired. */
export async function listAgents(
  db: Executor,
  enterpriseId: string,
  options: { current: boolean; now: Date },
): Promise<AgentRow[]> {
  return db
    .select(agentColumns)
    .from(enterpriseAgent)
    .innerJoin(account, eq(account.id, enterpriseAgent.personAccountId))
    .leftJoin(personProfile, eq(personProfile.accountId, enterpriseAgent.personAccountId))
    .where(
      and(
        eq(enterpriseAgent.enterpriseId, enterpriseId),
        options.current
          ? and(isNull(enterpriseAgent.revokedAt), gt(enterpriseAgent.expiresAt, options.now))
          : undefined,
      ),
    )
    .orderBy(
      sql`(${enterpriseAgent.revokedAt} IS NULL AND ${enterpriseAgent.expiresAt} > ${options.now}) DESC`,
      desc(enterpriseAgent.createdAt),
    )
    .limit(500);
}

export async function findAgent(
  db: Executor,
  enterpriseId: string,
  agentId: string,
): Promise<AgentRow | undefined> {
  const rows = await db
    .select(agentColumns)
    .from(enterpriseAgent)
    .innerJoin(account, eq(account.id, enterpriseAgent.personAccountId))
    .leftJoin(personProfile, eq(personProfile.accountId, enterpriseAgent.personAccountId))
    .where(and(eq(enterpriseAgent.enterpriseId, enterpriseId), eq(enterpriseAgent.id, agentId)));
  return rows[0];
}

/** The unrevoked authorisation of a person for an enterprise (expired or not), if any. */
export async function findUnrevokedAgent(
  db: Executor,
  enterpriseId: string,
  personAccountId: string,
): Promise<{ id: string; expiresAt: Date } | undefined> {
  const rows = await db
    .select({ id: enterpriseAgent.id, expiresAt: enterpriseAgent.expiresAt })
    .from(enterpriseAgent)
    .where(
      and(
        eq(enterpriseAgent.enterpriseId, enterpriseId),
        eq(enterpriseAgent.personAccountId, personAccountId),
        isNull(enterpriseAgent.revokedAt),
      ),
    );
  return rows[0];
}

export async function insertAgent(
  db: Executor,
  row: {
    id: string;
    enterpriseId: string;
    personAccountId: string;
    scope: string[];
    expiresAt: Date;
    grantedBy: string;
  },
): Promise<void> {
  await db.insert(enterpriseAgent).values({ ...row, createdAt: new Date() });
}

export async function updateAgent(
  db: Executor,
  id: string,
  values: { scope?: string[]; expiresAt?: Date },
): Promise<void> {
  await db
    .update(enterpriseAgent)
    .set(values)
    .where(and(eq(enterpriseAgent.id, id), isNull(enterpriseAgent.revokedAt)));
}

export async function revokeAgent(db: Executor, id: string, revokedBy: string): Promise<boolean> {
  const rows = await db
    .update(enterpriseAgent)
    .set({ revokedAt: new Date(), revokedBy })
    .where(and(eq(enterpriseAgent.id, id), isNull(enterpriseAgent.revokedAt)))
    .returning({ id: enterpriseAgent.id });
  return rows.length > 0;
}

/** Marks as revoked an authorisation that ran out, so a new one can take its place. */
export async function closeExpiredAgent(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(enterpriseAgent)
    .set({ revokedAt: now, revokedBy: null })
    .where(
      and(
        eq(enterpriseAgent.id, id),
        isNull(enterpriseAgent.revokedAt),
        lte(enterpriseAgent.expiresAt, now),
      ),
    );
}

/** Active agents (for demo seeding idempotence). */
export async function countAgents(db: Executor, enterpriseIds: string[]): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enterpriseAgent)
    .where(inArray(enterpriseAgent.enterpriseId, enterpriseIds));
  return rows[0]?.n ?? 0;
}
