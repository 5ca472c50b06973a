import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { Application, ImplementationListVersion, WorkflowTask } from '@zhengtong/contracts';
import { Alert, App, Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { isApiError } from '../shared/api/ApiError';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { useT } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';
import { AcceptModal } from './AcceptModal';
import { useSession } from '../shared/identity/session';
import { useApplicationChanged, useTaskChanged, workbenchKeys, workflowTaskQuery } from './api';
import { ClaimButton } from './ClaimButton';
import { CommentModal } from './CommentModal';
import { DecisionModal } from './DecisionModal';
import { holderOf, stepKindOf } from './labels';
import { OpinionModal } from './OpinionModal';
import { RefuseModal } from './RefuseModal';
import { SupplementModal } from './SupplementModal';
import { TransferModal } from './TransferModal';
import { DueDate, TaskDeadlineCell, TaskElement, TaskHolder } from './WorkbenchParts';

type Step = Application['currentSteps'][number];

interface StepRow {
  step: Step;
  /** the step's task when the officer may work on it; undefined while loading or when not */
  task: UseQueryResult<WorkflowTask>;
}

interface CurrentStepsCardProps {
  application: Application;
  version: ImplementationListVersion | null;
}

/** What the card says when no step is waiting, by status. */
const noStepKey: Partial<Record<Application['status'], MessageKey>> = {
  approved: 'workbench.steps.doneApproved',
  denied: 'workbench.steps.doneDenied',
  refused: 'workbench.steps.doneRefused',
  withdrawn: 'workbench.steps.doneWithdrawn',
};

/**
 * 当前步骤: the steps waiting now, and on those the officer may take (their organisation and
 * role: the server marks them `mine`) who holds them, 认领 / 释放 / 转办 / 备注, and the actions
 * of that step (for the officer holding it, or anyone of them while nobody does).
 */
export function CurrentStepsCard({ application, version }: CurrentStepsCardProps) {
  const t = useT();
  const accountId = useSession().me?.accountId;
  // only the steps the server marks as the reader's are fetched: the others are not theirs
  const tasks = useQueries({
    queries: application.currentSteps.map((step) => ({
      ...workflowTaskQuery(step.taskId),
      enabled: step.mine,
    })),
  });
  const rows: StepRow[] = application.currentSteps.map((step, index) => ({
    step,
    task: tasks[index]!,
  }));

  const columns: TableColumnsType<StepRow> = [
    {
      key: 'name',
      title: t('workbench.steps.name'),
      render: (_value, { step, task }) => (
        <>
          <strong>{step.name}</strong>
          {task.data && <TaskElement element={task.data.element} />}
        </>
      ),
    },
    {
      key: 'dueDate',
      title: t('workbench.steps.dueDate'),
      render: (_value, { step, task }) =>
        task.data ? <TaskDeadlineCell task={task.data} /> : <DueDate date={step.dueDate} />,
    },
    {
      key: 'holder',
      title: t('workbench.tasks.holder'),
      render: (_value, { task }) =>
        task.data?.status === 'open' ? <TaskHolder task={task.data} accountId={accountId} /> : null,
    },
    {
      key: 'actions',
      title: t('workbench.steps.actions'),
      render: (_value, { step, task }) => {
        if (!step.mine) return <span className="zt-muted">{t('workbench.steps.notYours')}</span>;
        if (task.isPending) return <span className="zt-muted">…</span>;
        if (task.isError) {
          if (isApiError(task.error) && task.error.status === 404) {
            return <span className="zt-muted">{t('workbench.steps.notYours')}</span>;
          }
          return <ApiErrorAlert error={task.error} onRetry={() => void task.refetch()} />;
        }
        if (task.data.status !== 'open') {
          return <span className="zt-muted">{t('workbench.steps.closed')}</span>;
        }
        return (
          <Space orientation="vertical" size="small">
            {holderOf(task.data, accountId) === 'other' ? (
              <span className="zt-muted">
                {t('workbench.steps.heldByOther', {
                  name: task.data.assigneeName ?? t('workbench.holder.colleague'),
                })}
              </span>
            ) : (
              <StepActions application={application} version={version} task={task.data} />
            )}
            <HandlingActions task={task.data} accountId={accountId} />
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.steps.title')}</h2>}
    >
      {rows.length === 0 ? (
        <Typography.Paragraph className="zt-alert-text">
          {t(noStepKey[application.status] ?? 'workbench.steps.none')}
        </Typography.Paragraph>
      ) : (
        <Table<StepRow>
          rowKey={(row) => row.step.taskId}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          caption={<span className="zt-visually-hidden">{t('workbench.steps.title')}</span>}
        />
      )}
    </Card>
  );
}

type Action = 'accept' | 'refuse' | 'supplement' | 'opinion' | 'decide';

const doneKey: Record<Action, MessageKey> = {
  accept: 'workbench.accept.done',
  refuse: 'workbench.refuse.done',
  supplement: 'workbench.supplement.done',
  opinion: 'workbench.opinion.done',
  decide: 'workbench.decision.done',
};

/** The buttons of one step the officer may take, each opening its form. */
function StepActions({
  application,
  version,
  task,
}: {
  application: Application;
  version: ImplementationListVersion | null;
  task: WorkflowTask;
}) {
  const t = useT();
  const { message } = App.useApp();
  const changed = useApplicationChanged();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Action>();
  const kind = stepKindOf(task.nodeId);

  const modalProps = (action: Action) => ({
    open: open === action,
    application,
    version,
    onClose: () => {
      setOpen(undefined);
      // the modal may have met a step that someone else took meanwhile (404 / 409, shown in
      // the modal): what the page shows is fetched again, to be current once it closes
      void queryClient.invalidateQueries({ queryKey: workbenchKeys.all });
    },
    onDone: (updated: Application) => {
      setOpen(undefined);
      // 退回: the decision sent the case back to review, it is still in process
      const key =
        action === 'decide' && updated.status === 'accepted'
          ? 'workbench.decision.returnedDone'
          : doneKey[action];
      void message.success(t(key, { no: updated.applicationNo }));
      void changed(updated);
    },
  });

  if (kind === 'accept') {
    const awaitingSupplement = application.status === 'supplementRequested';
    return (
      <>
        {awaitingSupplement && (
          <Alert
            className="zt-note"
            type="warning"
            showIcon
            title={t('workbench.steps.awaitingSupplement')}
          />
        )}
        <Space wrap>
          {!awaitingSupplement && (
            <>
              <Button type="primary" onClick={() => setOpen('accept')}>
                {t('workbench.accept.action')}
              </Button>
              <Button onClick={() => setOpen('supplement')}>
                {t('workbench.supplement.action')}
              </Button>
            </>
          )}
          <Button danger onClick={() => setOpen('refuse')}>
            {t('workbench.refuse.action')}
          </Button>
        </Space>
        <AcceptModal {...modalProps('accept')} />
        <SupplementModal {...modalProps('supplement')} />
        <RefuseModal {...modalProps('refuse')} />
      </>
    );
  }
  if (kind === 'decide') {
    return (
      <>
        <Button type="primary" onClick={() => setOpen('decide')}>
          {t('workbench.decision.action')}
        </Button>
        <DecisionModal {...modalProps('decide')} taskId={task.id} />
      </>
    );
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen('opinion')}>
        {t('workbench.opinion.action')}
      </Button>
      <OpinionModal {...modalProps('opinion')} taskId={task.id} stepName={task.name} />
    </>
  );
}

type Handling = 'transfer' | 'comment';

/** 认领 / 释放, 转办 and 备注 on a step the officer may work on. */
function HandlingActions({
  task,
  accountId,
}: {
  task: WorkflowTask;
  accountId: string | undefined;
}) {
  const t = useT();
  const { message } = App.useApp();
  const changed = useTaskChanged();
  const [open, setOpen] = useState<Handling>();
  const holder = holderOf(task, accountId);
  const close = () => {
    setOpen(undefined);
    void changed();
  };
  return (
    <>
      <Space wrap size={4}>
        <ClaimButton size="small" task={task} accountId={accountId} />
        {holder !== 'other' && (
          <Button size="small" onClick={() => setOpen('transfer')}>
            {t('workbench.transfer.action')}
          </Button>
        )}
        <Button size="small" onClick={() => setOpen('comment')}>
          {t('workbench.comment.action')}
        </Button>
      </Space>
      <TransferModal
        open={open === 'transfer'}
        task={task}
        onClose={close}
        onDone={(updated) => {
          void message.success(
            t('workbench.transfer.done', {
              step: updated.name,
              name: updated.assigneeName ?? t('workbench.holder.colleague'),
            }),
          );
          close();
        }}
      />
      <CommentModal
        open={open === 'comment'}
        task={task}
        onClose={close}
        onDone={() => {
          void message.success(t('workbench.comment.done'));
          close();
        }}
      />
    </>
  );
}
