import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '@zhengtong/contracts';
import { AuditPage, AuditQuery, AuditVerifyReport } from './admin-schemas.js';
import type { AuditReadService } from './audit-service.js';
import { context } from './routes.js';

const problems = { 400: Problem, 401: Problem, 403: Problem };
const tags = ['identity'];

/** 审计 under /api/v1/audit: the audit admin's read-only view of the audit chain. */
export const auditRoutes: FastifyPluginAsyncTypebox<{ service: AuditReadService }> = async (
  app,
  { service },
) => {
  app.get(
    '/records',
    {
      schema: {
        tags,
        summary: 'Audit records, newest first (audit admin only); page with `before`',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems },
      },
    },
    (req) => service.list(req.actor, req.query, context(req)),
  );

  app.post(
    '/verify',
    {
      schema: {
        tags,
        summary: 'Verify the SM3 hash chain and the SM2-signed checkpoints (audit admin only)',
        response: { 200: AuditVerifyReport, ...problems },
      },
    },
    (req) => service.verify(req.actor, context(req)),
  );
};
