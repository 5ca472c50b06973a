import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ITEM_TYPE_VALUES,
  SECTOR_VALUES,
  type ItemType,
  type Sector,
  type ServiceItem,
} from '@zhengtong/contracts';
import { Button, Card, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  catalogKeys,
  serviceItemSearchQuery,
  type ServiceItemFilter,
} from '../../shared/api/catalog';
import { organisationQuery } from '../../shared/api/directory';
import { FilterBar, SearchFilter, SelectFilter } from '../../shared/components/FilterBar';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { useProvinceCode } from './CatalogFields';
import { ItemModal } from './ItemModal';
import { applicantKindKey, itemTypeName, levelKey, sectorName } from './labels';
import { catalogCapabilities } from './permissions';

const pageSize = 20;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

function readFilter(params: URLSearchParams): ServiceItemFilter {
  return {
    q: params.get('q') ?? undefined,
    itemType: oneOf<ItemType>(ITEM_TYPE_VALUES, params.get('type')),
    sector: oneOf<Sector>(SECTOR_VALUES, params.get('sector')),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize,
  };
}

function writeFilter(filter: ServiceItemFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.q) params.q = filter.q;
  if (filter.itemType) params.type = filter.itemType;
  if (filter.sector) params.sector = filter.sector;
  if (filter.page && filter.page > 1) params.page = String(filter.page);
  return params;
}

/** 基本目录: the province's standard items, with or without published lists. */
export function CatalogItemsPage() {
  const { t, locale } = useLocale();
  const [filter, replaceFilter] = useUrlFilter(readFilter, writeFilter);
  // A new filter starts again at the first page.
  const setFilter = (next: ServiceItemFilter) => replaceFilter({ ...next, page: 1 });
  const { me } = useSession();
  const can = catalogCapabilities(me);
  // 主管部门 are the province's departments: a department admin elsewhere has no item to add
  const province = useProvinceCode();
  const ownOrganisation = useQuery({
    ...organisationQuery(can.organisationId ?? ''),
    enabled: !can.provinceAdmin && can.departmentAdmin && can.organisationId !== null,
  });
  const mayCreate =
    can.provinceAdmin ||
    (can.createItem && !!province && ownOrganisation.data?.regionCode === province);
  const queryClient = useQueryClient();
  const query = useQuery({
    ...serviceItemSearchQuery({ ...filter, includeUnpublished: true }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<ServiceItem | 'new'>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: catalogKeys.all });

  const columns: TableColumnsType<ServiceItem> = [
    {
      title: t('catalogAdmin.item.name'),
      dataIndex: 'name',
      render: (name: string, item) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{item.code}</span>
        </>
      ),
    },
    {
      title: t('catalogAdmin.item.type'),
      dataIndex: 'itemType',
      render: (type: ItemType) => <Tag color="geekblue">{itemTypeName(type, locale)}</Tag>,
    },
    {
      title: t('catalogAdmin.item.sector'),
      dataIndex: 'sector',
      render: (sector: Sector) => sectorName(sector, locale),
    },
    {
      title: t('catalogAdmin.item.competentOrganisation'),
      dataIndex: 'competentOrganisationName',
    },
    {
      title: t('catalogAdmin.item.levels'),
      dataIndex: 'levels',
      render: (levels: ServiceItem['levels']) =>
        levels.map((level) => t(levelKey[level])).join(t('catalogAdmin.listSeparator')),
    },
    {
      title: t('catalogAdmin.item.applicantKinds'),
      dataIndex: 'applicantKinds',
      render: (kinds: ServiceItem['applicantKinds']) => (
        <Space size={[4, 4]} wrap>
          {kinds.map((kind) => (
            <Tag key={kind}>{t(applicantKindKey[kind])}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('catalogAdmin.item.publishedLists'),
      dataIndex: 'publishedListCount',
      align: 'right',
      render: (count: number) =>
        count > 0 ? count : <Tag>{t('catalogAdmin.item.unpublished')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, item) =>
        can.editItem(item) && (
          <Button size="small" onClick={() => setEditing(item)}>
            {t('catalogAdmin.edit')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('catalogAdmin.items.title')}
        description={t('catalogAdmin.items.description')}
        extra={
          mayCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setEditing('new')}
            >
              {t('catalogAdmin.items.create')}
            </Button>
          )
        }
      />
      <Card className="zt-card">
        <FilterBar>
          <SearchFilter
            id="zt-items-q"
            label={t('catalogAdmin.search')}
            placeholder={t('catalogAdmin.items.searchPlaceholder')}
            value={filter.q}
            onSearch={(q) => setFilter({ ...filter, q })}
          />
          <SelectFilter<ItemType>
            id="zt-items-type"
            label={t('catalogAdmin.item.type')}
            className="zt-filter-kind"
            placeholder={t('catalogAdmin.allTypes')}
            value={filter.itemType}
            onChange={(itemType) => setFilter({ ...filter, itemType })}
            options={ITEM_TYPE_VALUES.map((type) => ({
              value: type,
              label: itemTypeName(type, locale),
            }))}
          />
          <SelectFilter<Sector>
            id="zt-items-sector"
            label={t('catalogAdmin.item.sector')}
            className="zt-filter-region"
            placeholder={t('catalogAdmin.allSectors')}
            searchable
            value={filter.sector}
            onChange={(sector) => setFilter({ ...filter, sector })}
            options={SECTOR_VALUES.map((sector) => ({
              value: sector,
              label: sectorName(sector, locale),
            }))}
          />
        </FilterBar>
        <QueryTable<ServiceItem>
          query={query}
          rowKey="code"
          columns={columns}
          caption={t('catalogAdmin.items.title')}
          emptyText={t('catalogAdmin.items.none')}
          paging={{
            current: filter.page,
            pageSize,
            onChange: (page) => replaceFilter({ ...filter, page }),
          }}
        />
      </Card>
      <ItemModal
        item={editing}
        defaultOrganisationId={can.provinceAdmin ? undefined : (can.organisationId ?? undefined)}
        onClose={() => setEditing(undefined)}
        onSaved={refresh}
      />
    </>
  );
}
