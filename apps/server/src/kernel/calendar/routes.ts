import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AddWorkingDaysQuery,
  CalendarOverride,
  CalendarYearOverrides,
  AddWorkingDaysResult,
  CalendarMonth,
  CalendarMonthQuery,
  Problem,
  WorkingDaysBetweenQuery,
  WorkingDaysBetweenResult,
} from '@zhengtong/contracts';

const problems = { 400: Problem, 422: Problem };
const YearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) });

/** 工作日历: public reads; overrides are written by administrators (CLI until identity lands). */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.kernel.calendar;

  app.get(
    '/add-working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The n-th working day after a date (Asia/Shanghai, holidays and 调休 honoured)',
        querystring: AddWorkingDaysQuery,
        response: { 200: AddWorkingDaysResult, ...problems },
      },
    },
    (req) => service.addWorkingDays(req.query.from, req.query.days),
  );

  app.get(
    '/working-days-between',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Working days in (from, to]; negative when to is before from',
        querystring: WorkingDaysBetweenQuery,
        response: { 200: WorkingDaysBetweenResult, ...problems },
      },
    },
    (req) => service.workingDaysBetween(req.query.from, req.query.to),
  );

  app.get(
    '/month',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Every day of a month with its kind (workday, weekend, holiday, 调休)',
        querystring: CalendarMonthQuery,
        response: { 200: CalendarMonth, ...problems },
      },
    },
    (req) => service.month(req.query.year, req.query.month),
  );

  app.get(
    '/overrides/:year',
    {
      schema: {
        tags: ['calendar'],
        summary: "A year's administrator overrides of the shipped holiday calendar",
        params: YearParams,
        response: { 200: CalendarYearOverrides, ...problems },
      },
    },
    (req) => service.overridesOf(req.params.year),
  );

  app.put(
    '/overrides/:year',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Replace a year's overrides (e.g. next year's State Council notice); calendar administrators only",
        params: YearParams,
        body: Type.Object({ days: Type.Array(CalendarOverride, { maxItems: 366 }) }),
        response: { 200: CalendarYearOverrides, 401: Problem, 403: Problem, ...problems },
      },
    },
    (req) =>
      service.replaceYearOverrides(
        req.actor,
        { year: req.params.year, days: req.body.days },
        req.id,
      ),
  );
};
