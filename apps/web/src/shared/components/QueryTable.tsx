import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useT } from '../i18n/LocaleProvider';
import { ApiErrorAlert } from './ApiErrorAlert';
import { LoadingBlock } from './LoadingBlock';

interface QueryTableProps<Row> {
  /** a list query: its failure with a retry, a placeholder while it loads, then its rows */
  query: UseQueryResult<{ items: Row[]; total?: number }>;
  rowKey: TableProps<Row>['rowKey'];
  columns: TableColumnsType<Row>;
  /** the table's name for assistive technology (a caption that is not shown) */
  caption: string;
  emptyText: string;
  /** one page of a longer list the server pages; without it the table shows all rows */
  paging?: { current: number | undefined; pageSize: number; onChange: (page: number) => void };
}

/** The table of an admin list page, fed by a query. */
export function QueryTable<Row extends object>({
  query,
  rowKey,
  columns,
  caption,
  emptyText,
  paging,
}: QueryTableProps<Row>) {
  const t = useT();
  return (
    <>
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError && <LoadingBlock />}
      {query.data && (
        <Table<Row>
          rowKey={rowKey}
          columns={columns}
          dataSource={query.data.items}
          loading={query.isPlaceholderData}
          locale={{ emptyText }}
          caption={<span className="zt-visually-hidden">{caption}</span>}
          scroll={{ x: 'max-content' }}
          pagination={
            paging
              ? {
                  current: paging.current,
                  pageSize: paging.pageSize,
                  total: query.data.total,
                  showSizeChanger: false,
                  showTotal: (total) => t('common.total', { total }),
                  onChange: paging.onChange,
                }
              : false
          }
        />
      )}
    </>
  );
}
