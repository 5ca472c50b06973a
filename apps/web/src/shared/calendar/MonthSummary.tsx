import type { CalendarMonth } from '@zhengtong/contracts';
import { Statistic } from 'antd';
import { useT } from '../i18n/LocaleProvider';

/** Counts of the month's working days, holidays and 调休 working days. */
export function MonthSummary({ month }: { month: CalendarMonth }) {
  const t = useT();
  const workingDays = month.days.filter((day) => day.workingDay).length;
  const holidays = month.days.filter((day) => day.kind === 'holiday').length;
  const adjusted = month.days.filter((day) => day.kind === 'adjustedWorkingDay').length;
  return (
    <div className="zt-cal-summary">
      <Statistic
        title={t('calendar.summary.workingDays')}
        value={workingDays}
        suffix={t('unit.days')}
      />
      <Statistic title={t('calendar.summary.holidays')} value={holidays} suffix={t('unit.days')} />
      <Statistic title={t('calendar.summary.adjusted')} value={adjusted} suffix={t('unit.days')} />
    </div>
  );
}
