import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CompiledProcess } from './model.js';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/** A deployed BPMN process definition: the XML as uploaded and its compiled form. */
export const workflowDefinition = pgTable(
  'workflow_definition',
  {
    id: uuid().primaryKey(),
    key: text().notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    xml: text().notNull(),
    model: jsonb().$type<CompiledProcess>().notNull(),
    deployedBy: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('workflow_definition_key_version_key').on(t.key, t.version),
    check('workflow_definition_version_check', sql`${t.version} > 0`),
  ],
);

/** A running (or finished) process: one per application, or per bundle member. */
export const workflowInstance = pgTable(
  'workflow_instance',
  {
    id: uuid().primaryKey(),
    definitionId: uuid().notNull(),
    /** what the process is about, e.g. the application id */
    businessKey: text().notNull(),
    status: text({ enum: ['active', 'completed', 'terminated'] }).notNull(),
    variables: jsonb().$type<Record<string, unknown>>().notNull(),
    parentInstanceId: uuid(),
    parentTokenId: uuid(),
    startedAt: tstz().notNull().defaultNow(),
    endedAt: tstz(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'workflow_instance_definition_fk',
      columns: [t.definitionId],
      foreignColumns: [workflowDefinition.id],
    }),
    index('workflow_instance_business_key_idx').on(t.businessKey),
    index('workflow_instance_parent_idx').on(t.parentInstanceId),
  ],
);

/** Where an instance is: one row per token (parallel branches have several). */
export const workflowToken = pgTable(
  'workflow_token',
  {
    id: uuid().primaryKey(),
    instanceId: uuid().notNull(),
    nodeId: text().notNull(),
    /** waiting: at a user task or call activity; joined: arrived at a parallel join */
    state: text({ enum: ['waiting', 'joined'] }).notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'workflow_token_instance_fk',
      columns: [t.instanceId],
      foreignColumns: [workflowInstance.id],
    }),
    index('workflow_token_instance_idx').on(t.instanceId),
  ],
);

/** A user task (待办): what an officer sees in the workbench. */
export const workflowTask = pgTable(
  'workflow_task',
  {
    id: uuid().primaryKey(),
    instanceId: uuid().notNull(),
    tokenId: uuid().notNull(),
    nodeId: text().notNull(),
    name: text().notNull(),
    businessKey: text().notNull(),
    candidateRole: text().notNull(),
    candidateOrganisationId: text().notNull(),
    /** the element of a multi-instance task (e.g. the consulted organisation) */
    element: jsonb(),
    status: text({ enum: ['open', 'completed', 'cancelled'] }).notNull(),
    assignee: text(),
    claimedAt: tstz(),
    /** the working day by which the step is due (办理时限), when the step has a limit */
    dueDate: date(),
    /** from this working day on the step shows a yellow warning (a share of its limit) */
    warnDate: date(),
    /** 督办: when the overdue step was escalated to the head of its department */
    escalatedAt: tstz(),
    outcome: jsonb().$type<Record<string, unknown>>(),
    completedBy: text(),
    completedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'workflow_task_instance_fk',
      columns: [t.instanceId],
      foreignColumns: [workflowInstance.id],
    }),
    index('workflow_task_candidate_idx').on(t.candidateOrganisationId, t.status, t.dueDate),
    // an officer's open queue (我的待办): organisation and role, by due date — the workbench's
    // first page and count read this index only (bench: workbench-query at 1M applications)
    index('workflow_task_open_queue_idx')
      .on(t.candidateOrganisationId, t.candidateRole, t.dueDate, t.createdAt)
      .where(sql`${t.status} = 'open'`),
    index('workflow_task_instance_idx').on(t.instanceId),
    index('workflow_task_token_idx').on(t.tokenId),
  ],
);

/** What happened in an instance, in order (the applicant's timeline reads it). */
export const workflowHistory = pgTable(
  'workflow_history',
  {
    id: uuid().primaryKey(),
    instanceId: uuid().notNull(),
    nodeId: text(),
    event: text().notNull(),
    actorId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [index('workflow_history_instance_idx').on(t.instanceId, t.at)],
);
