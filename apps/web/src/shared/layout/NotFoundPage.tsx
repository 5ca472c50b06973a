import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';
import { useT } from '../i18n/LocaleProvider';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="zt-result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.detail')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}
