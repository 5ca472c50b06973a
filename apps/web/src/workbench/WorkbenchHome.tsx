import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { Session } from '../shared/api/identity';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { OrganisationName } from '../shared/directory/OrganisationName';
import { RegionName } from '../shared/directory/RegionName';
import { useT } from '../shared/i18n/LocaleProvider';
import { roleLabelKey } from '../shared/identity/roles';
import { useSession } from '../shared/identity/session';

/**
 * 工作台 (officers): who is signed in, for which organisation and jurisdiction, and the tools
 * an officer uses on every case. Case lists arrive with the application lifecycle.
 */
export function WorkbenchHome() {
  const t = useT();
  const { me, isPending, error, refetch } = useSession();
  return (
    <>
      <PageHeading title={t('workbench.title')} description={t('workbench.description')} />
      {isPending && <LoadingBlock />}
      {!isPending && me === undefined && <ApiErrorAlert error={error} onRetry={refetch} />}
      {me === null && <SignInPrompt />}
      {me && me.kind !== 'staff' && (
        <Alert
          type="info"
          showIcon
          role="note"
          title={t('workbench.notStaff')}
          description={t('workbench.notStaffDetail')}
          className="zt-note"
        />
      )}
      {me?.kind === 'staff' && <OfficerCard me={me} />}
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

function SignInPrompt() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      title={t('workbench.signIn')}
      description={t('workbench.signInDetail')}
      action={
        <Button
          type="primary"
          onClick={() => void navigate(`/login?next=${encodeURIComponent(pathname)}`)}
        >
          {t('account.signIn')}
        </Button>
      }
      className="zt-note"
    />
  );
}

function OfficerCard({ me }: { me: Session }) {
  const t = useT();
  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.officer', { name: me.name })}</h2>}
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('me.organisation')}>
          {me.organisationId ? <OrganisationName id={me.organisationId} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('me.jurisdiction')}>
          {me.jurisdiction ? <RegionName code={me.jurisdiction} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('me.roles')}>
          <Space size={[4, 4]} wrap>
            {me.roles.map((role) => (
              <Tag key={role}>{t(roleLabelKey(role))}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <p className="zt-muted zt-alert-text">{t('workbench.casesComing')}</p>
    </Card>
  );
}
