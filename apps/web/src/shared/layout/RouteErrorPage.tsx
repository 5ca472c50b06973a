import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n/LocaleProvider';

/** What a page that crashed (or whose code failed to load) shows instead of a blank screen. */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <main className="zt-main">
      <Result
        status="error"
        title={<h1 className="zt-result-title">{t('routeError.title')}</h1>}
        subTitle={detail}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </main>
  );
}
