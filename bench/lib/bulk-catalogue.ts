/**
 * Bulk seeding of the catalogue up to a number of implementation lists (5,000 for the search
 * scenario), inserted with SQL. The demo catalogue has lists in six regions; the seeder gives
 * further regions of Henan (cities first, then counties) a government and the departments the
 * 郑州 lists are kept by, named after the region (洛阳市… → 开封市市场监督管理局), and copies
 * every published 郑州 list to them: same item, elements (without service windows, which are
 * 郑州's) and metrics, published, with its own 实施编码 (item code + region code + 01).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withSeedingClient } from './db.js';

const TEMPLATE_REGION = '410100';
const TEMPLATE_NAME = '郑州市';

export interface SeededCatalogue {
  lists: number;
  regions: number;
  /** the regions given lists here, cities first */
  regionCodes: string[];
  organisations: number;
  ms: number;
}

export async function seedCatalogueLists(
  app: FastifyInstance,
  target: number,
  log: (line: string) => void,
): Promise<SeededCatalogue> {
  const started = performance.now();
  return withSeedingClient(app, async (db) => {
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_list')).rows[0]!.n;
    const before = await count();
    // the 郑州 departments that keep published lists, and how many each keeps
    const templates = await db.query<{ id: string; name: string; lists: number }>(
      `SELECT o.id, o.name, count(*)::int AS lists
         FROM catalog_list l JOIN organisation o ON o.id = l.organisation_id
        WHERE l.region_code = $1
          AND EXISTS (SELECT 1 FROM catalog_list_version v
                       WHERE v.list_id = l.id AND v.status = 'published')
        GROUP BY o.id, o.name`,
      [TEMPLATE_REGION],
    );
    const perRegion = templates.rows.reduce((n, t) => n + t.lists, 0);
    if (perRegion === 0)
      throw new Error('no published 郑州 lists to copy: is the catalogue seeded?');
    const regions = await db.query<{ code: string; name: string }>(
      `SELECT code, name FROM region r
        WHERE level <> 'province'
          AND NOT EXISTS (SELECT 1 FROM organisation o WHERE o.region_code = r.code)
        ORDER BY CASE level WHEN 'city' THEN 0 ELSE 1 END, code`,
    );
    const wanted = Math.max(0, Math.ceil((target - before) / perRegion));
    const chosen = regions.rows.slice(0, wanted);
    if (chosen.length < wanted) {
      log(`only ${chosen.length} regions without organisations are left: fewer lists`);
    }
    log(`bulk seeding ${chosen.length * perRegion} lists in ${chosen.length} more regions`);

    // governments and departments of the new regions; (template department, copy, region)
    const organisations: unknown[][] = [];
    const copies: [string, string, string][] = [];
    for (const region of chosen) {
      const government = crypto.randomUUID();
      organisations.push([government, `${region.name}人民政府`, 'government', region.code, null]);
      for (const t of templates.rows) {
        const id = crypto.randomUUID();
        const name = t.name.replace(TEMPLATE_NAME, region.name);
        organisations.push([id, name, 'department', region.code, government]);
        copies.push([t.id, id, region.code]);
      }
    }
    const column = (rows: unknown[][], i: number) => rows.map((r) => r[i]);
    await db.query(
      `INSERT INTO organisation (id, name, kind, region_code, parent_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])`,
      [0, 1, 2, 3, 4].map((i) => column(organisations, i)),
    );
    await db.query(`CREATE TEMP TABLE bench_copy (template uuid, copy uuid, region text)`);
    await db.query(
      `INSERT INTO bench_copy SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
      [0, 1, 2].map((i) => column(copies, i)),
    );
    const listId = `md5(c.copy::text || ':' || l.id::text)::uuid`;
    await db.query(
      `INSERT INTO catalog_list (id, code, item_id, organisation_id, region_code)
       SELECT ${listId}, i.code || c.region || '01', l.item_id, c.copy, c.region
         FROM bench_copy c
         JOIN catalog_list l ON l.organisation_id = c.template
         JOIN catalog_item i ON i.id = l.item_id
        WHERE EXISTS (SELECT 1 FROM catalog_list_version v
                       WHERE v.list_id = l.id AND v.status = 'published')`,
    );
    await db.query(
      `INSERT INTO catalog_list_version (id, list_id, version, status, elements, metrics,
         created_by, submitted_by, published_by, submitted_at, published_at)
       SELECT gen_random_uuid(), ${listId}, 1, 'published',
              jsonb_set(v.elements, '{serviceWindowIds}', '[]'::jsonb), v.metrics,
              'system:bench', 'system:bench', 'system:bench', now(), now()
         FROM bench_copy c
         JOIN catalog_list l ON l.organisation_id = c.template
         JOIN catalog_list_version v ON v.list_id = l.id AND v.status = 'published'`,
    );
    for (const table of ['organisation', 'catalog_list', 'catalog_list_version']) {
      await db.query(`VACUUM ANALYZE ${table}`);
    }
    return {
      lists: await count(),
      regions: chosen.length,
      regionCodes: chosen.map((r) => r.code),
      organisations: organisations.length,
      ms: Math.round(performance.now() - started),
    };
  });
}
