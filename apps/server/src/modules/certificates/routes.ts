import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Certificate,
  CertificateIdentifier,
  CertificatePage,
  CertificateTypeList,
  ChangeCertificateBody,
  CreateSealBody,
  IssueCertificateBody,
  Problem,
  PublishedSealList,
  RevokeCertificateBody,
  Seal,
  SealList,
  SealReasonBody,
  SignedCertificateFile,
  Verification,
  WalletQuery,
} from '@zhengtong/contracts';
import type { CertificatesService } from './service.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const SealListQuery = Type.Object({
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

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

  // ------------------------------------------------------------------------------ seals

  app.get(
    '/seals',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Published seal public keys (电子印章公钥), for offline verification',
        response: { 200: PublishedSealList },
      },
    },
    () => service.seals.published(),
  );

  app.get(
    '/admin/seals',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Seals the admin manages',
        querystring: SealListQuery,
        response: { 200: SealList, ...errors },
      },
    },
    (req) => service.seals.list(req.actor, req.query.organisationId),
  );

  app.post(
    '/admin/seals',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Create an organisation’s seal (a new SM2 key pair)',
        body: CreateSealBody,
        response: { 201: Seal, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const seal = await service.seals.create(req.actor, req.body, req.id);
      return reply.code(201).send(seal);
    },
  );

  for (const [verb, summary] of [
    ['suspend', 'Suspend a seal (暂停)'],
    ['resume', 'Resume a suspended seal'],
    ['rotate', 'Rotate: a new key pair takes over, the old seal is retired'],
  ] as const) {
    app.post(
      `/admin/seals/:id/${verb}`,
      {
        schema: {
          tags: ['certificates'],
          summary,
          params: IdParams,
          response: { 200: Seal, ...errors },
        },
      },
      (req) => service.seals[verb](req.actor, req.params.id, req.id),
    );
  }

  app.post(
    '/admin/seals/:id/revoke',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Revoke a seal (吊销): what it signed no longer verifies as valid',
        params: IdParams,
        body: SealReasonBody,
        response: { 200: Seal, ...errors },
      },
    },
    (req) => service.seals.revoke(req.actor, req.params.id, req.body.reason, req.id),
  );

  // ------------------------------------------------------------------------------ certificates

  app.post(
    '/',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Issue a certificate (签发) for a department system',
        body: IssueCertificateBody,
        response: { 201: Certificate, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const issued = await service.issueByApi(req.actor, req.body, req.id);
      return reply.code(201).send(issued);
    },
  );

  app.get(
    '/verify/:identifier',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Verify a certificate by its identifier (public)',
        params: Type.Object({ identifier: CertificateIdentifier }),
        response: { 200: Verification, 400: Problem },
      },
    },
    (req) => service.verify(req.params.identifier),
  );

  app.get(
    '/mine',
    {
      schema: {
        tags: ['certificates'],
        summary: '我的证照: the signed-in person’s certificates, or an enterprise’s',
        querystring: WalletQuery,
        response: { 200: CertificatePage, ...errors },
      },
    },
    (req) => service.mine(req.actor, req.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['certificates'],
        summary: 'A certificate (its holder, or the issuing organisation’s staff)',
        params: IdParams,
        response: { 200: Certificate, ...errors },
      },
    },
    (req) => service.get(req.actor, req.params.id),
  );

  app.get(
    '/:id/file',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The signed certificate file, for offline verification (holder only)',
        params: IdParams,
        response: { 200: SignedCertificateFile, ...errors },
      },
    },
    async (req, reply) => {
      const file = await service.file(req.actor, req.params.id);
      const name = `${file.identifier.replace(/[^0-9A-Za-z.]/g, '_')}.json`;
      return reply.header('content-disposition', `attachment; filename="${name}"`).send(file);
    },
  );

  app.post(
    '/:id/revoke',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Revoke a certificate (注销/吊销)',
        params: IdParams,
        body: RevokeCertificateBody,
        response: { 200: Certificate, ...errors },
      },
    },
    (req) => service.revoke(req.actor, req.params.id, req.body.reason, req.id),
  );

  app.post(
    '/:id/change',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Change (变更): a new version replaces the certificate',
        params: IdParams,
        body: ChangeCertificateBody,
        response: { 201: Certificate, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const changed = await service.change(req.actor, req.params.id, req.body, req.id);
      return reply.code(201).send(changed);
    },
  );
};
