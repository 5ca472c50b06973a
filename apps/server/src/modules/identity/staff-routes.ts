import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, Role } from '@zhengtong/contracts';
import {
  CreateStaffBody,
  GrantRoleBody,
  StaffDetail,
  StaffList,
  StaffListQuery,
} from './admin-schemas.js';
import { context } from './routes.js';
import type { StaffService } from './staff-service.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['identity'];

/**
 * 工作人员管理 under /api/v1/identity/staff. Admin roles only, with a session that passed the
 * second factor; a staff account outside the caller's jurisdiction answers 404.
 */
export const staffRoutes: FastifyPluginAsyncTypebox<{ service: StaffService }> = async (
  app,
  { service },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List staff accounts in your jurisdiction (a department admin: its organisation)',
        querystring: StaffListQuery,
        response: { 200: StaffList, ...problems },
      },
    },
    (req) => service.list(req.actor, req.query),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary:
          'Create a staff account; it must change the initial password at first login. Roles need grant power',
        body: CreateStaffBody,
        response: { 201: StaffDetail, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.create(req.actor, req.body, context(req))),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One staff account with its role assignments',
        params: Id,
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.get(req.actor, req.params.id),
  );

  app.post(
    '/:id/roles',
    {
      schema: {
        tags,
        summary: 'Grant a role (audited; 三员 roles are held alone)',
        params: Id,
        body: GrantRoleBody,
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.grantRole(req.actor, req.params.id, req.body, context(req)),
  );

  app.delete(
    '/:id/roles/:role',
    {
      schema: {
        tags,
        summary: 'Revoke a role (audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), role: Role }),
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.revokeRole(req.actor, req.params.id, req.params.role, context(req)),
  );

  app.post(
    '/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a lockout after failed logins',
        params: Id,
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.unlock(req.actor, req.params.id, context(req)),
  );

  app.post(
    '/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable the account; its sessions end at once',
        params: Id,
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.disable(req.actor, req.params.id, context(req)),
  );

  app.post(
    '/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable a disabled account again',
        params: Id,
        response: { 200: StaffDetail, ...problems },
      },
    },
    (req) => service.enable(req.actor, req.params.id, context(req)),
  );
};
