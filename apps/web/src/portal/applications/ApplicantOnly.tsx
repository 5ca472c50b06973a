import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { Session } from '../../shared/api/identity';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { LinkButton } from '../catalog/LinkButton';

interface ApplicantOnlyProps {
  /** the page's name, for the browser tab while the page cannot be shown */
  title: string;
  children: (me: Session) => ReactNode;
}

/**
 * A page for applicants: a signed-in person (acting for themselves or an enterprise). Anyone else
 * is told why not: visitors get a way to sign in and come back, staff that they do not apply.
 */
export function ApplicantOnly({ title, children }: ApplicantOnlyProps) {
  const { me, isPending, error, refetch } = useSession();
  if (isPending) return <LoadingBlock />;
  if (me === null) return <SignInFirst title={title} />;
  if (!me) return <ApiErrorAlert error={error} onRetry={refetch} />;
  if (me.kind !== 'person') return <StaffDoNotApply title={title} />;
  return children(me);
}

function SignInFirst({ title }: { title: string }) {
  const t = useT();
  const { pathname, search } = useLocation();
  usePageTitle(title);
  return (
    <Result
      status="403"
      title={<h1 className="zt-result-title">{t('apply.signIn.title')}</h1>}
      subTitle={t('apply.signIn.detail')}
      extra={
        <LinkButton type="primary" to={`/login?next=${encodeURIComponent(pathname + search)}`}>
          {t('apply.signIn.action')}
        </LinkButton>
      }
    />
  );
}

function StaffDoNotApply({ title }: { title: string }) {
  const t = useT();
  usePageTitle(title);
  return (
    <Result
      status="info"
      title={<h1 className="zt-result-title">{t('apply.staff.title')}</h1>}
      subTitle={t('apply.staff.detail')}
      extra={<LinkButton to="/workbench">{t('apply.staff.workbench')}</LinkButton>}
    />
  );
}
