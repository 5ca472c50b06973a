import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { EmailChannel, EmailSender, smtpTransport } from './email.js';
import { InboxChannel, Notifier, type Channel } from './notifier.js';
import { deliveriesRoutes, notificationsRoutes } from './routes.js';
import { DeliveriesService, NotificationsService, PreferencesService } from './service.js';
import { subscribeNotifications } from './subscriptions.js';

export type { Channel, Delivery, Notice } from './notifier.js';
export { NotificationsService } from './service.js';
export type { EmailSender } from './email.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the e-mail sender, undefined when ZT_SMTP_URL is unset (tests drive it) */
    emailSender: EmailSender | undefined;
  }
}

/**
 * 站内消息 and e-mail: notifications of what happened to one's applications (and, for
 * department heads, 督办 escalations), made from outbox events. The Notifier sends through
 * channels: the inbox every account has, and e-mail (SMTP, when ZT_SMTP_URL is set) for those
 * who ask for it, queued and sent by durable jobs with retries and dead letters.
 */
export const messagingModule = fp(
  async (app: FastifyInstance) => {
    const { kernel } = app;
    const db = kernel.db.orm;
    const smtp = kernel.config.smtp;
    const channels: Channel[] = [new InboxChannel(db)];
    let sender: EmailSender | undefined;
    if (smtp.url) {
      const transport = smtpTransport(smtp.url);
      app.addHook('onClose', () => transport.close());
      sender = new EmailSender({
        db,
        fieldCrypto: kernel.fieldCrypto,
        transport,
        from: smtp.from,
        maxAttempts: smtp.maxAttempts,
        publicUrl: kernel.config.publicUrl,
        log: app.log.child({ module: 'messaging' }),
      });
      sender.register(kernel.jobs);
      channels.push(new EmailChannel({ db }));
    }
    app.decorate('emailSender', sender);
    const notifier = new Notifier(channels);
    subscribeNotifications(kernel.dispatcher, { db, notifier, catalog: app.catalog });
    const service = new NotificationsService(db);
    const preferences = new PreferencesService({
      db,
      fieldCrypto: kernel.fieldCrypto,
      emailAvailable: sender !== undefined,
    });
    await app.register(notificationsRoutes, {
      prefix: '/api/v1/notifications',
      service,
      preferences,
    });
    await app.register(deliveriesRoutes, {
      prefix: '/api/v1/messaging/deliveries',
      deliveries: new DeliveriesService({ db }),
    });
  },
  { name: 'messaging', dependencies: ['kernel', 'identity', 'catalog', 'applications'] },
);
