import type { Organisation } from '@zhengtong/contracts';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../i18n/LocaleProvider';
import { OrganisationKindTag } from './OrganisationKindTag';
import { RegionName } from './RegionName';

interface OrganisationTableProps {
  organisations: readonly Organisation[];
  onOpen: (id: string) => void;
  caption: string;
  showRegion?: boolean;
  loading?: boolean;
  pageSize?: number;
}

/** Organisations in a table; a row (or its name, for keyboard users) opens the detail drawer. */
export function OrganisationTable({
  organisations,
  onOpen,
  caption,
  showRegion = true,
  loading = false,
  pageSize = 20,
}: OrganisationTableProps) {
  const t = useT();
  const columns: TableColumnsType<Organisation> = [
    {
      key: 'name',
      title: t('organisation.name'),
      dataIndex: 'name',
      render: (_, organisation) => (
        <div>
          <Button
            type="link"
            className="zt-link-button"
            onClick={(event) => {
              event.stopPropagation();
              onOpen(organisation.id);
            }}
          >
            {organisation.name}
          </Button>
          {organisation.shortName && organisation.shortName !== organisation.name && (
            <Typography.Text type="secondary" className="zt-subline">
              {organisation.shortName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('organisation.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (_, organisation) => <OrganisationKindTag kind={organisation.kind} />,
    },
  ];
  if (showRegion) {
    columns.push({
      key: 'region',
      title: t('organisation.region'),
      dataIndex: 'regionCode',
      width: 160,
      render: (_, organisation) => <RegionName code={organisation.regionCode} />,
    });
  }
  columns.push({
    key: 'creditCode',
    title: t('organisation.creditCode'),
    dataIndex: 'creditCode',
    width: 220,
    render: (_, organisation) =>
      organisation.creditCode ? <span className="zt-code">{organisation.creditCode}</span> : '—',
  });

  return (
    <Table<Organisation>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={organisations}
      loading={loading}
      caption={<span className="zt-visually-hidden">{caption}</span>}
      onRow={(organisation) => ({
        onClick: () => onOpen(organisation.id),
        className: 'zt-clickable-row',
      })}
      pagination={
        organisations.length > pageSize
          ? {
              pageSize,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { total }),
            }
          : false
      }
      locale={{ emptyText: t('organisation.none') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
