import { queryOptions } from '@tanstack/react-query';
import type {
  AddWorkingDaysResult,
  CalendarMonth,
  WorkingDaysBetweenResult,
} from '@zhengtong/contracts';
import { apiGet } from './client';

const base = '/api/v1/calendar';
// Admins can override days; an hour is short enough for an office to see a new notice.
const calendarStaleTime = 60 * 60 * 1000;

export const calendarKeys = {
  all: ['calendar'] as const,
  month: (year: number, month: number) => ['calendar', 'month', year, month] as const,
  addWorkingDays: (from: string, days: number) =>
    ['calendar', 'addWorkingDays', from, days] as const,
  workingDaysBetween: (from: string, to: string) =>
    ['calendar', 'workingDaysBetween', from, to] as const,
};

/** The days of one month with their kind (workday, weekend, holiday, 调休 working day). */
export function calendarMonthQuery(year: number, month: number) {
  return queryOptions({
    queryKey: calendarKeys.month(year, month),
    queryFn: ({ signal }) =>
      apiGet<CalendarMonth>(`${base}/month`, { query: { year, month }, signal }),
    staleTime: calendarStaleTime,
  });
}

/** The date that lies `days` working days after `from` (counting starts the day after). */
export function addWorkingDaysQuery(from: string, days: number) {
  return queryOptions({
    queryKey: calendarKeys.addWorkingDays(from, days),
    queryFn: ({ signal }) =>
      apiGet<AddWorkingDaysResult>(`${base}/add-working-days`, {
        query: { from, days },
        signal,
        silent: true,
      }),
    staleTime: calendarStaleTime,
  });
}

export function workingDaysBetweenQuery(from: string, to: string) {
  return queryOptions({
    queryKey: calendarKeys.workingDaysBetween(from, to),
    queryFn: ({ signal }) =>
      apiGet<WorkingDaysBetweenResult>(`${base}/working-days-between`, {
        query: { from, to },
        signal,
        silent: true,
      }),
    staleTime: calendarStaleTime,
  });
}
