import dayjs, { type Dayjs } from 'dayjs';

const isoDateFormat = 'YYYY-MM-DD';

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai as YYYY-MM-DD, whatever the browser's time zone. */
export function todayIsoInShanghai(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return shanghaiDate.format(now);
}

/** Today (Asia/Shanghai) as a local dayjs date, for pickers and calendars. */
export function todayInShanghai(): Dayjs {
  return fromIsoDate(todayIsoInShanghai());
}

export function toIsoDate(date: Dayjs): string {
  return date.format(isoDateFormat);
}

/** dayjs reads YYYY-MM-DD as a local date (unlike Date, which reads it as UTC). */
export function fromIsoDate(iso: string): Dayjs {
  return dayjs(iso);
}

/**
 * A day named in a link: `YYYY-MM-DD`, or `YYYY-MM` for the first of that month. Undefined for
 * anything else, including dates that do not exist (2025-02-30).
 */
export function parseLinkedDay(text: string | null): Dayjs | undefined {
  const match = text ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text) : null;
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3] ?? '01'}`;
  const date = fromIsoDate(iso);
  return date.isValid() && toIsoDate(date) === iso ? date : undefined;
}
