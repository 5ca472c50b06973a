import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MessageDelivery,
  MessageDeliveryPage,
  MessageDeliveryQuery,
  MessagePreferences,
  MessagePreferencesInput,
  NotificationPage,
  NotificationPageQuery,
  Problem,
  UnreadCount,
} from '@zhengtong/contracts';
import type { DeliveriesService, NotificationsService, PreferencesService } from './service.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['notifications'];

/** 站内消息 under /api/v1/notifications: the signed-in account's own inbox. */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{
  service: NotificationsService;
  preferences: PreferencesService;
}> = async (app, { service, preferences }) => {
  app.get(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'My message preferences (消息偏好): channels, e-mail (masked), quiet hours',
        response: { 200: MessagePreferences, ...problems },
      },
    },
    (req) => preferences.get(req.actor),
  );

  app.put(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Set my message preferences; the inbox is always on',
        body: MessagePreferencesInput,
        response: { 200: MessagePreferences, ...problems },
      },
    },
    (req) => preferences.put(req.actor, req.body, { requestId: req.id }),
  );

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

/** Deliveries on the other channels under /api/v1/messaging/deliveries: ops and dead letters. */
export const deliveriesRoutes: FastifyPluginAsyncTypebox<{
  deliveries: DeliveriesService;
}> = async (app, { deliveries }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Message deliveries, newest first (status=dead: the dead letters); ops',
        querystring: MessageDeliveryQuery,
        response: { 200: MessageDeliveryPage, ...problems },
      },
    },
    (req) => deliveries.page(req.actor, req.query),
  );

  app.post(
    '/:id/retry',
    {
      schema: {
        tags,
        summary: 'Put a dead letter back in the queue with fresh attempts; ops',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: MessageDelivery, ...problems },
      },
    },
    (req) => deliveries.retry(req.actor, req.params.id, { requestId: req.id }),
  );
};
