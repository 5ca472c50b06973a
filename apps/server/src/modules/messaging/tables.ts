import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * 站内消息: the in-app inbox, the channel every account always has. A notification comes from an
 * outbox event (`sourceEventId`); the same event never makes two notifications for one account.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid().primaryKey(),
    accountId: text().notNull(),
    /** the event type it tells of, e.g. application.accepted */
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    /** the web path to open, e.g. /me/applications/<id> */
    link: text(),
    /** the outbox event it came from, and a discriminator when one event tells several things */
    sourceEventId: text().notNull(),
    urgent: text({ enum: ['normal', 'urgent'] })
      .notNull()
      .default('normal'),
    createdAt: tstz().notNull().defaultNow(),
    readAt: tstz(),
  },
  (t) => [
    unique('notification_source_key').on(t.accountId, t.sourceEventId),
    index('notification_inbox_idx').on(t.accountId, t.createdAt),
  ],
);
