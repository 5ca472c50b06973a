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
  assignee: Type.Union([Type.String(), Type.Null()]),
  dueDate: Type.Union([Type.String(), Type.Null()]),
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

export const ProcessHistoryEntry = Type.Object({
  event: Type.String(),
  nodeId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String({ format: 'date-time' }),
});
export type ProcessHistoryEntry = Static<typeof ProcessHistoryEntry>;

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
