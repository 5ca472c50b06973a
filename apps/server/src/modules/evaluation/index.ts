import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { registerRecurringJob } from '../../kernel/events/recurring.js';
import { findApplication, findBundleApplication } from '../applications/index.js';
import { evaluationRoutes } from './routes.js';
import { EvaluationService } from './service.js';
import { findCase, findEvaluation } from './store.js';
import type { Executor } from '../../kernel/db/database.js';

export { EvaluationService, type EvaluationDeps, type EvaluationSettings } from './service.js';

/** What a message about a 差评 or its case tells (narrow reads for the messaging module). */
export interface EvaluationNoticeFacts {
  evaluationId: string;
  /** the rated (responsible) organisation */
  organisationId: string;
  /** who rated; null for an anonymous rating */
  raterAccountId: string | null;
  applicationId: string | null;
  level: number;
}

export interface CaseNoticeFacts extends EvaluationNoticeFacts {
  caseId: string;
  status: string;
  rectifyDueDate: string;
  reply: string | null;
}

export async function findEvaluationNoticeFacts(
  db: Executor,
  evaluationId: string,
): Promise<EvaluationNoticeFacts | undefined> {
  const row = await findEvaluation(db, evaluationId);
  return row
    ? {
        evaluationId: row.id,
        organisationId: row.organisationId,
        raterAccountId: row.raterAccountId,
        applicationId: row.applicationId,
        level: row.level,
      }
    : undefined;
}

export async function findCaseNoticeFacts(
  db: Executor,
  caseId: string,
): Promise<CaseNoticeFacts | undefined> {
  const found = await findCase(db, caseId);
  return found
    ? {
        caseId: found.case.id,
        evaluationId: found.evaluation.id,
        organisationId: found.case.organisationId,
        raterAccountId: found.evaluation.raterAccountId,
        applicationId: found.evaluation.applicationId,
        level: found.evaluation.level,
        status: found.case.status,
        rectifyDueDate: found.case.rectifyDueDate,
        reply: found.case.reply,
      }
    : undefined;
}

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
      findBundleApplication,
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
    // 好差评 joins the six mosts of the catalogue
    app.catalog.setSatisfactionSource((groupBy, regions) =>
      service.statistics.satisfactionBy(groupBy, regions),
    );
    await app.register(evaluationRoutes, { prefix: '/api/v1/evaluations', service });
  },
  {
    name: 'evaluation',
    dependencies: ['kernel', 'directory', 'identity', 'catalog', 'applications'],
  },
);
