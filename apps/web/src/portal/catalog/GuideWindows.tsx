import { useQueries, useQuery } from '@tanstack/react-query';
import type { Organisation, ServiceWindow } from '@zhengtong/contracts';
import { Table, Typography, type TableColumnsType } from 'antd';
import { organisationsQuery, serviceWindowsQuery } from '../../shared/api/directory';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';

interface GuideWindowsProps {
  /** the implementing region: its service halls hold the windows */
  regionCode: string;
  windowIds: readonly string[];
}

interface HallWindow {
  hall: Organisation;
  window: ServiceWindow;
}

/**
 * 服务窗口: the list names windows by id; the directory knows them by service hall. So: the
 * halls of the list's region, their windows, and the ones the list names.
 */
export function GuideWindows({ regionCode, windowIds }: GuideWindowsProps) {
  const t = useT();
  const wanted = new Set(windowIds);
  const halls = useQuery({
    ...organisationsQuery({ region: regionCode, kind: 'serviceHall' }),
    enabled: windowIds.length > 0,
  });
  const hallList = halls.data?.items ?? [];
  const windowQueries = useQueries({
    queries: hallList.map((hall) => serviceWindowsQuery(hall.id)),
  });

  if (windowIds.length === 0) {
    return <Typography.Paragraph>{t('catalog.window.none')}</Typography.Paragraph>;
  }
  if (halls.isError) {
    return <ApiErrorAlert error={halls.error} onRetry={() => void halls.refetch()} />;
  }
  if (halls.isPending || windowQueries.some((query) => query.isPending)) {
    return <LoadingBlock label={t('catalog.window.loading')} />;
  }

  const found: HallWindow[] = hallList.flatMap((hall, index) =>
    (windowQueries[index]?.data?.items ?? [])
      .filter((window) => wanted.has(window.id))
      .map((window) => ({ hall, window })),
  );
  found.sort(
    (a, b) =>
      a.hall.name.localeCompare(b.hall.name, 'zh-CN') ||
      a.window.code.localeCompare(b.window.code, 'zh-CN', { numeric: true }),
  );
  const unlisted = wanted.size - found.length;

  const columns: TableColumnsType<HallWindow> = [
    { key: 'hall', title: t('catalog.window.hall'), render: (_value, row) => row.hall.name },
    {
      key: 'code',
      title: t('catalog.window.code'),
      render: (_value, row) => <span className="zt-code">{row.window.code}</span>,
    },
    { key: 'name', title: t('catalog.window.name'), render: (_value, row) => row.window.name },
  ];

  return (
    <>
      {found.length > 0 ? (
        <Table<HallWindow>
          rowKey={(row) => row.window.id}
          size="small"
          columns={columns}
          dataSource={found}
          pagination={false}
          caption={<span className="zt-visually-hidden">{t('catalog.guide.windows')}</span>}
          scroll={{ x: 'max-content' }}
        />
      ) : (
        <Typography.Paragraph>{t('catalog.window.none')}</Typography.Paragraph>
      )}
      {found.length > 0 && unlisted > 0 && (
        <Typography.Paragraph type="secondary" className="zt-guide-after-table">
          {t('catalog.window.unlisted', { count: unlisted })}
        </Typography.Paragraph>
      )}
    </>
  );
}
