import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Organisation, OrganisationKind, Region, ServiceWindow } from '@zhengtong/contracts';
import type { Executor } from '../../kernel/db/database.js';
import { organisation, region, serviceWindow } from './tables.js';

// the outer table is named explicitly: an unqualified "code" would bind to the inner alias
const childCount = sql<number>`(SELECT count(*)::int FROM region c WHERE c.parent_code = "region"."code")`;

const regionColumns = {
  code: region.code,
  name: region.name,
  level: region.level,
  parentCode: region.parentCode,
  childCount,
};

export async function findRegion(db: Executor, code: string): Promise<Region | undefined> {
  const rows = await db.select(regionColumns).from(region).where(eq(region.code, code));
  return rows[0];
}

/** Children of a region, or the roots when parent is null. */
export async function listRegionChildren(db: Executor, parent: string | null): Promise<Region[]> {
  return db
    .select(regionColumns)
    .from(region)
    .where(parent === null ? isNull(region.parentCode) : eq(region.parentCode, parent))
    .orderBy(asc(region.code));
}

/** Codes of a region and all regions below it, following stored parents (not code prefixes). */
export async function regionSubtreeCodes(db: Executor, root: string): Promise<string[]> {
  const result = await db.execute<{ code: string }>(sql`
    WITH RECURSIVE sub(code) AS (
      SELECT code FROM region WHERE code = ${root}
      UNION ALL
      SELECT r.code FROM region r JOIN sub ON r.parent_code = sub.code
    )
    SELECT code FROM sub`);
  return result.rows.map((r) => r.code);
}

export async function countRegions(db: Executor): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(region);
  return rows[0]?.n ?? 0;
}

export interface RegionInsert {
  code: string;
  name: string;
  level: Region['level'];
  parentCode: string | null;
}

/** Inserts regions that are missing; existing codes (maybe edited by an admin) are kept. */
export async function insertMissingRegions(db: Executor, rows: RegionInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(region)
    .values(rows)
    .onConflictDoNothing({ target: region.code })
    .returning({ code: region.code });
  return inserted.length;
}

const organisationColumns = {
  id: organisation.id,
  name: organisation.name,
  shortName: organisation.shortName,
  kind: organisation.kind,
  regionCode: organisation.regionCode,
  parentId: organisation.parentId,
  creditCode: organisation.creditCode,
};

export async function findOrganisation(
  db: Executor,
  id: string,
): Promise<Organisation | undefined> {
  const rows = await db
    .select(organisationColumns)
    .from(organisation)
    .where(eq(organisation.id, id));
  return rows[0];
}

export async function listOrganisations(
  db: Executor,
  filter: { regionCodes?: string[]; kind?: OrganisationKind },
): Promise<Organisation[]> {
  const conditions = [];
  if (filter.regionCodes) conditions.push(inArray(organisation.regionCode, filter.regionCodes));
  if (filter.kind) conditions.push(eq(organisation.kind, filter.kind));
  return db
    .select(organisationColumns)
    .from(organisation)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(asc(organisation.regionCode), asc(organisation.kind), asc(organisation.name))
    .limit(1000);
}

export async function insertOrganisation(db: Executor, row: Organisation): Promise<void> {
  await db.insert(organisation).values(row);
}

export async function listWindows(db: Executor, serviceHallId: string): Promise<ServiceWindow[]> {
  return db
    .select({
      id: serviceWindow.id,
      serviceHallId: serviceWindow.serviceHallId,
      code: serviceWindow.code,
      name: serviceWindow.name,
      organisationId: serviceWindow.organisationId,
      kind: serviceWindow.kind,
      active: serviceWindow.active,
    })
    .from(serviceWindow)
    .where(eq(serviceWindow.serviceHallId, serviceHallId))
    .orderBy(asc(serviceWindow.code));
}

export async function insertWindow(db: Executor, row: ServiceWindow): Promise<void> {
  await db.insert(serviceWindow).values(row);
}

export async function countOrganisations(db: Executor): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(organisation);
  return rows[0]?.n ?? 0;
}

export async function findOrganisationsByIds(db: Executor, ids: string[]): Promise<Organisation[]> {
  if (ids.length === 0) return [];
  return db.select(organisationColumns).from(organisation).where(inArray(organisation.id, ids));
}

/** Names of regions by code (unknown codes are left out). */
export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(inArray(region.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The region and its ancestors up to the root, nearest first, following stored parents. */
export async function regionAncestorCodes(db: Executor, code: string): Promise<string[]> {
  const result = await db.execute<{ code: string }>(sql`
    WITH RECURSIVE up(code, parent_code, depth) AS (
      SELECT code, parent_code, 0 FROM region WHERE code = ${code}
      UNION ALL
      SELECT r.code, r.parent_code, up.depth + 1 FROM region r JOIN up ON r.code = up.parent_code
    )
    SELECT code FROM up ORDER BY depth`);
  return result.rows.map((r) => r.code);
}

/** Service windows by id, with the region of their service hall. */
export async function findWindowsByIds(
  db: Executor,
  ids: string[],
): Promise<(ServiceWindow & { regionCode: string })[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: serviceWindow.id,
      serviceHallId: serviceWindow.serviceHallId,
      code: serviceWindow.code,
      name: serviceWindow.name,
      organisationId: serviceWindow.organisationId,
      kind: serviceWindow.kind,
      active: serviceWindow.active,
      regionCode: organisation.regionCode,
    })
    .from(serviceWindow)
    .innerJoin(organisation, eq(organisation.id, serviceWindow.serviceHallId))
    .where(inArray(serviceWindow.id, ids));
}
