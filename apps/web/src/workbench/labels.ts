import type { ApplicationStatus, TaskDeadline, WorkflowTask } from '@zhengtong/contracts';
import { fromIsoDate, toIsoDate, todayIsoInShanghai } from '../shared/calendar/dates';
import type { FormatDate, Translate } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';

// Names, colours and dates of the workbench.

/** The officer's page of an application (/workbench/applications/:id). */
export function applicationPath(id: string): string {
  return `/workbench/applications/${encodeURIComponent(id)}`;
}

export const statusKey: Record<ApplicationStatus, MessageKey> = {
  submitted: 'workbench.status.submitted',
  supplementRequested: 'workbench.status.supplementRequested',
  accepted: 'workbench.status.accepted',
  refused: 'workbench.status.refused',
  approved: 'workbench.status.approved',
  denied: 'workbench.status.denied',
  withdrawn: 'workbench.status.withdrawn',
  waiting: 'workbench.status.waiting',
  cancelled: 'workbench.status.cancelled',
};

export const statusColor: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  supplementRequested: 'orange',
  accepted: 'processing',
  refused: 'red',
  approved: 'green',
  denied: 'volcano',
  withdrawn: 'default',
  waiting: 'default',
  cancelled: 'default',
};

/** The process where the implementing department asks others for their opinion (并联审批). */
export const PARALLEL_APPROVAL = 'parallel-approval';

/** What an officer does on a step: acceptance has its own calls; the decision says yes or no. */
export type StepKind = 'accept' | 'decide' | 'opinion';

/** The BPMN node of the standard processes: `accept` (受理), `decide` (决定), others give opinions. */
export function stepKindOf(nodeId: string): StepKind {
  if (nodeId === 'accept') return 'accept';
  if (nodeId === 'decide') return 'decide';
  return 'opinion';
}

/** 预警 of a task as the server judged it: yellow from the warning day, red once overdue. */
export const deadlineColor: Partial<Record<TaskDeadline, string>> = {
  warning: 'gold',
  overdue: 'red',
};

export const deadlineKey: Partial<Record<TaskDeadline, MessageKey>> = {
  warning: 'workbench.deadline.warning',
  overdue: 'workbench.due.overdue',
};

/** Who holds a task: nobody (any candidate may take it), the reader, or another officer. */
export type Holder = 'nobody' | 'me' | 'other';

export function holderOf(
  task: Pick<WorkflowTask, 'assignee'>,
  accountId: string | undefined,
): Holder {
  if (!task.assignee) return 'nobody';
  return task.assignee === accountId ? 'me' : 'other';
}

export type DueState = 'overdue' | 'soon' | 'normal';

/** 时限预警: past the due date; due today or tomorrow; otherwise in time (days in Shanghai). */
export function dueState(dueDate: string, today: string = todayIsoInShanghai()): DueState {
  if (dueDate < today) return 'overdue';
  const tomorrow = toIsoDate(fromIsoDate(today).add(1, 'day'));
  return dueDate <= tomorrow ? 'soon' : 'normal';
}

const shanghaiDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment (ISO date-time) as its date and time in Asia/Shanghai, whatever the browser's zone. */
export function dateTimeText(iso: string, formatDate: FormatDate, t: Translate): string {
  const parts = Object.fromEntries(
    shanghaiDateTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return t('workbench.dateTime', {
    date: formatDate(fromIsoDate(date), 'date'),
    time: `${parts.hour}:${parts.minute}`,
  });
}

/** A calendar day (YYYY-MM-DD, already a day in Shanghai) in the UI language. */
export function dateText(isoDate: string, formatDate: FormatDate): string {
  return formatDate(fromIsoDate(isoDate), 'date');
}

/** The task's element of a multi-instance step (会签: the consulted organisation's id). */
export function elementOrganisationId(element: unknown): string | undefined {
  return typeof element === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(element)
    ? element
    : undefined;
}
