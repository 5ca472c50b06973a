import {
  AccountBookOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DeploymentUnitOutlined,
  FileTextOutlined,
  KeyOutlined,
  ApiOutlined,
  LikeOutlined,
  MailOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Grid, Layout, Menu } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useT } from '../shared/i18n/LocaleProvider';
import { adminSectionRoles, hasAnyRole, useSession } from '../shared/identity/session';

const sections = [
  'regions',
  'organisations',
  'calendar',
  'staff',
  'oidc-clients',
  'catalog/items',
  'catalog/lists',
  'catalog/six-mosts',
  'catalog/bundles',
  'workflow',
  'seals',
  'evaluations',
  'payments/revenue',
  'payments/reconciliations',
  'messaging/templates',
  'messaging/webhooks',
  'messaging/deliveries',
] as const;

/**
 * 管理后台: navigation over the directory, the working-day calendar, staff and OIDC clients — a side menu on wide
 * screens, a bar above the page on narrow ones (a collapsed side menu's trigger covered the
 * page heading).
 */
export function AdminLayout() {
  const t = useT();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // Wide until measured, so desktops never flash the narrow layout.
  const narrow = screens.lg === false;
  const selected = sections.find((section) => pathname.startsWith(`/admin/${section}`));
  const { me } = useSession();

  const links = [
    { key: 'regions', icon: <ApartmentOutlined aria-hidden />, label: t('admin.nav.regions') },
    {
      key: 'organisations',
      icon: <BankOutlined aria-hidden />,
      label: t('admin.nav.organisations'),
    },
    { key: 'calendar', icon: <CalendarOutlined aria-hidden />, label: t('admin.nav.calendar') },
    {
      key: 'catalog/items',
      icon: <AppstoreOutlined aria-hidden />,
      label: t('catalogAdmin.nav.items'),
    },
    ...(hasAnyRole(me, adminSectionRoles.catalogLists)
      ? [
          {
            key: 'catalog/lists' as const,
            icon: <FileTextOutlined aria-hidden />,
            label: t('catalogAdmin.nav.lists'),
          },
        ]
      : []),
    {
      key: 'catalog/six-mosts',
      icon: <BarChartOutlined aria-hidden />,
      label: t('catalogAdmin.nav.sixMosts'),
    },
    {
      key: 'catalog/bundles',
      icon: <PartitionOutlined aria-hidden />,
      label: t('catalogAdmin.nav.bundles'),
    },
    ...(hasAnyRole(me, adminSectionRoles.workflow)
      ? [
          {
            key: 'workflow' as const,
            icon: <DeploymentUnitOutlined aria-hidden />,
            label: t('workflowAdmin.nav'),
          },
        ]
      : []),
    // Hidden from those the server would refuse anyway; the server still checks every call.
    ...(hasAnyRole(me, adminSectionRoles.staff)
      ? [{ key: 'staff' as const, icon: <TeamOutlined aria-hidden />, label: t('admin.nav.staff') }]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.seals)
      ? [
          {
            key: 'seals' as const,
            icon: <SafetyCertificateOutlined aria-hidden />,
            label: t('sealsAdmin.nav'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.evaluations)
      ? [
          {
            key: 'evaluations' as const,
            icon: <LikeOutlined aria-hidden />,
            label: t('evaluationsAdmin.nav'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.messagingTemplates)
      ? [
          {
            key: 'messaging/templates' as const,
            icon: <MailOutlined aria-hidden />,
            label: t('messagingAdmin.nav.templates'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.messagingWebhooks)
      ? [
          {
            key: 'messaging/webhooks' as const,
            icon: <ApiOutlined aria-hidden />,
            label: t('messagingAdmin.nav.webhooks'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.messagingDeliveries)
      ? [
          {
            key: 'messaging/deliveries' as const,
            icon: <WarningOutlined aria-hidden />,
            label: t('messagingAdmin.nav.deliveries'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.revenue)
      ? [
          {
            key: 'payments/revenue' as const,
            icon: <AccountBookOutlined aria-hidden />,
            label: t('payments.admin.nav.revenue'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.reconciliation)
      ? [
          {
            key: 'payments/reconciliations' as const,
            icon: <AuditOutlined aria-hidden />,
            label: t('payments.admin.nav.reconciliation'),
          },
        ]
      : []),
    ...(hasAnyRole(me, adminSectionRoles.oidcClients)
      ? [
          {
            key: 'oidc-clients' as const,
            icon: <KeyOutlined aria-hidden />,
            label: t('admin.nav.oidcClients'),
          },
        ]
      : []),
  ] satisfies { key: (typeof sections)[number]; icon: ReactNode; label: string }[];

  const navigation = narrow ? (
    // A horizontal antd Menu hides all but the first entry behind "…" at phone width; these
    // wrap instead.
    <nav aria-label={t('admin.nav.label')} className="zt-admin-bar">
      {links.map(({ key, icon, label }) => (
        <Link
          key={key}
          to={`/admin/${key}`}
          className="zt-admin-bar-link"
          aria-current={key === selected ? 'page' : undefined}
        >
          {icon}
          {label}
        </Link>
      ))}
    </nav>
  ) : (
    <nav aria-label={t('admin.nav.label')}>
      <Menu
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        items={links.map(({ key, icon, label }) => ({
          key,
          icon,
          label: <Link to={`/admin/${key}`}>{label}</Link>,
        }))}
        className="zt-admin-menu"
      />
    </nav>
  );

  // The page stays in the same place in the tree whichever navigation shows, so crossing the
  // breakpoint does not remount it and lose its state.
  return (
    <Layout className="zt-admin">
      {!narrow && (
        <Layout.Sider width={240} theme="light" className="zt-admin-sider">
          {navigation}
        </Layout.Sider>
      )}
      <Layout.Content className="zt-admin-content">
        {narrow && navigation}
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
