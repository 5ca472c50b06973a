import { sql } from 'drizzle-orm';
import {
  ROLES,
  type CompleteTaskBody,
  type ProcessDefinition,
  type ProcessDefinitionDetail,
  type ProcessDefinitionList,
  type ProcessInstanceView,
  type WorkflowTask,
  type WorkflowTaskPage,
  type WorkflowTaskQuery,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { compileBpmn } from './bpmn.js';
import { withDiagram } from './diagram.js';
import type { WorkflowEngine } from './engine.js';
import { STANDARD_DEFINITIONS } from './standard-definitions.js';
import * as store from './store.js';

export interface RequestContext {
  requestId?: string | undefined;
}

const taskNotFound = () => new NotFoundError('task-not-found', 'no such task');

function toDefinition(row: store.DefinitionRow): ProcessDefinition {
  const elements: Record<string, number> = {};
  for (const node of Object.values(row.model.nodes)) {
    elements[node.kind] = (elements[node.kind] ?? 0) + 1;
  }
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    elements,
    deployedBy: row.deployedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTask(row: store.TaskRow): WorkflowTask {
  return {
    id: row.id,
    instanceId: row.instanceId,
    businessKey: row.businessKey,
    nodeId: row.nodeId,
    name: row.name,
    candidateRole: row.candidateRole,
    candidateOrganisationId: row.candidateOrganisationId,
    element: row.element ?? null,
    status: row.status,
    assignee: row.assignee,
    dueDate: row.dueDate,
    outcome: row.outcome,
    completedBy: row.completedBy,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
  };
}

/** Whether the actor is among the officers a task is for: its organisation and role. */
export const mayWorkOn = (actor: Actor, task: store.TaskRow): boolean =>
  actor.kind === 'staff' &&
  actor.organisationId === task.candidateOrganisationId &&
  actor.roles.includes(task.candidateRole);

const mayDeploy = (actor: Actor): boolean =>
  actor.kind === 'system' || actor.roles.includes('provinceAdmin');

/**
 * 工作流: deploying BPMN definitions (province admin), officers' task lists filtered by their
 * organisation and roles, claiming and completing tasks. A task an officer may not work on is
 * answered as absent.
 */
export class WorkflowService {
  constructor(
    private readonly db: Drizzle,
    readonly engine: WorkflowEngine,
  ) {}

  async deploy(actor: Actor, xml: string, ctx: RequestContext): Promise<ProcessDefinition> {
    if (actor.kind === 'anonymous')
      throw new UnauthenticatedError('unauthenticated', 'sign in first');
    if (!mayDeploy(actor)) {
      throw new ForbiddenError(
        'deploy-denied',
        'only the province admin deploys process definitions',
      );
    }
    // definitions drawn without a diagram get one laid out, so the web can show them
    const drawn = await withDiagram(xml);
    return this.db.transaction((tx) => this.deployIn(tx, actor, drawn, ctx));
  }

  private async deployIn(
    tx: Executor,
    actor: Actor,
    xml: string,
    ctx: RequestContext,
  ): Promise<ProcessDefinition> {
    const compiled = await compileBpmn(xml, {
      knownActions: this.engine.knownActions(),
      knownRoles: new Set<string>(ROLES),
    });
    if (!compiled.ok) {
      throw new UnprocessableError(
        'invalid-process-definition',
        `the definition cannot be deployed: ${compiled.problems.length} problem(s)`,
        compiled.problems.map((p) => ({
          path: p.elementId ? `/definition/${p.elementId}` : '/definition',
          message: p.message,
        })),
      );
    }
    const { process } = compiled;
    // versions of a key are numbered under a transaction-scoped lock on the key
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`workflow_definition:${process.key}`}))`,
    );
    const latest = await store.latestDefinition(tx, process.key);
    const row: store.DefinitionRow = {
      id: newId(),
      key: process.key,
      version: (latest?.version ?? 0) + 1,
      name: process.name,
      xml,
      model: process,
      deployedBy: actor.id,
      createdAt: new Date(),
    };
    await store.insertDefinition(tx, row);
    await recordAudit(tx, {
      actor,
      action: 'workflow.definition.deploy',
      targetType: 'processDefinition',
      targetId: row.id,
      summary: { key: row.key, version: row.version, name: row.name },
      requestId: ctx.requestId,
    });
    return toDefinition(row);
  }

  /** Deploys the shipped definitions whose key is not deployed yet. */
  async deployStandardDefinitions(actor: Actor): Promise<string[]> {
    const deployed: string[] = [];
    for (const { key, xml } of STANDARD_DEFINITIONS) {
      if (await store.latestDefinition(this.db, key)) continue;
      await this.deploy(actor, xml, {});
      deployed.push(key);
    }
    return deployed;
  }

  async listDefinitions(actor: Actor): Promise<ProcessDefinitionList> {
    requireStaff(actor);
    return { items: (await store.latestDefinitions(this.db)).map(toDefinition) };
  }

  async getDefinition(actor: Actor, key: string): Promise<ProcessDefinitionDetail> {
    requireStaff(actor);
    const versions = await store.definitionVersions(this.db, key);
    const latest = versions[0];
    if (!latest) throw new NotFoundError('definition-not-found', `no process definition ${key}`);
    return {
      ...toDefinition(latest),
      xml: latest.xml,
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        createdAt: v.createdAt.toISOString(),
      })),
    };
  }

  // Lookups for modules that run their processes here and check access themselves.

  openTasksOf(db: Executor, instanceId: string): Promise<store.TaskRow[]> {
    return store
      .tasksOfInstance(db, instanceId)
      .then((tasks) => tasks.filter((t) => t.status === 'open'));
  }

  tasksOf(db: Executor, instanceId: string): Promise<store.TaskRow[]> {
    return store.tasksOfInstance(db, instanceId);
  }

  findInstance(db: Executor, instanceId: string): Promise<store.InstanceRow | undefined> {
    return store.findInstance(db, instanceId);
  }

  /** 待办: the open tasks of the actor's organisation for the actor's roles, by deadline. */
  async listTasks(actor: Actor, query: WorkflowTaskQuery): Promise<WorkflowTaskPage> {
    requireStaff(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if (!actor.organisationId) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await store.listTasks(this.db, {
      roles: actor.roles,
      organisationId: actor.organisationId,
      ...(query.status ? { status: query.status } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(toTask), total, page, pageSize };
  }

  async getTask(actor: Actor, id: string): Promise<WorkflowTask> {
    const task = await store.findTask(this.db, id);
    if (!task || !mayWorkOn(actor, task)) throw taskNotFound();
    return toTask(task);
  }

  async claim(actor: Actor, id: string, ctx: RequestContext): Promise<WorkflowTask> {
    await this.onTask(actor, id, ctx, 'workflow.task.claim', async (tx) => {
      await this.engine.claimTask(tx, id, actor.id);
      return {};
    });
    return this.getTask(actor, id);
  }

  async complete(
    actor: Actor,
    id: string,
    body: CompleteTaskBody,
    ctx: RequestContext,
  ): Promise<WorkflowTask> {
    await this.onTask(actor, id, ctx, 'workflow.task.complete', async (tx) => {
      await this.engine.completeTask(tx, id, actor.id, body.outcome);
      return { outcome: body.outcome };
    });
    return this.getTask(actor, id);
  }

  /** A task operation: visibility checked, done and audited in one transaction. */
  private async onTask(
    actor: Actor,
    id: string,
    ctx: RequestContext,
    action: string,
    change: (tx: Executor) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    requireStaff(actor);
    await this.db.transaction(async (tx) => {
      const task = await store.findTask(tx, id);
      if (!task || !mayWorkOn(actor, task)) throw taskNotFound();
      const summary = await change(tx);
      await recordAudit(tx, {
        actor,
        action,
        targetType: 'workflowTask',
        targetId: id,
        summary: { ...summary, name: task.name, businessKey: task.businessKey },
        requestId: ctx.requestId,
      });
    });
  }

  /**
   * An instance with its tasks and history, for staff who have (or had) a task in it and for
   * the province admin.
   */
  async getInstance(actor: Actor, id: string): Promise<ProcessInstanceView> {
    requireStaff(actor);
    const instance = await store.findInstance(this.db, id);
    const notFound = new NotFoundError('instance-not-found', 'no such process instance');
    if (!instance) throw notFound;
    const tasks = await store.tasksOfInstance(this.db, id);
    if (!actor.roles.includes('provinceAdmin') && !tasks.some((t) => mayWorkOn(actor, t))) {
      throw notFound;
    }
    return this.instanceView(instance, tasks);
  }

  /** The view of an instance, for modules that checked access themselves. */
  async instanceView(
    instance: store.InstanceRow,
    tasks?: store.TaskRow[],
  ): Promise<ProcessInstanceView> {
    const [definition, tokens, history, allTasks] = await Promise.all([
      store.findDefinition(this.db, instance.definitionId),
      store.tokensOf(this.db, instance.id),
      store.historyOf(this.db, instance.id),
      tasks ?? store.tasksOfInstance(this.db, instance.id),
    ]);
    if (!definition) throw new ConflictError('definition-missing', 'the definition vanished');
    return {
      id: instance.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey: instance.businessKey,
      status: instance.status,
      activeNodes: [...new Set(tokens.map((t) => t.nodeId))],
      tasks: allTasks.map(toTask),
      history: history.map((h) => ({
        event: h.event,
        nodeId: h.nodeId,
        actorId: h.actorId,
        data: h.data,
        at: h.at.toISOString(),
      })),
    };
  }
}

function requireStaff(actor: Actor): void {
  if (actor.kind === 'anonymous')
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  if (actor.kind !== 'staff' && actor.kind !== 'system') {
    throw new ForbiddenError('staff-only', 'only staff work with process definitions and tasks');
  }
}
