import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Draft, DraftList, DraftTargetParams, Problem, SaveDraftBody } from '@zhengtong/contracts';
import type { ApplicationDrafts } from './drafts.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
};
const tags = ['applications'];

/** 草稿 under /api/v1/applications/drafts: the signed-in applicant's own drafts. */
export const draftRoutes: FastifyPluginAsyncTypebox<{ drafts: ApplicationDrafts }> = async (
  app,
  { drafts },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'My drafts (草稿), the last saved first, without their forms',
        response: { 200: DraftList, ...problems },
      },
    },
    (req) => drafts.mine(req.actor),
  );

  app.get(
    '/:target',
    {
      schema: {
        tags,
        summary: 'My draft of a target (list:<listId> or bundle:<code>:<regionCode>)',
        params: DraftTargetParams,
        response: { 200: Draft, ...problems },
      },
    },
    (req) => drafts.get(req.actor, req.params.target),
  );

  app.put(
    '/:target',
    {
      schema: {
        tags,
        summary:
          'Save my draft of a target (created 201 or replaced 200); the form is not checked against the service’s schema',
        params: DraftTargetParams,
        body: SaveDraftBody,
        response: { 200: Draft, 201: Draft, ...problems, 413: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const { draft, created } = await drafts.save(req.actor, req.params.target, req.body);
      return reply.status(created ? 201 : 200).send(draft);
    },
  );

  app.delete(
    '/:target',
    {
      schema: {
        tags,
        summary: 'Delete my draft of a target',
        params: DraftTargetParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await drafts.remove(req.actor, req.params.target);
      return reply.status(204).send(null);
    },
  );
};
