import { Alert, Col, Row } from 'antd';
import { Navigate } from 'react-router';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';
import { useSession } from '../shared/identity/session';
import { AgentsCard } from './AgentsCard';
import { EnterprisesCard } from './EnterprisesCard';
import { PasswordCard } from './PasswordCard';
import { ProfileCard } from './ProfileCard';
import { SessionsCard } from './SessionsCard';
import { TotpCard } from './TotpCard';

/** 个人中心: who I am, my enterprises and their agents, second factor, password, sessions. */
export function MePage() {
  const t = useT();
  const { me, isPending, error, refetch } = useSession();

  if (isPending) return <LoadingBlock />;
  if (me === null) return <Navigate to="/login?next=%2Fme" replace />;
  if (!me) return <ApiErrorAlert error={error} onRetry={refetch} />;

  // The legal representative, and agents the enterprise allowed to manage agents.
  const representing = me.enterprises.filter(
    (enterprise) =>
      enterprise.relation === 'legalRepresentative' || enterprise.scope.includes('manageAgents'),
  );

  return (
    <>
      <PageHeading title={t('me.title')} description={t('me.description')} />
      {me.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('me.mustChangePassword')}
          className="zt-note"
        />
      )}
      {me.mfaEnrolmentRequired && !me.mfaEnabled && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('me.mfaRequired')}
          className="zt-note"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <div className="zt-stack">
            <ProfileCard me={me} />
            {me.kind === 'person' && <EnterprisesCard me={me} />}
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="zt-stack">
            {representing.length > 0 && <AgentsCard enterprises={representing} />}
            <TotpCard me={me} />
            <PasswordCard />
            <SessionsCard />
          </div>
        </Col>
      </Row>
    </>
  );
}
