import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from './common.js';

export const DayKind = Type.Union([
  Type.Literal('workday'),
  Type.Literal('weekend'),
  Type.Literal('holiday'),
  Type.Literal('adjustedWorkingDay'),
]);
export type DayKind = Static<typeof DayKind>;

export const CalendarDay = Type.Object({
  date: IsoDate,
  workingDay: Type.Boolean(),
  kind: DayKind,
  /** holiday or 调休 name, e.g. 国庆节 */
  name: Type.Union([Type.String(), Type.Null()]),
  /** whether the day comes from an admin override rather than the shipped calendar */
  overridden: Type.Boolean(),
});
export type CalendarDay = Static<typeof CalendarDay>;

export const CalendarMonthQuery = Type.Object({
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
});
export type CalendarMonthQuery = Static<typeof CalendarMonthQuery>;

export const CalendarMonth = Type.Object({
  year: Type.Integer(),
  month: Type.Integer(),
  days: Type.Array(CalendarDay),
});
export type CalendarMonth = Static<typeof CalendarMonth>;

export const AddWorkingDaysQuery = Type.Object({
  from: IsoDate,
  days: Type.Integer({ minimum: 0, maximum: 3650 }),
});
export type AddWorkingDaysQuery = Static<typeof AddWorkingDaysQuery>;

export const AddWorkingDaysResult = Type.Object({
  date: IsoDate,
  /**
   * years in the span with no official holiday notice loaded (neither shipped nor an admin
   * override): the date counts only weekends there and may move when the notice is published
   */
  uncoveredYears: Type.Array(Type.Integer()),
});
export type AddWorkingDaysResult = Static<typeof AddWorkingDaysResult>;

export const WorkingDaysBetweenQuery = Type.Object({ from: IsoDate, to: IsoDate });
export type WorkingDaysBetweenQuery = Static<typeof WorkingDaysBetweenQuery>;

export const WorkingDaysBetweenResult = Type.Object({ workingDays: Type.Integer() });
export type WorkingDaysBetweenResult = Static<typeof WorkingDaysBetweenResult>;

/** An admin override of one day (loads next year's official notice without a release). */
export const CalendarOverride = Type.Object({
  date: IsoDate,
  kind: Type.Union([
    Type.Literal('holiday'),
    Type.Literal('adjustedWorkingDay'),
    Type.Literal('workday'),
  ]),
  name: Type.Union([Type.String({ maxLength: 50 }), Type.Null()]),
});
export type CalendarOverride = Static<typeof CalendarOverride>;

export const CalendarYearOverrides = Type.Object({
  year: Type.Integer({ minimum: 1990, maximum: 2100 }),
  days: Type.Array(CalendarOverride, { maxItems: 366 }),
});
export type CalendarYearOverrides = Static<typeof CalendarYearOverrides>;
