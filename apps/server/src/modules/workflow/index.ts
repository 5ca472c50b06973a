import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Gauge } from 'prom-client';
import { systemActor } from '../../kernel/actor.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { openTasksByDeadline } from './store.js';
import { TIMER_JOB, WorkflowEngine } from './engine.js';
import { workflowRoutes } from './routes.js';
import { WorkflowService } from './service.js';

export { WorkflowEngine, TIMER_JOB, type WorkflowAction, type ActionContext } from './engine.js';
export { WorkflowService, mayWorkOn } from './service.js';
export { STANDARD_DEFINITIONS } from './standard-definitions.js';
export type { TaskRow, InstanceRow } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    workflow: WorkflowService;
  }
}

/**
 * 工作流: the BPMN engine and its API. Timers run as durable kernel jobs, so a timer due while
 * the server was down fires after it starts again.
 */
export const workflowModule = fp(
  async (app: FastifyInstance) => {
    const kernel = app.kernel;
    const engine = new WorkflowEngine(kernel.calendar);
    const service = new WorkflowService(kernel.db.orm, engine);
    kernel.jobs.register(TIMER_JOB, async ({ payload }) => {
      await kernel.db.orm.transaction((tx) =>
        engine.fireTimer(tx, payload as Parameters<WorkflowEngine['fireTimer']>[1]),
      );
    });
    // 待办 by deadline, counted at every scrape: overdue is red, due today yellow in the workbench
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
    // the shipped definitions, for installations that do not have them yet
    app.addHook('onReady', async () => {
      const deployed = await service.deployStandardDefinitions(systemActor('workflow'));
      if (deployed.length > 0)
        app.log.info({ deployed }, 'deployed the standard process definitions');
    });
  },
  { name: 'workflow', dependencies: ['kernel'] },
);
