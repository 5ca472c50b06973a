/**
 * Adapter from the `chinese-days` npm package to our calendar table (DayEntry[]).
 *
 * chinese-days ships the State Council holiday arrangements (国务院办公厅关于…部分节假日安排的通知)
 * as dist/chinese-days.json: `{ holidays, workdays, inLieuDays }`, each a map from 'YYYY-MM-DD'
 * to 'English name,中文名,statutory day count', e.g. "National Day,国庆节,3". Its typed API only
 * answers per-date queries and hides the raw table, and a JSON import from ESM under NodeNext
 * needs an import attribute and makes TypeScript infer a ~900-key literal type. So we load the
 * JSON with createRequire (the package has no "exports" map, so the deep path resolves) and
 * validate it at runtime: a malformed package update fails loudly at start-up rather than
 * silently miscounting deadlines.
 *
 * Mapping: holidays → 'holiday' (including the weekend days inside a holiday block);
 * workdays → 'adjustedWorkingDay' (调休, the weekend days worked). inLieuDays only says which
 * rest days were "borrowed" and changes no day's working status, so it is not used.
 */
import { createRequire } from 'node:module';
import { WorkingDayCalendar, isCalendarDate } from './working-days.js';
import type { DayEntry, DayEntryKind } from './working-days.js';

const require = createRequire(import.meta.url);

const SOURCE_MAPS: ReadonlyArray<readonly [key: string, kind: DayEntryKind]> = [
  ['holidays', 'holiday'],
  ['workdays', 'adjustedWorkingDay'],
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** '国庆节' from 'National Day,国庆节,3'; the whole label if it has no comma. */
function chineseName(label: string): string {
  const parts = label.split(',');
  const name = (parts.length >= 2 ? parts[1] : parts[0])?.trim() ?? '';
  return name === '' ? label.trim() : name;
}

/**
 * Converts the raw chinese-days JSON into calendar entries, sorted by date.
 * @throws Error when the data does not have the expected shape
 */
export function convertChineseDaysData(raw: unknown): DayEntry[] {
  if (!isRecord(raw)) throw new Error('chinese-days data: expected an object');
  const entries = new Map<string, DayEntry>();
  for (const [key, kind] of SOURCE_MAPS) {
    const map = raw[key];
    if (!isRecord(map)) throw new Error(`chinese-days data: '${key}' is missing or not an object`);
    for (const [date, label] of Object.entries(map)) {
      if (!isCalendarDate(date))
        throw new Error(`chinese-days data: invalid date '${String(date)}'`);
      if (typeof label !== 'string' || label.trim() === '') {
        throw new Error(`chinese-days data: invalid label for ${date} in '${key}'`);
      }
      // A day both off and worked means the package data is corrupt; refuse to guess.
      if (entries.has(date)) throw new Error(`chinese-days data: ${date} is both off and worked`);
      entries.set(date, { date, kind, name: chineseName(label) });
    }
  }
  return [...entries.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

let shippedEntries: readonly DayEntry[] | undefined;

/** The shipped calendar table (loaded and converted once, then cached). */
export function loadShippedDayEntries(): readonly DayEntry[] {
  shippedEntries ??= Object.freeze(
    convertChineseDaysData(require('chinese-days/dist/chinese-days.json') as unknown),
  );
  return shippedEntries;
}

/** Version of the installed chinese-days package, for audit logs and the admin UI. */
export function shippedCalendarVersion(): string {
  const manifest = require('chinese-days/package.json') as unknown;
  if (!isRecord(manifest) || typeof manifest['version'] !== 'string') {
    throw new Error('chinese-days package.json has no version');
  }
  return manifest['version'];
}

/** A calendar from the shipped data plus admin overrides (which win day by day). */
export function createShippedCalendar(overrides: readonly DayEntry[] = []): WorkingDayCalendar {
  return new WorkingDayCalendar(loadShippedDayEntries(), overrides);
}
