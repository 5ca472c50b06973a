import type { CalendarDay } from '@zhengtong/contracts';
import { Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useFormatDate, useLocale } from '../i18n/LocaleProvider';
import { dayKindLabelKey, dayMark } from './dayKind';
import { holidayName } from './holidayNames';

interface DayDetailProps {
  date: Dayjs;
  day: CalendarDay | undefined;
}

/** One line about the selected day: its date, kind, name and whether it is worked. */
export function DayDetail({ date, day }: DayDetailProps) {
  const { locale, t } = useLocale();
  const formatDate = useFormatDate();
  const mark = day ? dayMark(day.kind) : undefined;
  return (
    <div className="zt-cal-day-detail" aria-live="polite">
      <Typography.Text strong>{formatDate(date, 'longDate')}</Typography.Text>
      {day && (
        <>
          {mark && <Tag color={mark.color}>{t(mark.markKey)}</Tag>}
          <span>{t(dayKindLabelKey[day.kind])}</span>
          {day.name && <span>· {holidayName(locale, day.name)}</span>}
          <span>· {day.workingDay ? t('calendar.isWorkingDay') : t('calendar.isRestDay')}</span>
          {day.overridden && <Tag color="gold">{t('calendar.overridden')}</Tag>}
        </>
      )}
    </div>
  );
}
