import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CertificateTypeList, Problem } from '@zhengtong/contracts';
import type { CertificatesService } from './service.js';

export const certificatesRoutes: FastifyPluginAsyncTypebox<{
  service: CertificatesService;
}> = async (app, { service }) => {
  app.get(
    '/types',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The certificate-type catalogue (证照目录)',
        response: { 200: CertificateTypeList, 400: Problem },
      },
    },
    (req) => service.listTypes(req.actor),
  );
};
