import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_WORKING_DAYS,
  WorkingDayCalendar,
  addCalendarDays,
  addYears,
  isCalendarDate,
  toShanghaiDate,
} from './working-days.js';
import type { DayEntry, DayEntryKind } from './working-days.js';
import {
  convertChineseDaysData,
  createShippedCalendar,
  loadShippedDayEntries,
  shippedCalendarVersion,
} from './shipped-calendar.js';

const shipped = createShippedCalendar();

// Helpers deliberately use Date rather than the module's own arithmetic, so they check it.
function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
function isWeekendDate(date: string): boolean {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
}
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 864e5) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

/**
 * The 国务院办公厅 holiday notices for 2024–2026, transcribed from the notices themselves
 * (not from chinese-days), so the shipped data is checked against an independent source.
 */
interface NoticePeriod {
  name: string;
  /** first and last rest day, inclusive (放假) */
  off: readonly [string, string];
  /** 调休 weekend days worked (上班) */
  worked: readonly string[];
  /** names the data may give the rest days; defaults to [name] */
  offNames?: readonly string[];
}
const NOTICES: ReadonlyMap<number, readonly NoticePeriod[]> = new Map([
  [
    2024,
    [
      { name: '元旦', off: ['2024-01-01', '2024-01-01'], worked: [] },
      // 除夕 (Feb 9) was only "encouraged" as leave in 2024, not a holiday.
      { name: '春节', off: ['2024-02-10', '2024-02-17'], worked: ['2024-02-04', '2024-02-18'] },
      { name: '清明', off: ['2024-04-04', '2024-04-06'], worked: ['2024-04-07'] },
      { name: '劳动节', off: ['2024-05-01', '2024-05-05'], worked: ['2024-04-28', '2024-05-11'] },
      { name: '端午', off: ['2024-06-10', '2024-06-10'], worked: [] },
      { name: '中秋', off: ['2024-09-15', '2024-09-17'], worked: ['2024-09-14'] },
      { name: '国庆节', off: ['2024-10-01', '2024-10-07'], worked: ['2024-09-29', '2024-10-12'] },
    ],
  ],
  [
    2025,
    [
      { name: '元旦', off: ['2025-01-01', '2025-01-01'], worked: [] },
      { name: '春节', off: ['2025-01-28', '2025-02-04'], worked: ['2025-01-26', '2025-02-08'] },
      { name: '清明', off: ['2025-04-04', '2025-04-06'], worked: [] },
      { name: '劳动节', off: ['2025-05-01', '2025-05-05'], worked: ['2025-04-27'] },
      { name: '端午', off: ['2025-05-31', '2025-06-02'], worked: [] },
      // 国庆节 and 中秋 (Oct 6) joined into one eight-day block.
      {
        name: '国庆节',
        off: ['2025-10-01', '2025-10-08'],
        worked: ['2025-09-28', '2025-10-11'],
        offNames: ['国庆节', '中秋'],
      },
    ],
  ],
  [
    2026,
    [
      { name: '元旦', off: ['2026-01-01', '2026-01-03'], worked: ['2026-01-04'] },
      { name: '春节', off: ['2026-02-15', '2026-02-23'], worked: ['2026-02-14', '2026-02-28'] },
      { name: '清明', off: ['2026-04-04', '2026-04-06'], worked: [] },
      { name: '劳动节', off: ['2026-05-01', '2026-05-05'], worked: ['2026-05-09'] },
      { name: '端午', off: ['2026-06-19', '2026-06-21'], worked: [] },
      { name: '中秋', off: ['2026-09-25', '2026-09-27'], worked: [] },
      { name: '国庆节', off: ['2026-10-01', '2026-10-07'], worked: ['2026-09-20', '2026-10-10'] },
    ],
  ],
]);

/** The status the notices imply for `date`; a weekday/weekend rule for days they don't name. */
function expectedFromNotices(date: string): {
  workingDay: boolean;
  kind: string;
  names: readonly (string | null)[];
} {
  for (const period of NOTICES.get(Number(date.slice(0, 4))) ?? []) {
    if (date >= period.off[0] && date <= period.off[1]) {
      return { workingDay: false, kind: 'holiday', names: period.offNames ?? [period.name] };
    }
    if (period.worked.includes(date)) {
      return { workingDay: true, kind: 'adjustedWorkingDay', names: [period.name] };
    }
  }
  return isWeekendDate(date)
    ? { workingDay: false, kind: 'weekend', names: [null] }
    : { workingDay: true, kind: 'workday', names: [null] };
}

function assertMatchesNotices(calendar: WorkingDayCalendar, dates: readonly string[]): void {
  for (const date of dates) {
    const expected = expectedFromNotices(date);
    const actual = calendar.describeDay(date);
    assert.equal(actual.workingDay, expected.workingDay, `${date} workingDay`);
    assert.equal(actual.kind, expected.kind, `${date} kind`);
    assert.ok(expected.names.includes(actual.name), `${date} name ${String(actual.name)}`);
    assert.equal(actual.overridden, false, `${date} overridden`);
    assert.equal(calendar.isWorkingDay(date), expected.workingDay, `${date} isWorkingDay`);
  }
}

describe('shipped calendar data (chinese-days)', () => {
  it('covers at least 2024, 2025 and 2026', () => {
    const years = shipped.coveredYears();
    for (const year of [2024, 2025, 2026]) {
      assert.ok(years.includes(year), `missing ${year} in ${years.join(',')}`);
      assert.ok(shipped.isYearCovered(year));
    }
    assert.equal(shipped.isYearCovered(1999), false);
  });

  it('is sorted, has one entry per day, and every 调休 day is a weekend day', () => {
    const entries = loadShippedDayEntries();
    assert.ok(entries.length > 500, `only ${entries.length} entries`);
    for (let i = 1; i < entries.length; i += 1) {
      assert.ok(entries[i - 1]!.date < entries[i]!.date, `order at ${entries[i]!.date}`);
    }
    for (const entry of entries) {
      assert.ok(entry.kind === 'holiday' || entry.kind === 'adjustedWorkingDay', entry.date);
      assert.ok(entry.name !== null && /\p{Script=Han}/u.test(entry.name), entry.date);
      if (entry.kind === 'adjustedWorkingDay') assert.ok(isWeekendDate(entry.date), entry.date);
    }
  });

  it('reports the package version', () => {
    assert.match(shippedCalendarVersion(), /^\d+\.\d+\.\d+/);
  });

  it('converts the raw maps into entries with the Chinese name', () => {
    assert.deepEqual(
      convertChineseDaysData({
        holidays: { '2025-10-02': 'National Day,国庆节,3', '2025-10-01': 'National Day,国庆节,3' },
        workdays: { '2025-09-28': 'National Day,国庆节,3' },
        inLieuDays: { '2025-10-07': 'National Day,国庆节,3' },
      }),
      [
        { date: '2025-09-28', kind: 'adjustedWorkingDay', name: '国庆节' },
        { date: '2025-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2025-10-02', kind: 'holiday', name: '国庆节' },
      ],
    );
  });

  it('rejects malformed raw data', () => {
    const bad: unknown[] = [
      null,
      [],
      { holidays: {} },
      { holidays: {}, workdays: [] },
      { holidays: { '2025-02-30': 'x,春节,1' }, workdays: {} },
      { holidays: { '2025-02-01': 3 }, workdays: {} },
      { holidays: { '2025-02-01': ' ' }, workdays: {} },
      { holidays: { '2025-02-08': 'x,春节,1' }, workdays: { '2025-02-08': 'x,春节,1' } },
    ];
    for (const raw of bad) {
      assert.throws(() => convertChineseDaysData(raw), Error, JSON.stringify(raw));
    }
  });
});

describe('official holiday notices 2024–2026', () => {
  for (const [year, periods] of NOTICES) {
    for (const period of periods) {
      const dates = [period.off[0], period.off[1], ...period.worked].sort();
      it(`${year} ${period.name}: ${period.off.join('..')} off, worked ${period.worked.join(', ') || 'none'}`, () => {
        for (const date of period.worked) assert.ok(isWeekendDate(date), `${date} transcription`);
        // a week either side, so the days just outside the block are checked too
        assertMatchesNotices(
          shipped,
          datesFrom(addCalendarDays(dates[0]!, -7), addCalendarDays(dates.at(-1)!, 7)),
        );
      });
    }
    it(`${year}: every day of the year matches the notice`, () => {
      assertMatchesNotices(shipped, datesFrom(`${year}-01-01`, `${year}-12-31`));
    });
  }

  it('2024 春节: Feb 10–17 off, Sun Feb 4 and Sun Feb 18 worked, 除夕 Feb 9 worked', () => {
    for (const date of datesFrom('2024-02-10', '2024-02-17')) {
      assert.equal(shipped.isWorkingDay(date), false, date);
    }
    assert.equal(weekdayOf('2024-02-04'), 0);
    assert.equal(weekdayOf('2024-02-18'), 0);
    assert.equal(shipped.isWorkingDay('2024-02-04'), true);
    assert.equal(shipped.isWorkingDay('2024-02-18'), true);
    assert.equal(shipped.isWorkingDay('2024-02-09'), true);
    assert.equal(shipped.addWorkingDays('2024-02-08', 1), '2024-02-09');
    assert.equal(shipped.addWorkingDays('2024-02-09', 1), '2024-02-18');
  });

  it('2024 国庆: Oct 1–7 off, Sun Sep 29 and Sat Oct 12 worked', () => {
    assert.equal(shipped.workingDaysBetween('2024-09-30', '2024-10-07'), 0);
    assert.equal(shipped.describeDay('2024-09-29').kind, 'adjustedWorkingDay');
    assert.equal(shipped.describeDay('2024-10-12').kind, 'adjustedWorkingDay');
    assert.equal(shipped.addWorkingDays('2024-09-27', 1), '2024-09-29');
    assert.equal(shipped.addWorkingDays('2024-09-30', 1), '2024-10-08');
    assert.equal(shipped.addWorkingDays('2024-10-11', 1), '2024-10-12');
  });

  it('2025 春节: Jan 28–Feb 4 off, Sun Jan 26 and Sat Feb 8 worked', () => {
    assert.equal(shipped.workingDaysBetween('2025-01-27', '2025-02-04'), 0);
    assert.equal(shipped.addWorkingDays('2025-01-24', 1), '2025-01-26');
    assert.equal(shipped.addWorkingDays('2025-01-27', 1), '2025-02-05');
    assert.equal(shipped.addWorkingDays('2025-02-07', 1), '2025-02-08');
  });

  it('2026 春节: Feb 15–23 off (nine days), Sat Feb 14 and Sat Feb 28 worked', () => {
    assert.equal(shipped.workingDaysBetween('2026-02-14', '2026-02-23'), 0);
    assert.equal(shipped.addWorkingDays('2026-02-13', 1), '2026-02-14');
    assert.equal(shipped.addWorkingDays('2026-02-14', 1), '2026-02-24');
    assert.equal(shipped.addWorkingDays('2026-02-27', 1), '2026-02-28');
  });

  it('2026 国庆: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked', () => {
    assert.equal(shipped.workingDaysBetween('2026-09-30', '2026-10-07'), 0);
    assert.equal(shipped.addWorkingDays('2026-09-18', 1), '2026-09-20');
    assert.equal(shipped.addWorkingDays('2026-09-30', 1), '2026-10-08');
    assert.equal(shipped.addWorkingDays('2026-10-09', 1), '2026-10-10');
  });
});

describe('WorkingDayCalendar', () => {
  it('adds 5 working days to 2025-09-30 across National Day + Mid-Autumn: 2025-10-14', () => {
    assert.equal(shipped.addWorkingDays('2025-09-30', 5), '2025-10-14');
    assert.equal(shipped.workingDaysBetween('2025-09-30', '2025-10-14'), 5);
    assert.equal(shipped.workingDaysBetween('2025-10-14', '2025-09-30'), -5);
    // the 调休 Sunday before the block is a working day too
    assert.equal(shipped.addWorkingDays('2025-09-26', 1), '2025-09-28');
  });

  it('returns the date unchanged for n = 0, even on a holiday', () => {
    assert.equal(shipped.addWorkingDays('2025-10-01', 0), '2025-10-01');
    assert.equal(shipped.addWorkingDays('2025-09-29', 0), '2025-09-29');
    assert.equal(shipped.workingDaysBetween('2025-10-01', '2025-10-01'), 0);
    // reversed across a span with no working day: +0, not -0 (strict equal tells them apart)
    assert.equal(shipped.workingDaysBetween('2025-10-08', '2025-09-30'), 0);
  });

  it('accepts n up to MAX_WORKING_DAYS and rejects anything else', () => {
    assert.equal(MAX_WORKING_DAYS, 3650);
    const far = shipped.addWorkingDays('2025-01-01', MAX_WORKING_DAYS);
    assert.equal(shipped.workingDaysBetween('2025-01-01', far), MAX_WORKING_DAYS);
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_WORKING_DAYS + 1]) {
      assert.throws(() => shipped.addWorkingDays('2025-01-01', n), RangeError, String(n));
    }
  });

  it('stops instead of looping when overrides leave no working day', () => {
    const everyDay = datesFrom('2025-01-01', '2036-12-31').map((date): DayEntry => ({
      date,
      kind: 'holiday',
      name: '测试',
    }));
    const blocked = new WorkingDayCalendar([], everyDay);
    assert.throws(() => blocked.addWorkingDays('2024-12-31', 1), /could not find 1 working days/);
    assert.equal(blocked.addWorkingDays('2024-12-30', 1), '2024-12-31');
  });

  it('describes each kind of day', () => {
    assert.deepEqual(shipped.describeDay('2025-10-01'), {
      date: '2025-10-01',
      workingDay: false,
      kind: 'holiday',
      name: '国庆节',
      overridden: false,
    });
    assert.deepEqual(shipped.describeDay('2025-09-28'), {
      date: '2025-09-28',
      workingDay: true,
      kind: 'adjustedWorkingDay',
      name: '国庆节',
      overridden: false,
    });
    assert.deepEqual(shipped.describeDay('2025-09-27'), {
      date: '2025-09-27',
      workingDay: false,
      kind: 'weekend',
      name: null,
      overridden: false,
    });
    assert.deepEqual(shipped.describeDay('2025-09-29'), {
      date: '2025-09-29',
      workingDay: true,
      kind: 'workday',
      name: null,
      overridden: false,
    });
  });

  it('applies the plain weekday rule without any entries', () => {
    const plain = new WorkingDayCalendar([]);
    assert.equal(plain.isWorkingDay('2025-10-01'), true);
    assert.equal(plain.isWorkingDay('2025-09-28'), false);
    assert.equal(plain.addWorkingDays('2025-01-03', 1), '2025-01-06'); // Fri → Mon
    assert.equal(plain.workingDaysBetween('2025-01-01', '2025-01-31'), 22);
    assert.deepEqual(plain.coveredYears(), []);
  });

  it('lists the days of a month', () => {
    const october = shipped.month(2025, 10);
    assert.equal(october.length, 31);
    assert.equal(october[0]?.date, '2025-10-01');
    assert.equal(october[30]?.date, '2025-10-31');
    // the eight-day block plus Sun Oct 12 and the weekends of the 18th and 25th (Sat 11th worked)
    assert.equal(october.filter((day) => !day.workingDay).length, 8 + 5);
    assert.equal(october.find((day) => day.date === '2025-10-11')?.kind, 'adjustedWorkingDay');
    assert.equal(shipped.month(2024, 2).length, 29);
    assert.equal(shipped.month(2025, 2).length, 28);
    assert.equal(shipped.month(2100, 2).length, 28);
    assert.equal(shipped.month(2000, 2).length, 29);
    for (const [year, month] of [
      [2025, 0],
      [2025, 13],
      [2025, 1.5],
      [0, 1],
      [10000, 1],
    ] as const) {
      assert.throws(() => shipped.month(year, month), RangeError, `${year}-${month}`);
    }
  });

  it('rejects invalid date strings with a RangeError naming the input', () => {
    for (const bad of [
      '2025-02-30',
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-01',
      '20250101',
      ' 2025-01-01',
      '2025-01-01T00:00:00Z',
      '',
      '0000-01-01',
    ]) {
      assert.throws(() => shipped.isWorkingDay(bad), { name: 'RangeError', message: /YYYY-MM-DD/ });
      assert.throws(() => shipped.describeDay(bad), RangeError);
      assert.throws(() => shipped.addWorkingDays(bad, 1), RangeError);
      assert.throws(() => shipped.workingDaysBetween(bad, '2025-01-01'), RangeError);
      assert.throws(() => shipped.workingDaysBetween('2025-01-01', bad), RangeError);
      assert.equal(isCalendarDate(bad), false, bad);
    }
    assert.throws(() => shipped.isWorkingDay('2025-02-30'), { message: /'2025-02-30'/ });
    assert.equal(shipped.isWorkingDay('2024-02-29'), true);
    assert.equal(isCalendarDate('2024-02-29'), true);
  });

  it('refuses results past 9999-12-31', () => {
    assert.throws(() => shipped.addWorkingDays('9999-12-31', 1), RangeError);
    assert.throws(() => addCalendarDays('0001-01-01', -1), RangeError);
    assert.equal(addCalendarDays('9999-12-30', 1), '9999-12-31');
  });

  it('adds years (有效期), 29 February becoming 28 February in a common year', () => {
    assert.equal(addYears('2025-03-14', 5), '2030-03-14');
    assert.equal(addYears('2024-02-29', 1), '2025-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.equal(addYears('2096-02-29', 4), '2100-02-28', '2100 is not a leap year');
    assert.equal(addYears('1996-02-29', 4), '2000-02-29', '2000 is');
    // a licence valid for 5 years from 2025-03-14 ends the day before the anniversary
    assert.equal(addCalendarDays(addYears('2025-03-14', 5), -1), '2030-03-13');
  });

  it('rejects invalid, duplicate or ill-typed entries', () => {
    const entry = (date: string, kind: string, name: unknown = null): DayEntry =>
      ({ date, kind, name }) as DayEntry;
    assert.throws(() => new WorkingDayCalendar([entry('2025-02-30', 'holiday')]), RangeError);
    assert.throws(() => new WorkingDayCalendar([], [entry('2025-01-01', 'weekend')]), RangeError);
    assert.throws(
      () => new WorkingDayCalendar([], [entry('2025-01-01', 'holiday', 5)]),
      RangeError,
    );
    assert.throws(
      () =>
        new WorkingDayCalendar([entry('2025-01-01', 'holiday'), entry('2025-01-01', 'workday')]),
      /duplicate calendar entry for 2025-01-01/,
    );
    // the same day in the shipped table and in the overrides is the normal case
    assert.doesNotThrow(
      () =>
        new WorkingDayCalendar([entry('2025-01-01', 'holiday')], [entry('2025-01-01', 'workday')]),
    );
  });
});

describe('overrides', () => {
  it('turn a working day into a holiday', () => {
    const calendar = createShippedCalendar([{ date: '2025-09-29', kind: 'holiday', name: '临时' }]);
    assert.deepEqual(calendar.describeDay('2025-09-29'), {
      date: '2025-09-29',
      workingDay: false,
      kind: 'holiday',
      name: '临时',
      overridden: true,
    });
    assert.equal(shipped.addWorkingDays('2025-09-26', 2), '2025-09-29');
    assert.equal(calendar.addWorkingDays('2025-09-26', 2), '2025-09-30');
    assert.equal(calendar.workingDaysBetween('2025-09-26', '2025-09-30'), 2);
    assert.equal(shipped.workingDaysBetween('2025-09-26', '2025-09-30'), 3);
    // the shipped calendar is not affected
    assert.equal(shipped.isWorkingDay('2025-09-29'), true);
  });

  it('turn a shipped holiday back into a working day', () => {
    const calendar = createShippedCalendar([{ date: '2025-10-08', kind: 'workday', name: null }]);
    assert.deepEqual(calendar.describeDay('2025-10-08'), {
      date: '2025-10-08',
      workingDay: true,
      kind: 'workday',
      name: null,
      overridden: true,
    });
    assert.equal(calendar.addWorkingDays('2025-09-30', 1), '2025-10-08');
    assert.equal(calendar.addWorkingDays('2025-09-30', 5), '2025-10-13');
    assert.equal(calendar.workingDaysBetween('2025-09-30', '2025-10-14'), 6);
  });

  it('turn a 调休 weekend day back into a rest day with a holiday override', () => {
    const calendar = createShippedCalendar([{ date: '2025-10-11', kind: 'holiday', name: null }]);
    assert.equal(calendar.isWorkingDay('2025-10-11'), false);
    assert.equal(calendar.addWorkingDays('2025-09-30', 5), '2025-10-15');
  });

  it('load a year the shipped data lacks and mark it covered', () => {
    const notice2099: DayEntry[] = [
      { date: '2099-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2099-10-03', kind: 'adjustedWorkingDay', name: '国庆节' }, // a Saturday
    ];
    const calendar = createShippedCalendar(notice2099);
    assert.equal(shipped.isYearCovered(2099), false);
    assert.equal(calendar.isYearCovered(2099), true);
    assert.equal(calendar.coveredYears().at(-1), 2099);
    assert.equal(calendar.isWorkingDay('2099-10-01'), false);
    assert.equal(calendar.isWorkingDay('2099-10-03'), true);
    assert.equal(calendar.addWorkingDays('2099-09-30', 1), '2099-10-02');
    assert.equal(calendar.addWorkingDays('2099-10-02', 1), '2099-10-03');
  });

  it('are copied at construction, so later edits to the list or its entries do not leak in', () => {
    const first = { date: '2025-09-29', kind: 'holiday' as DayEntryKind, name: null };
    const overrides: DayEntry[] = [first];
    const calendar = createShippedCalendar(overrides);
    first.kind = 'workday';
    overrides.push({ date: '2025-09-30', kind: 'holiday', name: null });
    assert.equal(calendar.isWorkingDay('2025-09-29'), false);
    assert.equal(calendar.describeDay('2025-09-29').kind, 'holiday');
    assert.equal(calendar.isWorkingDay('2025-09-30'), true);
  });
});

describe('toShanghaiDate', () => {
  it('converts instants at the Shanghai midnight boundary', () => {
    assert.equal(toShanghaiDate(new Date('2025-09-30T15:59:59.999Z')), '2025-09-30');
    assert.equal(toShanghaiDate(new Date('2025-09-30T16:00:00.000Z')), '2025-10-01');
    assert.equal(toShanghaiDate(new Date('2025-12-31T16:00:00Z')), '2026-01-01');
  });

  it('rejects an invalid Date', () => {
    assert.throws(() => toShanghaiDate(new Date('not a date')), RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Dates range over 2003–2028 so they straddle both ends of the shipped data.

const FIRST = '2003-01-01';
const SPAN = 26 * 366;
const dateArb = fc.integer({ min: 0, max: SPAN }).map((i) => addCalendarDays(FIRST, i));
const countArb = fc.integer({ min: 0, max: 400 });
const kindArb = fc.constantFrom<DayEntryKind>('holiday', 'adjustedWorkingDay', 'workday');
/** Random overrides around 2024–2026 on top of the shipped data, unique by date. */
const calendarArb = fc
  .uniqueArray(
    fc.record({
      date: fc.integer({ min: 0, max: 3 * 366 }).map((i) => addCalendarDays('2024-01-01', i)),
      kind: kindArb,
      name: fc.constantFrom(null, '测试'),
    }),
    { selector: (entry) => entry.date, maxLength: 60 },
  )
  .map((overrides) => createShippedCalendar(overrides));

function bruteForceCount(calendar: WorkingDayCalendar, from: string, to: string): number {
  const [first, last, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (const date of datesFrom(first, last).slice(1)) if (calendar.isWorkingDay(date)) count += 1;
  return count === 0 ? 0 : sign * count;
}

describe('properties', () => {
  it('addWorkingDays(d, n) is a working day after d for n ≥ 1', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 1, max: 400 }), (calendar, date, n) => {
        const result = calendar.addWorkingDays(date, n);
        assert.ok(result > date, `${result} > ${date}`);
        assert.ok(calendar.isWorkingDay(result), `${result} is a working day`);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, countArb, countArb, (calendar, date, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        assert.ok(calendar.addWorkingDays(date, low) < calendar.addWorkingDays(date, high));
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, countArb, (calendar, date, n) => {
        assert.equal(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n)), n);
      }),
    );
  });

  it('addWorkingDays composes: adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, countArb, countArb, (calendar, date, a, b) => {
        assert.equal(
          calendar.addWorkingDays(calendar.addWorkingDays(date, a), b),
          calendar.addWorkingDays(date, a + b),
        );
      }),
    );
  });

  it('the inverse holds for large n too', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: MAX_WORKING_DAYS }), (date, n) => {
        assert.equal(shipped.workingDaysBetween(date, shipped.addWorkingDays(date, n)), n);
      }),
      { numRuns: 30 },
    );
  });

  it('workingDaysBetween counts (from, to] day by day and is antisymmetric', () => {
    const nearby = fc.integer({ min: -800, max: 800 });
    fc.assert(
      fc.property(calendarArb, dateArb, nearby, (calendar, from, offset) => {
        const to = addCalendarDays(from, offset);
        const count = calendar.workingDaysBetween(from, to);
        assert.equal(count, bruteForceCount(calendar, from, to));
        assert.equal(calendar.workingDaysBetween(to, from), count === 0 ? 0 : -count);
      }),
    );
  });

  it('an override decides the day outright', () => {
    fc.assert(
      fc.property(dateArb, kindArb, (date, kind) => {
        const calendar = createShippedCalendar([{ date, kind, name: '覆盖' }]);
        assert.deepEqual(calendar.describeDay(date), {
          date,
          workingDay: kind !== 'holiday',
          kind,
          name: '覆盖',
          overridden: true,
        });
        // neighbouring days keep their shipped status
        const next = addCalendarDays(date, 1);
        assert.deepEqual(calendar.describeDay(next), shipped.describeDay(next));
      }),
    );
  });

  it('month() lists consecutive days that agree with describeDay', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 2003, max: 2028 }),
        fc.integer({ min: 1, max: 12 }),
        (calendar, year, month) => {
          const days = calendar.month(year, month);
          const expectedLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
          assert.equal(days.length, expectedLength);
          days.forEach((day, i) => {
            assert.equal(
              day.date,
              `${year}-${String(month).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`,
            );
            assert.deepEqual(day, calendar.describeDay(day.date));
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('addCalendarDays agrees with UTC Date arithmetic', () => {
    const dayMs = 864e5;
    const minDay = Date.UTC(1000, 0, 1) / dayMs;
    const maxDay = Date.UTC(9999, 11, 31) / dayMs;
    fc.assert(
      fc.property(
        fc.integer({ min: minDay, max: maxDay }),
        fc.integer({ min: -40000, max: 40000 }),
        (day, delta) => {
          fc.pre(day + delta >= minDay && day + delta <= maxDay);
          const date = new Date(day * dayMs).toISOString().slice(0, 10);
          const expected = new Date((day + delta) * dayMs).toISOString().slice(0, 10);
          assert.ok(isCalendarDate(date), date);
          assert.equal(addCalendarDays(date, delta), expected);
        },
      ),
    );
  });

  it('toShanghaiDate is the UTC+8 date since 1992 (no DST in China since 1991)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (millis) => {
          const expected = new Date(millis + 8 * 3600e3).toISOString().slice(0, 10);
          assert.equal(toShanghaiDate(new Date(millis)), expected);
        },
      ),
    );
  });
});
