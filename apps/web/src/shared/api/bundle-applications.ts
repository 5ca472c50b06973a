import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BundleApplication,
  BundleApplicationPage,
  BundleApplicationPageQuery,
  SubmitBundleBody,
} from '@zhengtong/contracts';
import { apiGet, apiPost, postWithIdempotencyKey } from './client';

// 一件事 bundle applications as their applicant sees them: applying with one form, the list of
// them, one with its members, and withdrawal. Keys start with 'applications' like those of the
// member applications, so one invalidation refreshes both (a bundle's change moves its members).
// Failures are shown in place by the pages, so every call here is silent.

const base = '/api/v1/bundle-applications';
const enc = encodeURIComponent;

/** `GET /mine` filters; every field optional. */
export type MyBundleApplicationsFilter = {
  [K in keyof BundleApplicationPageQuery]?: BundleApplicationPageQuery[K] | undefined;
};

function normaliseMine(filter: MyBundleApplicationsFilter) {
  return {
    status: filter.status ?? null,
    page: filter.page ?? 1,
    pageSize: filter.pageSize ?? 20,
  };
}

export const bundleApplicationKeys = {
  all: ['applications', 'bundles'] as const,
  mine: ['applications', 'bundles', 'mine'] as const,
  minePage: (filter: MyBundleApplicationsFilter) =>
    ['applications', 'bundles', 'mine', normaliseMine(filter)] as const,
  detail: (id: string) => ['applications', 'bundles', 'detail', id] as const,
};

/** One bundle application with its members and timeline. */
export function bundleApplicationQuery(id: string) {
  return queryOptions({
    queryKey: bundleApplicationKeys.detail(id),
    queryFn: ({ signal }) =>
      apiGet<BundleApplication>(`${base}/${enc(id)}`, { signal, silent: true }),
  });
}

/** 我的一件事: the signed-in applicant's bundle applications, newest first. */
export function myBundleApplicationsQuery(filter: MyBundleApplicationsFilter) {
  const key = bundleApplicationKeys.minePage(filter);
  return queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<BundleApplicationPage>(`${base}/mine`, {
        query: { ...key[3] },
        signal,
        silent: true,
      }),
  });
}

/**
 * 一件事申报. The Idempotency-Key makes a retry (after a network failure, say) answer with the
 * bundle application the first attempt created instead of filing a second one.
 */
export function submitBundleApplication(
  body: SubmitBundleBody,
  idempotencyKey: string,
): Promise<BundleApplication> {
  return postWithIdempotencyKey<BundleApplication>(base, body, idempotencyKey);
}

/** 撤回: the whole bundle, while no member has been accepted. */
export function withdrawBundleApplication(id: string): Promise<BundleApplication> {
  return apiPost<BundleApplication>(`${base}/${enc(id)}/withdraw`, undefined, { silent: true });
}

/** After a change of a bundle: its new state in place, everything about applications refetched. */
function useBundleApplicationChanged() {
  const queryClient = useQueryClient();
  return (bundle: BundleApplication) => {
    queryClient.setQueryData(bundleApplicationKeys.detail(bundle.id), bundle);
    void queryClient.invalidateQueries({ queryKey: ['applications'] });
  };
}

export function useSubmitBundleApplication() {
  const changed = useBundleApplicationChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: SubmitBundleBody; idempotencyKey: string }) =>
      submitBundleApplication(body, idempotencyKey),
    onSuccess: changed,
  });
}

export function useWithdrawBundleApplication(id: string) {
  const changed = useBundleApplicationChanged();
  return useMutation({
    mutationFn: () => withdrawBundleApplication(id),
    onSuccess: changed,
  });
}
