import { and, asc, gte, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { calendarOverride } from '../tables.js';
import type { DayEntry } from './working-days.js';

const inYear = (year: number) =>
  and(gte(calendarOverride.day, `${year}-01-01`), lt(calendarOverride.day, `${year + 1}-01-01`));

/** Changes whenever any override is added, removed or edited (cheap staleness check). */
export async function overridesFingerprint(db: Executor): Promise<string> {
  const rows = await db
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<string | null>`max(${calendarOverride.updatedAt})::text`,
    })
    .from(calendarOverride);
  return `${rows[0]?.n ?? 0}|${rows[0]?.latest ?? ''}`;
}

/** Every override, or those of one year, in date order. */
export async function listOverrides(db: Executor, year?: number): Promise<DayEntry[]> {
  return db
    .select({
      date: calendarOverride.day,
      kind: calendarOverride.kind,
      name: calendarOverride.name,
    })
    .from(calendarOverride)
    .where(year === undefined ? undefined : inYear(year))
    .orderBy(asc(calendarOverride.day));
}

export async function replaceOverrides(
  tx: Executor,
  year: number,
  days: readonly DayEntry[],
): Promise<void> {
  await tx.delete(calendarOverride).where(inYear(year));
  if (days.length > 0) {
    await tx
      .insert(calendarOverride)
      .values(days.map((d) => ({ day: d.date, kind: d.kind, name: d.name })));
  }
}
