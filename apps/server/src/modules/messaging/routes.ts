import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  NotificationPage,
  NotificationPageQuery,
  Problem,
  UnreadCount,
} from '@zhengtong/contracts';
import type { NotificationsService } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['notifications'];

/** 站内消息 under /api/v1/notifications: the signed-in account's own inbox. */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{
  service: NotificationsService;
}> = async (app, { service }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationPageQuery,
        response: { 200: NotificationPage, ...problems },
      },
    },
    (req) => service.page(req.actor, req.query),
  );

  app.get(
    '/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread (the bell polls this)',
        response: { 200: UnreadCount, ...problems },
      },
    },
    (req) => service.unreadCount(req.actor),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await service.markRead(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read (全部已读)',
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await service.markAllRead(req.actor);
      return reply.status(204).send(null);
    },
  );
};
