import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { registerRecurringJob } from '../../kernel/events/recurring.js';
import { identityStore } from '../identity/index.js';
import { openTasksByDeadline } from './store.js';
import { TIMER_JOB, WorkflowEngine } from './engine.js';
import { workflowRoutes } from './routes.js';
import { WorkflowService, type StaffLookup } from './service.js';

export { WorkflowEngine, TIMER_JOB, type WorkflowAction, type ActionContext } from './engine.js';
export { WorkflowService, mayWorkOn, mayOversee, mayReadTask } from './service.js';
export { STANDARD_DEFINITIONS } from './standard-definitions.js';
export type { TaskRow, InstanceRow, TaskToWarn } from './store.js';
/** Narrow read for the messaging module's deadline warnings (预警). */
export { openTasksPastWarning } from './store.js';

/** 督办: the durable job that escalates overdue tasks, every quarter of an hour. */
export const ESCALATION_JOB = 'workflow.escalate-overdue';
const ESCALATION_EVERY_MS = 15 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    workflow: WorkflowService;
  }
}

/**
 * 工作流: the BPMN engine and its API. Timers and the escalation of overdue tasks run as durable
 * kernel jobs, so a timer due while the server was down fires after it starts again.
 */
export const workflowModule = fp(
  async (app: FastifyInstance) => {
    const kernel = app.kernel;
    const engine = new WorkflowEngine(kernel.calendar, undefined, {
      warningShare: kernel.config.workflow.deadlineWarningShare,
    });
    const staff: StaffLookup = {
      holding: (db, query) => identityStore.activeStaffHolding(db, query),
      names: (db, ids) => identityStore.staffNames(db, ids),
    };
    const service = new WorkflowService(kernel.db.orm, engine, staff);
    kernel.jobs.register(TIMER_JOB, async ({ payload }) => {
      await kernel.db.orm.transaction((tx) =>
        engine.fireTimer(tx, payload as Parameters<WorkflowEngine['fireTimer']>[1]),
      );
    });
    await registerRecurringJob(kernel.jobs, kernel.db.orm, {
      kind: ESCALATION_JOB,
      everyMs: ESCALATION_EVERY_MS,
      run: async () => {
        const escalated = await service.escalateOverdue();
        if (escalated > 0) app.log.info({ escalated }, 'escalated overdue workflow tasks');
      },
    });
    // 待办 by deadline, counted at every scrape: overdue is red, warning and due today yellow
    new Gauge({
      name: 'zt_workflow_open_tasks',
      help: 'Open workflow tasks by deadline state (Asia/Shanghai day)',
      labelNames: ['deadline'],
      registers: [kernel.metrics.registry],
      async collect() {
        const counts = await openTasksByDeadline(kernel.db.orm, toShanghaiDate(new Date()));
        for (const [deadline, n] of Object.entries(counts)) this.set({ deadline }, n);
      },
    });
    app.decorate('workflow', service);
    await app.register(workflowRoutes, { prefix: '/api/v1/workflow', service });
    // the shipped definitions, for installations that do not have them (or an older shipping)
    app.addHook('onReady', async () => {
      const deployed = await service.deployStandardDefinitions();
      if (deployed.length > 0)
        app.log.info({ deployed }, 'deployed the standard process definitions');
    });
  },
  { name: 'workflow', dependencies: ['kernel', 'identity'] },
);
