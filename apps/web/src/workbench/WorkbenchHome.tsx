import { Card, Col, Descriptions, Row, Space, Tag } from 'antd';
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
import { hasAnyRole, useSession } from '../shared/identity/session';
import { EscalatedTasks } from './EscalatedTasks';
import { MyTasks } from './MyTasks';
import { NotStaffNote, SignInPrompt } from './SignInPrompt';

/**
 * 工作台 (officers): who is signed in, for which organisation and jurisdiction, the escalated
 * steps for a department head (督办), their tasks (我的待办), and the tools an officer uses on
 * every case.
 */
export function WorkbenchHome() {
  const t = useT();
  const { me, isPending, error, refetch } = useSession();
  return (
    <>
      <PageHeading title={t('workbench.title')} description={t('workbench.home.description')} />
      {isPending && <LoadingBlock />}
      {!isPending && me === undefined && <ApiErrorAlert error={error} onRetry={refetch} />}
      {me === null && <SignInPrompt />}
      {me && me.kind !== 'staff' && <NotStaffNote />}
      {me?.kind === 'staff' && (
        <>
          <OfficerCard me={me} />
          {hasAnyRole(me, ['departmentHead']) && <EscalatedTasks accountId={me.accountId} />}
          <MyTasks accountId={me.accountId} />
        </>
      )}
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
    </Card>
  );
}
