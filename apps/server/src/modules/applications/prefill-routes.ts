import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Prefill, PrefillQuery, Problem } from '@zhengtong/contracts';
import { requestContext } from '../identity/index.js';
import type { PrefillService } from './prefill.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };

/** 预填 under /api/v1/applications (a static path, so it never meets `/:id`). */
export const prefillRoutes: FastifyPluginAsyncTypebox<{ service: PrefillService }> = async (
  app,
  { service },
) => {
  app.get(
    '/prefill',
    {
      schema: {
        tags: ['applications'],
        summary:
          "预填: values from the signed-in applicant's identity for the form fields marked " +
          '`x-zt-prefill`, of a list in force (`listId`) or a bundle in a region (`bundle`, ' +
          '`region`). Filling the ID number or phone is an audited view by the holder',
        querystring: PrefillQuery,
        response: { 200: Prefill, ...problems },
      },
    },
    async (req, reply) => {
      // unmasked personal data: never cached anywhere between the holder and the server
      reply.header('cache-control', 'no-store');
      return service.prefill(req.actor, req.query, requestContext(req));
    },
  );
};
