import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type {
  BundleBody,
  ImplementationElements,
  ListMetrics,
  ListVersionStatus,
} from '@zhengtong/contracts';
import type { Executor } from '../../kernel/db/database.js';
import { escapeLike } from './search-text.js';
import { catalogBundle, catalogItem, catalogList, catalogListVersion } from './tables.js';

// ---------------------------------------------------------------------------------------------
// Items

export type ItemRow = typeof catalogItem.$inferSelect;

export async function findItemByCode(db: Executor, code: string): Promise<ItemRow | undefined> {
  const rows = await db.select().from(catalogItem).where(eq(catalogItem.code, code));
  return rows[0];
}

export async function findItemsByCodes(db: Executor, codes: string[]): Promise<ItemRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(catalogItem).where(inArray(catalogItem.code, codes));
}

export async function insertItem(db: Executor, row: typeof catalogItem.$inferInsert) {
  await db.insert(catalogItem).values(row);
}

export async function updateItem(
  db: Executor,
  id: string,
  patch: Partial<typeof catalogItem.$inferInsert>,
) {
  await db
    .update(catalogItem)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(catalogItem.id, id));
}

/** Facts of published lists per item: how many, and their life events. */
export async function publishedFactsOfItems(
  db: Executor,
  itemIds: string[],
): Promise<Map<string, { count: number; lifeEvents: string[] }>> {
  if (itemIds.length === 0) return new Map();
  const result = await db.execute<{ item_id: string; n: number; life_events: string[] | null }>(sql`
    SELECT l.item_id, count(DISTINCT l.id)::int AS n,
           array_agg(DISTINCT e.value) FILTER (WHERE e.value IS NOT NULL) AS life_events
      FROM catalog_list l
      JOIN catalog_list_version v ON v.list_id = l.id AND v.status = 'published'
      LEFT JOIN LATERAL jsonb_array_elements_text(v.elements -> 'lifeEvents') e(value) ON true
     WHERE l.item_id IN ${sqlList(itemIds)}
     GROUP BY l.item_id`);
  return new Map(
    result.rows.map((r) => [r.item_id, { count: r.n, lifeEvents: r.life_events ?? [] }]),
  );
}

export interface ItemSearch {
  /** lower-cased whole query, and its terms */
  q?: { whole: string; terms: string[] };
  applicantKind?: string;
  itemType?: string;
  sector?: string;
  /** conditions on the item's lists */
  organisationId?: string;
  regionCodes?: string[];
  lifeEvent?: string;
  /** false: only items with a published list (matching the list conditions) */
  includeUnpublished: boolean;
  limit: number;
  offset: number;
}

const sqlList = (values: readonly string[]) =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

/**
 * Keyword search over the basic catalogue. Every term must occur in the item's text or its
 * pinyin initials; ranking prefers the name equal to the query, then starting with it, then
 * containing it, then a keyword equal to it, then anything else that matched.
 */
export async function searchItems(
  db: Executor,
  s: ItemSearch,
): Promise<{ rows: ItemRow[]; total: number }> {
  const where: SQL[] = [];
  for (const term of s.q?.terms ?? []) {
    const pattern = `%${escapeLike(term)}%`;
    where.push(
      sql`(i.search_text LIKE ${pattern} ESCAPE '\\' OR i.pinyin_initials LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (s.applicantKind) where.push(sql`${s.applicantKind} = ANY(i.applicant_kinds)`);
  if (s.itemType) where.push(sql`i.item_type = ${s.itemType}`);
  if (s.sector) where.push(sql`i.sector = ${s.sector}`);

  const listConditions: SQL[] = [];
  if (s.organisationId) listConditions.push(sql`l.organisation_id = ${s.organisationId}`);
  if (s.regionCodes) {
    listConditions.push(
      s.regionCodes.length > 0 ? sql`l.region_code IN ${sqlList(s.regionCodes)}` : sql`false`,
    );
  }
  if (s.lifeEvent) listConditions.push(sql`v.elements -> 'lifeEvents' ? ${s.lifeEvent}`);
  if (!s.includeUnpublished || listConditions.length > 0) {
    const status = s.includeUnpublished ? sql`true` : sql`v.status = 'published'`;
    where.push(sql`EXISTS (
      SELECT 1 FROM catalog_list l JOIN catalog_list_version v ON v.list_id = l.id
       WHERE l.item_id = i.id AND ${status}
         ${listConditions.length > 0 ? sql`AND ${sql.join(listConditions, sql` AND `)}` : sql``})`);
  }

  let rank = sql``;
  if (s.q) {
    const whole = s.q.whole;
    const escaped = escapeLike(whole);
    rank = sql`CASE
      WHEN lower(i.name) = ${whole} THEN 100
      WHEN lower(i.name) LIKE ${`${escaped}%`} ESCAPE '\\' THEN 80
      WHEN lower(i.name) LIKE ${`%${escaped}%`} ESCAPE '\\' THEN 60
      WHEN EXISTS (SELECT 1 FROM unnest(i.keywords) k WHERE lower(k) = ${whole}) THEN 50
      WHEN i.pinyin_initials LIKE ${`${escaped}%`} ESCAPE '\\'
        OR i.pinyin_initials LIKE ${`% ${escaped}%`} ESCAPE '\\' THEN 40
      ELSE 10 END`;
  }
  const condition = where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const result = await db.execute<{ id: string; total: number }>(sql`
    SELECT i.id, count(*) OVER ()::int AS total
      FROM catalog_item i ${condition}
     ORDER BY ${s.q ? sql`${rank} DESC, ` : sql``}i.code
     LIMIT ${s.limit} OFFSET ${s.offset}`);
  const ids = result.rows.map((r) => r.id);
  if (ids.length === 0) {
    // past the last page the window count is lost; count separately
    const counted = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM catalog_item i ${condition}`,
    );
    return { rows: [], total: counted.rows[0]?.n ?? 0 };
  }
  const rows = await db.select().from(catalogItem).where(inArray(catalogItem.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: ids.map((id) => byId.get(id)).filter((r): r is ItemRow => r !== undefined),
    total: result.rows[0]?.total ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Implementation lists and their versions

export type ListRow = typeof catalogList.$inferSelect;
export type VersionRow = typeof catalogListVersion.$inferSelect;
export interface ListWithItem extends ListRow {
  itemCode: string;
  itemName: string;
}

const listWithItemColumns = {
  id: catalogList.id,
  code: catalogList.code,
  itemId: catalogList.itemId,
  organisationId: catalogList.organisationId,
  regionCode: catalogList.regionCode,
  createdAt: catalogList.createdAt,
  updatedAt: catalogList.updatedAt,
  itemCode: catalogItem.code,
  itemName: catalogItem.name,
};

export async function findList(
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ListWithItem | undefined> {
  const query = db
    .select(listWithItemColumns)
    .from(catalogList)
    .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
    .where(eq(catalogList.id, id));
  const rows = options.forUpdate ? await query.for('update', { of: catalogList }) : await query;
  return rows[0];
}

export async function findListByItemAndOrganisation(
  db: Executor,
  itemId: string,
  organisationId: string,
): Promise<ListRow | undefined> {
  const rows = await db
    .select()
    .from(catalogList)
    .where(and(eq(catalogList.itemId, itemId), eq(catalogList.organisationId, organisationId)));
  return rows[0];
}

export interface ListFilter {
  itemCode?: string;
  organisationId?: string;
  regionCodes?: string[];
  /** lists having a version in this status */
  status?: ListVersionStatus;
  /** only lists with a published version */
  publishedOnly?: boolean;
}

function listConditions(f: ListFilter): SQL[] {
  const c: SQL[] = [];
  if (f.itemCode) c.push(eq(catalogItem.code, f.itemCode));
  if (f.organisationId) c.push(eq(catalogList.organisationId, f.organisationId));
  if (f.regionCodes) {
    c.push(f.regionCodes.length > 0 ? inArray(catalogList.regionCode, f.regionCodes) : sql`false`);
  }
  const status = f.publishedOnly ? 'published' : f.status;
  if (status) {
    c.push(sql`EXISTS (SELECT 1 FROM catalog_list_version v
                WHERE v.list_id = ${catalogList.id} AND v.status = ${status})`);
  }
  return c;
}

export async function listLists(
  db: Executor,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ListWithItem[]; total: number }> {
  const where = and(...listConditions(f));
  const [rows, counted] = await Promise.all([
    db
      .select(listWithItemColumns)
      .from(catalogList)
      .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
      .where(where)
      .orderBy(asc(catalogItem.code), asc(catalogList.code))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(catalogList)
      .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
      .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

/** Every list matching the filter, for export (bounded). */
export async function allLists(db: Executor, f: ListFilter, max: number): Promise<ListWithItem[]> {
  return db
    .select(listWithItemColumns)
    .from(catalogList)
    .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
    .where(and(...listConditions(f)))
    .orderBy(asc(catalogItem.code), asc(catalogList.code))
    .limit(max);
}

/** The versions that matter now (published, and pending: draft or submitted) of lists. */
export async function currentVersions(db: Executor, listIds: string[]): Promise<VersionRow[]> {
  if (listIds.length === 0) return [];
  return db
    .select()
    .from(catalogListVersion)
    .where(
      and(
        inArray(catalogListVersion.listId, listIds),
        inArray(catalogListVersion.status, ['published', 'draft', 'submitted']),
      ),
    );
}

export async function pendingVersion(
  db: Executor,
  listId: string,
  options: { forUpdate?: boolean } = {},
): Promise<VersionRow | undefined> {
  const query = db
    .select()
    .from(catalogListVersion)
    .where(
      and(
        eq(catalogListVersion.listId, listId),
        inArray(catalogListVersion.status, ['draft', 'submitted']),
      ),
    );
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

export async function publishedVersion(
  db: Executor,
  listId: string,
): Promise<VersionRow | undefined> {
  const rows = await db
    .select()
    .from(catalogListVersion)
    .where(and(eq(catalogListVersion.listId, listId), eq(catalogListVersion.status, 'published')));
  return rows[0];
}

export async function findVersion(db: Executor, id: string): Promise<VersionRow | undefined> {
  const rows = await db.select().from(catalogListVersion).where(eq(catalogListVersion.id, id));
  return rows[0];
}

export async function versionsOf(db: Executor, listId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(catalogListVersion)
    .where(eq(catalogListVersion.listId, listId))
    .orderBy(desc(catalogListVersion.version));
}

export async function nextVersionNumber(db: Executor, listId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(${catalogListVersion.version}), 0)::int + 1` })
    .from(catalogListVersion)
    .where(eq(catalogListVersion.listId, listId));
  return rows[0]?.n ?? 1;
}

/** The next two-digit sequence of implementing organisations of an item in a region. */
export async function nextListSequence(
  db: Executor,
  itemId: string,
  regionCode: string,
): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(max(substr(${catalogList.code}, 20, 2)::int), 0)::int + 1` })
    .from(catalogList)
    .where(and(eq(catalogList.itemId, itemId), eq(catalogList.regionCode, regionCode)));
  return rows[0]?.n ?? 1;
}

export async function insertList(db: Executor, row: typeof catalogList.$inferInsert) {
  await db.insert(catalogList).values(row);
}

export async function insertVersion(db: Executor, row: typeof catalogListVersion.$inferInsert) {
  await db.insert(catalogListVersion).values(row);
}

export async function updateVersion(
  db: Executor,
  id: string,
  patch: Partial<typeof catalogListVersion.$inferInsert>,
): Promise<VersionRow> {
  const rows = await db
    .update(catalogListVersion)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(catalogListVersion.id, id))
    .returning();
  const row = rows[0];
  if (!row) throw new Error(`catalog_list_version ${id} vanished`);
  return row;
}

/** Saves a draft's elements if its revision is still `revision`; false when it moved on. */
export async function saveDraft(
  db: Executor,
  id: string,
  revision: number,
  elements: ImplementationElements,
  metrics: ListMetrics,
): Promise<VersionRow | undefined> {
  const rows = await db
    .update(catalogListVersion)
    .set({ elements, metrics, revision: revision + 1, updatedAt: new Date() })
    .where(
      and(
        eq(catalogListVersion.id, id),
        eq(catalogListVersion.revision, revision),
        eq(catalogListVersion.status, 'draft'),
      ),
    )
    .returning();
  return rows[0];
}

export async function touchList(db: Executor, id: string) {
  await db.update(catalogList).set({ updatedAt: new Date() }).where(eq(catalogList.id, id));
}

/** Metrics of every published version, with what they are grouped by. */
export async function publishedMetrics(
  db: Executor,
  regionCodes: string[] | undefined,
): Promise<
  {
    itemCode: string;
    itemName: string;
    organisationId: string;
    regionCode: string;
    metrics: ListMetrics;
  }[]
> {
  return db
    .select({
      itemCode: catalogItem.code,
      itemName: catalogItem.name,
      organisationId: catalogList.organisationId,
      regionCode: catalogList.regionCode,
      metrics: catalogListVersion.metrics,
    })
    .from(catalogListVersion)
    .innerJoin(catalogList, eq(catalogList.id, catalogListVersion.listId))
    .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
    .where(
      and(
        eq(catalogListVersion.status, 'published'),
        regionCodes
          ? regionCodes.length > 0
            ? inArray(catalogList.regionCode, regionCodes)
            : sql`false`
          : undefined,
      ),
    );
}

/** Published lists of items in some regions (for resolving bundles). */
export async function publishedListsOf(
  db: Executor,
  itemIds: string[],
  regionCodes: string[],
): Promise<(ListRow & { version: VersionRow })[]> {
  if (itemIds.length === 0 || regionCodes.length === 0) return [];
  const rows = await db
    .select({ list: catalogList, version: catalogListVersion })
    .from(catalogList)
    .innerJoin(
      catalogListVersion,
      and(
        eq(catalogListVersion.listId, catalogList.id),
        eq(catalogListVersion.status, 'published'),
      ),
    )
    .where(and(inArray(catalogList.itemId, itemIds), inArray(catalogList.regionCode, regionCodes)))
    .orderBy(asc(catalogList.code));
  return rows.map((r) => ({ ...r.list, version: r.version }));
}

// ---------------------------------------------------------------------------------------------
// Bundles

export type BundleRow = typeof catalogBundle.$inferSelect;

export async function listBundles(db: Executor): Promise<BundleRow[]> {
  return db.select().from(catalogBundle).orderBy(asc(catalogBundle.code));
}

export async function findBundle(db: Executor, code: string): Promise<BundleRow | undefined> {
  const rows = await db.select().from(catalogBundle).where(eq(catalogBundle.code, code));
  return rows[0];
}

export async function insertBundle(db: Executor, id: string, body: BundleBody) {
  await db.insert(catalogBundle).values({ id, ...body });
}

export async function updateBundle(db: Executor, code: string, body: BundleBody) {
  await db
    .update(catalogBundle)
    .set({ ...body, updatedAt: new Date() })
    .where(eq(catalogBundle.code, code));
}

/** The published lists whose result is a certificate of the type (证照目录: who issues it). */
export async function listsIssuingCertificate(
  db: Executor,
  typeCode: string,
): Promise<
  {
    listId: string;
    itemCode: string;
    itemName: string;
    organisationId: string;
    regionCode: string;
  }[]
> {
  return db
    .select({
      listId: catalogList.id,
      itemCode: catalogItem.code,
      itemName: catalogItem.name,
      organisationId: catalogList.organisationId,
      regionCode: catalogList.regionCode,
    })
    .from(catalogListVersion)
    .innerJoin(catalogList, eq(catalogList.id, catalogListVersion.listId))
    .innerJoin(catalogItem, eq(catalogItem.id, catalogList.itemId))
    .where(
      and(
        eq(catalogListVersion.status, 'published'),
        sql`${catalogListVersion.elements} -> 'result' ->> 'certificateTypeCode' = ${typeCode}`,
      ),
    )
    .orderBy(asc(catalogItem.code), asc(catalogList.regionCode));
}
