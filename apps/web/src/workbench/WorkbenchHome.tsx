import { Alert, Col, Row } from 'antd';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';

/**
 * 工作台 (officers). Until the identity module lands there is nobody to sign in, so no case
 * list: only the tools an officer uses on every case, the time-limit calculator and the calendar.
 */
export function WorkbenchHome() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('workbench.title')} description={t('workbench.description')} />
      <Alert
        type="info"
        showIcon
        role="note"
        title={t('workbench.signInComing')}
        description={t('workbench.signInComingDetail')}
        className="zt-note"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <DeadlineCalculator />
        </Col>
        <Col xs={24} xl={14}>
          <div className="zt-card-plain">
            <WorkingCalendar />
          </div>
        </Col>
      </Row>
    </>
  );
}
