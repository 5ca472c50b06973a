import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImplementationList, ListVersionStatus } from '@zhengtong/contracts';
import { App, Button, Card, Form, Modal, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  catalogKeys,
  implementationListPageQuery,
  type ImplementationListFilter,
} from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { FilterBar, SelectFilter } from '../../shared/components/FilterBar';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { downloadListsWorkbook } from './api';
import { DepartmentSelect, ItemCodeSelect, ListStatusTags, RegionField } from './CatalogFields';
import { CreateListModal } from './CreateListModal';
import { ImportListsModal } from './ImportListsModal';
import { listStatuses, optionsOf, statusKey } from './labels';
import { ListActions } from './ListActions';
import { catalogCapabilities } from './permissions';
import { ProblemsAlert } from './ProblemsAlert';

const pageSize = 50;

function readFilter(params: URLSearchParams): ImplementationListFilter {
  const status = params.get('status');
  return {
    itemCode: params.get('item') ?? undefined,
    organisation: params.get('organisation') ?? undefined,
    region: params.get('region') ?? undefined,
    status: listStatuses.find((candidate) => candidate === status),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize,
  };
}

function writeFilter(filter: ImplementationListFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.itemCode) params.item = filter.itemCode;
  if (filter.organisation) params.organisation = filter.organisation;
  if (filter.region) params.region = filter.region;
  if (filter.status) params.status = filter.status;
  if (filter.page && filter.page > 1) params.page = String(filter.page);
  return params;
}

/** 实施清单: the lists in the administrator's jurisdiction and their review workflow. */
export function ImplementationListsPage() {
  const t = useT();
  const { message } = App.useApp();
  const [filter, replaceFilter] = useUrlFilter(readFilter, writeFilter);
  // A new filter starts again at the first page.
  const setFilter = (next: ImplementationListFilter) => replaceFilter({ ...next, page: 1 });
  const { me } = useSession();
  const can = catalogCapabilities(me);
  const queryClient = useQueryClient();
  const query = useQuery({
    ...implementationListPageQuery(filter),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<unknown>();

  const exportMutation = useMutation({
    mutationFn: () =>
      downloadListsWorkbook(
        { organisation: filter.organisation, region: filter.region },
        t('catalogAdmin.lists.exportFileName'),
      ),
    onSuccess: () => void message.success(t('catalogAdmin.lists.exported')),
  });

  const columns: TableColumnsType<ImplementationList> = [
    {
      title: t('catalogAdmin.lists.item'),
      dataIndex: 'itemName',
      render: (name: string, list) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{list.code}</span>
        </>
      ),
    },
    { title: t('catalogAdmin.lists.organisation'), dataIndex: 'organisationName' },
    {
      title: t('catalogAdmin.lists.region'),
      dataIndex: 'regionName',
      render: (name: string, list) => <span title={list.regionCode}>{name}</span>,
    },
    {
      title: t('catalogAdmin.lists.status'),
      key: 'status',
      render: (_value, list) => <ListStatusTags list={list} />,
    },
    {
      title: t('catalogAdmin.lists.promisedLimit'),
      key: 'limit',
      align: 'right',
      render: (_value, list) => {
        const version = list.published ?? list.pending;
        return version
          ? t('catalogAdmin.lists.limitDays', {
              promised: version.elements.promisedLimitDays,
              statutory: version.elements.statutoryLimitDays,
            })
          : '—';
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, list) => (
        <ListActions list={list} showOpen onProblems={(error) => setProblems(error)} />
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('catalogAdmin.lists.title')}
        description={t('catalogAdmin.lists.description')}
        extra={
          can.createList && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setCreating(true)}
            >
              {t('catalogAdmin.lists.create')}
            </Button>
          )
        }
      />
      <Card className="zt-card">
        <FilterBar>
          <Form.Item label={t('catalogAdmin.lists.item')} htmlFor="zt-lists-item">
            <ItemCodeSelect
              id="zt-lists-item"
              className="zt-filter-region"
              value={filter.itemCode}
              placeholder={t('catalogAdmin.allItems')}
              onChange={(itemCode) => setFilter({ ...filter, itemCode })}
            />
          </Form.Item>
          <Form.Item label={t('catalogAdmin.lists.organisation')} htmlFor="zt-lists-org">
            <DepartmentSelect
              id="zt-lists-org"
              className="zt-filter-region"
              value={filter.organisation}
              placeholder={t('catalogAdmin.allOrganisations')}
              onChange={(organisation) => setFilter({ ...filter, organisation })}
            />
          </Form.Item>
          <Form.Item label={t('catalogAdmin.lists.region')} htmlFor="zt-lists-region">
            <RegionField
              id="zt-lists-region"
              className="zt-filter-region"
              value={filter.region}
              placeholder={t('catalogAdmin.allRegions')}
              onChange={(region) => setFilter({ ...filter, region })}
            />
          </Form.Item>
          <SelectFilter<ListVersionStatus>
            id="zt-lists-status"
            label={t('catalogAdmin.lists.status')}
            className="zt-filter-kind"
            placeholder={t('catalogAdmin.allStatuses')}
            value={filter.status}
            onChange={(status) => setFilter({ ...filter, status })}
            options={optionsOf(listStatuses, statusKey, t)}
          />
        </FilterBar>
        <div className="zt-toolbar">
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={exportMutation.isPending}
            onClick={() => exportMutation.mutate()}
          >
            {t('catalogAdmin.lists.export')}
          </Button>
          {can.createList && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              {t('catalogAdmin.lists.import')}
            </Button>
          )}
        </div>
        {exportMutation.isError && (
          <div className="zt-note">
            <ApiErrorAlert error={exportMutation.error} />
          </div>
        )}
        <QueryTable<ImplementationList>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('catalogAdmin.lists.title')}
          emptyText={t('catalogAdmin.lists.none')}
          paging={{
            current: filter.page,
            pageSize,
            onChange: (page) => replaceFilter({ ...filter, page }),
          }}
        />
      </Card>
      <Modal
        open={problems !== undefined}
        title={t('catalogAdmin.problems.modalTitle')}
        footer={
          <Button type="primary" onClick={() => setProblems(undefined)}>
            {t('common.close')}
          </Button>
        }
        onCancel={() => setProblems(undefined)}
        width={720}
      >
        {problems !== undefined && <ProblemsAlert error={problems} />}
        <p className="zt-muted">{t('catalogAdmin.problems.openEditor')}</p>
      </Modal>
      <CreateListModal
        open={creating}
        organisationId={can.provinceAdmin ? undefined : (can.organisationId ?? undefined)}
        onClose={() => setCreating(false)}
      />
      <ImportListsModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void queryClient.invalidateQueries({ queryKey: catalogKeys.all })}
      />
    </>
  );
}
