import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import { App, Button, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { LinkButton } from '../portal/catalog/LinkButton';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { escalatedTasksQuery, workbenchKeys } from './api';
import { applicationPath, dateTimeText } from './labels';
import { TaskListCard, useTaskColumns } from './TaskListCard';
import { TransferModal } from './TransferModal';

/**
 * 督办: for the head of a department, its steps that ran past their time limit and were
 * escalated, soonest due first; who holds each, the case to look into, and 转办 to hand a step
 * to another officer (whoever holds it now).
 */
export function EscalatedTasks({ accountId }: { accountId: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...escalatedTasksQuery(page), placeholderData: keepPreviousData });
  const common = useTaskColumns(accountId);
  // 督办 → 转办: the head hands an escalated step to another officer
  const [transferring, setTransferring] = useState<WorkflowTask>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

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
        <Space>
          <LinkButton size="small" to={applicationPath(task.businessKey)}>
            {t('workbench.tasks.open')}
          </LinkButton>
          {task.status === 'open' && (
            <Button size="small" onClick={() => setTransferring(task)}>
              {t('workbench.transfer.action')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <TaskListCard
        title={t('workbench.escalated.title')}
        emptyText={t('workbench.escalated.none')}
        query={query}
        columns={columns}
        page={page}
        onPage={setPage}
      />
      {transferring && (
        <TransferModal
          open
          task={transferring}
          onClose={() => setTransferring(undefined)}
          onDone={(moved) => {
            setTransferring(undefined);
            void message.success(
              t('workbench.transfer.done', {
                step: moved.name,
                name: moved.assigneeName ?? t('workbench.holder.colleague'),
              }),
            );
            void queryClient.invalidateQueries({ queryKey: workbenchKeys.all });
          }}
        />
      )}
    </>
  );
}
