import { useQuery } from '@tanstack/react-query';
import type { ServiceWindow } from '@zhengtong/contracts';
import { Badge, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { serviceWindowsQuery } from '../api/directory';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { useT } from '../i18n/LocaleProvider';
import { windowKindKey } from './labels';
import { OrganisationName } from './OrganisationName';

interface ServiceWindowListProps {
  serviceHallId: string;
  /** citizens only need the windows that are open */
  activeOnly?: boolean;
  caption?: string;
}

/** 窗口: the windows of one service hall, with the department that staffs each. */
export function ServiceWindowList({
  serviceHallId,
  activeOnly = false,
  caption,
}: ServiceWindowListProps) {
  const t = useT();
  const query = useQuery(serviceWindowsQuery(serviceHallId));

  if (query.isPending) return <LoadingBlock label={t('window.loading')} />;
  if (query.isError)
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const windows = query.data.items
    .filter((window) => !activeOnly || window.active)
    .sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
  if (windows.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('window.none')} />;
  }

  const columns: TableColumnsType<ServiceWindow> = [
    { key: 'code', title: t('window.code'), dataIndex: 'code', width: 90 },
    { key: 'name', title: t('window.name'), dataIndex: 'name' },
    {
      key: 'kind',
      title: t('window.kind'),
      dataIndex: 'kind',
      render: (_, window) => (
        <Tag color={window.kind === 'comprehensive' ? 'cyan' : 'default'}>
          {t(windowKindKey[window.kind])}
        </Tag>
      ),
    },
    {
      key: 'organisation',
      title: t('window.staffedBy'),
      dataIndex: 'organisationId',
      render: (_, window) =>
        window.organisationId ? <OrganisationName id={window.organisationId} /> : '—',
    },
  ];
  if (!activeOnly) {
    columns.push({
      key: 'active',
      title: t('window.status'),
      dataIndex: 'active',
      render: (_, window) => (
        <Badge
          status={window.active ? 'success' : 'default'}
          text={window.active ? t('window.active') : t('window.inactive')}
        />
      ),
    });
  }

  return (
    <Table<ServiceWindow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={windows}
      pagination={false}
      caption={caption ? <span className="zt-visually-hidden">{caption}</span> : undefined}
      scroll={{ x: 'max-content' }}
    />
  );
}
