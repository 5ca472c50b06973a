import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CalendarDay } from '@zhengtong/contracts';
import { Calendar, Spin, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { calendarMonthQuery } from '../api/calendar';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { useT, type Translate } from '../i18n/LocaleProvider';
import { CalendarHeader } from './CalendarHeader';
import { CalendarLegend } from './CalendarLegend';
import { DayDetail } from './DayDetail';
import { dayKindLabelKey, dayMark } from './dayKind';
import { toIsoDate, todayInShanghai } from './dates';
import { MonthSummary } from './MonthSummary';

interface WorkingCalendarProps {
  /** small month grid (portal, workbench side column) instead of the full page view */
  compact?: boolean;
  headingLevel?: 2 | 3;
}

function describeDay(day: CalendarDay, t: Translate): string {
  return [day.name, t(dayKindLabelKey[day.kind]), day.overridden ? t('calendar.overridden') : null]
    .filter(Boolean)
    .join(' · ');
}

function CompactCell({
  date,
  day,
  t,
}: {
  date: Dayjs;
  day: CalendarDay | undefined;
  t: Translate;
}) {
  const mark = day ? dayMark(day.kind) : undefined;
  const classes = ['ant-picker-cell-inner', 'zt-cal-cell'];
  if (day) classes.push(`zt-cal-${day.kind}`);
  return (
    <div className={classes.join(' ')} title={day ? describeDay(day, t) : undefined}>
      {date.date()}
      {mark && <span className={`zt-cal-mark zt-cal-mark-${mark.color}`}>{t(mark.markKey)}</span>}
    </div>
  );
}

function FullCellContent({ day, t }: { day: CalendarDay; t: Translate }): ReactNode {
  const mark = dayMark(day.kind);
  if (!mark && !day.overridden && day.kind !== 'weekend') return null;
  return (
    <div className={`zt-cal-content zt-cal-${day.kind}`}>
      {mark && <Tag color={mark.color}>{t(mark.markKey)}</Tag>}
      {day.name && <span className="zt-cal-name">{day.name}</span>}
      {day.overridden && (
        <span className="zt-cal-overridden-dot" title={t('calendar.overridden')}>
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
export function WorkingCalendar({ compact = false, headingLevel = 2 }: WorkingCalendarProps) {
  const t = useT();
  const headingId = useId();
  const [value, setValue] = useState(todayInShanghai);
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

  return (
    <section className={compact ? 'zt-cal zt-cal-compact' : 'zt-cal'} aria-labelledby={headingId}>
      <CalendarHeader
        value={value}
        onChange={setValue}
        headingId={headingId}
        headingLevel={headingLevel}
      />
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <Spin spinning={query.isFetching} description={t('common.loading')}>
        <Calendar
          fullscreen={!compact}
          value={value}
          onSelect={(date) => setValue(date)}
          headerRender={() => null}
          fullCellRender={
            compact
              ? (date, info) =>
                  info.type === 'date' ? (
                    <CompactCell date={date} day={daysByDate.get(toIsoDate(date))} t={t} />
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
                  return day ? <FullCellContent day={day} t={t} /> : null;
                }
          }
        />
      </Spin>
      <DayDetail date={value} day={daysByDate.get(toIsoDate(value))} />
      <CalendarLegend />
      {!compact && query.data && daysByDate.size > 0 && <MonthSummary month={query.data} />}
    </section>
  );
}
