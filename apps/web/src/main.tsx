import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isApiError } from './shared/api/ApiError';
import { identityKeys } from './shared/api/identity';
import { LocaleProvider } from './shared/i18n/LocaleProvider';
import { router } from './routes';
import './styles.css';

/**
 * A 401 on any call means the session ended (expired, signed out elsewhere): ask `me` again so
 * the top bar and the pages show the visitor as signed out. (`me` answers 401 with null itself.)
 */
function onUnauthenticated(error: unknown): void {
  if (isApiError(error) && error.status === 401) {
    void queryClient.invalidateQueries({ queryKey: identityKeys.me });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthenticated }),
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      // Retry what may pass on a second try (network, 5xx); a 4xx will answer the same again.
      retry: (failureCount, error) =>
        failureCount < 2 && isApiError(error) && (error.kind === 'network' || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdApp>
          <RouterProvider router={router} />
        </AntdApp>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
