import { Layout, Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ApiErrorNotifier } from '../components/ApiErrorNotifier';
import { useT } from '../i18n/LocaleProvider';
import { NotificationBell } from '../notifications/NotificationBell';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitch } from './LanguageSwitch';

type Entrance = 'portal' | 'workbench' | 'admin';

function entranceOf(pathname: string): Entrance {
  if (pathname.startsWith('/workbench')) return 'workbench';
  if (pathname.startsWith('/admin')) return 'admin';
  return 'portal';
}

/**
 * The shell every page shares: top bar with the logo, the three entrances, the language and the
 * account.
 * It shows the matched page, or `children` while that page's code is still on its way.
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  const t = useT();
  const { pathname } = useLocation();

  const entrances: MenuProps['items'] = [
    { key: 'portal', label: <Link to="/portal">{t('nav.portal')}</Link> },
    { key: 'workbench', label: <Link to="/workbench">{t('nav.workbench')}</Link> },
    { key: 'admin', label: <Link to="/admin">{t('nav.admin')}</Link> },
  ];

  return (
    <Layout className="zt-app">
      <a className="zt-skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header className="zt-topbar">
        <Link to="/" className="zt-logo" aria-label={t('nav.home')}>
          <span className="zt-logo-mark" aria-hidden>
            政
          </span>
          <span className="zt-logo-text">{t('app.name')}</span>
          <span className="zt-logo-tagline">{t('app.tagline')}</span>
        </Link>
        <nav className="zt-topbar-nav" aria-label={t('nav.entrances')}>
          <Menu
            mode="horizontal"
            selectedKeys={[entranceOf(pathname)]}
            items={entrances}
            className="zt-topbar-menu"
          />
        </nav>
        <LanguageSwitch />
        <NotificationBell />
        <AccountMenu />
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="zt-main">
        {children ?? <Outlet />}
      </Layout.Content>
      <Layout.Footer className="zt-footer">
        <span>{t('footer.text')}</span>
        <a href="/docs">{t('footer.apiDocs')}</a>
      </Layout.Footer>
      <ApiErrorNotifier />
    </Layout>
  );
}
