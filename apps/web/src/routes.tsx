import { createBrowserRouter, Navigate } from 'react-router';
import { PortalHome } from './portal/PortalHome';
import { LoadingBlock } from './shared/components/LoadingBlock';
import { AppLayout } from './shared/layout/AppLayout';
import { NotFoundPage } from './shared/layout/NotFoundPage';
import { RouteErrorPage } from './shared/layout/RouteErrorPage';

// The portal is what most visitors open, so it ships in the entry chunk; officer and admin
// pages load on first visit.
export const router = createBrowserRouter([
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    // Shown while a lazily loaded page's code arrives on the first visit: the shell, so the top
    // bar does not blink in after it.
    HydrateFallback: () => (
      <AppLayout>
        <LoadingBlock />
      </AppLayout>
    ),
    children: [
      { index: true, Component: PortalHome },
      { path: 'portal', Component: PortalHome },
      {
        path: 'services',
        lazy: async () => ({
          Component: (await import('./portal/catalog/ServiceSearchPage')).ServiceSearchPage,
        }),
      },
      {
        path: 'services/bundles',
        lazy: async () => ({
          Component: (await import('./portal/catalog/BundlesPage')).BundlesPage,
        }),
      },
      {
        path: 'services/bundles/:code',
        lazy: async () => ({
          Component: (await import('./portal/catalog/BundleGuidePage')).BundleGuidePage,
        }),
      },
      {
        path: 'services/:code',
        lazy: async () => ({
          Component: (await import('./portal/catalog/ServiceGuidePage')).ServiceGuidePage,
        }),
      },
      {
        path: 'apply/:listId',
        lazy: async () => ({
          Component: (await import('./portal/applications/ApplyPage')).ApplyPage,
        }),
      },
      {
        path: 'me/applications',
        lazy: async () => ({
          Component: (await import('./portal/applications/MyApplicationsPage')).MyApplicationsPage,
        }),
      },
      {
        path: 'results/:id',
        lazy: async () => ({
          Component: (await import('./portal/applications/ResultDocumentPage')).ResultDocumentPage,
        }),
      },
      {
        path: 'me/applications/:id',
        lazy: async () => ({
          Component: (await import('./portal/applications/MyApplicationPage')).MyApplicationPage,
        }),
      },
      {
        path: 'apply/bundle/:code',
        lazy: async () => ({
          Component: (await import('./portal/applications/BundleApplyPage')).BundleApplyPage,
        }),
      },
      {
        path: 'me/bundle-applications/:id',
        lazy: async () => ({
          Component: (await import('./portal/applications/BundleApplicationPage'))
            .BundleApplicationPage,
        }),
      },
      {
        path: 'me/certificates',
        lazy: async () => ({
          Component: (await import('./portal/certificates/MyCertificatesPage')).MyCertificatesPage,
        }),
      },
      {
        path: 'me/certificates/:id',
        lazy: async () => ({
          Component: (await import('./portal/certificates/MyCertificatePage')).MyCertificatePage,
        }),
      },
      {
        path: 'verify',
        lazy: async () => ({
          Component: (await import('./portal/certificates/VerifyPage')).VerifyPage,
        }),
      },
      {
        path: 'verify/:identifier',
        lazy: async () => ({
          Component: (await import('./portal/certificates/VerifyPage')).VerifyPage,
        }),
      },
      {
        path: 'evaluations',
        lazy: async () => ({
          Component: (await import('./portal/evaluations/PublicEvaluationsPage'))
            .PublicEvaluationsPage,
        }),
      },
      {
        path: 'me/receipts',
        lazy: async () => ({
          Component: (await import('./portal/payments/ReceiptsPage')).ReceiptsPage,
        }),
      },
      {
        path: 'me/receipts/:orderId',
        lazy: async () => ({
          Component: (await import('./portal/payments/ReceiptsPage')).ReceiptPage,
        }),
      },
      {
        // 模拟支付网关: the built-in gateway's cashier (a real gateway's is elsewhere)
        path: 'pay/simulated/:tradeNo',
        lazy: async () => ({
          Component: (await import('./portal/payments/SimulatedCashierPage')).SimulatedCashierPage,
        }),
      },
      {
        path: 'me/notifications',
        lazy: async () => ({
          Component: (await import('./shared/notifications/NotificationsPage')).NotificationsPage,
        }),
      },
      {
        path: 'me/notifications/settings',
        lazy: async () => ({
          Component: (await import('./shared/notifications/PreferencesPage')).PreferencesPage,
        }),
      },
      {
        path: 'progress',
        lazy: async () => ({
          Component: (await import('./portal/applications/ProgressPage')).ProgressPage,
        }),
      },
      {
        path: 'workbench',
        lazy: async () => ({
          Component: (await import('./workbench/WorkbenchHome')).WorkbenchHome,
        }),
      },
      {
        path: 'workbench/applications/:id',
        lazy: async () => ({
          Component: (await import('./workbench/OfficerApplicationPage')).OfficerApplicationPage,
        }),
      },
      {
        path: 'admin',
        lazy: async () => ({ Component: (await import('./admin/AdminLayout')).AdminLayout }),
        children: [
          { index: true, element: <Navigate to="regions" replace /> },
          {
            path: 'regions',
            lazy: async () => ({ Component: (await import('./admin/RegionsPage')).RegionsPage }),
          },
          {
            path: 'organisations',
            lazy: async () => ({
              Component: (await import('./admin/OrganisationsPage')).OrganisationsPage,
            }),
          },
          {
            path: 'calendar',
            lazy: async () => ({ Component: (await import('./admin/CalendarPage')).CalendarPage }),
          },
          {
            path: 'staff',
            lazy: async () => ({ Component: (await import('./admin/StaffPage')).StaffPage }),
          },
          {
            path: 'catalog/items',
            lazy: async () => ({
              Component: (await import('./admin/catalog/CatalogItemsPage')).CatalogItemsPage,
            }),
          },
          {
            path: 'catalog/lists',
            lazy: async () => ({
              Component: (await import('./admin/catalog/ImplementationListsPage'))
                .ImplementationListsPage,
            }),
          },
          {
            path: 'catalog/lists/:id',
            lazy: async () => ({
              Component: (await import('./admin/catalog/ImplementationListEditorPage'))
                .ImplementationListEditorPage,
            }),
          },
          {
            path: 'catalog/six-mosts',
            lazy: async () => ({
              Component: (await import('./admin/catalog/SixMostsPage')).SixMostsPage,
            }),
          },
          {
            path: 'catalog/bundles',
            lazy: async () => ({
              Component: (await import('./admin/catalog/BundlesAdminPage')).BundlesAdminPage,
            }),
          },
          {
            path: 'workflow',
            lazy: async () => ({
              Component: (await import('./admin/workflow/ProcessDefinitionsPage'))
                .ProcessDefinitionsPage,
            }),
          },
          {
            path: 'workflow/:key',
            lazy: async () => ({
              Component: (await import('./admin/workflow/ProcessDefinitionPage'))
                .ProcessDefinitionPage,
            }),
          },
          {
            path: 'seals',
            lazy: async () => ({ Component: (await import('./admin/seals/SealsPage')).SealsPage }),
          },
          {
            path: 'evaluations',
            lazy: async () => ({
              Component: (await import('./admin/evaluations/EvaluationsPage')).EvaluationsPage,
            }),
          },
          {
            path: 'messaging/templates',
            lazy: async () => ({
              Component: (await import('./admin/messaging/TemplatesPage')).TemplatesPage,
            }),
          },
          {
            path: 'messaging/webhooks',
            lazy: async () => ({
              Component: (await import('./admin/messaging/WebhooksPage')).WebhooksPage,
            }),
          },
          {
            path: 'messaging/deliveries',
            lazy: async () => ({
              Component: (await import('./admin/messaging/DeliveriesPage')).DeliveriesPage,
            }),
          },
          {
            path: 'payments/revenue',
            lazy: async () => ({
              Component: (await import('./admin/payments/RevenuePage')).RevenuePage,
            }),
          },
          {
            path: 'payments/reconciliations',
            lazy: async () => ({
              Component: (await import('./admin/payments/ReconciliationPage')).ReconciliationPage,
            }),
          },
          {
            path: 'oidc-clients',
            lazy: async () => ({
              Component: (await import('./admin/OidcClientsPage')).OidcClientsPage,
            }),
          },
        ],
      },
      {
        path: 'login',
        lazy: async () => ({ Component: (await import('./identity/LoginPage')).LoginPage }),
      },
      {
        path: 'register',
        lazy: async () => ({ Component: (await import('./identity/RegisterPage')).RegisterPage }),
      },
      {
        path: 'me',
        lazy: async () => ({ Component: (await import('./identity/MePage')).MePage }),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
  {
    // 统一身份认证: single sign-on for other applications, without the platform's shell.
    path: '/oidc-login/:uid',
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: LoadingBlock,
    lazy: async () => ({ Component: (await import('./identity/OidcLoginPage')).OidcLoginPage }),
  },
]);
