import { queryOptions } from '@tanstack/react-query';
import type {
  Organisation,
  OrganisationKind,
  OrganisationList,
  Region,
  RegionList,
  ServiceWindowList,
} from '@zhengtong/contracts';
import { apiGet } from './client';

const base = '/api/v1/directory';
// Regions and organisations change rarely; a visit does not need to refetch them.
const directoryStaleTime = 10 * 60 * 1000;

export interface OrganisationFilter {
  region?: string | undefined;
  subtree?: boolean | undefined;
  kind?: OrganisationKind | undefined;
}

export const directoryKeys = {
  all: ['directory'] as const,
  region: (code: string) => ['directory', 'region', code] as const,
  regionChildren: (parent: string | null) => ['directory', 'regionChildren', parent] as const,
  organisations: (filter: OrganisationFilter) =>
    [
      'directory',
      'organisations',
      {
        region: filter.region ?? null,
        subtree: filter.subtree ?? false,
        kind: filter.kind ?? null,
      },
    ] as const,
  organisation: (id: string) => ['directory', 'organisation', id] as const,
  windows: (serviceHallId: string) => ['directory', 'windows', serviceHallId] as const,
};

/** Children of a region; without a parent, the root (the province). */
export function regionChildrenQuery(parent: string | null) {
  return queryOptions({
    queryKey: directoryKeys.regionChildren(parent),
    queryFn: async ({ signal, client }) => {
      const list = await apiGet<RegionList>(`${base}/regions`, {
        query: { parent: parent ?? undefined },
        signal,
      });
      // Each listed region is also the answer to GET /regions/:code; saves a request per name.
      for (const region of list.items)
        client.setQueryData(directoryKeys.region(region.code), region);
      return list;
    },
    staleTime: directoryStaleTime,
  });
}

export function regionQuery(code: string) {
  return queryOptions({
    queryKey: directoryKeys.region(code),
    queryFn: ({ signal }) =>
      apiGet<Region>(`${base}/regions/${encodeURIComponent(code)}`, { signal }),
    staleTime: directoryStaleTime,
  });
}

export function organisationsQuery(filter: OrganisationFilter) {
  return queryOptions({
    queryKey: directoryKeys.organisations(filter),
    queryFn: async ({ signal, client }) => {
      const list = await apiGet<OrganisationList>(`${base}/organisations`, {
        query: {
          region: filter.region,
          subtree: filter.region && filter.subtree ? true : undefined,
          kind: filter.kind,
        },
        signal,
      });
      for (const organisation of list.items) {
        client.setQueryData(directoryKeys.organisation(organisation.id), organisation);
      }
      return list;
    },
    staleTime: directoryStaleTime,
  });
}

export function organisationQuery(id: string) {
  return queryOptions({
    queryKey: directoryKeys.organisation(id),
    queryFn: ({ signal }) =>
      apiGet<Organisation>(`${base}/organisations/${encodeURIComponent(id)}`, { signal }),
    staleTime: directoryStaleTime,
  });
}

/** 窗口: the windows of a service hall. */
export function serviceWindowsQuery(serviceHallId: string) {
  return queryOptions({
    queryKey: directoryKeys.windows(serviceHallId),
    queryFn: ({ signal }) =>
      apiGet<ServiceWindowList>(
        `${base}/organisations/${encodeURIComponent(serviceHallId)}/windows`,
        { signal },
      ),
    staleTime: directoryStaleTime,
  });
}
