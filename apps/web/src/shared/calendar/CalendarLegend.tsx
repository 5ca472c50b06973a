import { Tag } from 'antd';
import { useT } from '../i18n/LocaleProvider';

/** What the marks in the calendar mean. */
export function CalendarLegend() {
  const t = useT();
  return (
    <ul className="zt-cal-legend" aria-label={t('calendar.legend')}>
      <li>
        <Tag color="red">{t('calendar.mark.rest')}</Tag>
        {t('calendar.kind.holiday')}
      </li>
      <li>
        <Tag color="blue">{t('calendar.mark.work')}</Tag>
        {t('calendar.kind.adjustedWorkingDay')}
      </li>
      <li>
        <span className="zt-cal-swatch zt-cal-swatch-weekend" aria-hidden />
        {t('calendar.kind.weekend')}
      </li>
      <li>
        <span className="zt-cal-overridden-dot" aria-hidden>
          ●
        </span>
        {t('calendar.overridden')}
      </li>
    </ul>
  );
}
