/**
 * Working-day calendar (工作日历) for statutory and promised time limits (法定/承诺办结时限).
 *
 * Pure: no I/O, no clock. Dates are plain calendar dates 'YYYY-MM-DD' in Asia/Shanghai; inside
 * this module they are integer day numbers (days since 1970-01-01), so arithmetic never touches a
 * time zone or a DST rule. Use `toShanghaiDate` to turn an instant into such a date first.
 *
 * The weekday rule (Mon–Fri work, Sat–Sun rest) models the five-day week in force nationally
 * since 1995-05-01; earlier dates are not modelled specially.
 */

/**
 * Kind of a day in a calendar table (shipped data or admin override). To undo a 调休 with an
 * override, mark that weekend day 'holiday'; 'workday' always means the day is worked.
 */
export type DayEntryKind =
  /** 法定节假日 (incl. the weekend days inside a holiday block): a rest day */
  | 'holiday'
  /** 调休: a Saturday or Sunday declared a working day to make a holiday block longer */
  | 'adjustedWorkingDay'
  /** a plain working day; as an override it forces the day to be worked (removes a holiday) */
  | 'workday';

/** One day in a calendar table; structurally the same as the contracts' CalendarOverride. */
export interface DayEntry {
  readonly date: string;
  readonly kind: DayEntryKind;
  /** holiday or 调休 name, e.g. 国庆节 */
  readonly name: string | null;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkingDay';

/** One day as callers see it; structurally the same as the contracts' CalendarDay. */
export interface DayDescription {
  date: string;
  workingDay: boolean;
  kind: DayKind;
  name: string | null;
  /** whether the day comes from an admin override rather than the shipped calendar */
  overridden: boolean;
}

/** Upper bound of `n` in addWorkingDays: ten years of working days is far beyond any 时限. */
export const MAX_WORKING_DAYS = 3650;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const ENTRY_KINDS: ReadonlySet<string> = new Set<DayEntryKind>([
  'holiday',
  'adjustedWorkingDay',
  'workday',
]);
/** 0001-01-01 and 9999-12-31: the span the 4-digit 'YYYY-MM-DD' format can express. */
const MIN_DAY = daysFromCivil(1, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);

// ---------------------------------------------------------------------------------------------
// Date-only arithmetic. Integer day numbers (H. Hinnant's civil-calendar algorithms) rather than
// Date objects: Date.UTC maps years 0–99 to 19xx and any local-time API would bring in the host
// time zone, both classic sources of off-by-one-day deadline bugs.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatDay(dayNumber: number): string {
  const [year, month, day] = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number of a 'YYYY-MM-DD' string, or undefined when it is not an existing date. */
function tryParseDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE_PATTERN.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return daysFromCivil(year, month, day);
}

function parseDay(value: unknown, what = 'date'): number {
  const dayNumber = tryParseDay(value);
  if (dayNumber === undefined) {
    const shown = typeof value === 'string' ? `'${value}'` : String(value);
    throw new RangeError(`invalid ${what} ${shown}: expected an existing date as YYYY-MM-DD`);
  }
  return dayNumber;
}

function checkInRange(dayNumber: number, what: string): number {
  if (dayNumber < MIN_DAY || dayNumber > MAX_DAY) {
    throw new RangeError(`${what} falls outside 0001-01-01..9999-12-31`);
  }
  return dayNumber;
}

/** Monday-based weekday index: 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
function mondayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

function isWeekend(dayNumber: number): boolean {
  return mondayIndex(dayNumber) >= 5;
}

/**
 * Count of Mon–Fri days up to and including `dayNumber`, from an arbitrary Monday epoch; only
 * differences are meaningful. Lets workingDaysBetween run in O(log entries) instead of walking.
 */
function weekdaysThrough(dayNumber: number): number {
  const y = dayNumber + 3;
  return Math.floor(y / 7) * 5 + Math.min(mondayIndex(dayNumber) + 1, 5);
}

/** Whether `value` is an existing calendar date written as 'YYYY-MM-DD'. */
export function isCalendarDate(value: unknown): value is string {
  return tryParseDay(value) !== undefined;
}

/** `date` plus `days` calendar days (自然日); `days` may be negative. */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`calendar day count must be an integer, got ${days}`);
  }
  return formatDay(checkInRange(parseDay(date) + days, `${date} + ${days} days`));
}

const shanghaiDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The Asia/Shanghai calendar date of an instant, e.g. 2025-09-30T16:00:00Z → '2025-10-01'.
 * Goes through the tz database rather than adding 8 hours so that instants before 1992 (China
 * observed DST 1986–1991) are still right.
 */
export function toShanghaiDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('toShanghaiDate needs a valid Date');
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of shanghaiDateFormat.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  const date = `${year}-${month}-${day}`;
  if (!isCalendarDate(date)) {
    throw new RangeError(`instant ${instant.toISOString()} is outside the supported date range`);
  }
  return date;
}

interface DayStatus {
  readonly workingDay: boolean;
  readonly kind: DayKind;
  readonly name: string | null;
  readonly overridden: boolean;
}

function statusOfEntry(entry: DayEntry, overridden: boolean): DayStatus {
  return {
    workingDay: entry.kind !== 'holiday',
    kind: entry.kind,
    name: entry.name,
    overridden,
  };
}

function indexEntries(entries: readonly DayEntry[], what: string): Map<number, DayEntry> {
  const byDay = new Map<number, DayEntry>();
  for (const entry of entries) {
    const dayNumber = parseDay(entry.date, `${what} date`);
    if (!ENTRY_KINDS.has(entry.kind)) {
      throw new RangeError(`invalid ${what} kind '${String(entry.kind)}' on ${entry.date}`);
    }
    if (entry.name !== null && typeof entry.name !== 'string') {
      throw new RangeError(`invalid ${what} name on ${entry.date}: expected a string or null`);
    }
    // Two entries for one day would make the result depend on list order: reject instead.
    if (byDay.has(dayNumber)) throw new RangeError(`duplicate ${what} for ${entry.date}`);
    byDay.set(dayNumber, Object.freeze({ date: entry.date, kind: entry.kind, name: entry.name }));
  }
  return byDay;
}

/** Index of the first element of ascending `sorted` greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? Infinity) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Working-day calendar built from the shipped holiday table plus admin overrides; immutable
 * (build a new one when overrides change).
 */
export class WorkingDayCalendar {
  readonly #shipped: ReadonlyMap<number, DayEntry>;
  readonly #overrides: ReadonlyMap<number, DayEntry>;
  readonly #coveredYears: readonly number[];
  /** Days whose working status differs from the plain weekday rule, ascending … */
  readonly #exceptionDays: readonly number[];
  /** … and prefix sums of that difference (+1 for a worked weekend, −1 for a rest weekday). */
  readonly #exceptionPrefix: readonly number[];

  /**
   * @param entries the shipped calendar table (see shipped-calendar.ts)
   * @param overrides admin overrides; an override replaces the shipped entry for its day
   * @throws RangeError on an invalid date, kind or name, or two entries for one day in one list
   */
  constructor(entries: readonly DayEntry[], overrides: readonly DayEntry[] = []) {
    this.#shipped = indexEntries(entries, 'calendar entry');
    this.#overrides = indexEntries(overrides, 'calendar override');

    const years = new Set<number>();
    const exceptions: number[] = [];
    for (const dayNumber of new Set([...this.#shipped.keys(), ...this.#overrides.keys()])) {
      years.add(civilFromDays(dayNumber)[0]);
      if (this.#status(dayNumber).workingDay === isWeekend(dayNumber)) exceptions.push(dayNumber);
    }
    this.#coveredYears = Object.freeze([...years].sort((a, b) => a - b));

    exceptions.sort((a, b) => a - b);
    const prefix = [0];
    let sum = 0;
    for (const dayNumber of exceptions) {
      sum += isWeekend(dayNumber) ? 1 : -1;
      prefix.push(sum);
    }
    this.#exceptionDays = exceptions;
    this.#exceptionPrefix = prefix;
  }

  /**
   * Whether `date` is a working day: Mon–Fri unless a holiday, Sat/Sun only when 调休
   * (adjustedWorkingDay); an override decides outright.
   */
  isWorkingDay(date: string): boolean {
    return this.#status(parseDay(date)).workingDay;
  }

  describeDay(date: string): DayDescription {
    const dayNumber = parseDay(date);
    return { date: formatDay(dayNumber), ...this.#status(dayNumber) };
  }

  /**
   * The n-th working day after `date` (`date` itself is never counted). n = 0 returns `date`
   * unchanged even when it is a rest day, so a caller rolling a deadline forward must ask for
   * that explicitly; n must be an integer in 0..MAX_WORKING_DAYS.
   */
  addWorkingDays(date: string, n: number): string {
    let dayNumber = parseDay(date);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw new RangeError(
        `working day count must be an integer in 0..${MAX_WORKING_DAYS}, got ${n}`,
      );
    }
    // The weekday rule alone needs ≤ 7n/5 + 2 days; the extra ten years absorb any plausible
    // run of holidays while still stopping a calendar overridden to have no working day at all.
    const scanLimit = dayNumber + 2 * n + 3660;
    let remaining = n;
    while (remaining > 0) {
      dayNumber += 1;
      if (dayNumber > scanLimit) {
        throw new Error(
          `could not find ${n} working days after ${date} within ` +
            `${scanLimit - parseDay(date)} calendar days; check the calendar overrides`,
        );
      }
      checkInRange(dayNumber, `working day ${n} after ${date}`);
      if (this.#status(dayNumber).workingDay) remaining -= 1;
    }
    return formatDay(dayNumber);
  }

  /**
   * Working days in (from, to]: the day after `from` through `to`, so that
   * workingDaysBetween(d, addWorkingDays(d, n)) === n. Negative (−count of (to, from]) when
   * to < from; 0 when equal.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = parseDay(from, 'from date');
    const end = parseDay(to, 'to date');
    if (end >= start) return this.#countThrough(start, end);
    // 0 rather than -0, which strict equality (Object.is) and JSON consumers would trip over
    const count = this.#countThrough(end, start);
    return count === 0 ? 0 : -count;
  }

  /** Every day of a month (month is 1–12), described as by describeDay. */
  month(year: number, month: number): DayDescription[] {
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw new RangeError(`invalid year ${year}: expected an integer in 1..9999`);
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new RangeError(`invalid month ${month}: expected an integer in 1..12`);
    }
    const first = daysFromCivil(year, month, 1);
    return Array.from({ length: daysInMonth(year, month) }, (_, i) => ({
      date: formatDay(first + i),
      ...this.#status(first + i),
    }));
  }

  /**
   * Years with official data, shipped or overridden, ascending. A year counts when it has at
   * least one entry; outside these years only the weekday rule applies, so callers should warn
   * when a deadline lands in an uncovered year (e.g. next year before its notice is loaded).
   */
  coveredYears(): number[] {
    return [...this.#coveredYears];
  }

  isYearCovered(year: number): boolean {
    return this.#coveredYears.includes(year);
  }

  #status(dayNumber: number): DayStatus {
    const override = this.#overrides.get(dayNumber);
    if (override !== undefined) return statusOfEntry(override, true);
    const shipped = this.#shipped.get(dayNumber);
    if (shipped !== undefined) return statusOfEntry(shipped, false);
    return isWeekend(dayNumber)
      ? { workingDay: false, kind: 'weekend', name: null, overridden: false }
      : { workingDay: true, kind: 'workday', name: null, overridden: false };
  }

  /** Working days in (start, end] for start ≤ end. */
  #countThrough(start: number, end: number): number {
    const prefix = this.#exceptionPrefix;
    const exceptionsThrough = (day: number): number =>
      prefix[upperBound(this.#exceptionDays, day)] ?? 0;
    return (
      weekdaysThrough(end) -
      weekdaysThrough(start) +
      exceptionsThrough(end) -
      exceptionsThrough(start)
    );
  }
}

/** `date` plus `years` (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
