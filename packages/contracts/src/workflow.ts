import { Type, type Static } from '@sinclair/typebox';

// 工作流: BPMN process definitions and the tasks (待办) they create.

export const ProcessDefinitionKey = Type.String({
  pattern: '^[a-z][a-z0-9-]{1,63}$',
  description: 'the BPMN process id',
});

export const ProcessDefinition = Type.Object({
  id: Type.String(),
  key: ProcessDefinitionKey,
  version: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  /** element counts by kind (userTask, exclusiveGateway …) */
  elements: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  deployedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ProcessDefinition = Static<typeof ProcessDefinition>;

export const ProcessDefinitionList = Type.Object({ items: Type.Array(ProcessDefinition) });
export type ProcessDefinitionList = Static<typeof ProcessDefinitionList>;

export const ProcessDefinitionDetail = Type.Object({
  ...ProcessDefinition.properties,
  xml: Type.String(),
  /** earlier versions, newest first */
  versions: Type.Array(
    Type.Object({ id: Type.String(), version: Type.Integer(), createdAt: Type.String() }),
  ),
});
export type ProcessDefinitionDetail = Static<typeof ProcessDefinitionDetail>;

export const DeployDefinitionBody = Type.Object({
  /** BPMN 2.0 XML */
  xml: Type.String({ minLength: 1, maxLength: 1000000 }),
});
export type DeployDefinitionBody = Static<typeof DeployDefinitionBody>;

/**
 * Where a task stands against its time limit (预警), by the day in Asia/Shanghai: `warning`
 * (黄灯) from its warning day on, `overdue` (红灯) after its due day. A finished task is judged
 * by the day it was finished.
 */
export const TaskDeadline = Type.Union([
  Type.Literal('noLimit'),
  Type.Literal('onTime'),
  Type.Literal('warning'),
  Type.Literal('overdue'),
]);
export type TaskDeadline = Static<typeof TaskDeadline>;

export const WorkflowTask = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  businessKey: Type.String(),
  nodeId: Type.String(),
  name: Type.String(),
  candidateRole: Type.String(),
  candidateOrganisationId: Type.String(),
  /** the element of a multi-instance task */
  element: Type.Unknown(),
  status: Type.Union([Type.Literal('open'), Type.Literal('completed'), Type.Literal('cancelled')]),
  /** the officer who claimed it (认领) or was given it (转办); null: any candidate may take it */
  assignee: Type.Union([Type.String(), Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  claimedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** the working day by which the step is due (办理时限), when it has a limit */
  dueDate: Type.Union([Type.String(), Type.Null()]),
  /** from this working day on the step shows a warning (a share of its limit) */
  warnDate: Type.Union([Type.String(), Type.Null()]),
  deadline: TaskDeadline,
  /** 督办: when the overdue step was escalated to the head of its department */
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  outcome: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  completedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type WorkflowTask = Static<typeof WorkflowTask>;

export const WorkflowTaskPage = Type.Object({
  items: Type.Array(WorkflowTask),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type WorkflowTaskPage = Static<typeof WorkflowTaskPage>;

export const WorkflowTaskQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('completed'), Type.Literal('cancelled')]),
  ),
  /**
   * `candidate` (default): the tasks of the officer's organisation for their roles (待办);
   * `escalated`: the escalated open tasks of the organisation, for its head (督办, departmentHead)
   */
  scope: Type.Optional(Type.Union([Type.Literal('candidate'), Type.Literal('escalated')])),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type WorkflowTaskQuery = Static<typeof WorkflowTaskQuery>;

export const CompleteTaskBody = Type.Object({
  /** variables the step decides (e.g. `{ "decision": "approve" }`); merged into the process */
  outcome: Type.Record(
    Type.String({ pattern: '^[A-Za-z_$][A-Za-z0-9_$]{0,63}$' }),
    Type.Unknown(),
    {
      maxProperties: 50,
    },
  ),
});
export type CompleteTaskBody = Static<typeof CompleteTaskBody>;

/** 转办: hand a task to a colleague who may work on it (same organisation, the task's role). */
export const TransferTaskBody = Type.Object({
  toAccountId: Type.String({ format: 'uuid' }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type TransferTaskBody = Static<typeof TransferTaskBody>;

/** A colleague a task may be transferred to. */
export const TaskCandidate = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
});
export type TaskCandidate = Static<typeof TaskCandidate>;

export const TaskCandidateList = Type.Object({ items: Type.Array(TaskCandidate) });
export type TaskCandidateList = Static<typeof TaskCandidateList>;

/** 办理意见 / 备注: an officers' note on a task, internal (the applicant never reads it). */
export const TaskCommentBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 1000 }),
});
export type TaskCommentBody = Static<typeof TaskCommentBody>;

export const TaskComment = Type.Object({
  instanceId: Type.String(),
  taskId: Type.String(),
  nodeId: Type.Union([Type.String(), Type.Null()]),
  /** the step the note was written on (审查, 决定 …) */
  taskName: Type.String(),
  text: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});
export type TaskComment = Static<typeof TaskComment>;

export const TaskCommentList = Type.Object({ items: Type.Array(TaskComment) });
export type TaskCommentList = Static<typeof TaskCommentList>;

export const TaskCommentQuery = Type.Object({
  /** what the processes are about: the application id */
  businessKey: Type.String({ minLength: 1, maxLength: 100 }),
});
export type TaskCommentQuery = Static<typeof TaskCommentQuery>;

export const ProcessHistoryEntry = Type.Object({
  /** started, taskCreated, taskClaimed, taskReleased, taskTransferred, comment, escalated … */
  event: Type.String(),
  nodeId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  /** the staff member who acted, by name (null for the system and for non-staff) */
  actorName: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String({ format: 'date-time' }),
});
export type ProcessHistoryEntry = Static<typeof ProcessHistoryEntry>;

/**
 * Where an application stands on its process diagram (the applicant's tracking page): the
 * definition's BPMN XML (with its layout) and the steps done and open.
 */
export const ProcessPosition = Type.Object({
  definitionKey: Type.String(),
  definitionName: Type.String(),
  definitionVersion: Type.Integer(),
  xml: Type.String(),
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('completed'),
    Type.Literal('terminated'),
  ]),
  /** the nodes where the process waits now (open steps, joins) */
  activeNodeIds: Type.Array(Type.String()),
  /** the nodes passed: completed steps, gateways' outcomes as steps, the end reached */
  completedNodeIds: Type.Array(Type.String()),
});
export type ProcessPosition = Static<typeof ProcessPosition>;

export const ProcessInstanceView = Type.Object({
  id: Type.String(),
  definitionKey: Type.String(),
  definitionVersion: Type.Integer(),
  businessKey: Type.String(),
  status: Type.Union([
    Type.Literal('active'),
    Type.Literal('completed'),
    Type.Literal('terminated'),
  ]),
  /** nodes where the instance currently waits (for highlighting on the diagram) */
  activeNodes: Type.Array(Type.String()),
  tasks: Type.Array(WorkflowTask),
  history: Type.Array(ProcessHistoryEntry),
});
export type ProcessInstanceView = Static<typeof ProcessInstanceView>;
