import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import {
  ROLES,
  type ProcessPosition,
  type CompleteTaskBody,
  type ProcessDefinition,
  type ProcessDefinitionDetail,
  type ProcessDefinitionList,
  type ProcessInstanceView,
  type TaskCandidateList,
  type TaskComment,
  type TaskCommentBody,
  type TaskCommentList,
  type TaskCommentQuery,
  type TransferTaskBody,
  type WorkflowTask,
  type WorkflowTaskPage,
  type WorkflowTaskQuery,
} from '@zhengtong/contracts';
import { systemActor, type Actor } from '../../kernel/actor.js';
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
import { taskDeadline } from './deadlines.js';
import { withDiagram } from './diagram.js';
import type { WorkflowEngine } from './engine.js';
import { STANDARD_DEFINITIONS } from './standard-definitions.js';
import * as store from './store.js';

export interface RequestContext {
  requestId?: string | undefined;
}

export interface StaffMember {
  accountId: string;
  name: string;
}

/**
 * What the workflow needs to know about staff (the identity module answers): who may be given a
 * task (转办), and officers' names for task and history views.
 */
export interface StaffLookup {
  /** active staff of the organisation holding the role; with `accountId`, that one or nobody */
  holding(
    db: Executor,
    query: { organisationId: string; role: string; accountId?: string },
  ): Promise<StaffMember[]>;
  /** names of staff accounts; other ids are left out */
  names(db: Executor, ids: string[]): Promise<Map<string, string>>;
}

/** The workflow itself: deploys the shipped definitions, escalates overdue tasks. */
const WORKFLOW_SYSTEM = systemActor('workflow');

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

/** A task as the API shows it; `today` (Asia/Shanghai) judges its deadline, `names` its assignee. */
export function toTask(
  row: store.TaskRow,
  today: string,
  names: ReadonlyMap<string, string> = new Map(),
): WorkflowTask {
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
    assigneeName: row.assignee ? (names.get(row.assignee) ?? null) : null,
    claimedAt: row.claimedAt ? row.claimedAt.toISOString() : null,
    dueDate: row.dueDate,
    warnDate: row.warnDate,
    deadline: taskDeadline(row, today),
    escalatedAt: row.escalatedAt ? row.escalatedAt.toISOString() : null,
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

/**
 * 督办: the head of a department reads its escalated tasks and may reassign them (转办), but does
 * not work on them.
 */
export const mayOversee = (actor: Actor, task: store.TaskRow): boolean =>
  actor.kind === 'staff' &&
  actor.roles.includes('departmentHead') &&
  actor.organisationId === task.candidateOrganisationId &&
  task.escalatedAt !== null;

/** 转办: the task's officers, and (督办) its department's head once it is escalated. */
export const mayTransfer = (actor: Actor, task: store.TaskRow): boolean =>
  mayWorkOn(actor, task) || mayOversee(actor, task);

/** Whether the actor may read a task: its officers, and its department's head once escalated. */
export const mayReadTask = (actor: Actor, task: store.TaskRow): boolean =>
  mayWorkOn(actor, task) || mayOversee(actor, task);

const mayDeploy = (actor: Actor): boolean =>
  actor.kind === 'system' || actor.roles.includes('provinceAdmin');

/**
 * 工作流: deploying BPMN definitions (province admin), officers' task lists filtered by their
 * organisation and roles, and 办理 on a task: claim, release, transfer, comment, complete. A task
 * an officer may not work on is answered as absent; the head of its department reads it once it
 * is escalated (督办).
 */
export class WorkflowService {
  constructor(
    private readonly db: Drizzle,
    readonly engine: WorkflowEngine,
    private readonly staff: StaffLookup,
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
    await lockDefinitionKey(tx, process.key);
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

  /**
   * Deploys the shipped definitions: those whose key is not deployed yet, and a new version of
   * those whose shipped process changed since this installation last deployed it (e.g. 退回
   * added). A key whose latest version someone else deployed (an admin's own process) is kept.
   * Each key is checked and deployed under its lock, in one transaction: instances starting
   * together deploy a changed definition once, not once each.
   */
  async deployStandardDefinitions(actor: Actor = WORKFLOW_SYSTEM): Promise<string[]> {
    const deployed: string[] = [];
    for (const { key, xml } of STANDARD_DEFINITIONS) {
      const shipped = await compileBpmn(xml, {
        knownActions: this.engine.knownActions(),
        knownRoles: new Set<string>(ROLES),
      });
      const drawn = await withDiagram(xml);
      const done = await this.db.transaction(async (tx) => {
        await lockDefinitionKey(tx, key);
        const latest = await store.latestDefinition(tx, key);
        if (latest) {
          if (latest.deployedBy !== actor.id) return false;
          // what runs is the compiled model: a changed layout or comment needs no new version
          // (compared as stored: JSON drops undefined properties)
          if (!shipped.ok) return false;
          const model: unknown = JSON.parse(JSON.stringify(shipped.process));
          if (isDeepStrictEqual(model, latest.model)) return false;
        }
        await this.deployIn(tx, actor, drawn, {});
        return true;
      });
      if (done) deployed.push(key);
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

  /**
   * 待办: the open tasks of the actor's organisation for the actor's roles, by deadline; with
   * `scope: 'escalated'`, the escalated ones of the organisation, for its head (督办).
   */
  async listTasks(actor: Actor, query: WorkflowTaskQuery): Promise<WorkflowTaskPage> {
    requireStaff(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const escalated = query.scope === 'escalated';
    if (escalated && !actor.roles.includes('departmentHead')) {
      throw new ForbiddenError(
        'department-head-only',
        'the escalated tasks of a department are for its head',
      );
    }
    if (!actor.organisationId) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await store.listTasks(this.db, {
      organisationId: actor.organisationId,
      ...(escalated ? { escalated: true } : { roles: actor.roles }),
      ...(query.status ? { status: query.status } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: await this.tasksView(rows), total, page, pageSize };
  }

  async getTask(actor: Actor, id: string): Promise<WorkflowTask> {
    const task = await store.findTask(this.db, id);
    if (!task || !mayReadTask(actor, task)) throw taskNotFound();
    const [view] = await this.tasksView([task]);
    return view!;
  }

  /** 认领: take a task for oneself; one someone else holds is a 409. */
  async claim(actor: Actor, id: string, ctx: RequestContext): Promise<WorkflowTask> {
    await this.onTask(actor, id, ctx, 'workflow.task.claim', async (tx) => {
      await this.engine.claimTask(tx, id, actor.id);
      return {};
    });
    return this.getTask(actor, id);
  }

  /** 释放: give a claimed task back to its candidates; only its assignee may (else 409). */
  async release(actor: Actor, id: string, ctx: RequestContext): Promise<WorkflowTask> {
    await this.onTask(actor, id, ctx, 'workflow.task.release', async (tx) => {
      await this.engine.releaseTask(tx, id, actor.id);
      return {};
    });
    return this.getTask(actor, id);
  }

  /**
   * 转办: hand a task to a colleague who may work on it (its organisation, holding its role);
   * anyone else is a 422 on `/body/toAccountId`.
   */
  async transfer(
    actor: Actor,
    id: string,
    body: TransferTaskBody,
    ctx: RequestContext,
  ): Promise<WorkflowTask> {
    await this.onTask(
      actor,
      id,
      ctx,
      'workflow.task.transfer',
      async (tx, task) => {
        // 督办: the head reassigns an escalated task, whoever holds it
        const byHead = mayOversee(actor, task);
        const receiver =
          body.toAccountId === actor.id
            ? []
            : await this.staff.holding(tx, {
                organisationId: task.candidateOrganisationId,
                role: task.candidateRole,
                accountId: body.toAccountId,
              });
        if (receiver.length === 0) {
          throw new UnprocessableError(
            'transfer-target-invalid',
            'a task goes only to another officer of its organisation who holds its role',
            [
              {
                path: '/body/toAccountId',
                message: '只能转办给本机构具有该岗位角色的其他工作人员',
              },
            ],
          );
        }
        await this.engine.transferTask(tx, id, actor.id, body, { overrideClaim: byHead });
        return {
          toAccountId: body.toAccountId,
          reason: body.reason,
          ...(byHead ? { byHead: true, fromAssignee: task.assignee } : {}),
        };
      },
      mayTransfer,
    );
    return this.getTask(actor, id);
  }

  /** The colleagues a task may be transferred to (the actor left out). */
  async candidates(actor: Actor, id: string): Promise<TaskCandidateList> {
    requireStaff(actor);
    const task = await store.findTask(this.db, id);
    if (!task || !mayTransfer(actor, task)) throw taskNotFound();
    const staff = await this.staff.holding(this.db, {
      organisationId: task.candidateOrganisationId,
      role: task.candidateRole,
    });
    return { items: staff.filter((s) => s.accountId !== actor.id) };
  }

  /** 办理意见 / 备注 on an open task; officers read it in the instance's history. */
  async comment(
    actor: Actor,
    id: string,
    body: TaskCommentBody,
    ctx: RequestContext,
  ): Promise<TaskComment> {
    let entry: store.HistoryRow | undefined;
    await this.onTask(actor, id, ctx, 'workflow.task.comment', async (tx) => {
      entry = await this.engine.commentOnTask(tx, id, actor.id, body.text);
      return { length: body.text.length };
    });
    const [comment] = await this.toComments([entry!]);
    return comment!;
  }

  /**
   * The comments (办理意见) on the processes of a business key (an application), from the
   * instances the actor may read; none when they may read none.
   */
  async listComments(actor: Actor, query: TaskCommentQuery): Promise<TaskCommentList> {
    requireStaff(actor);
    const readable: string[] = [];
    for (const instance of await store.instancesOf(this.db, query.businessKey)) {
      if (this.mayReadInstance(actor, await store.tasksOfInstance(this.db, instance.id))) {
        readable.push(instance.id);
      }
    }
    return { items: await this.toComments(await store.commentsOf(this.db, readable)) };
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

  /**
   * 督办: escalates every open task past its due day once (history, `workflow.task.escalated`
   * event and an audit record by the system, in one transaction a batch). Returns how many.
   */
  async escalateOverdue(batch = 500): Promise<number> {
    let escalated = 0;
    for (;;) {
      const rows = await this.db.transaction(async (tx) => {
        const done = await this.engine.escalateOverdue(tx, batch);
        for (const task of done) {
          await recordAudit(tx, {
            actor: WORKFLOW_SYSTEM,
            action: 'workflow.task.escalate',
            targetType: 'workflowTask',
            targetId: task.id,
            summary: {
              name: task.name,
              businessKey: task.businessKey,
              candidateOrganisationId: task.candidateOrganisationId,
              dueDate: task.dueDate,
            },
          });
        }
        return done.length;
      });
      escalated += rows;
      if (rows < batch) return escalated;
    }
  }

  /** A task operation: visibility checked, done and audited in one transaction. */
  private async onTask(
    actor: Actor,
    id: string,
    ctx: RequestContext,
    action: string,
    change: (tx: Executor, task: store.TaskRow) => Promise<Record<string, unknown>>,
    may: (actor: Actor, task: store.TaskRow) => boolean = mayWorkOn,
  ): Promise<void> {
    requireStaff(actor);
    await this.db.transaction(async (tx) => {
      const task = await store.findTask(tx, id);
      if (!task || !may(actor, task)) throw taskNotFound();
      const summary = await change(tx, task);
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

  private mayReadInstance(actor: Actor, tasks: store.TaskRow[]): boolean {
    return actor.roles.includes('provinceAdmin') || tasks.some((t) => mayReadTask(actor, t));
  }

  private async tasksView(rows: store.TaskRow[]): Promise<WorkflowTask[]> {
    const names = await this.staff.names(
      this.db,
      rows.flatMap((r) => (r.assignee ? [r.assignee] : [])),
    );
    const today = this.engine.today();
    return rows.map((r) => toTask(r, today, names));
  }

  private async toComments(rows: store.HistoryRow[]): Promise<TaskComment[]> {
    const names = await this.staff.names(
      this.db,
      rows.flatMap((r) => (r.actorId ? [r.actorId] : [])),
    );
    return rows.map((r) => ({
      instanceId: r.instanceId,
      taskId: typeof r.data.taskId === 'string' ? r.data.taskId : '',
      nodeId: r.nodeId,
      taskName: typeof r.data.name === 'string' ? r.data.name : '',
      text: typeof r.data.text === 'string' ? r.data.text : '',
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      at: r.at.toISOString(),
    }));
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
    if (!this.mayReadInstance(actor, tasks)) throw notFound;
    return this.instanceView(instance, tasks);
  }

  /**
   * Where an instance stands on its diagram, for modules that checked access themselves (the
   * applicant's tracking page): no names, no task data, only node ids.
   */
  async position(instanceId: string): Promise<ProcessPosition | undefined> {
    const instance = await store.findInstance(this.db, instanceId);
    if (!instance) return undefined;
    const [definition, tokens, history] = await Promise.all([
      store.findDefinition(this.db, instance.definitionId),
      store.tokensOf(this.db, instance.id),
      store.historyOf(this.db, instance.id),
    ]);
    if (!definition) throw new ConflictError('definition-missing', 'the definition vanished');
    const active = new Set(tokens.map((t) => t.nodeId));
    const passed = new Set(
      history.flatMap((h) =>
        h.nodeId && ['taskCompleted', 'endReached', 'actionRun', 'childCompleted'].includes(h.event)
          ? [h.nodeId]
          : [],
      ),
    );
    return {
      definitionKey: definition.key,
      definitionName: definition.name,
      definitionVersion: definition.version,
      xml: definition.xml,
      status: instance.status,
      activeNodeIds: [...active],
      // a step done once and open again (退回) is shown as open
      completedNodeIds: [...passed].filter((id) => !active.has(id)),
    };
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
    const names = await this.staff.names(this.db, [
      ...history.flatMap((h) => (h.actorId ? [h.actorId] : [])),
      ...allTasks.flatMap((t) => (t.assignee ? [t.assignee] : [])),
    ]);
    const today = this.engine.today();
    return {
      id: instance.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey: instance.businessKey,
      status: instance.status,
      activeNodes: [...new Set(tokens.map((t) => t.nodeId))],
      tasks: allTasks.map((t) => toTask(t, today, names)),
      history: history.map((h) => ({
        event: h.event,
        nodeId: h.nodeId,
        actorId: h.actorId,
        actorName: h.actorId ? (names.get(h.actorId) ?? null) : null,
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

/** The transaction-scoped lock under which a definition key's versions are numbered. */
async function lockDefinitionKey(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`workflow_definition:${key}`}))`);
}
