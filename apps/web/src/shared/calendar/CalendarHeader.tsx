import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import { useFormatDate, useT } from '../i18n/LocaleProvider';
import { todayInShanghai } from './dates';

interface CalendarHeaderProps {
  value: Dayjs;
  onChange: (value: Dayjs) => void;
  headingId: string;
  headingLevel: 2 | 3;
  /** the month's days are on their way */
  loading?: boolean;
}

/** Month navigation: previous, month picker, next, today. */
export function CalendarHeader({
  value,
  onChange,
  headingId,
  headingLevel,
  loading = false,
}: CalendarHeaderProps) {
  const t = useT();
  const formatDate = useFormatDate();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="zt-cal-header">
      <div className="zt-cal-title">
        <Heading id={headingId} className="zt-cal-heading" aria-live="polite">
          {formatDate(value, 'yearMonth')}
        </Heading>
        {loading && (
          <span className="zt-cal-loading" role="status">
            <Spin size="small" />
            {t('common.loading')}
          </span>
        )}
      </div>
      <Space wrap>
        <Button
          icon={<LeftOutlined aria-hidden />}
          aria-label={t('calendar.previousMonth')}
          title={t('calendar.previousMonth')}
          onClick={() => onChange(value.subtract(1, 'month'))}
        />
        <DatePicker
          picker="month"
          allowClear={false}
          value={value}
          onChange={(month) => {
            if (month) onChange(month.date(Math.min(value.date(), month.daysInMonth())));
          }}
          aria-label={t('calendar.pickMonth')}
          format={t('format.yearMonth')}
          className="zt-month-picker"
        />
        <Button
          icon={<RightOutlined aria-hidden />}
          aria-label={t('calendar.nextMonth')}
          title={t('calendar.nextMonth')}
          onClick={() => onChange(value.add(1, 'month'))}
        />
        <Button onClick={() => onChange(todayInShanghai())}>{t('calendar.today')}</Button>
      </Space>
    </div>
  );
}
