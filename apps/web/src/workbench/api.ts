import { queryOptions, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptBody,
  Application,
  ApplicationFileList,
  DeliverBody,
  RefuseBody,
  RequestSupplementBody,
  StepBody,
  TaskCandidateList,
  TaskComment,
  TaskCommentBody,
  TaskCommentList,
  TransferTaskBody,
  WorkflowTask,
  WorkflowTaskPage,
} from '@zhengtong/contracts';
import { apiGet, apiPost } from '../shared/api/client';

// 工作台: the officers' side of 办件 — their tasks (待办), the applications those tasks are on,
// and the steps they take (受理 / 不予受理 / 补正 / 审查 / 会签 / 决定). The server decides who may
// do what; a step not open for the officer answers 404 or 409, shown in place.

const applicationsBase = '/api/v1/applications';
const workflowBase = '/api/v1/workflow';
const enc = encodeURIComponent;

export const TASK_PAGE_SIZE = 20;

export const workbenchKeys = {
  all: ['workbench'] as const,
  tasks: ['workbench', 'tasks'] as const,
  taskPage: (page: number, pageSize: number) =>
    ['workbench', 'tasks', 'page', { page, pageSize }] as const,
  task: (taskId: string) => ['workbench', 'tasks', 'detail', taskId] as const,
  escalatedPage: (page: number, pageSize: number) =>
    ['workbench', 'tasks', 'escalated', { page, pageSize }] as const,
  candidates: (taskId: string) => ['workbench', 'tasks', 'candidates', taskId] as const,
  comments: (id: string) => ['workbench', 'applications', id, 'comments'] as const,
  application: (id: string) => ['workbench', 'applications', id, 'detail'] as const,
  files: (id: string) => ['workbench', 'applications', id, 'files'] as const,
};

/** 我的待办: the open tasks of the officer's organisation for their roles, by due date. */
export function myTasksQuery(page: number, pageSize = TASK_PAGE_SIZE) {
  return queryOptions({
    queryKey: workbenchKeys.taskPage(page, pageSize),
    queryFn: ({ signal }) =>
      apiGet<WorkflowTaskPage>(`${workflowBase}/tasks`, {
        query: { status: 'open', page, pageSize },
        signal,
        silent: true,
      }),
  });
}

/** 督办: the escalated open tasks of the department head's organisation, by due date. */
export function escalatedTasksQuery(page: number, pageSize = TASK_PAGE_SIZE) {
  return queryOptions({
    queryKey: workbenchKeys.escalatedPage(page, pageSize),
    queryFn: ({ signal }) =>
      apiGet<WorkflowTaskPage>(`${workflowBase}/tasks`, {
        query: { scope: 'escalated', status: 'open', page, pageSize },
        signal,
        silent: true,
      }),
  });
}

/** The colleagues a task may be transferred to (转办). */
export function taskCandidatesQuery(taskId: string) {
  return queryOptions({
    queryKey: workbenchKeys.candidates(taskId),
    queryFn: ({ signal }) =>
      apiGet<TaskCandidateList>(`${workflowBase}/tasks/${enc(taskId)}/candidates`, {
        signal,
        silent: true,
      }),
  });
}

/** 办理意见: the officers' notes on the application's process (those the officer may read). */
export function applicationCommentsQuery(id: string) {
  return queryOptions({
    queryKey: workbenchKeys.comments(id),
    queryFn: ({ signal }) =>
      apiGet<TaskCommentList>(`${workflowBase}/comments`, {
        query: { businessKey: id },
        signal,
        silent: true,
      }),
  });
}

/**
 * One task, if the officer may work on it (their organisation and role); anyone else gets a 404,
 * which here means "not yours" rather than a failure (and, a 4xx, is not retried).
 */
export function workflowTaskQuery(taskId: string) {
  return queryOptions({
    queryKey: workbenchKeys.task(taskId),
    queryFn: ({ signal }) =>
      apiGet<WorkflowTask>(`${workflowBase}/tasks/${enc(taskId)}`, { signal, silent: true }),
  });
}

/** An application as its officers see it (the applicant's name masked); a 404 is shown in place. */
export function officerApplicationQuery(id: string) {
  return queryOptions({
    queryKey: workbenchKeys.application(id),
    queryFn: ({ signal }) =>
      apiGet<Application>(`${applicationsBase}/${enc(id)}`, { signal, silent: true }),
    // a row of the task list loads it; opening the case shortly after needs no second request
    staleTime: 30 * 1000,
  });
}

/** The files uploaded for the application's materials. */
export function applicationFilesQuery(id: string) {
  return queryOptions({
    queryKey: workbenchKeys.files(id),
    queryFn: ({ signal }) =>
      apiGet<ApplicationFileList>(`${applicationsBase}/${enc(id)}/files`, {
        signal,
        silent: true,
      }),
  });
}

/** Where a material file downloads from (an attachment; the session cookie authorises it). */
export function fileContentUrl(applicationId: string, fileId: string): string {
  return `${applicationsBase}/${enc(applicationId)}/files/${enc(fileId)}/content`;
}

// ---------------------------------------------------------------------------------------------
// The officer's steps. Silent: each modal shows its failure in place (FormModal).

/** 受理, with 容缺 materials and 会签 departments where they apply. */
export function acceptApplication(id: string, body: AcceptBody): Promise<Application> {
  return apiPost<Application>(`${applicationsBase}/${enc(id)}/accept`, body, { silent: true });
}

/** 不予受理 with the reason. */
export function refuseApplication(id: string, body: RefuseBody): Promise<Application> {
  return apiPost<Application>(`${applicationsBase}/${enc(id)}/refuse`, body, { silent: true });
}

/** 补正: every missing or defective item in one notice (一次性告知). */
export function requestSupplement(id: string, body: RequestSupplementBody): Promise<Application> {
  return apiPost<Application>(`${applicationsBase}/${enc(id)}/supplement`, body, {
    silent: true,
  });
}

/** 审查意见 / 会签意见 / 决定 on the step's task. */
export function completeStep(id: string, taskId: string, body: StepBody): Promise<Application> {
  return apiPost<Application>(`${applicationsBase}/${enc(id)}/steps/${enc(taskId)}`, body, {
    silent: true,
  });
}

/**
 * 送达: the result of a completed application went out (mail: with its 邮件号; pickup: who
 * collected it). Online results are delivered at 办结 by the server itself.
 */
export function deliverApplication(id: string, body: DeliverBody): Promise<Application> {
  return apiPost<Application>(`${applicationsBase}/${enc(id)}/deliver`, body, { silent: true });
}

// ---------------------------------------------------------------------------------------------
// 办理 on a task: claim, release, transfer, comment. Claim and release are buttons, so a failure
// (someone else took the task meanwhile: 409) is announced; the modals show theirs in place.

/** 认领: take the task for oneself. */
export function claimTask(taskId: string): Promise<WorkflowTask> {
  return apiPost<WorkflowTask>(`${workflowBase}/tasks/${enc(taskId)}/claim`);
}

/** 释放: give a task one claimed back to the other candidates. */
export function releaseTask(taskId: string): Promise<WorkflowTask> {
  return apiPost<WorkflowTask>(`${workflowBase}/tasks/${enc(taskId)}/release`);
}

/** 转办: hand the task to a colleague, with the reason. */
export function transferTask(taskId: string, body: TransferTaskBody): Promise<WorkflowTask> {
  return apiPost<WorkflowTask>(`${workflowBase}/tasks/${enc(taskId)}/transfer`, body, {
    silent: true,
  });
}

/** 备注: a note on the task for the other officers. */
export function commentOnTask(taskId: string, body: TaskCommentBody): Promise<TaskComment> {
  return apiPost<TaskComment>(`${workflowBase}/tasks/${enc(taskId)}/comments`, body, {
    silent: true,
  });
}

/** After a change to a task: the task lists, the task and the application's steps again. */
export function useTaskChanged(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workbenchKeys.all });
}

/**
 * After a step: the answer (the application as the server now has it) shows at once, then
 * everything of the workbench — this application, its steps' tasks, the task lists — is fetched
 * again, since the step moved the process on.
 */
export function useApplicationChanged(): (application: Application) => Promise<void> {
  const queryClient = useQueryClient();
  return async (application) => {
    queryClient.setQueryData(workbenchKeys.application(application.id), application);
    await queryClient.invalidateQueries({ queryKey: workbenchKeys.all });
  };
}
