import { Alert, Col, Row, Typography } from 'antd';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { usePageTitle } from '../shared/components/usePageTitle';
import { useT } from '../shared/i18n/LocaleProvider';
import { ServiceHallDirectory } from './ServiceHallDirectory';

/** 办事大厅 (public portal): where to go in person, and how working-day time limits run. */
export function PortalHome() {
  const t = useT();
  usePageTitle(t('nav.portal'));
  return (
    <>
      <section className="zt-hero" aria-labelledby="zt-portal-title">
        <Typography.Title level={1} id="zt-portal-title" className="zt-hero-title">
          {t('portal.title')}
        </Typography.Title>
        <Typography.Paragraph className="zt-hero-text">{t('portal.subtitle')}</Typography.Paragraph>
      </section>
      <Alert
        type="info"
        showIcon
        role="note"
        title={t('portal.guidesComing')}
        className="zt-note"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ServiceHallDirectory />
        </Col>
        <Col xs={24} xl={10} className="zt-stack">
          <DeadlineCalculator />
          <div className="zt-card-plain">
            <WorkingCalendar compact />
          </div>
        </Col>
      </Row>
    </>
  );
}
