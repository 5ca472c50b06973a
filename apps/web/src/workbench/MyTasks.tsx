import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import { Space, type TableColumnsType } from 'antd';
import { LinkButton } from '../portal/catalog/LinkButton';
import { useUrlFilter } from '../shared/components/useUrlFilter';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { myTasksQuery } from './api';
import { ClaimButton } from './ClaimButton';
import { applicationPath, dateTimeText } from './labels';
import { TaskListCard, useTaskColumns } from './TaskListCard';

function readPage(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page >= 1 && page <= 10000 ? page : 1;
}

function writePage(page: number): Record<string, string> {
  return page > 1 ? { page: String(page) } : {};
}

/**
 * 我的待办: the open tasks of the officer's organisation for their roles, soonest due first, with
 * their 预警 (yellow, red, 督办) and who holds each; 认领 / 释放 in the row.
 */
export function MyTasks({ accountId }: { accountId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [page, setPage] = useUrlFilter(readPage, writePage);
  const query = useQuery({ ...myTasksQuery(page), placeholderData: keepPreviousData });
  const common = useTaskColumns(accountId);

  const columns: TableColumnsType<WorkflowTask> = [
    common.step,
    common.application,
    {
      key: 'createdAt',
      title: t('workbench.tasks.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dateTimeText(at, formatDate, t),
    },
    common.dueDate,
    common.holder,
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_value, task) => (
        <Space size={4} wrap>
          <LinkButton size="small" type="primary" to={applicationPath(task.businessKey)}>
            {t('workbench.tasks.handle')}
          </LinkButton>
          <ClaimButton size="small" task={task} accountId={accountId} />
        </Space>
      ),
    },
  ];

  return (
    <TaskListCard
      title={t('workbench.tasks.title')}
      emptyText={t('workbench.tasks.none')}
      query={query}
      columns={columns}
      page={page}
      onPage={setPage}
    />
  );
}
