import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { InboxChannel, Notifier } from './notifier.js';
import { notificationsRoutes } from './routes.js';
import { NotificationsService } from './service.js';
import { subscribeNotifications } from './subscriptions.js';

export type { Channel, Delivery, Notice } from './notifier.js';
export { NotificationsService } from './service.js';

/**
 * 站内消息: notifications of what happened to one's applications (and, for department heads,
 * 督办 escalations), made from outbox events, and the inbox API. The Notifier sends through
 * channels; the inbox is the one every account has (e-mail, SMS and webhooks can join it).
 */
export const messagingModule = fp(
  async (app: FastifyInstance) => {
    const db = app.kernel.db.orm;
    const notifier = new Notifier([new InboxChannel(db)]);
    subscribeNotifications(app.kernel.dispatcher, { db, notifier, catalog: app.catalog });
    const service = new NotificationsService(db);
    await app.register(notificationsRoutes, { prefix: '/api/v1/notifications', service });
  },
  { name: 'messaging', dependencies: ['kernel', 'identity', 'catalog', 'applications'] },
);
