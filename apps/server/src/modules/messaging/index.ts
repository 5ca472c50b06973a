import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { registerRecurringJob } from '../../kernel/events/recurring.js';
import { DeliveryWorker, type Sender } from './delivery.js';
import { EmailChannel, EmailSender, smtpTransport } from './email.js';
import { InboxChannel, Notifier, type Channel } from './notifier.js';
import {
  deliveriesRoutes,
  notificationsRoutes,
  smsReceiptsRoutes,
  templatesRoutes,
  webhooksRoutes,
} from './routes.js';
import {
  DeliveriesService,
  NotificationsService,
  PreferencesService,
  SmsReceiptsService,
  TemplatesService,
  WebhooksService,
} from './service.js';
import { HttpSmsProvider, LoggingSmsProvider, SmsChannel, SmsSender } from './sms.js';
import { subscribeNotifications } from './subscriptions.js';
import { DEADLINE_WARNING_EVERY_MS, DEADLINE_WARNING_JOB, warnDueTasks } from './warnings.js';
import { WebhookChannel, WebhookSender } from './webhook.js';

export type { Channel, Message, Outgoing, Prepared } from './notifier.js';
export { NotificationsService } from './service.js';
export type { DeliveryWorker, Sender } from './delivery.js';
export type { SmsProvider } from './sms.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** the one worker that sends e-mail (when ZT_SMTP_URL is set), SMS and webhooks */
    deliveryWorker: DeliveryWorker;
  }
}

/**
 * 统一消息: messages of what happened, made from outbox events and rendered from templates (the
 * defaults in code, the province's overrides) in each recipient's language. The Notifier sends
 * through channels: the inbox every account has; e-mail (SMTP, when ZT_SMTP_URL is set) and SMS
 * (the configured provider) for those who ask; webhooks to the department systems of the
 * organisation concerned. All but the inbox are queued and sent by one delivery worker on
 * durable jobs, with retries, backoff and dead letters for ops.
 */
export const messagingModule = fp(
  async (app: FastifyInstance) => {
    const { kernel } = app;
    const db = kernel.db.orm;
    const { smtp, sms, webhook, publicUrl } = kernel.config;
    const log = app.log.child({ module: 'messaging' });

    const channels: Channel[] = [new InboxChannel(db)];
    const senders: Sender[] = [];
    if (smtp.url) {
      const transport = smtpTransport(smtp.url);
      app.addHook('onClose', () => transport.close());
      senders.push(
        new EmailSender({
          fieldCrypto: kernel.fieldCrypto,
          transport,
          from: smtp.from,
          maxAttempts: smtp.maxAttempts,
          publicUrl,
        }),
      );
      channels.push(new EmailChannel({ db }));
    }
    const provider =
      sms.provider === 'http' && sms.url
        ? new HttpSmsProvider({ url: sms.url, token: sms.token })
        : new LoggingSmsProvider(log);
    senders.push(
      new SmsSender({ provider, fieldCrypto: kernel.fieldCrypto, maxAttempts: sms.maxAttempts }),
    );
    channels.push(new SmsChannel({ db, publicUrl }));
    senders.push(
      new WebhookSender({
        db,
        fieldCrypto: kernel.fieldCrypto,
        maxAttempts: webhook.maxAttempts,
        allowPrivate: webhook.allowPrivate,
        publicUrl,
      }),
    );
    channels.push(new WebhookChannel({ db }));

    const worker = new DeliveryWorker({ db, senders, log });
    worker.register(kernel.jobs);
    app.decorate('deliveryWorker', worker);

    subscribeNotifications(kernel.dispatcher, {
      db,
      notifier: new Notifier(db, channels),
      catalog: app.catalog,
    });
    await registerRecurringJob(kernel.jobs, db, {
      kind: DEADLINE_WARNING_JOB,
      everyMs: DEADLINE_WARNING_EVERY_MS,
      run: async () => {
        const warned = await warnDueTasks(db);
        if (warned > 0) log.info({ warned }, 'warned officers of tasks nearing their deadline');
      },
    });

    await app.register(notificationsRoutes, {
      prefix: '/api/v1/notifications',
      service: new NotificationsService(db),
      preferences: new PreferencesService({
        db,
        fieldCrypto: kernel.fieldCrypto,
        emailAvailable: smtp.url !== undefined,
      }),
    });
    await app.register(deliveriesRoutes, {
      prefix: '/api/v1/messaging/deliveries',
      deliveries: new DeliveriesService({ db }),
    });
    await app.register(templatesRoutes, {
      prefix: '/api/v1/messaging',
      templates: new TemplatesService({ db }),
    });
    await app.register(webhooksRoutes, {
      prefix: '/api/v1/messaging/webhooks',
      webhooks: new WebhooksService({
        db,
        fieldCrypto: kernel.fieldCrypto,
        allowPrivate: webhook.allowPrivate,
      }),
    });
    await app.register(smsReceiptsRoutes, {
      prefix: '/api/v1/messaging/sms',
      receipts: new SmsReceiptsService({ db, secret: sms.receipts.secret }),
    });
  },
  { name: 'messaging', dependencies: ['kernel', 'identity', 'catalog', 'applications'] },
);
