import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import { Button, Card, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { LinkButton } from '../portal/catalog/LinkButton';
import { QueryTable } from '../shared/components/QueryTable';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { escalatedTasksQuery, TASK_PAGE_SIZE } from './api';
import { ApplicationCell } from './MyTasks';
import { applicationPath, dateTimeText } from './labels';
import { TaskDeadlineCell, TaskElement, TaskHolder } from './WorkbenchParts';

/**
 * 督办: for the head of a department, its steps that ran past their time limit and were
 * escalated, soonest due first; who holds each, and the case to look into.
 */
export function EscalatedTasks({ accountId }: { accountId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...escalatedTasksQuery(page), placeholderData: keepPreviousData });

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
      key: 'dueDate',
      title: t('workbench.tasks.dueDate'),
      render: (_value, task) => <TaskDeadlineCell task={task} />,
    },
    {
      key: 'escalatedAt',
      title: t('workbench.escalated.at'),
      render: (_value, task) =>
        task.escalatedAt ? dateTimeText(task.escalatedAt, formatDate, t) : '—',
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
        <LinkButton size="small" to={applicationPath(task.businessKey)}>
          {t('workbench.tasks.open')}
        </LinkButton>
      ),
    },
  ];

  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.escalated.title')}</h2>}
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
        caption={t('workbench.escalated.title')}
        emptyText={t('workbench.escalated.none')}
        paging={{ current: page, pageSize: TASK_PAGE_SIZE, onChange: setPage }}
      />
    </Card>
  );
}
