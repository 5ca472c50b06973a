import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Organisation, OrganisationKind } from '@zhengtong/contracts';
import { Card } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { organisationsQuery } from '../shared/api/directory';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { organisationKinds } from '../shared/directory/labels';
import { OrganisationDrawer } from '../shared/directory/OrganisationDrawer';
import { OrganisationTable } from '../shared/directory/OrganisationTable';
import { useT } from '../shared/i18n/LocaleProvider';
import { OrganisationFilters, type OrganisationFilterValues } from './OrganisationFilters';

function isOrganisationKind(value: string | null): value is OrganisationKind {
  return organisationKinds.some((kind) => kind === value);
}

function readFilters(params: URLSearchParams): OrganisationFilterValues {
  const kind = params.get('kind');
  return {
    region: params.get('region') ?? undefined,
    subtree: params.get('subtree') !== 'false',
    kind: isOrganisationKind(kind) ? kind : undefined,
    text: params.get('q') ?? '',
  };
}

function writeFilters(filters: OrganisationFilterValues): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.region) params.region = filters.region;
  if (!filters.subtree) params.subtree = 'false';
  if (filters.kind) params.kind = filters.kind;
  if (filters.text) params.q = filters.text;
  return params;
}

function matchesText(organisation: Organisation, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [organisation.name, organisation.shortName, organisation.creditCode].some((field) =>
    field?.toLowerCase().includes(needle),
  );
}

/** 机构: every organisation, filtered by region and kind; a row opens it with its windows. */
export function OrganisationsPage() {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const [openOrganisation, setOpenOrganisation] = useState<string>();
  const query = useQuery({
    ...organisationsQuery({ region: filters.region, subtree: filters.subtree, kind: filters.kind }),
    placeholderData: keepPreviousData,
  });

  const visible = useMemo(
    () =>
      (query.data?.items ?? []).filter((organisation) => matchesText(organisation, filters.text)),
    [query.data, filters.text],
  );

  return (
    <>
      <PageHeading
        title={t('admin.organisations.title')}
        description={t('admin.organisations.description')}
      />
      <Card className="zt-card">
        <OrganisationFilters
          value={filters}
          onChange={(next) => setSearchParams(writeFilters(next), { replace: true })}
        />
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {query.isPending && !query.isError && <LoadingBlock />}
        {query.data && (
          <OrganisationTable
            organisations={visible}
            onOpen={setOpenOrganisation}
            caption={t('admin.organisations.title')}
            loading={query.isPlaceholderData}
          />
        )}
      </Card>
      <OrganisationDrawer
        organisationId={openOrganisation}
        onClose={() => setOpenOrganisation(undefined)}
      />
    </>
  );
}
