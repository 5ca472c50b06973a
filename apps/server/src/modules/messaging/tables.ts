import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

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
 * How an account wants to be told: the channels besides the inbox, the language of every
 * message, and for e-mail the address (personal data: sealed with the field key, a masked copy
 * to show; the identity module keeps no e-mail address). SMS goes to the account's phone in the
 * identity module. Quiet hours (HH:MM, Asia/Shanghai, may span midnight) hold back non-urgent
 * e-mail and SMS. No row: the inbox only, in Chinese.
 */
export const messagePreference = pgTable(
  'message_preference',
  {
    accountId: text().primaryKey(),
    emailSealed: text(),
    emailMasked: text(),
    /** inApp always; email and sms when the account asks for them */
    channels: text()
      .array()
      .notNull()
      .default(sql`'{inApp}'::text[]`),
    locale: text({ enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    quietStart: text(),
    quietEnd: text(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [check('message_preference_locale_check', sql`${t.locale} IN ('zh-CN', 'en')`)],
);

/**
 * A department system's endpoint (部门系统): an organisation's department admin registers it with
 * the message kinds it wants; each message is POSTed with an HMAC signature. The secret is
 * sealed with the field key; after a rotation the previous one also signs for a day, so the
 * system can switch over without losing messages.
 */
export const webhookEndpoint = pgTable(
  'webhook_endpoint',
  {
    id: uuid().primaryKey(),
    organisationId: uuid().notNull(),
    url: text().notNull(),
    kinds: text().array().notNull(),
    description: text(),
    active: text({ enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    secretSealed: text().notNull(),
    secretRotatedAt: tstz().notNull(),
    previousSecretSealed: text(),
    previousSecretUntil: tstz(),
    createdBy: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoint_organisation_idx').on(t.organisationId, t.active)],
);

/**
 * One message on a channel other than the inbox: e-mail or SMS to an account, or a webhook call
 * to an organisation's endpoint. Queued when the notice is made (at the end of the recipient's
 * quiet hours when it is not urgent), sent asynchronously with retries and backoff, `dead` after
 * the last attempt (a dead letter for ops to retry). `sent`: the server or provider took it;
 * `delivered`: the endpoint answered 2xx, or the SMS provider's receipt said so. One per
 * (channel, account, source event) and one per (endpoint, source event), however often the
 * event comes.
 */
export const messageDelivery = pgTable(
  'message_delivery',
  {
    id: uuid().primaryKey(),
    channel: text({ enum: ['email', 'sms', 'webhook'] }).notNull(),
    /** the account told (e-mail, SMS) */
    accountId: text(),
    /** the endpoint called (webhook) */
    endpointId: uuid(),
    /** e-mail address or phone at the time of the notice, sealed; a webhook reads its endpoint */
    addressSealed: text(),
    /** masked address or phone; for a webhook the endpoint's origin */
    addressMasked: text().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    /** a webhook's structured part: the message's variables */
    data: jsonb().$type<Record<string, string>>(),
    sourceEventId: text().notNull(),
    status: text({ enum: ['queued', 'sent', 'delivered', 'failed', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer().notNull().default(0),
    /** what the last failed attempt said, with addresses removed */
    lastError: text(),
    nextAttemptAt: tstz().notNull().defaultNow(),
    sentAt: tstz(),
    deliveredAt: tstz(),
    /** the SMS provider's id of the message, which its delivery receipt names */
    providerMessageId: text(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('message_delivery_source_key').on(t.channel, t.accountId, t.sourceEventId),
    unique('message_delivery_endpoint_source_key').on(t.endpointId, t.sourceEventId),
    index('message_delivery_due_idx').on(t.status, t.nextAttemptAt),
    index('message_delivery_provider_idx').on(t.providerMessageId),
    foreignKey({
      name: 'message_delivery_endpoint_fk',
      columns: [t.endpointId],
      foreignColumns: [webhookEndpoint.id],
    }),
    // an account's message or an endpoint's call, never both and never neither
    check(
      'message_delivery_recipient_check',
      sql`CASE WHEN ${t.channel} = 'webhook'
               THEN ${t.endpointId} IS NOT NULL AND ${t.accountId} IS NULL
               ELSE ${t.accountId} IS NOT NULL AND ${t.endpointId} IS NULL
                    AND ${t.addressSealed} IS NOT NULL END`,
    ),
  ],
);

/**
 * A province admin's replacement of a default template (code: templates.ts) for one kind and
 * language. Deleting the row brings the default back.
 */
export const messageTemplate = pgTable(
  'message_template',
  {
    kind: text().notNull(),
    locale: text({ enum: ['zh-CN', 'en'] }).notNull(),
    title: text().notNull(),
    body: text().notNull(),
    updatedBy: text().notNull(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'message_template_pk', columns: [t.kind, t.locale] })],
);

/**
 * 预警: the workflow tasks whose assignee (or candidates) were told that the warning day came:
 * each task once, whatever happens to it after.
 */
export const taskDeadlineWarning = pgTable('task_deadline_warning', {
  taskId: uuid().primaryKey(),
  warnedAt: tstz().notNull().defaultNow(),
});
