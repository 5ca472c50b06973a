import dayjs, { type Dayjs } from 'dayjs';
import { fromIsoDate } from '../../shared/calendar/dates';
import { useLocale } from '../../shared/i18n/LocaleProvider';

// Times of an application are shown as the clock in Zhengzhou shows them (Asia/Shanghai),
// whatever the browser's time zone.

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as a local dayjs holding the Asia/Shanghai wall-clock date and time. */
export function inShanghai(iso: string): Dayjs {
  const parts: Record<string, string> = {};
  for (const part of shanghai.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return dayjs(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
}

export interface DateTexts {
  /** an instant: 2026年11月27日 21:37 */
  dateTime: (iso: string | null | undefined) => string;
  /** a calendar date (YYYY-MM-DD, already a Shanghai date): 2026年11月27日 */
  date: (isoDate: string | null | undefined) => string;
}

/** Date and time texts in the UI language; '—' for none. */
export function useDateTexts(): DateTexts {
  const { t, formatDate } = useLocale();
  return {
    dateTime: (iso) => {
      if (!iso) return '—';
      const at = inShanghai(iso);
      return t('myApplications.dateTime', {
        date: formatDate(at, 'date'),
        time: at.format('HH:mm'),
      });
    },
    date: (isoDate) => (isoDate ? formatDate(fromIsoDate(isoDate), 'date') : '—'),
  };
}
