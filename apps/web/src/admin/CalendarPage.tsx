import { Col, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { parseLinkedDay, toIsoDate, todayInShanghai } from '../shared/calendar/dates';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';

/**
 * 工作日历: the month view of the official calendar and the deadline calculator. The selected
 * day lives in the URL (`?date=2025-10-11`, or `?month=2025-10`) so a month can be linked to.
 */
export function CalendarPage() {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const selected =
    parseLinkedDay(searchParams.get('date')) ??
    parseLinkedDay(searchParams.get('month')) ??
    todayInShanghai();
  const select = (date: Dayjs) => setSearchParams({ date: toIsoDate(date) }, { replace: true });

  return (
    <>
      <PageHeading
        title={t('admin.calendar.title')}
        description={t('admin.calendar.description')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <div className="zt-card-plain">
            <WorkingCalendar value={selected} onChange={select} />
          </div>
        </Col>
        <Col xs={24} xxl={8}>
          <DeadlineCalculator />
        </Col>
      </Row>
    </>
  );
}
