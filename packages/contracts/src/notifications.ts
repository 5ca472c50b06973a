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
