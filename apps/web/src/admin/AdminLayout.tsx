import { ApartmentOutlined, BankOutlined, CalendarOutlined } from '@ant-design/icons';
import { Layout, Menu, type MenuProps } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../shared/i18n/LocaleProvider';

const sections = ['regions', 'organisations', 'calendar'] as const;

/** 管理后台: side navigation over the directory and the working-day calendar. */
export function AdminLayout() {
  const t = useT();
  const { pathname } = useLocation();
  const selected = sections.find((section) => pathname.startsWith(`/admin/${section}`));

  const items: MenuProps['items'] = [
    {
      key: 'regions',
      icon: <ApartmentOutlined aria-hidden />,
      label: <Link to="/admin/regions">{t('admin.nav.regions')}</Link>,
    },
    {
      key: 'organisations',
      icon: <BankOutlined aria-hidden />,
      label: <Link to="/admin/organisations">{t('admin.nav.organisations')}</Link>,
    },
    {
      key: 'calendar',
      icon: <CalendarOutlined aria-hidden />,
      label: <Link to="/admin/calendar">{t('admin.nav.calendar')}</Link>,
    },
  ];

  return (
    <Layout className="zt-admin">
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={208}
        theme="light"
        className="zt-admin-sider"
        zeroWidthTriggerStyle={{ top: 8 }}
      >
        <nav aria-label={t('admin.nav.label')}>
          <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
        </nav>
      </Layout.Sider>
      <Layout.Content className="zt-admin-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
