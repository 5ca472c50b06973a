import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, ProcessPosition, ResultDocument } from '@zhengtong/contracts';
import type { Drizzle } from '../../kernel/db/database.js';
import { NotFoundError } from '../../kernel/errors.js';
import type { CatalogService } from '../catalog/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { resultDocument } from './result-document.js';
import type { ApplicationsService } from './service.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * What the applicant and the officers read about an application beside its record: where it
 * stands on its process diagram, and the result document it ended with. Whoever may not read the
 * application gets a 404.
 */
export const applicationViewRoutes: FastifyPluginAsyncTypebox<{
  applications: ApplicationsService;
  workflow: WorkflowService;
  db: Drizzle;
  catalog: CatalogService;
}> = async (app, { applications, workflow, db, catalog }) => {
  app.get(
    '/:id/position',
    {
      schema: {
        tags: ['applications'],
        summary: '办理进度图: the process diagram with the steps done and the steps open',
        params: Id,
        response: { 200: ProcessPosition, 401: Problem, 404: Problem },
      },
    },
    async (req) => {
      const { app: application } = await applications.readable(req.actor, req.params.id);
      // a bundle member still waiting for its stage has no process yet
      const position = application.processInstanceId
        ? await workflow.position(application.processInstanceId)
        : undefined;
      if (!position) {
        throw new NotFoundError('no-process', 'the application has no process yet');
      }
      return position;
    },
  );

  app.get(
    '/:id/result',
    {
      schema: {
        tags: ['applications'],
        summary:
          '办理结果文书: 准予办理决定书, 不予办理决定书 or 不予受理通知书 of a decided application (404 `no-result` before)',
        params: Id,
        response: { 200: ResultDocument, 401: Problem, 404: Problem },
      },
    },
    async (req) =>
      resultDocument({ db, catalog }, await applications.get(req.actor, req.params.id)),
  );
};
