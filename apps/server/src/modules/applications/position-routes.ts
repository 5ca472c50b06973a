import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, ProcessPosition } from '@zhengtong/contracts';
import { NotFoundError } from '../../kernel/errors.js';
import type { WorkflowService } from '../workflow/index.js';
import type { ApplicationsService } from './service.js';

/**
 * GET /api/v1/applications/{id}/position: where the application stands on its process diagram,
 * for whoever may read the application (the applicant, its officers). An application without a
 * process (a bundle member still waiting) has no position yet: 404 `no-process`.
 */
export const positionRoutes: FastifyPluginAsyncTypebox<{
  applications: ApplicationsService;
  workflow: WorkflowService;
}> = async (app, { applications, workflow }) => {
  app.get(
    '/:id/position',
    {
      schema: {
        tags: ['applications'],
        summary: '办理进度图: the process diagram with the steps done and the steps open',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ProcessPosition, 401: Problem, 404: Problem },
      },
    },
    async (req) => {
      const { app: application } = await applications.readable(req.actor, req.params.id);
      const position = application.processInstanceId
        ? await workflow.position(application.processInstanceId)
        : undefined;
      if (!position) {
        throw new NotFoundError('no-process', 'the application has no process yet');
      }
      return position;
    },
  );
};
