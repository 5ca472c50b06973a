import { Type, type Static } from '@sinclair/typebox';

// 站内消息: the in-app inbox every signed-in account has. A notification tells of one event
// (`kind`, e.g. application.accepted) in zh-CN text, with the web path to open.

export const NotificationUrgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent')], {
  description: '普通 / 紧急',
});
export type NotificationUrgency = Static<typeof NotificationUrgency>;

/** (Not `Notification`: that is the browser's Notifications API in the web app.) */
export const InboxNotification = Type.Object({
  id: Type.String({ format: 'uuid' }),
  /** the event it tells of, e.g. application.supplementRequested */
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** the web path to open, e.g. /me/applications/<id> */
  link: Type.Union([Type.String(), Type.Null()]),
  urgent: NotificationUrgency,
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InboxNotification = Static<typeof InboxNotification>;

export const NotificationPageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  /** only those not read yet */
  unreadOnly: Type.Optional(Type.Boolean({ default: false })),
});
export type NotificationPageQuery = Static<typeof NotificationPageQuery>;

/** One page of my notifications, newest first, with how many are unread in all. */
export const NotificationPage = Type.Object({
  items: Type.Array(InboxNotification),
  total: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

// 消息偏好 and the other channels: which channels an account wants besides the inbox, in which
// language, when not to be disturbed; and the deliveries ops watch (queued, sent, delivered,
// failed, dead letters).

export const MessageChannel = Type.Union(
  [Type.Literal('inApp'), Type.Literal('email'), Type.Literal('sms')],
  { description: '站内消息 (always on) / 电子邮件 / 短信' },
);
export type MessageChannel = Static<typeof MessageChannel>;

/** The language of every message to an account, whatever the channel. */
export const MessageLocale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], {
  description: '简体中文 (default) / English',
});
export type MessageLocale = Static<typeof MessageLocale>;

const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' });

/** My message preferences; the e-mail address and the phone are shown masked. */
export const MessagePreferences = Type.Object({
  /** masked, e.g. z***@example.com; null: none given */
  email: Type.Union([Type.String(), Type.Null()]),
  /** the account's phone (统一身份认证), masked, e.g. 139****1234; null: none on record */
  phone: Type.Union([Type.String(), Type.Null()]),
  channels: Type.Array(MessageChannel),
  /** whether this server sends e-mail at all (SMTP configured) */
  emailAvailable: Type.Boolean(),
  /** whether SMS can reach this account (a phone is on record) */
  smsAvailable: Type.Boolean(),
  locale: MessageLocale,
  quietStart: Type.Union([ClockTime, Type.Null()]),
  quietEnd: Type.Union([ClockTime, Type.Null()]),
});
export type MessagePreferences = Static<typeof MessagePreferences>;

export const MessagePreferencesInput = Type.Object({
  /** the address to write to; omitted: keep the one given before; null: forget it */
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  channels: Type.Array(MessageChannel, { maxItems: 3, uniqueItems: true }),
  /** omitted: keep the language chosen before (zh-CN at first) */
  locale: Type.Optional(MessageLocale),
  /**
   * 免打扰 (Asia/Shanghai): non-urgent e-mail and SMS wait until quietEnd; may span midnight
   * (22:00–07:00); both or neither
   */
  quietStart: Type.Optional(Type.Union([ClockTime, Type.Null()])),
  quietEnd: Type.Optional(Type.Union([ClockTime, Type.Null()])),
});
export type MessagePreferencesInput = Static<typeof MessagePreferencesInput>;

/** The channels whose messages are queued and sent by the delivery worker. */
export const DeliveryChannel = Type.Union(
  [Type.Literal('email'), Type.Literal('sms'), Type.Literal('webhook')],
  { description: '电子邮件 / 短信 / 部门系统 webhook' },
);
export type DeliveryChannel = Static<typeof DeliveryChannel>;

export const DeliveryStatus = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('sent'),
    Type.Literal('delivered'),
    Type.Literal('failed'),
    Type.Literal('dead'),
  ],
  { description: '待发送 / 已发送 / 已送达 / 失败（将重试） / 死信' },
);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

/** One message on a channel other than the inbox, as ops see it (the address masked). */
export const MessageDelivery = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: DeliveryChannel,
  /** the account told (e-mail, SMS); null for a webhook */
  accountId: Type.Union([Type.String(), Type.Null()]),
  /** the department system's endpoint (webhook); null otherwise */
  endpointId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  address: Type.String({ description: 'masked address, phone, or the endpoint origin' }),
  kind: Type.String(),
  title: Type.String(),
  sourceEventId: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** the SMS provider's message id, once it took the message */
  providerMessageId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type MessageDelivery = Static<typeof MessageDelivery>;

export const MessageDeliveryQuery = Type.Object({
  status: Type.Optional(DeliveryStatus),
  channel: Type.Optional(DeliveryChannel),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type MessageDeliveryQuery = Static<typeof MessageDeliveryQuery>;

export const MessageDeliveryPage = Type.Object({
  items: Type.Array(MessageDelivery),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type MessageDeliveryPage = Static<typeof MessageDeliveryPage>;
