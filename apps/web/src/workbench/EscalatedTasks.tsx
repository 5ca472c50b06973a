import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { LinkButton } from '../portal/catalog/LinkButton';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { escalatedTasksQuery } from './api';
import { applicationPath, dateTimeText } from './labels';
import { TaskListCard, useTaskColumns } from './TaskListCard';

/**
 * 督办: for the head of a department, its steps that ran past their time limit and were
 * escalated, soonest due first; who holds each, and the case to look into.
 */
export function EscalatedTasks({ accountId }: { accountId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...escalatedTasksQuery(page), placeholderData: keepPreviousData });
  const common = useTaskColumns(accountId);

  const columns: TableColumnsType<WorkflowTask> = [
    common.step,
    common.application,
    common.dueDate,
    {
      key: 'escalatedAt',
      title: t('workbench.escalated.at'),
      render: (_value, task) =>
        task.escalatedAt ? dateTimeText(task.escalatedAt, formatDate, t) : '—',
    },
    common.holder,
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
    <TaskListCard
      title={t('workbench.escalated.title')}
      emptyText={t('workbench.escalated.none')}
      query={query}
      columns={columns}
      page={page}
      onPage={setPage}
    />
  );
}
