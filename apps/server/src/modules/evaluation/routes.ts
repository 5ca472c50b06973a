import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Appeal,
  AppealBody,
  AppealDecisionBody,
  AppealList,
  ApplicationEvaluationState,
  BundleEvaluationState,
  CaseCloseBody,
  CaseListQuery,
  CaseReplyBody,
  CaseVisitBody,
  Evaluation,
  EvaluationList,
  EvaluationListQuery,
  EvaluationSession,
  EvaluationStats,
  OpenSessionBody,
  Problem,
  PublicStats,
  RateBody,
  RateSessionBody,
  RectificationCase,
  RectificationCaseList,
  StatsQuery,
} from '@zhengtong/contracts';
import type { EvaluationService } from './service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['evaluations'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ApplicationParams = Type.Object({ applicationId: Type.String({ format: 'uuid' }) });
const BundleParams = Type.Object({ bundleApplicationId: Type.String({ format: 'uuid' }) });
const AppealStatusQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('rejected')]),
  ),
});

/** 好差评 under /api/v1/evaluations. */
export const evaluationRoutes: FastifyPluginAsyncTypebox<{ service: EvaluationService }> = async (
  app,
  { service },
) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Ratings: my own (applicants), my organisation’s (staff), all (province admin)',
        querystring: EvaluationListQuery,
        response: { 200: EvaluationList, ...problems },
      },
    },
    (req) => service.list(req.actor, req.query),
  );

  app.get(
    '/applications/:applicationId',
    {
      schema: {
        tags,
        summary: '一事一评: whether I may rate my application now, and my rating',
        params: ApplicationParams,
        response: { 200: ApplicationEvaluationState, ...problems },
      },
    },
    (req) => service.applicationState(req.actor, req.params.applicationId),
  );

  app.post(
    '/applications/:applicationId',
    {
      schema: {
        tags,
        summary: '一事一评: rate my completed or refused application, once',
        params: ApplicationParams,
        body: RateBody,
        response: { 201: Evaluation, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.rateApplication(req.actor, req.params.applicationId, req.body, ctx(req)),
        ),
  );

  app.get(
    '/bundle-applications/:bundleApplicationId',
    {
      schema: {
        tags,
        summary:
          '一事一评 of an 一件事: whether I may rate my bundle application now, and my rating',
        params: BundleParams,
        response: { 200: BundleEvaluationState, ...problems },
      },
    },
    (req) => service.bundleState(req.actor, req.params.bundleApplicationId),
  );

  app.post(
    '/bundle-applications/:bundleApplicationId',
    {
      schema: {
        tags,
        summary:
          '一事一评 of an 一件事: rate my completed or failed bundle application once, as a whole',
        params: BundleParams,
        body: RateBody,
        response: { 201: Evaluation, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.rateBundle(req.actor, req.params.bundleApplicationId, req.body, ctx(req)),
        ),
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: '一次一评: open a service session at my window; its token goes to the tablet/QR',
        body: OpenSessionBody,
        response: { 201: EvaluationSession, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.openSession(req.actor, req.body, ctx(req))),
  );

  app.post(
    '/sessions/rating',
    {
      schema: {
        tags,
        summary: '一次一评: rate a service session with its token (no sign-in), once',
        body: RateSessionBody,
        response: { 201: Evaluation, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.rateSession(req.actor, req.body, ctx(req))),
  );

  app.get(
    '/stats',
    {
      schema: {
        tags,
        summary: 'Figures by organisation, item, region or channel (staff, within their scope)',
        querystring: StatsQuery,
        response: { 200: EvaluationStats, ...problems },
      },
    },
    (req) => service.statistics.stats(req.actor, req.query),
  );

  app.get(
    '/public-stats',
    {
      schema: {
        tags,
        summary: '结果公开: volume and rates per organisation, for everyone',
        response: { 200: PublicStats, ...problems },
      },
    },
    () => service.statistics.publicStats(),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: '差评整改: my organisation’s cases (province admin: all)',
        querystring: CaseListQuery,
        response: { 200: RectificationCaseList, ...problems },
      },
    },
    (req) => service.listCases(req.actor, req.query),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One 差评整改 case',
        params: Id,
        response: { 200: RectificationCase, ...problems },
      },
    },
    (req) => service.getCase(req.actor, req.params.id),
  );

  app.post(
    '/cases/:id/visit',
    {
      schema: {
        tags,
        summary: '回访: record the return visit',
        params: Id,
        body: CaseVisitBody,
        response: { 200: RectificationCase, ...problems },
      },
    },
    (req) => service.visit(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/cases/:id/reply',
    {
      schema: {
        tags,
        summary: '整改答复: the rectification and the reply to the applicant',
        params: Id,
        body: CaseReplyBody,
        response: { 200: RectificationCase, ...problems },
      },
    },
    (req) => service.reply(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/cases/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a replied case',
        params: Id,
        body: CaseCloseBody,
        response: { 200: RectificationCase, ...problems },
      },
    },
    (req) => service.close(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/cases/:id/follow-up',
    {
      schema: {
        tags,
        summary: '追评: the rater rates once more after the reply',
        params: Id,
        body: RateBody,
        response: { 201: Evaluation, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.rateFollowUp(req.actor, req.params.id, req.body, ctx(req))),
  );

  app.get(
    '/appeals',
    {
      schema: {
        tags,
        summary: '申诉复核: my organisation’s appeals and those I may decide',
        querystring: AppealStatusQuery,
        response: { 200: AppealList, ...problems },
      },
    },
    (req) => service.listAppeals(req.actor, req.query.status),
  );

  app.post(
    '/appeals/:id/decision',
    {
      schema: {
        tags,
        summary: '复核: decide an appeal of another organisation (department or province admin)',
        params: Id,
        body: AppealDecisionBody,
        response: { 200: Appeal, ...problems },
      },
    },
    (req) => service.decideAppeal(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One rating',
        params: Id,
        response: { 200: Evaluation, ...problems },
      },
    },
    (req) => service.get(req.actor, req.params.id),
  );

  app.post(
    '/:id/appeal',
    {
      schema: {
        tags,
        summary: '申诉: the rated organisation appeals a 差评 as mistaken or malicious',
        params: Id,
        body: AppealBody,
        response: { 201: Appeal, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.appeal(req.actor, req.params.id, req.body, ctx(req))),
  );
};
