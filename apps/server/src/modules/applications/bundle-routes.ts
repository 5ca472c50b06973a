import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BundleApplication,
  BundleApplicationPage,
  BundleApplicationPageQuery,
  Problem,
  SubmitBundleBody,
} from '@zhengtong/contracts';
import type { BundleApplicationsService } from './bundles.js';

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

/** 一件事 bundle applications under /api/v1/bundle-applications. */
export const bundleApplicationsRoutes: FastifyPluginAsyncTypebox<{
  service: BundleApplicationsService;
}> = async (app, { service }) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  app.post(
    '/',
    {
      schema: {
        tags,
        summary:
          '一件事申报: one form for the items of a bundle in a region. Send an Idempotency-Key: a retried submit answers 200 with the same bundle application',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: SubmitBundleBody,
        response: { 201: BundleApplication, 200: BundleApplication, ...problems },
      },
    },
    async (req, reply) => {
      const { bundleApplication, replayed } = await service.submit(
        req.actor,
        req.body,
        req.headers['idempotency-key'],
        ctx(req),
      );
      return reply.status(replayed ? 200 : 201).send(bundleApplication);
    },
  );

  app.get(
    '/mine',
    {
      schema: {
        tags,
        summary: 'My 一件事 bundle applications, newest first',
        querystring: BundleApplicationPageQuery,
        response: { 200: BundleApplicationPage, ...problems },
      },
    },
    (req) => service.mine(req.actor, req.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary:
          'One bundle application with its members and timeline (the applicant, or staff of the accepting hall or of a member’s department)',
        params: Id,
        response: { 200: BundleApplication, ...problems },
      },
    },
    (req) => service.get(req.actor, req.params.id),
  );

  app.post(
    '/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw the whole bundle application while no member has been accepted (撤回)',
        params: Id,
        response: { 200: BundleApplication, ...problems },
      },
    },
    (req) => service.withdraw(req.actor, req.params.id, ctx(req)),
  );
};
