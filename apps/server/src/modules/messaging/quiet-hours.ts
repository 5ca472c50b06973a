/*
 * 免打扰: quiet hours are clock times in Asia/Shanghai, which is UTC+8 all year (no summer time),
 * so plain arithmetic on UTC milliseconds is exact.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** HH:MM → minutes after midnight; undefined when it is no clock time. */
export function clockMinutes(value: string): number | undefined {
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Whether `at` falls in the quiet hours [start, end), which may span midnight (22:00–07:00). */
export function inQuietHours(at: Date, start: string, end: string): boolean {
  const s = clockMinutes(start);
  const e = clockMinutes(end);
  if (s === undefined || e === undefined || s === e) return false;
  const local = (((at.getTime() + SHANGHAI_OFFSET) % DAY) + DAY) % DAY;
  const m = local / MINUTE;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/**
 * When a non-urgent message may go out: `now`, or — inside the quiet hours — the end of them
 * (the next time the Shanghai clock shows `end`, across midnight when they span it).
 */
export function afterQuietHours(now: Date, start: string | null, end: string | null): Date {
  if (start === null || end === null || !inQuietHours(now, start, end)) return now;
  const e = clockMinutes(end)!;
  const t = now.getTime();
  const localMidnight = Math.floor((t + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
  let at = localMidnight + e * MINUTE;
  if (at <= t) at += DAY;
  return new Date(at);
}
