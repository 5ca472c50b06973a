import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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

/**
 * How an account wants to be told: the channels besides the inbox and, for e-mail, the address
 * (personal data: sealed with the field key, a masked copy to show). The identity module keeps
 * no e-mail address, so messaging keeps its own. Quiet hours (HH:MM, Asia/Shanghai) are kept for
 * non-urgent messages; no row: the inbox only.
 */
export const messagePreference = pgTable('message_preference', {
  accountId: text().primaryKey(),
  emailSealed: text(),
  emailMasked: text(),
  /** inApp always; email when the account asks for it */
  channels: text()
    .array()
    .notNull()
    .default(sql`'{inApp}'::text[]`),
  quietStart: text(),
  quietEnd: text(),
  updatedAt: tstz().notNull().defaultNow(),
});

/**
 * One message on a channel other than the inbox (e-mail now): queued when the notice is made,
 * sent asynchronously with retries and backoff, `dead` after the last attempt (a dead letter for
 * ops to retry). One per (channel, account, source event), however often the event comes.
 */
export const messageDelivery = pgTable(
  'message_delivery',
  {
    id: uuid().primaryKey(),
    channel: text({ enum: ['email'] }).notNull(),
    accountId: text().notNull(),
    /** the address at the time of the notice, sealed with the field key */
    addressSealed: text().notNull(),
    addressMasked: text().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    sourceEventId: text().notNull(),
    status: text({ enum: ['queued', 'sent', 'failed', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer().notNull().default(0),
    /** what the last failed attempt said, with addresses removed */
    lastError: text(),
    nextAttemptAt: tstz().notNull().defaultNow(),
    sentAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('message_delivery_source_key').on(t.channel, t.accountId, t.sourceEventId),
    index('message_delivery_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
