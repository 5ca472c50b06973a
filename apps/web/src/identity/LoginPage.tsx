import { Button, Card, Result } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { login } from '../shared/api/identity';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';
import { safeNextPath } from '../shared/identity/formErrors';
import { useSession, useSetSession } from '../shared/identity/session';
import { LoginForm } from './LoginForm';

/** 登录: people with ID number or phone, staff with their account name. */
export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const { me, isPending } = useSession();
  const setSession = useSetSession();

  return (
    <div className="zt-auth">
      <PageHeading title={t('login.title')} description={t('login.description')} />
      <Card className="zt-auth-card">
        {isPending && <LoadingBlock />}
        {me && (
          <Result
            status="success"
            title={t('login.already', { name: me.name })}
            extra={[
              <Button key="continue" type="primary" onClick={() => void navigate(next)}>
                {t('login.continue')}
              </Button>,
              <Button key="me" onClick={() => void navigate('/me')}>
                {t('account.profile')}
              </Button>,
            ]}
          />
        )}
        {!isPending && !me && (
          <>
            <LoginForm
              submit={async (body) => {
                const signedIn = await login(body);
                setSession(signedIn);
                const needsAttention = signedIn.mustChangePassword || signedIn.mfaEnrolmentRequired;
                void navigate(needsAttention ? '/me' : next, { replace: true });
              }}
            />
            <p className="zt-auth-footer">
              {t('login.noAccount')} <Link to="/register">{t('account.register')}</Link>
            </p>
          </>
        )}
      </Card>
    </div>
  );
}
