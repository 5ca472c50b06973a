import type { CalendarService } from '../../kernel/calendar/service.js';
import { addCalendarDays, toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Executor } from '../../kernel/db/database.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { scheduleJob } from '../../kernel/events/jobs.js';
import { newId } from '../../kernel/ids.js';
import { DEFAULT_WARNING_SHARE, warningDays } from './deadlines.js';
import { evaluate, evaluateCondition, parseExpression, type Expression } from './expressions.js';
import type { CompiledProcess, ProcessNode } from './model.js';
import * as store from './store.js';

/** What a built-in service-task action gets: the open transaction and the instance. */
export interface ActionContext {
  tx: Executor;
  instanceId: string;
  businessKey: string;
  definitionKey: string;
  nodeId: string;
  /** the instance's variables as they stand (read-only; return changes instead) */
  variables: Readonly<Record<string, unknown>>;
}

/** A named built-in action; what it returns is merged into the instance's variables. */
export type WorkflowAction = (
  ctx: ActionContext,
) => Promise<Record<string, unknown> | undefined | void>;

export const TIMER_JOB = 'workflow.timer';

/** One operation on one instance: the locked row, its process and its variables. */
interface Run {
  tx: Executor;
  instance: store.InstanceRow;
  definitionKey: string;
  process: CompiledProcess;
  variables: Record<string, unknown>;
  actorId: string | null;
}

/** Variables a process may not overwrite from a task outcome. */
const RESERVED_VARIABLES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The BPMN executor. Every operation runs inside the caller's transaction, locks the instance
 * row first (so parallel branches and concurrent officers are serialised per instance), moves
 * tokens through automatic nodes until each waits at a user task, a join or a call activity,
 * and writes history and outbox events as it goes. A crash mid-way rolls the whole step back.
 */
export class WorkflowEngine {
  private readonly actions = new Map<string, WorkflowAction>();
  private readonly compiled = new Map<string, { process: CompiledProcess; key: string }>();
  private readonly expressions = new Map<string, Expression>();

  constructor(
    private readonly calendar: CalendarService,
    private readonly now: () => Date = () => new Date(),
    private readonly options: {
      /** share of a step's limit after which it warns (ZT_DEADLINE_WARNING_SHARE) */
      warningShare: number;
    } = { warningShare: DEFAULT_WARNING_SHARE },
  ) {}

  /** The day it is now in Asia/Shanghai (deadlines are days there). */
  today(): string {
    return toShanghaiDate(this.now());
  }

  registerAction(name: string, action: WorkflowAction): void {
    if (this.actions.has(name)) throw new Error(`workflow action ${name} is registered twice`);
    this.actions.set(name, action);
  }

  knownActions(): Set<string> {
    return new Set(this.actions.keys());
  }

  /** Starts the latest version of a definition; returns the instance id. */
  async start(
    tx: Executor,
    input: {
      definitionKey: string;
      businessKey: string;
      variables: Record<string, unknown>;
      actorId: string | null;
      parent?: { instanceId: string; tokenId: string };
    },
  ): Promise<string> {
    const definition = await store.latestDefinition(tx, input.definitionKey);
    if (!definition) {
      throw new UnprocessableError(
        'process-definition-not-found',
        `no process definition ${input.definitionKey} is deployed`,
      );
    }
    const id = newId();
    const instance: store.InstanceRow = {
      id,
      definitionId: definition.id,
      businessKey: input.businessKey,
      status: 'active',
      variables: input.variables,
      parentInstanceId: input.parent?.instanceId ?? null,
      parentTokenId: input.parent?.tokenId ?? null,
      startedAt: this.now(),
      endedAt: null,
      updatedAt: this.now(),
    };
    await store.insertInstance(tx, instance);
    const run: Run = {
      tx,
      instance,
      definitionKey: definition.key,
      process: definition.model,
      variables: { ...input.variables },
      actorId: input.actorId,
    };
    await store.appendHistory(tx, {
      instanceId: id,
      event: 'started',
      actorId: input.actorId,
      data: { definitionKey: definition.key, version: definition.version },
    });
    const token = await store.insertToken(tx, id, run.process.startId, 'waiting');
    await this.advance(run, token, run.process.startId);
    await this.save(run);
    return id;
  }

  /** Takes a task for oneself (认领); a task someone else holds is a 409. */
  async claimTask(tx: Executor, taskId: string, actorId: string): Promise<store.TaskRow> {
    const task = await this.openTask(tx, taskId);
    if (task.assignee && task.assignee !== actorId) {
      throw new ConflictError('task-claimed', 'the task is claimed by another officer');
    }
    await store.updateTask(tx, taskId, { assignee: actorId, claimedAt: this.now() });
    await store.appendHistory(tx, {
      instanceId: task.instanceId,
      nodeId: task.nodeId,
      event: 'taskClaimed',
      actorId,
      data: { taskId },
    });
    return { ...task, assignee: actorId };
  }

  /** Gives a claimed task back to its candidates (释放); only its assignee may. */
  async releaseTask(tx: Executor, taskId: string, actorId: string): Promise<store.TaskRow> {
    const task = await this.openTask(tx, taskId);
    if (!task.assignee) throw new ConflictError('task-not-claimed', 'the task is not claimed');
    if (task.assignee !== actorId) {
      throw new ConflictError('task-claimed', 'the task is claimed by another officer');
    }
    await store.updateTask(tx, taskId, { assignee: null, claimedAt: null });
    await store.appendHistory(tx, {
      instanceId: task.instanceId,
      nodeId: task.nodeId,
      event: 'taskReleased',
      actorId,
      data: { taskId },
    });
    return { ...task, assignee: null, claimedAt: null };
  }

  /**
   * Hands a task to another officer (转办): its assignee, or any candidate while nobody holds it,
   * may. Whether the receiver may work on it is the caller's check.
   */
  async transferTask(
    tx: Executor,
    taskId: string,
    actorId: string,
    input: { toAccountId: string; reason: string },
    /** 督办: the department's head reassigns a task another officer holds */
    options: { overrideClaim?: boolean } = {},
  ): Promise<store.TaskRow> {
    const task = await this.openTask(tx, taskId);
    if (task.assignee && task.assignee !== actorId && !options.overrideClaim) {
      throw new ConflictError('task-claimed', 'the task is claimed by another officer');
    }
    const claimedAt = this.now();
    await store.updateTask(tx, taskId, { assignee: input.toAccountId, claimedAt });
    await store.appendHistory(tx, {
      instanceId: task.instanceId,
      nodeId: task.nodeId,
      event: 'taskTransferred',
      actorId,
      data: {
        taskId,
        name: task.name,
        to: input.toAccountId,
        reason: input.reason,
        ...(task.assignee && task.assignee !== actorId ? { from: task.assignee } : {}),
      },
    });
    await publishEvent(tx, 'workflow.task.transferred', {
      taskId,
      instanceId: task.instanceId,
      businessKey: task.businessKey,
      name: task.name,
      fromAccountId: actorId,
      toAccountId: input.toAccountId,
      reason: input.reason,
    });
    return { ...task, assignee: input.toAccountId, claimedAt };
  }

  /**
   * 办理意见 / 备注: an officer's note on an open task, kept in the instance's history (officers
   * read it; the applicant's timeline does not show it).
   */
  async commentOnTask(
    tx: Executor,
    taskId: string,
    actorId: string,
    text: string,
  ): Promise<store.HistoryRow> {
    const task = await this.openTask(tx, taskId);
    return store.appendHistory(tx, {
      instanceId: task.instanceId,
      nodeId: task.nodeId,
      event: 'comment',
      actorId,
      data: { taskId, name: task.name, text },
    });
  }

  /**
   * 督办: marks every open task past its due day (Asia/Shanghai) and not yet escalated as
   * escalated, with a history entry and a `workflow.task.escalated` event each. A task is
   * escalated once; a task locked by an officer's step right now is left for the next run.
   * Returns the tasks escalated.
   */
  async escalateOverdue(tx: Executor, limit = 500): Promise<store.TaskRow[]> {
    const rows = await store.markOverdueEscalated(tx, this.today(), this.now(), limit);
    for (const task of rows) {
      await store.appendHistory(tx, {
        instanceId: task.instanceId,
        nodeId: task.nodeId,
        event: 'escalated',
        data: { taskId: task.id, name: task.name, dueDate: task.dueDate },
      });
      await publishEvent(tx, 'workflow.task.escalated', {
        taskId: task.id,
        instanceId: task.instanceId,
        businessKey: task.businessKey,
        name: task.name,
        candidateOrganisationId: task.candidateOrganisationId,
        dueDate: task.dueDate,
      });
    }
    return rows;
  }

  /**
   * Completes a task with an outcome (merged into the instance's variables) and moves the
   * process on. A task that is no longer open is a 409: of two officers completing the same
   * task one wins.
   */
  async completeTask(
    tx: Executor,
    taskId: string,
    actorId: string,
    outcome: Record<string, unknown>,
  ): Promise<void> {
    const peek = await store.findTask(tx, taskId);
    if (!peek) throw new NotFoundError('task-not-found', 'no such task');
    const run = await this.load(tx, peek.instanceId, actorId);
    const task = await this.openTask(tx, taskId);
    if (task.assignee && task.assignee !== actorId) {
      throw new ConflictError('task-claimed', 'the task is claimed by another officer');
    }
    const clean = Object.fromEntries(
      Object.entries(outcome).filter(([k]) => !RESERVED_VARIABLES.has(k)),
    );
    await store.updateTask(tx, taskId, {
      status: 'completed',
      outcome: clean,
      completedBy: actorId,
      completedAt: this.now(),
    });
    Object.assign(run.variables, clean);
    await store.appendHistory(tx, {
      instanceId: run.instance.id,
      nodeId: task.nodeId,
      event: 'taskCompleted',
      actorId,
      data: { taskId, name: task.name, outcome: clean },
    });
    await publishEvent(tx, 'workflow.task.completed', {
      taskId,
      instanceId: run.instance.id,
      businessKey: run.instance.businessKey,
      nodeId: task.nodeId,
      outcome: clean,
    });
    // a multi-instance task moves on when its last sibling is done
    const siblings = await store.openTasksOfToken(tx, task.tokenId);
    if (siblings.length === 0) {
      const node = run.process.nodes[task.nodeId];
      if (!node) throw new Error(`node ${task.nodeId} vanished from its definition`);
      await this.follow(run, task.tokenId, node);
    }
    await this.save(run);
  }

  /** Fires a boundary timer (from the job runner); does nothing when its task is done. */
  async fireTimer(
    tx: Executor,
    payload: { instanceId: string; tokenId: string; taskNodeId: string; timerId: string },
  ): Promise<boolean> {
    const run = await this.load(tx, payload.instanceId, null, { allowEnded: true });
    if (run.instance.status !== 'active') return false;
    const token = await store.findToken(tx, payload.tokenId);
    if (!token || token.nodeId !== payload.taskNodeId || token.state !== 'waiting') return false;
    const open = await store.openTasksOfToken(tx, token.id);
    if (open.length === 0) return false;
    const task = run.process.nodes[payload.taskNodeId];
    const timer =
      task?.kind === 'userTask' ? task.timers.find((t) => t.id === payload.timerId) : undefined;
    if (!timer) return false;
    await store.appendHistory(tx, {
      instanceId: run.instance.id,
      nodeId: timer.id,
      event: 'timerFired',
      data: { task: payload.taskNodeId, interrupting: timer.cancelActivity },
    });
    if (timer.cancelActivity) {
      await store.cancelOpenTasks(tx, [token.id]);
      await store.moveToken(tx, token.id, timer.id, 'waiting');
      await this.advance(run, token.id, timer.id);
    } else {
      const branch = await store.insertToken(tx, run.instance.id, timer.id, 'waiting');
      await this.advance(run, branch, timer.id);
    }
    await this.save(run);
    return true;
  }

  /** Ends an instance where it stands (e.g. the applicant withdrew); open tasks are cancelled. */
  async terminate(tx: Executor, instanceId: string, actorId: string | null, reason: string) {
    const run = await this.load(tx, instanceId, actorId);
    const tokens = await store.tokensOf(tx, instanceId);
    await store.cancelOpenTasks(
      tx,
      tokens.map((t) => t.id),
    );
    await store.deleteTokens(
      tx,
      tokens.map((t) => t.id),
    );
    await store.updateInstance(tx, instanceId, { status: 'terminated', endedAt: this.now() });
    await store.appendHistory(tx, {
      instanceId,
      event: 'terminated',
      actorId,
      data: { reason },
    });
    await publishEvent(tx, 'workflow.instance.terminated', {
      instanceId,
      businessKey: run.instance.businessKey,
      reason,
    });
  }

  // -------------------------------------------------------------------------------------------

  private async load(
    tx: Executor,
    instanceId: string,
    actorId: string | null,
    options: { allowEnded?: boolean } = {},
  ): Promise<Run> {
    const instance = await store.lockInstance(tx, instanceId);
    if (!instance) throw new NotFoundError('instance-not-found', 'no such process instance');
    if (instance.status !== 'active' && !options.allowEnded) {
      throw new ConflictError('instance-ended', `the process is ${instance.status}`);
    }
    const { process, key } = await this.definition(tx, instance.definitionId);
    return {
      tx,
      instance,
      definitionKey: key,
      process,
      variables: { ...instance.variables },
      actorId,
    };
  }

  private async definition(tx: Executor, id: string) {
    let found = this.compiled.get(id);
    if (!found) {
      const row = await store.findDefinition(tx, id);
      if (!row) throw new Error(`process definition ${id} vanished`);
      found = { process: row.model, key: row.key };
      this.compiled.set(id, found);
    }
    return found;
  }

  private async openTask(tx: Executor, taskId: string): Promise<store.TaskRow> {
    const task = await store.lockTask(tx, taskId);
    if (!task) throw new NotFoundError('task-not-found', 'no such task');
    if (task.status !== 'open') {
      throw new ConflictError('task-not-open', `the task is already ${task.status}`);
    }
    return task;
  }

  private async save(run: Run): Promise<void> {
    const current = await store.findInstance(run.tx, run.instance.id);
    if (current?.status === 'active') {
      await store.updateInstance(run.tx, run.instance.id, { variables: run.variables });
    }
  }

  private expression(source: string): Expression {
    let e = this.expressions.get(source);
    if (!e) {
      const parsed = parseExpression(source);
      // deployment refused definitions whose expressions do not parse
      if (!parsed.ok) throw new Error(`expression does not parse: ${source}`);
      e = parsed.expression;
      this.expressions.set(source, e);
    }
    return e;
  }

  /** Moves a token along a node's single outgoing flow and on through the process. */
  private async follow(run: Run, tokenId: string, node: ProcessNode): Promise<void> {
    const flow = node.outgoing[0];
    if (!flow) throw new Error(`${node.id} has no outgoing flow`);
    await this.advance(run, tokenId, run.process.flows[flow]!.target);
  }

  /**
   * Runs a token from a node until it waits. Automatic nodes (events, gateways, service tasks)
   * pass it on at once; user tasks and call activities park it; a join holds it until every
   * incoming branch has arrived.
   */
  private async advance(run: Run, tokenId: string, nodeId: string): Promise<void> {
    const { tx, process } = run;
    const queue: { tokenId: string; nodeId: string }[] = [{ tokenId, nodeId }];
    const to = (token: string, flowId: string) => {
      const target = process.flows[flowId]!.target;
      queue.push({ tokenId: token, nodeId: target });
    };
    while (queue.length > 0) {
      const step = queue.shift()!;
      const node = process.nodes[step.nodeId];
      if (!node) throw new Error(`node ${step.nodeId} is not in the definition`);
      await store.moveToken(tx, step.tokenId, node.id, 'waiting');
      switch (node.kind) {
        case 'startEvent':
        case 'boundaryTimer':
          to(step.tokenId, node.outgoing[0]!);
          break;
        case 'endEvent': {
          await store.deleteTokens(tx, [step.tokenId]);
          await store.appendHistory(tx, {
            instanceId: run.instance.id,
            nodeId: node.id,
            event: 'endReached',
            data: { name: node.name },
          });
          const left = await store.tokensOf(tx, run.instance.id);
          if (left.length === 0) await this.finish(run);
          break;
        }
        case 'serviceTask': {
          const action = this.actions.get(node.action);
          if (!action) throw new Error(`no workflow action ${node.action} is registered`);
          const changes = await action({
            tx,
            instanceId: run.instance.id,
            businessKey: run.instance.businessKey,
            definitionKey: run.definitionKey,
            nodeId: node.id,
            variables: run.variables,
          });
          if (changes) Object.assign(run.variables, changes);
          await store.appendHistory(tx, {
            instanceId: run.instance.id,
            nodeId: node.id,
            event: 'actionRun',
            data: { action: node.action, name: node.name },
          });
          to(step.tokenId, node.outgoing[0]!);
          break;
        }
        case 'exclusiveGateway': {
          const chosen =
            node.outgoing.find(
              (f) =>
                f !== node.default &&
                process.flows[f]?.condition !== undefined &&
                evaluateCondition(this.expression(process.flows[f].condition), run.variables),
            ) ??
            node.default ??
            (node.outgoing.length === 1 ? node.outgoing[0] : undefined);
          if (!chosen) {
            throw new UnprocessableError(
              'no-path',
              `the process cannot go on from ${node.name}: no condition holds and there is no default`,
            );
          }
          to(step.tokenId, chosen);
          break;
        }
        case 'parallelGateway': {
          let token = step.tokenId;
          if (node.incoming.length > 1) {
            await store.moveToken(tx, token, node.id, 'joined');
            const joined = (await store.tokensOf(tx, run.instance.id)).filter(
              (t) => t.nodeId === node.id && t.state === 'joined',
            );
            if (joined.length < node.incoming.length) break;
            await store.deleteTokens(
              tx,
              joined.filter((t) => t.id !== token).map((t) => t.id),
            );
          }
          for (const [i, flow] of node.outgoing.entries()) {
            if (i > 0) token = await store.insertToken(tx, run.instance.id, node.id, 'waiting');
            to(token, flow);
          }
          break;
        }
        case 'userTask':
          await this.createTasks(run, step.tokenId, node, () =>
            to(step.tokenId, node.outgoing[0]!),
          );
          break;
        case 'callActivity': {
          await store.appendHistory(tx, {
            instanceId: run.instance.id,
            nodeId: node.id,
            event: 'childStarted',
            data: { calledElement: node.calledElement },
          });
          await this.save(run);
          await this.start(tx, {
            definitionKey: node.calledElement,
            businessKey: run.instance.businessKey,
            variables: { ...run.variables },
            actorId: run.actorId,
            parent: { instanceId: run.instance.id, tokenId: step.tokenId },
          });
          break;
        }
      }
    }
  }

  private async createTasks(
    run: Run,
    tokenId: string,
    node: Extract<ProcessNode, { kind: 'userTask' }>,
    passThrough: () => void,
  ): Promise<void> {
    const { tx } = run;
    let elements: unknown[] = [undefined];
    if (node.multiInstance) {
      const collection = evaluate(this.expression(node.multiInstance.collection), run.variables);
      elements = Array.isArray(collection) ? collection : [];
      if (elements.length === 0) {
        // nothing to do for nobody: the path goes on
        passThrough();
        return;
      }
    }
    const today = this.today();
    const dueDate =
      node.limitDays !== undefined
        ? (await this.calendar.addWorkingDays(today, node.limitDays)).date
        : null;
    // 预警: from a share of the limit on (a step due the day it arrives warns that day)
    const warnDate =
      node.limitDays !== undefined
        ? (
            await this.calendar.addWorkingDays(
              today,
              warningDays(node.limitDays, this.options.warningShare),
            )
          ).date
        : null;
    const taskIds: string[] = [];
    for (const element of elements) {
      const scope = node.multiInstance
        ? { ...run.variables, [node.multiInstance.elementVariable]: element }
        : run.variables;
      const organisation = evaluate(this.expression(node.candidateOrganisation), scope);
      if (typeof organisation !== 'string' || organisation === '') {
        throw new UnprocessableError(
          'no-candidate-organisation',
          `the task ${node.name} has no organisation to go to (${node.candidateOrganisation})`,
        );
      }
      const id = newId();
      taskIds.push(id);
      await store.insertTask(tx, {
        id,
        instanceId: run.instance.id,
        tokenId,
        nodeId: node.id,
        name: node.name,
        businessKey: run.instance.businessKey,
        candidateRole: node.candidateRole,
        candidateOrganisationId: organisation,
        element: node.multiInstance ? (element ?? null) : null,
        status: 'open',
        dueDate,
        warnDate,
      });
      await publishEvent(tx, 'workflow.task.created', {
        taskId: id,
        instanceId: run.instance.id,
        businessKey: run.instance.businessKey,
        nodeId: node.id,
        name: node.name,
        candidateRole: node.candidateRole,
        candidateOrganisationId: organisation,
        dueDate,
        warnDate,
      });
    }
    await store.appendHistory(tx, {
      instanceId: run.instance.id,
      nodeId: node.id,
      event: 'taskCreated',
      data: { name: node.name, tasks: taskIds.length, dueDate },
    });
    for (const timer of node.timers) {
      let runAt: Date;
      if ('afterMs' in timer.due) {
        runAt = new Date(this.now().getTime() + timer.due.afterMs);
      } else {
        const days = Math.max(1, Math.round((node.limitDays ?? 0) * timer.due.shareOfLimit));
        const day = (await this.calendar.addWorkingDays(today, days)).date;
        // at the start of the next day in Asia/Shanghai: the day itself is still within
        runAt = new Date(`${addCalendarDays(day, 1)}T00:00:00+08:00`);
      }
      await scheduleJob(tx, {
        kind: TIMER_JOB,
        runAt,
        payload: {
          instanceId: run.instance.id,
          tokenId,
          taskNodeId: node.id,
          timerId: timer.id,
        },
        dedupeKey: `${TIMER_JOB}:${taskIds[0]}:${timer.id}`,
      });
    }
  }

  /** The instance has no tokens left: it is complete; a parent waiting on it moves on. */
  private async finish(run: Run): Promise<void> {
    const { tx, instance } = run;
    await store.updateInstance(tx, instance.id, {
      status: 'completed',
      endedAt: this.now(),
      variables: run.variables,
    });
    await store.appendHistory(tx, { instanceId: instance.id, event: 'completed' });
    await publishEvent(tx, 'workflow.instance.completed', {
      instanceId: instance.id,
      businessKey: instance.businessKey,
      definitionKey: run.definitionKey,
    });
    if (instance.parentInstanceId && instance.parentTokenId) {
      const parent = await this.load(tx, instance.parentInstanceId, run.actorId);
      const node =
        parent.process.nodes[(await store.findToken(tx, instance.parentTokenId))?.nodeId ?? ''];
      if (!node) throw new Error('the parent token of a finished child vanished');
      await store.appendHistory(tx, {
        instanceId: parent.instance.id,
        nodeId: node.id,
        event: 'childCompleted',
        data: { childInstanceId: instance.id },
      });
      await this.follow(parent, instance.parentTokenId, node);
      await this.save(parent);
    }
  }
}
