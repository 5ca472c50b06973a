import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CalendarDay } from '@zhengtong/contracts';
import { Calendar, Grid, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { calendarMonthQuery } from '../api/calendar';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { useLocale, type Translate } from '../i18n/LocaleProvider';
import { CalendarHeader } from './CalendarHeader';
import { CalendarLegend } from './CalendarLegend';
import { DayDetail } from './DayDetail';
import { dayKindLabelKey, dayMark } from './dayKind';
import { toIsoDate, todayInShanghai } from './dates';
import { holidayName } from './holidayNames';
import { MonthSummary } from './MonthSummary';

interface WorkingCalendarProps {
  /** small month grid (portal side column) instead of the full page view; always on phones */
  compact?: boolean;
  headingLevel?: 2 | 3;
  /** the selected day (and so the month shown); uncontrolled, starting today, when omitted */
  value?: Dayjs | undefined;
  onChange?: ((value: Dayjs) => void) | undefined;
}

/** What a cell needs to say about its day, in the UI language. */
interface DayText {
  t: Translate;
  name: (day: CalendarDay) => string | null;
}

function describeDay(day: CalendarDay, { t, name }: DayText): string {
  return [name(day), t(dayKindLabelKey[day.kind]), day.overridden ? t('calendar.overridden') : null]
    .filter(Boolean)
    .join(' · ');
}

function CompactCell({
  date,
  day,
  text,
}: {
  date: Dayjs;
  day: CalendarDay | undefined;
  text: DayText;
}) {
  const mark = day ? dayMark(day.kind) : undefined;
  const classes = ['ant-picker-cell-inner', 'zt-cal-cell'];
  if (day) classes.push(`zt-cal-${day.kind}`);
  return (
    <div className={classes.join(' ')} title={day ? describeDay(day, text) : undefined}>
      {date.date()}
      {mark && (
        <span className={`zt-cal-mark zt-cal-mark-${mark.color}`}>{text.t(mark.markKey)}</span>
      )}
    </div>
  );
}

function FullCellContent({ day, text }: { day: CalendarDay; text: DayText }): ReactNode {
  const mark = dayMark(day.kind);
  if (!mark && !day.overridden && day.kind !== 'weekend') return null;
  const name = text.name(day);
  return (
    <div className={`zt-cal-content zt-cal-${day.kind}`} title={describeDay(day, text)}>
      {mark && <Tag color={mark.color}>{text.t(mark.markKey)}</Tag>}
      {name && <span className="zt-cal-name">{name}</span>}
      {day.overridden && (
        <span className="zt-cal-overridden-dot" title={text.t('calendar.overridden')}>
          ●
        </span>
      )}
    </div>
  );
}

/**
 * 工作日历: a month of the official working-day calendar with holidays (休) and 调休 working
 * days (班) marked, as the server computes them.
 */
export function WorkingCalendar({
  compact: compactByProp = false,
  headingLevel = 2,
  value: controlledValue,
  onChange,
}: WorkingCalendarProps) {
  const { locale, t } = useLocale();
  const headingId = useId();
  // A full-size month has no room for holiday names below the md breakpoint (768px).
  const screens = Grid.useBreakpoint();
  const compact = compactByProp || screens.md === false;
  const [ownValue, setOwnValue] = useState(todayInShanghai);
  const value = controlledValue ?? ownValue;
  const setValue = onChange ?? setOwnValue;
  const year = value.year();
  const month = value.month() + 1;
  const query = useQuery({ ...calendarMonthQuery(year, month), placeholderData: keepPreviousData });

  const daysByDate = useMemo(() => {
    const map = new Map<string, CalendarDay>();
    // While the next month loads the previous one is kept on screen; never mark it as this one.
    if (query.data && query.data.year === year && query.data.month === month) {
      for (const day of query.data.days) map.set(day.date, day);
    }
    return map;
  }, [query.data, year, month]);
  const monthLoaded = daysByDate.size > 0;

  const text = useMemo<DayText>(
    () => ({ t, name: (day) => (day.name ? holidayName(locale, day.name) : null) }),
    [locale, t],
  );

  return (
    <section
      className={compact ? 'zt-cal zt-cal-compact' : 'zt-cal'}
      aria-labelledby={headingId}
      aria-busy={!monthLoaded && !query.isError}
    >
      <CalendarHeader
        value={value}
        onChange={setValue}
        headingId={headingId}
        headingLevel={headingLevel}
        // The grid stays readable while a month loads; its marks arrive with the data.
        loading={!monthLoaded && !query.isError}
      />
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <Calendar
        fullscreen={!compact}
        value={value}
        onSelect={(date) => setValue(date)}
        headerRender={() => null}
        fullCellRender={
          compact
            ? (date, info) =>
                info.type === 'date' ? (
                  <CompactCell date={date} day={daysByDate.get(toIsoDate(date))} text={text} />
                ) : (
                  info.originNode
                )
            : undefined
        }
        cellRender={
          compact
            ? undefined
            : (date, info) => {
                if (info.type !== 'date') return info.originNode;
                const day = daysByDate.get(toIsoDate(date));
                return day ? <FullCellContent day={day} text={text} /> : null;
              }
        }
      />
      <DayDetail date={value} day={daysByDate.get(toIsoDate(value))} />
      <CalendarLegend />
      {!compactByProp && query.data && monthLoaded && <MonthSummary month={query.data} />}
    </section>
  );
}
