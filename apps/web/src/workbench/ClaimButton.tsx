import { useMutation } from '@tanstack/react-query';
import type { WorkflowTask } from '@zhengtong/contracts';
import { App, Button } from 'antd';
import { useT } from '../shared/i18n/LocaleProvider';
import { claimTask, releaseTask, useTaskChanged } from './api';
import { holderOf } from './labels';

/**
 * 认领 a task nobody holds, or 释放 one the officer holds; nothing for a task a colleague holds.
 * A failure (a colleague took it meanwhile: 409) is announced, and the lists are fetched again.
 */
export function ClaimButton({
  task,
  accountId,
  size,
}: {
  task: Pick<WorkflowTask, 'id' | 'name' | 'assignee'>;
  accountId: string | undefined;
  size?: 'small' | 'middle';
}) {
  const t = useT();
  const { message } = App.useApp();
  const changed = useTaskChanged();
  const holder = holderOf(task, accountId);
  const mutation = useMutation({
    mutationFn: () => (holder === 'me' ? releaseTask(task.id) : claimTask(task.id)),
    onSuccess: () =>
      void message.success(
        t(holder === 'me' ? 'workbench.release.done' : 'workbench.claim.done', {
          step: task.name,
        }),
      ),
    onSettled: () => void changed(),
  });
  if (holder === 'other') return null;
  return (
    <Button size={size} loading={mutation.isPending} onClick={() => mutation.mutate()}>
      {t(holder === 'me' ? 'workbench.release.action' : 'workbench.claim.action')}
    </Button>
  );
}
