import { Col, Row } from 'antd';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';

/** 工作日历: the month view of the official calendar and the deadline calculator. */
export function CalendarPage() {
  const t = useT();
  return (
    <>
      <PageHeading
        title={t('admin.calendar.title')}
        description={t('admin.calendar.description')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <div className="zt-card-plain">
            <WorkingCalendar />
          </div>
        </Col>
        <Col xs={24} xxl={8}>
          <DeadlineCalculator />
        </Col>
      </Row>
    </>
  );
}
