import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import { Button, Card, Space, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { LinkButton } from '../portal/catalog/LinkButton';
import { QueryTable } from '../shared/components/QueryTable';
import { useUrlFilter } from '../shared/components/useUrlFilter';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { myTasksQuery, officerApplicationQuery, TASK_PAGE_SIZE } from './api';
import { ClaimButton } from './ClaimButton';
import { applicationPath, dateTimeText } from './labels';
import { TaskDeadlineCell, TaskElement, TaskHolder } from './WorkbenchParts';

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

  const columns: TableColumnsType<WorkflowTask> = [
    {
      key: 'step',
      title: t('workbench.tasks.step'),
      render: (_value, task) => (
        <>
          <strong>{task.name}</strong>
          <TaskElement element={task.element} />
        </>
      ),
    },
    {
      key: 'application',
      title: t('workbench.tasks.application'),
      render: (_value, task) => <ApplicationCell id={task.businessKey} />,
    },
    {
      key: 'createdAt',
      title: t('workbench.tasks.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dateTimeText(at, formatDate, t),
    },
    {
      key: 'dueDate',
      title: t('workbench.tasks.dueDate'),
      render: (_value, task) => <TaskDeadlineCell task={task} />,
    },
    {
      key: 'holder',
      title: t('workbench.tasks.holder'),
      render: (_value, task) => <TaskHolder task={task} accountId={accountId} />,
    },
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
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.tasks.title')}</h2>}
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={query.isFetching && !query.isPending}
          onClick={() => void query.refetch()}
        >
          {t('workbench.tasks.refresh')}
        </Button>
      }
    >
      <QueryTable<WorkflowTask>
        query={query}
        rowKey="id"
        columns={columns}
        caption={t('workbench.tasks.title')}
        emptyText={t('workbench.tasks.none')}
        paging={{ current: page, pageSize: TASK_PAGE_SIZE, onChange: setPage }}
      />
    </Card>
  );
}

/** The 办件 a task is on: its number and item once loaded, a link in any case. */
export function ApplicationCell({ id }: { id: string }) {
  const t = useT();
  const { data } = useQuery(officerApplicationQuery(id));
  return (
    <>
      <Link to={applicationPath(id)}>
        {data ? <span className="zt-code">{data.applicationNo}</span> : t('workbench.tasks.open')}
      </Link>
      {data && <span className="zt-subline zt-muted">{data.itemName}</span>}
    </>
  );
}
