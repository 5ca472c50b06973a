import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem } from '@zhengtong/contracts';
import {
  Agent,
  AgentList,
  AgentListQuery,
  AuthoriseAgentBody,
  UpdateAgentBody,
} from './admin-schemas.js';
import type { AgentsService } from './agents-service.js';
import { context } from './routes.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const EnterpriseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AgentId = Type.Object({
  id: Type.String({ format: 'uuid' }),
  agentId: Type.String({ format: 'uuid' }),
});
const tags = ['identity'];

/**
 * 经办人 under /api/v1/identity/enterprises/:id/agents, for the legal representative and agents
 * with the `manageAgents` scope; anyone else is told the enterprise does not exist.
 */
export const agentsRoutes: FastifyPluginAsyncTypebox<{ service: AgentsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/:id/agents',
    {
      schema: {
        tags,
        summary: 'List the agents (经办人) of an enterprise: current ones, or all with ?all=true',
        params: EnterpriseId,
        querystring: AgentListQuery,
        response: { 200: AgentList, ...problems },
      },
    },
    (req) => service.list(req.actor, req.params.id, req.query.all),
  );

  app.post(
    '/:id/agents',
    {
      schema: {
        tags,
        summary:
          'Authorise a registered person (by ID number or phone) with a scope and an expiry within three years',
        params: EnterpriseId,
        body: AuthoriseAgentBody,
        response: { 201: Agent, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.authorise(req.actor, req.params.id, req.body, context(req))),
  );

  app.patch(
    '/:id/agents/:agentId',
    {
      schema: {
        tags,
        summary: "Change an agent's scope or expiry",
        params: AgentId,
        body: UpdateAgentBody,
        response: { 200: Agent, ...problems },
      },
    },
    (req) => service.update(req.actor, req.params.id, req.params.agentId, req.body, context(req)),
  );

  app.delete(
    '/:id/agents/:agentId',
    {
      schema: {
        tags,
        summary: 'Revoke an agent; it can no longer act for the enterprise',
        params: AgentId,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await service.revoke(req.actor, req.params.id, req.params.agentId, context(req));
      return reply.status(204).send(null);
    },
  );
};
