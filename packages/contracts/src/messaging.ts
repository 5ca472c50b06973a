import { Type, type Static } from '@sinclair/typebox';
import { MessageLocale } from './notifications.js';

// 统一消息: message templates per event kind and language, webhooks to department systems, and
// the SMS provider's delivery receipts.

/** A kind of message (an event kind, e.g. application.accepted) and what its templates may use. */
export const MessageKind = Type.Object({
  kind: Type.String(),
  /** 紧急: never held back by quiet hours */
  urgent: Type.Boolean(),
  /** the variables its templates may use, as {name} or in a {#name}…{/name} section */
  variables: Type.Array(Type.String()),
});
export type MessageKind = Static<typeof MessageKind>;

export const MessageKindList = Type.Object({ items: Type.Array(MessageKind) });
export type MessageKindList = Static<typeof MessageKindList>;

/** The template of a kind in a language: the province's override, or the default in code. */
export const MessageTemplate = Type.Object({
  kind: Type.String(),
  locale: MessageLocale,
  title: Type.String(),
  body: Type.String(),
  urgent: Type.Boolean(),
  variables: Type.Array(Type.String()),
  /** whether a province admin replaced the default */
  overridden: Type.Boolean(),
  defaultTitle: Type.String(),
  defaultBody: Type.String(),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type MessageTemplate = Static<typeof MessageTemplate>;

export const MessageTemplateList = Type.Object({ items: Type.Array(MessageTemplate) });
export type MessageTemplateList = Static<typeof MessageTemplateList>;

export const MessageTemplateParams = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 100 }),
  locale: MessageLocale,
});
export type MessageTemplateParams = Static<typeof MessageTemplateParams>;

/** An override: {name} inserts a variable; {#name}…{/name} shows its text only when name is set. */
export const MessageTemplateInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 4000 }),
});
export type MessageTemplateInput = Static<typeof MessageTemplateInput>;

/** A preview: the stored template (or the draft given) rendered with sample or given values. */
export const MessageTemplatePreviewInput = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  body: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  /** values to use instead of the samples */
  variables: Type.Optional(
    Type.Record(Type.String(), Type.String({ maxLength: 2000 }), { maxProperties: 50 }),
  ),
});
export type MessageTemplatePreviewInput = Static<typeof MessageTemplatePreviewInput>;

export const MessageTemplatePreview = Type.Object({
  title: Type.String(),
  body: Type.String(),
  /** the values used */
  variables: Type.Record(Type.String(), Type.String()),
});
export type MessageTemplatePreview = Static<typeof MessageTemplatePreview>;

// -- webhooks to department systems --------------------------------------------------------------

/** A department system's endpoint: messages of the kinds it chose, POSTed and signed. */
export const WebhookEndpoint = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  url: Type.String(),
  kinds: Type.Array(Type.String()),
  description: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  /** when the signing secret was made or last rotated */
  secretRotatedAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

export const WebhookEndpointList = Type.Object({ items: Type.Array(WebhookEndpoint) });
export type WebhookEndpointList = Static<typeof WebhookEndpointList>;

const WebhookUrl = Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL' });
const WebhookKinds = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  uniqueItems: true,
});

export const WebhookEndpointInput = Type.Object({
  url: WebhookUrl,
  kinds: WebhookKinds,
  description: Type.Optional(Type.String({ maxLength: 200 })),
});
export type WebhookEndpointInput = Static<typeof WebhookEndpointInput>;

export const WebhookEndpointUpdate = Type.Object({
  url: Type.Optional(WebhookUrl),
  kinds: Type.Optional(WebhookKinds),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
});
export type WebhookEndpointUpdate = Static<typeof WebhookEndpointUpdate>;

/** The endpoint with its signing secret: shown once, at creation and at each rotation. */
export const WebhookEndpointWithSecret = Type.Composite([
  WebhookEndpoint,
  Type.Object({ secret: Type.String() }),
]);
export type WebhookEndpointWithSecret = Static<typeof WebhookEndpointWithSecret>;

// -- SMS delivery receipts ---------------------------------------------------------------------------

/** A delivery receipt from the SMS provider (signed: see docs/messaging-sms-provider.md). */
export const SmsReceipt = Type.Object({
  /** the provider's message id, as it answered the send */
  messageId: Type.String({ minLength: 1, maxLength: 200 }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  /** the provider's reason when failed */
  error: Type.Optional(Type.String({ maxLength: 500 })),
  at: Type.Optional(Type.String({ format: 'date-time' })),
});
export type SmsReceipt = Static<typeof SmsReceipt>;

export const SmsReceiptResult = Type.Object({
  /** false: no message has this id (answered 200 so the provider stops resending) */
  matched: Type.Boolean(),
});
export type SmsReceiptResult = Static<typeof SmsReceiptResult>;
