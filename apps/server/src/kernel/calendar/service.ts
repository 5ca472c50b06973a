import type {
  AddWorkingDaysResult,
  CalendarMonth,
  CalendarYearOverrides,
  WorkingDaysBetweenResult,
} from '@zhengtong/contracts';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/record.js';
import type { Drizzle } from '../db/database.js';
import { ForbiddenError, InputError, UnauthenticatedError, UnprocessableError } from '../errors.js';
import { createShippedCalendar } from './shipped-calendar.js';
import * as store from './store.js';
import { isCalendarDate, type WorkingDayCalendar } from './working-days.js';

/**
 * The working-day calendar every time limit uses: the shipped official calendar with the
 * administrators' overrides from the database on top. Overrides are re-read when they change
 * here, and checked for changes made by other instances at most every `refreshMs`.
 */
export class CalendarService {
  private calendar: WorkingDayCalendar = createShippedCalendar();
  private fingerprint = '';
  private checkedAt = 0;

  constructor(
    private readonly db: Drizzle,
    private readonly refreshMs = 30_000,
  ) {}

  /** The calendar in force (refreshed from the database when stale). */
  async current(): Promise<WorkingDayCalendar> {
    if (Date.now() - this.checkedAt >= this.refreshMs) await this.reload();
    return this.calendar;
  }

  async reload(): Promise<void> {
    const fingerprint = await store.overridesFingerprint(this.db);
    if (fingerprint !== this.fingerprint) {
      this.calendar = createShippedCalendar(await store.listOverrides(this.db));
      this.fingerprint = fingerprint;
    }
    this.checkedAt = Date.now();
  }

  async addWorkingDays(from: string, days: number): Promise<AddWorkingDaysResult> {
    const cal = await this.current();
    const date = cal.addWorkingDays(assertDate(from, 'from'), days);
    const uncoveredYears: number[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(date.slice(0, 4)); y++) {
      if (!cal.isYearCovered(y)) uncoveredYears.push(y);
    }
    return { date, uncoveredYears };
  }

  async workingDaysBetween(from: string, to: string): Promise<WorkingDaysBetweenResult> {
    const cal = await this.current();
    return { workingDays: cal.workingDaysBetween(assertDate(from, 'from'), assertDate(to, 'to')) };
  }

  async month(year: number, month: number): Promise<CalendarMonth> {
    const cal = await this.current();
    return { year, month, days: cal.month(year, month) };
  }

  async overridesOf(year: number): Promise<CalendarYearOverrides> {
    return { year, days: await store.listOverrides(this.db, year) };
  }

  /**
   * Replaces the overrides of one year, e.g. with next year's State Council notice published
   * every November. One transaction, audited with what was there before.
   */
  async replaceYearOverrides(
    actor: Actor,
    input: CalendarYearOverrides,
    requestId?: string,
  ): Promise<CalendarYearOverrides> {
    if (actor.kind === 'anonymous') {
      throw new UnauthenticatedError(
        'authentication-required',
        'sign in as a calendar administrator',
      );
    }
    // until the identity module brings administrator roles, only the system (CLI) may write
    if (!actor.roles.includes('system')) {
      throw new ForbiddenError(
        'calendar-admin-required',
        'only calendar administrators may edit overrides',
      );
    }
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      assertDate(d.date, `days/${i}/date`);
      if (!d.date.startsWith(`${input.year}-`)) {
        throw new UnprocessableError(
          'calendar-day-outside-year',
          `${d.date} is not in ${input.year}`,
          [{ path: `/body/days/${i}/date`, message: `must be in ${input.year}` }],
        );
      }
      if (seen.has(d.date)) {
        throw new UnprocessableError('calendar-day-repeated', `${d.date} appears twice`, [
          { path: `/body/days/${i}/date`, message: 'repeated date' },
        ]);
      }
      seen.add(d.date);
    });
    const before = await this.overridesOf(input.year);
    await this.db.transaction(async (tx) => {
      await store.replaceOverrides(tx, input.year, input.days);
      await recordAudit(tx, {
        actor,
        action: 'calendar.overrides.replace',
        targetType: 'calendarYear',
        targetId: String(input.year),
        summary: { before: before.days.length, after: input.days.length, days: input.days },
        requestId,
      });
    });
    this.checkedAt = 0;
    await this.reload();
    return this.overridesOf(input.year);
  }
}

function assertDate(value: string, field: string): string {
  if (!isCalendarDate(value)) {
    throw new InputError('invalid-date', `${field} is not a calendar date: ${String(value)}`, [
      { path: `/query/${field}`, message: 'not a real calendar date (YYYY-MM-DD)' },
    ]);
  }
  return value;
}
