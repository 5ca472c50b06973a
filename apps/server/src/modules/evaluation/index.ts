import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { registerRecurringJob } from '../../kernel/events/recurring.js';
import { findApplication } from '../applications/index.js';
import { evaluationRoutes } from './routes.js';
import { EvaluationService } from './service.js';

export { EvaluationService, type EvaluationDeps, type EvaluationSettings } from './service.js';

/** 督办 of 差评整改: the durable job that escalates late cases, every quarter of an hour. */
export const CASE_ESCALATION_JOB = 'evaluation.escalate-overdue';
const CASE_ESCALATION_EVERY_MS = 15 * 60_000;
/** 一次一评: a window session may be rated for an hour after it opened */
export const SESSION_MINUTES = 60;

declare module 'fastify' {
  interface FastifyInstance {
    evaluation: EvaluationService;
  }
}

/** 好差评: ratings, 差评整改 cases with their deadlines, 申诉复核 and the statistics. */
export const evaluationModule = fp(
  async (app: FastifyInstance) => {
    const kernel = app.kernel;
    const service = new EvaluationService({
      db: kernel.db.orm,
      calendar: kernel.calendar,
      directory: app.directory,
      findApplication,
      settings: { ...kernel.config.evaluation, sessionMinutes: SESSION_MINUTES },
    });
    await registerRecurringJob(kernel.jobs, kernel.db.orm, {
      kind: CASE_ESCALATION_JOB,
      everyMs: CASE_ESCALATION_EVERY_MS,
      run: async () => {
        const escalated = await service.escalateOverdue();
        if (escalated > 0) app.log.info({ escalated }, 'escalated late 差评整改 cases');
      },
    });
    app.decorate('evaluation', service);
    await app.register(evaluationRoutes, { prefix: '/api/v1/evaluations', service });
  },
  { name: 'evaluation', dependencies: ['kernel', 'directory', 'identity', 'applications'] },
);
