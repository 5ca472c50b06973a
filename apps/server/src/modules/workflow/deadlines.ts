import type { TaskDeadline } from '@zhengtong/contracts';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';

/** The share of a step's limit after which it warns, when the configuration says nothing. */
export const DEFAULT_WARNING_SHARE = 0.8;

/**
 * Working days after its arrival from which a step with `limitDays` warns: floor(limit × share),
 * never before the day it arrived. A step due the day it arrives (limit 0) warns that day.
 */
export function warningDays(limitDays: number, share: number): number {
  return Math.max(0, Math.min(limitDays, Math.floor(limitDays * share)));
}

interface DeadlineFacts {
  status: 'open' | 'completed' | 'cancelled';
  dueDate: string | null;
  warnDate: string | null;
  completedAt: Date | null;
  updatedAt: Date;
}

/**
 * 预警 of a task on a day (YYYY-MM-DD, Asia/Shanghai): overdue after its due day, warning from
 * its warning day on (tasks created before warning days existed warn on their due day). An open
 * task is judged by `today`; a finished one by the day it was finished.
 */
export function taskDeadline(task: DeadlineFacts, today: string): TaskDeadline {
  if (!task.dueDate) return 'noLimit';
  const day = task.status === 'open' ? today : toShanghaiDate(task.completedAt ?? task.updatedAt);
  if (day > task.dueDate) return 'overdue';
  if (day >= (task.warnDate ?? task.dueDate)) return 'warning';
  return 'onTime';
}
