import { Alert, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../shared/i18n/LocaleProvider';

/** Signed out: what the workbench is for, and the way to sign in and come back here. */
export function SignInPrompt({ detail }: { detail?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      title={t('workbench.signIn')}
      description={detail ?? t('workbench.signInDetail')}
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

/** Signed in, but not as staff: the workbench is not theirs. */
export function NotStaffNote() {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      role="note"
      title={t('workbench.notStaff')}
      description={t('workbench.notStaffDetail')}
      className="zt-note"
    />
  );
}
