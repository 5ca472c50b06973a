import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  Certificate,
  CertificateAuthorisation,
  CertificateAuthorisationList,
  CertificateIdentifier,
  CertificateMaterialOptions,
  CertificatePage,
  CertificateTypeList,
  CertificateUseList,
  ChangeCertificateBody,
  CreateAuthorisationBody,
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
  CertificateTypeCode,
  CertificateTypeDetail,
} from '@zhengtong/contracts';
import { NotFoundError } from '../../kernel/errors.js';
import type { CertificatesService } from './service.js';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const SealListQuery = Type.Object({
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
});
const AuthorisationParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  authorisationId: Type.String({ format: 'uuid' }),
});
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem };

/** `inline; filename=…` with an ASCII fallback and the RFC 5987 form. */
function inlineDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^0-9A-Za-z._-]/g, '_');
  return `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const certificatesRoutes: FastifyPluginAsyncTypebox<{
  service: CertificatesService;
  pdf: { publicUrl: string; fontPath: string | undefined };
  /** a type with the implementation lists that issue it (the catalogue knows those) */
  typeDetail: (code: string) => Promise<CertificateTypeDetail | undefined>;
}> = async (app, { service, pdf, typeDetail }) => {
  app.get(
    '/types/:code',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'A type of the 证照目录 with its data items and the lists whose completion issues it',
        params: Type.Object({ code: CertificateTypeCode }),
        response: { 200: CertificateTypeDetail, 400: Problem, 404: Problem },
      },
    },
    async (req) => {
      const detail = await typeDetail(req.params.code);
      if (!detail)
        throw new NotFoundError('certificate-type-not-found', 'no such certificate type');
      return detail;
    },
  );

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
        description:
          'A department system calls with `Authorization: Bearer <token>`, a client-credentials token of /oidc with scope certificates:issue, for the organisation its client is registered for; the issuing organisation’s approvers call with their session.',
        body: IssueCertificateBody,
        response: { 201: Certificate, ...errors, 422: Problem },
      },
      config: { acceptsClients: true },
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
    '/mine/for-list/:listId',
    {
      schema: {
        tags: ['certificates'],
        summary:
          '免提交: the applicant’s valid certificates for each certificate material of a list',
        params: Type.Object({ listId: Type.String({ format: 'uuid' }) }),
        response: { 200: CertificateMaterialOptions, ...errors },
      },
    },
    (req) => service.forList(req.actor, req.params.listId),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['certificates'],
        summary:
          'A certificate (its holder, the issuing organisation’s staff, or an authorised department’s)',
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

  app.get(
    '/:id/pdf',
    {
      schema: {
        tags: ['certificates'],
        summary: 'The printable PDF with its verification QR code (whoever may read it)',
        params: IdParams,
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...errors,
          503: Problem,
        },
      },
    },
    async (req, reply) => {
      const file = await service.pdf(req.actor, req.params.id, pdf);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', inlineDisposition(`${file.identifier}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(file.pdf);
    },
  );

  app.get(
    '/:id/authorisations',
    {
      schema: {
        tags: ['certificates'],
        summary: '用证授权: the certificate’s authorisations (holder only)',
        params: IdParams,
        response: { 200: CertificateAuthorisationList, ...errors },
      },
    },
    (req) => service.authorisations(req.actor, req.params.id),
  );

  app.post(
    '/:id/authorisations',
    {
      schema: {
        tags: ['certificates'],
        summary: '用证授权: let a department read the certificate (holder only)',
        params: IdParams,
        body: CreateAuthorisationBody,
        response: { 201: CertificateAuthorisation, ...errors, 422: Problem },
      },
    },
    async (req, reply) => {
      const created = await service.authorise(req.actor, req.params.id, req.body, req.id);
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/:id/authorisations/:authorisationId/withdraw',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Withdraw an authorisation (holder only)',
        params: AuthorisationParams,
        response: { 200: CertificateAuthorisation, ...errors },
      },
    },
    (req) =>
      service.withdrawAuthorisation(req.actor, req.params.id, req.params.authorisationId, req.id),
  );

  app.get(
    '/:id/uses',
    {
      schema: {
        tags: ['certificates'],
        summary: '用证记录: who read the certificate, when and for what (holder only)',
        params: IdParams,
        response: { 200: CertificateUseList, ...errors },
      },
    },
    (req) => service.uses(req.actor, req.params.id),
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
