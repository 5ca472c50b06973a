import { queryOptions } from '@tanstack/react-query';
import type {
  Bundle,
  BundleList,
  CertificateTypeList,
  ImplementationList,
  ImplementationListVersion,
  ImplementationListPage,
  ImplementationListQuery,
  ListVersionHistory,
  ResolvedBundle,
  ServiceItemDetail,
  ServiceItemSearchQuery,
  ServiceItemSearchResult,
  SixMostsQuery,
  SixMostsReport,
} from '@zhengtong/contracts';
import { apiGet } from './client';

// Read side of the service-item catalogue (政务服务事项) and the certificate catalogue it names.
// Every catalogue key starts with 'catalog', so one invalidation after a write (admin pages)
// refreshes everything the public pages cached.

const base = '/api/v1/catalog';
const enc = encodeURIComponent;
// Published guides change a few times a year; a visit does not need to refetch them.
const guideStaleTime = 5 * 60 * 1000;
const certificateTypesStaleTime = 60 * 60 * 1000;

/** `GET /items` filters; every field optional, as in the URL of the search page. */
export type ServiceItemFilter = {
  [K in keyof ServiceItemSearchQuery]?: ServiceItemSearchQuery[K] | undefined;
};

/** `GET /lists` filters (staff). */
export type ImplementationListFilter = {
  [K in keyof ImplementationListQuery]?: ImplementationListQuery[K] | undefined;
};

/** Key parts in a fixed order with absent fields as null, so equal filters share a cache entry. */
function normaliseItemFilter(filter: ServiceItemFilter) {
  return {
    q: filter.q?.trim() || null,
    organisation: filter.organisation ?? null,
    region: filter.region ?? null,
    applicantKind: filter.applicantKind ?? null,
    lifeEvent: filter.lifeEvent ?? null,
    itemType: filter.itemType ?? null,
    sector: filter.sector ?? null,
    includeUnpublished: filter.includeUnpublished ?? false,
    page: filter.page ?? 1,
    pageSize: filter.pageSize ?? 20,
  };
}

function normaliseListFilter(filter: ImplementationListFilter) {
  return {
    itemCode: filter.itemCode ?? null,
    organisation: filter.organisation ?? null,
    region: filter.region ?? null,
    status: filter.status ?? null,
    page: filter.page ?? 1,
    pageSize: filter.pageSize ?? 50,
  };
}

export const catalogKeys = {
  all: ['catalog'] as const,
  items: ['catalog', 'items'] as const,
  itemSearch: (filter: ServiceItemFilter) =>
    ['catalog', 'items', 'search', normaliseItemFilter(filter)] as const,
  item: (code: string) => ['catalog', 'items', 'detail', code] as const,
  lists: ['catalog', 'lists'] as const,
  listPage: (filter: ImplementationListFilter) =>
    ['catalog', 'lists', 'page', normaliseListFilter(filter)] as const,
  list: (id: string) => ['catalog', 'lists', 'detail', id] as const,
  listVersions: (id: string) => ['catalog', 'lists', 'versions', id] as const,
  bundles: ['catalog', 'bundles'] as const,
  bundleList: () => ['catalog', 'bundles', 'list'] as const,
  bundle: (code: string) => ['catalog', 'bundles', 'detail', code] as const,
  resolvedBundle: (code: string, region: string) =>
    ['catalog', 'bundles', 'resolve', code, region] as const,
  sixMosts: (query: Partial<SixMostsQuery>) =>
    ['catalog', 'sixMosts', query.groupBy ?? 'organisation', query.region ?? null] as const,
  /** the certificate catalogue is another module's; its key does not start with 'catalog' */
  certificateTypes: () => ['certificates', 'types'] as const,
};

/** 事项搜索: published items (or, for staff with `includeUnpublished`, all), ranked by relevance. */
export function serviceItemSearchQuery(filter: ServiceItemFilter) {
  const key = catalogKeys.itemSearch(filter);
  return queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<ServiceItemSearchResult>(`${base}/items`, {
        query: { ...key[3], includeUnpublished: key[3].includeUnpublished || undefined },
        signal,
      }),
    staleTime: guideStaleTime,
  });
}

/** An item with its implementation lists that have a published version (办事指南). */
export function serviceItemQuery(code: string) {
  return queryOptions({
    queryKey: catalogKeys.item(code),
    queryFn: ({ signal, client }) =>
      apiGet<ServiceItemDetail>(`${base}/items/${enc(code)}`, { signal, silent: true }).then(
        (detail) => {
          // Each list is also the answer to GET /lists/:id.
          for (const list of detail.lists) client.setQueryData(catalogKeys.list(list.id), list);
          return detail;
        },
      ),
    staleTime: guideStaleTime,
  });
}

export function implementationListQuery(id: string) {
  return queryOptions({
    queryKey: catalogKeys.list(id),
    queryFn: ({ signal }) =>
      apiGet<ImplementationList>(`${base}/lists/${enc(id)}`, { signal, silent: true }),
    staleTime: guideStaleTime,
  });
}

/**
 * One list version by id: what a filed application is bound to (versions never change once they
 * leave draft, so it is cached for good).
 */
export function listVersionQuery(id: string) {
  return queryOptions({
    queryKey: [...catalogKeys.all, 'version', id] as const,
    queryFn: ({ signal }) =>
      apiGet<ImplementationListVersion>(`${base}/versions/${enc(id)}`, { signal, silent: true }),
    staleTime: Infinity,
  });
}

/** Staff: lists within the actor's jurisdiction, with their pending versions. */
export function implementationListPageQuery(filter: ImplementationListFilter) {
  const key = catalogKeys.listPage(filter);
  return queryOptions({
    queryKey: key,
    queryFn: ({ signal }) =>
      apiGet<ImplementationListPage>(`${base}/lists`, { query: { ...key[3] }, signal }),
  });
}

/** Staff: every version of a list, newest first as the server orders them. */
export function listVersionsQuery(id: string) {
  return queryOptions({
    queryKey: catalogKeys.listVersions(id),
    queryFn: ({ signal }) =>
      apiGet<ListVersionHistory>(`${base}/lists/${enc(id)}/versions`, { signal }),
  });
}

/** 一件事: every bundle. */
export function bundlesQuery() {
  return queryOptions({
    queryKey: catalogKeys.bundleList(),
    queryFn: async ({ signal, client }) => {
      const list = await apiGet<BundleList>(`${base}/bundles`, { signal });
      // Each listed bundle is also the answer to GET /bundles/:code.
      for (const bundle of list.items) client.setQueryData(catalogKeys.bundle(bundle.code), bundle);
      return list;
    },
    staleTime: guideStaleTime,
  });
}

/** One bundle; a 404 is shown in place. */
export function bundleQuery(code: string) {
  return queryOptions({
    queryKey: catalogKeys.bundle(code),
    queryFn: ({ signal }) =>
      apiGet<Bundle>(`${base}/bundles/${enc(code)}`, { signal, silent: true }),
    staleTime: guideStaleTime,
  });
}

/**
 * A bundle resolved in a region. A 404 or 422 means some member has no list there; the page says
 * so in place, hence silent.
 */
export function resolvedBundleQuery(code: string, region: string) {
  return queryOptions({
    queryKey: catalogKeys.resolvedBundle(code, region),
    queryFn: ({ signal }) =>
      apiGet<ResolvedBundle>(`${base}/bundles/${enc(code)}/resolve`, {
        query: { region },
        signal,
        silent: true,
      }),
    staleTime: guideStaleTime,
  });
}

/** 六个最: the metrics of published lists, grouped. */
export function sixMostsQuery(query: Partial<SixMostsQuery> = {}) {
  return queryOptions({
    queryKey: catalogKeys.sixMosts(query),
    queryFn: ({ signal }) =>
      apiGet<SixMostsReport>(`${base}/six-mosts`, {
        query: { groupBy: query.groupBy, region: query.region },
        signal,
      }),
    staleTime: guideStaleTime,
  });
}

/**
 * 证照目录: certificate types, to name the certificate a material or a result refers to. Silent:
 * where a name cannot be had the code stands in, which is no reason to alarm a visitor.
 */
export function certificateTypesQuery() {
  return queryOptions({
    queryKey: catalogKeys.certificateTypes(),
    queryFn: ({ signal }) =>
      apiGet<CertificateTypeList>('/api/v1/certificates/types', { signal, silent: true }),
    staleTime: certificateTypesStaleTime,
  });
}
