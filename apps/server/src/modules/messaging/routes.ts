import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MessageDelivery,
  MessageDeliveryPage,
  MessageDeliveryQuery,
  MessageKindList,
  MessagePreferences,
  MessagePreferencesInput,
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplateList,
  MessageTemplateParams,
  MessageTemplatePreview,
  MessageTemplatePreviewInput,
  NotificationPage,
  NotificationPageQuery,
  Problem,
  SmsReceipt,
  SmsReceiptResult,
  UnreadCount,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointList,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@zhengtong/contracts';
import type { FastifyRequest } from 'fastify';
import type {
  DeliveriesService,
  NotificationsService,
  PreferencesService,
  SmsReceiptsService,
  TemplatesService,
  WebhooksService,
} from './service.js';
import { SIGNATURE_HEADER } from './signature.js';

const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const unprocessable = { ...problems, 422: Problem };
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
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
        summary:
          'Message deliveries on every channel, newest first (status=dead: the dead letters); ops',
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

const messagingTags = ['messaging'];

/** 消息模板 under /api/v1/messaging: kinds of message and the province's templates. */
export const templatesRoutes: FastifyPluginAsyncTypebox<{ templates: TemplatesService }> = async (
  app,
  { templates },
) => {
  app.get(
    '/kinds',
    {
      schema: {
        tags: messagingTags,
        summary: 'The kinds of message, whether urgent, and the variables their templates may use',
        response: { 200: MessageKindList, ...problems },
      },
    },
    (req) => templates.kinds(req.actor),
  );

  app.get(
    '/templates',
    {
      schema: {
        tags: messagingTags,
        summary: 'Every template per kind and language, with its default; province admins',
        response: { 200: MessageTemplateList, ...problems },
      },
    },
    (req) => templates.list(req.actor),
  );

  app.get(
    '/templates/:kind/:locale',
    {
      schema: {
        tags: messagingTags,
        summary: 'The template of a kind in a language (the override or the default)',
        params: MessageTemplateParams,
        response: { 200: MessageTemplate, ...problems },
      },
    },
    (req) => templates.get(req.actor, req.params.kind, req.params.locale),
  );

  app.put(
    '/templates/:kind/:locale',
    {
      schema: {
        tags: messagingTags,
        summary: "Replace a template; only the kind's variables ({name}, {#name}…{/name}) — 422",
        params: MessageTemplateParams,
        body: MessageTemplateInput,
        response: { 200: MessageTemplate, ...unprocessable },
      },
    },
    (req) =>
      templates.put(req.actor, req.params.kind, req.params.locale, req.body, {
        requestId: req.id,
      }),
  );

  app.delete(
    '/templates/:kind/:locale',
    {
      schema: {
        tags: messagingTags,
        summary: 'Bring the default template back',
        params: MessageTemplateParams,
        response: { 200: MessageTemplate, ...problems },
      },
    },
    (req) => templates.reset(req.actor, req.params.kind, req.params.locale, { requestId: req.id }),
  );

  app.post(
    '/templates/:kind/:locale/preview',
    {
      schema: {
        tags: messagingTags,
        summary: 'Render the template (or a draft) with sample values (or those given)',
        params: MessageTemplateParams,
        body: MessageTemplatePreviewInput,
        response: { 200: MessageTemplatePreview, ...unprocessable },
      },
    },
    (req) => templates.preview(req.actor, req.params.kind, req.params.locale, req.body),
  );
};

/** Webhooks to department systems under /api/v1/messaging/webhooks: department admins. */
export const webhooksRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhooksService }> = async (
  app,
  { webhooks },
) => {
  app.get(
    '/',
    {
      schema: {
        tags: messagingTags,
        summary: "My organisation's webhook endpoints",
        response: { 200: WebhookEndpointList, ...problems },
      },
    },
    (req) => webhooks.list(req.actor),
  );

  app.post(
    '/',
    {
      schema: {
        tags: messagingTags,
        summary:
          'Register an endpoint (http/https, public address) for kinds of message; the signing secret is shown once',
        body: WebhookEndpointInput,
        response: { 201: WebhookEndpointWithSecret, ...unprocessable },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await webhooks.create(req.actor, req.body, { requestId: req.id })),
  );

  app.put(
    '/:id',
    {
      schema: {
        tags: messagingTags,
        summary: 'Change an endpoint: URL, kinds, description, active',
        params: Id,
        body: WebhookEndpointUpdate,
        response: { 200: WebhookEndpoint, ...unprocessable },
      },
    },
    (req) => webhooks.update(req.actor, req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/:id/rotate-secret',
    {
      schema: {
        tags: messagingTags,
        summary: 'A new signing secret, shown once; the previous one also signs for 24 hours',
        params: Id,
        response: { 200: WebhookEndpointWithSecret, ...problems },
      },
    },
    (req) => webhooks.rotateSecret(req.actor, req.params.id, { requestId: req.id }),
  );
};

/**
 * 短信回执 under /api/v1/messaging/sms: the provider's delivery receipts, authenticated by an
 * HMAC of the raw body (so this plugin keeps the raw JSON; it is encapsulated, other routes
 * parse as usual).
 */
export const smsReceiptsRoutes: FastifyPluginAsyncTypebox<{
  receipts: SmsReceiptsService;
}> = async (app, { receipts }) => {
  const raw = new WeakMap<FastifyRequest, Buffer>();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const buffer = body as Buffer;
    raw.set(req, buffer);
    try {
      done(null, JSON.parse(buffer.toString('utf8')) as unknown);
    } catch (err) {
      done(Object.assign(err as Error, { statusCode: 400 }), undefined);
    }
  });

  app.post(
    '/receipts',
    {
      schema: {
        tags: messagingTags,
        summary: `A delivery receipt from the SMS provider, signed in ${SIGNATURE_HEADER}`,
        headers: Type.Object({ [SIGNATURE_HEADER]: Type.Optional(Type.String()) }),
        body: SmsReceipt,
        response: { 200: SmsReceiptResult, ...problems, 503: Problem },
      },
    },
    (req) => {
      const header = req.headers[SIGNATURE_HEADER];
      return receipts.receive(
        raw.get(req) ?? Buffer.alloc(0),
        typeof header === 'string' ? header : undefined,
        req.body,
      );
    },
  );
};
