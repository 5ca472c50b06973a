import type { ReadStream } from 'node:fs';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AcceptBody,
  DeliverBody,
  Application,
  ApplicationFile,
  ApplicationFileList,
  ApplicationPage,
  ApplicationPageQuery,
  Problem,
  Progress,
  ProgressQuery,
  RefuseBody,
  RequestSupplementBody,
  ResubmitBody,
  StepBody,
  SubmitApplicationBody,
  SuspendBody,
  WindowIntakeBody,
} from '@zhengtong/contracts';
import { contentDisposition, MAX_UPLOAD_BYTES, type MaterialFiles } from './files.js';
import type { ApplicationsService } from './service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['applications'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FileParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileId: Type.String({ format: 'uuid' }),
});

/** 办件 under /api/v1/applications. */
export const applicationsRoutes: FastifyPluginAsyncTypebox<{
  service: ApplicationsService;
  files: MaterialFiles;
}> = async (app, { service, files }) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  // multipart for material uploads, in this scope only. One file part and a few small fields;
  // the file limit here is the ceiling, each material's own (smaller) limit is applied per upload
  await app.register(multipart, {
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: 1,
      fields: 5,
      parts: 6,
      fieldSize: 1024,
    },
  });

  app.post(
    '/',
    {
      schema: {
        tags,
        summary:
          'Apply (申报). Send an Idempotency-Key: a retried submit answers 200 with the same application',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: SubmitApplicationBody,
        response: { 201: Application, 200: Application, ...problems },
      },
    },
    async (req, reply) => {
      const { application, replayed } = await service.submit(
        req.actor,
        req.body,
        req.headers['idempotency-key'],
        ctx(req),
      );
      return reply.status(replayed ? 200 : 201).send(application);
    },
  );

  app.post(
    '/window',
    {
      schema: {
        tags,
        summary:
          '窗口收件: a window officer files for a walk-in applicant (ID number and name checked); Idempotency-Key as for a submit',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: WindowIntakeBody,
        response: { 201: Application, 200: Application, ...problems },
      },
    },
    async (req, reply) => {
      const { application, replayed } = await service.fileAtWindow(
        req.actor,
        req.body,
        req.headers['idempotency-key'],
        ctx(req),
      );
      return reply.status(replayed ? 200 : 201).send(application);
    },
  );

  app.get(
    '/mine',
    {
      schema: {
        tags,
        summary: 'My applications, newest first',
        querystring: ApplicationPageQuery,
        response: { 200: ApplicationPage, ...problems },
      },
    },
    (req) => service.mine(req.actor, req.query),
  );

  app.get(
    '/progress',
    {
      schema: {
        tags,
        summary: '办件查询 (public): progress by 办件编号 and the applicant’s name',
        querystring: ProgressQuery,
        response: { 200: Progress, ...problems },
      },
    },
    (req) => service.progress(req.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One application with its timeline (applicant or its officers)',
        params: Id,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.get(req.actor, req.params.id),
  );

  app.post(
    '/:id/resubmit',
    {
      schema: {
        tags,
        summary: 'Send the corrected form after a supplement request (补正)',
        params: Id,
        body: ResubmitBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.resubmit(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw before acceptance (撤回)',
        params: Id,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.withdraw(req.actor, req.params.id, ctx(req)),
  );

  app.post(
    '/:id/accept',
    {
      schema: {
        tags,
        summary: '受理 (starts the clock); pendingMaterials for 容缺受理 where allowed',
        params: Id,
        body: AcceptBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.accept(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/refuse',
    {
      schema: {
        tags,
        summary: '不予受理 with the reason',
        params: Id,
        body: RefuseBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.refuse(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/supplement',
    {
      schema: {
        tags,
        summary: '补正: one notice listing every missing or defective material (一次性告知)',
        params: Id,
        body: RequestSupplementBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.requestSupplement(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/suspend',
    {
      schema: {
        tags,
        summary: '挂起: a special procedure (现场勘验, 专家评审, 听证) stops the clock',
        params: Id,
        body: SuspendBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.suspend(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/resume',
    {
      schema: {
        tags,
        summary: '恢复: the clock runs again; the due dates move by the working days suspended',
        params: Id,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.resume(req.actor, req.params.id, ctx(req)),
  );

  app.post(
    '/:id/deliver',
    {
      schema: {
        tags,
        summary:
          '送达: the result of a completed application went out by mail (tracking number) or was collected',
        params: Id,
        body: DeliverBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.deliver(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/:id/steps/:taskId',
    {
      schema: {
        tags,
        summary: 'Complete your step (审查 / 会签意见 / 决定) on an accepted application',
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          taskId: Type.String({ format: 'uuid' }),
        }),
        body: StepBody,
        response: { 200: Application, ...problems },
      },
    },
    (req) => service.step(req.actor, req.params.id, req.params.taskId, req.body, ctx(req)),
  );

  // -------------------------------------------------------------------------------------------
  // 申请材料: files uploaded for the materials of the bound list version

  app.post(
    '/:id/materials/:key/files',
    {
      schema: {
        tags,
        summary:
          'Upload one file for a material (multipart/form-data, exactly one file part); the applicant, while submitted or awaiting supplement',
        consumes: ['multipart/form-data'],
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          key: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
        }),
        response: { 201: ApplicationFile, ...problems, 413: Problem, 415: Problem },
      },
    },
    async (req, reply) => {
      const file = await files.upload(
        req.actor,
        req.params.id,
        req.params.key,
        { isMultipart: req.isMultipart(), parts: (limits) => req.parts({ limits }) },
        ctx(req),
      );
      return reply.status(201).send(file);
    },
  );

  app.get(
    '/:id/files',
    {
      schema: {
        tags,
        summary: 'The application’s material files (applicant or its officers)',
        params: Id,
        response: { 200: ApplicationFileList, ...problems },
      },
    },
    (req) => files.list(req.actor, req.params.id),
  );

  app.get(
    '/:id/files/:fileId/content',
    {
      schema: {
        tags,
        summary: 'A material file’s bytes, as an attachment (applicant or its officers)',
        params: FileParams,
        produces: ['application/octet-stream'],
        response: {
          200: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary' }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const content = await files.content(req.actor, req.params.id, req.params.fileId);
      return reply
        .header('content-type', content.mediaType)
        .header('content-length', content.size)
        .header('content-disposition', contentDisposition(content.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content.stream);
    },
  );

  app.delete(
    '/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Delete a material file (the applicant, while submitted or awaiting supplement)',
        params: FileParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await files.remove(req.actor, req.params.id, req.params.fileId, ctx(req));
      return reply.status(204).send(null);
    },
  );
};
