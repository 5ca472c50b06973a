import { and, arrayContains, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import {
  messageDelivery,
  messagePreference,
  messageTemplate,
  notification,
  taskDeadlineWarning,
  webhookEndpoint,
} from './tables.js';

/*
 * The only file that touches the messaging tables.
 */

export type NotificationRow = typeof notification.$inferSelect;

export interface NewNotification {
  accountId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  sourceEventId: string;
  urgent: 'normal' | 'urgent';
}

/**
 * Inserts notifications, skipping any an account already has from the same source: a
 * redelivered event makes no second one. Returns how many were new.
 */
export async function insertNotifications(
  db: Executor,
  rows: readonly NewNotification[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(notification)
    .values(rows.map((r) => ({ ...r, id: newId() })))
    .onConflictDoNothing({ target: [notification.accountId, notification.sourceEventId] })
    .returning({ id: notification.id });
  return inserted.length;
}

/** One page of an account's inbox, newest first, with the total and the unread count. */
export async function listInbox(
  db: Executor,
  accountId: string,
  f: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const where = and(
    eq(notification.accountId, accountId),
    f.unreadOnly ? isNull(notification.readAt) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(notification)
      .where(where)
      .orderBy(desc(notification.createdAt), desc(notification.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({
        total: sql<number>`count(*)::int`,
        unread: sql<number>`(count(*) FILTER (WHERE ${notification.readAt} IS NULL))::int`,
      })
      .from(notification)
      .where(where),
  ]);
  // with unreadOnly the total is the unread count; without, both come from the one scan
  return { rows, total: counted[0]?.total ?? 0, unread: counted[0]?.unread ?? 0 };
}

export async function countUnread(db: Executor, accountId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.accountId, accountId), isNull(notification.readAt)));
  return rows[0]?.n ?? 0;
}

/**
 * Marks one of the account's notifications read (the first read time is kept); false when the
 * account has no such notification.
 */
export async function markRead(db: Executor, accountId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, now())` })
    .where(and(eq(notification.id, id), eq(notification.accountId, accountId)))
    .returning({ id: notification.id });
  return rows.length > 0;
}

/** Marks every unread notification of the account read; returns how many. */
export async function markAllRead(db: Executor, accountId: string): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(and(eq(notification.accountId, accountId), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return rows.length;
}

export type PreferenceRow = typeof messagePreference.$inferSelect;
export type DeliveryRow = typeof messageDelivery.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];

export async function findPreference(
  db: Executor,
  accountId: string,
): Promise<PreferenceRow | undefined> {
  const rows = await db
    .select()
    .from(messagePreference)
    .where(eq(messagePreference.accountId, accountId));
  return rows[0];
}

export async function upsertPreference(
  db: Executor,
  row: Omit<PreferenceRow, 'updatedAt'>,
): Promise<PreferenceRow> {
  const { accountId: _key, ...rest } = row;
  const rows = await db
    .insert(messagePreference)
    .values(row)
    .onConflictDoUpdate({
      target: messagePreference.accountId,
      set: { ...rest, updatedAt: sql`now()` },
    })
    .returning();
  return rows[0]!;
}

/** The preferences of these accounts (those that have a row). */
export async function preferencesOf(
  db: Executor,
  accountIds: readonly string[],
): Promise<PreferenceRow[]> {
  if (accountIds.length === 0) return [];
  return db
    .select()
    .from(messagePreference)
    .where(inArray(messagePreference.accountId, [...accountIds]));
}

export type DeliveryChannel = DeliveryRow['channel'];

export type NewDelivery = Pick<
  DeliveryRow,
  | 'channel'
  | 'accountId'
  | 'endpointId'
  | 'addressSealed'
  | 'addressMasked'
  | 'kind'
  | 'title'
  | 'body'
  | 'link'
  | 'data'
  | 'sourceEventId'
  | 'nextAttemptAt'
>;

/**
 * Queues deliveries, skipping any (channel, account, source) or (endpoint, source) already
 * made: a redelivered event makes no second message. Returns the new ones.
 */
export async function insertDeliveries(
  db: Executor,
  rows: readonly NewDelivery[],
): Promise<{ id: string; nextAttemptAt: Date }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(messageDelivery)
    .values(rows.map((r) => ({ ...r, id: newId() })))
    .onConflictDoNothing()
    .returning({ id: messageDelivery.id, nextAttemptAt: messageDelivery.nextAttemptAt });
}

/**
 * Locks one queued (or failed, awaiting its retry) delivery of these channels that is due
 * (skipping any another worker holds) for the rest of the caller's transaction: a worker that
 * dies mid-send leaves it queued, not half-sent.
 */
export async function lockDueDelivery(
  tx: Executor,
  now: Date,
  channels: readonly DeliveryChannel[],
  id?: string,
): Promise<DeliveryRow | undefined> {
  if (channels.length === 0) return undefined;
  const rows = await tx
    .select()
    .from(messageDelivery)
    .where(
      and(
        id === undefined ? undefined : eq(messageDelivery.id, id),
        inArray(messageDelivery.status, ['queued', 'failed']),
        inArray(messageDelivery.channel, [...channels]),
        lte(messageDelivery.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(messageDelivery.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return rows[0];
}

export async function updateDelivery(
  tx: Executor,
  id: string,
  set: Partial<
    Pick<
      DeliveryRow,
      | 'status'
      | 'attempts'
      | 'lastError'
      | 'nextAttemptAt'
      | 'sentAt'
      | 'deliveredAt'
      | 'providerMessageId'
    >
  >,
): Promise<void> {
  await tx.update(messageDelivery).set(set).where(eq(messageDelivery.id, id));
}

export async function findDelivery(db: Executor, id: string): Promise<DeliveryRow | undefined> {
  const rows = await db.select().from(messageDelivery).where(eq(messageDelivery.id, id));
  return rows[0];
}

/** Puts a dead letter back in the queue, due now, with fresh attempts; false if not dead. */
export async function requeueDead(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(messageDelivery)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now })
    .where(and(eq(messageDelivery.id, id), eq(messageDelivery.status, 'dead')))
    .returning({ id: messageDelivery.id });
  return rows.length > 0;
}

export async function listDeliveries(
  db: Executor,
  f: {
    status: DeliveryStatus | undefined;
    channel: DeliveryChannel | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const where = and(
    f.status ? eq(messageDelivery.status, f.status) : undefined,
    f.channel ? eq(messageDelivery.channel, f.channel) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(messageDelivery)
      .where(where)
      .orderBy(desc(messageDelivery.createdAt), desc(messageDelivery.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(messageDelivery)
      .where(where),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

/**
 * An SMS provider's delivery receipt: the message it names becomes `delivered` (or, when the
 * provider gave up, a dead letter with its reason). A receipt for a message already final
 * changes nothing. Returns whether a message has that id.
 */
export async function applySmsReceipt(
  db: Executor,
  providerMessageId: string,
  receipt: { delivered: true; at: Date } | { delivered: false; error: string },
): Promise<boolean> {
  const found = await db
    .select({ id: messageDelivery.id })
    .from(messageDelivery)
    .where(
      and(
        eq(messageDelivery.channel, 'sms'),
        eq(messageDelivery.providerMessageId, providerMessageId),
      ),
    );
  if (found.length === 0) return false;
  await db
    .update(messageDelivery)
    .set(
      receipt.delivered
        ? { status: 'delivered', deliveredAt: receipt.at, lastError: null }
        : { status: 'dead', lastError: receipt.error },
    )
    .where(
      and(
        eq(messageDelivery.channel, 'sms'),
        eq(messageDelivery.providerMessageId, providerMessageId),
        eq(messageDelivery.status, 'sent'),
      ),
    );
  return true;
}

// -- webhook endpoints ---------------------------------------------------------------------------

export type EndpointRow = typeof webhookEndpoint.$inferSelect;

export async function insertEndpoint(db: Executor, row: EndpointRow): Promise<void> {
  await db.insert(webhookEndpoint).values(row);
}

export async function findEndpoint(db: Executor, id: string): Promise<EndpointRow | undefined> {
  const rows = await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, id));
  return rows[0];
}

export async function lockEndpoint(db: Executor, id: string): Promise<EndpointRow | undefined> {
  const rows = await db
    .select()
    .from(webhookEndpoint)
    .where(eq(webhookEndpoint.id, id))
    .for('update');
  return rows[0];
}

export async function listEndpoints(db: Executor, organisationId: string): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoint)
    .where(eq(webhookEndpoint.organisationId, organisationId))
    .orderBy(asc(webhookEndpoint.createdAt), asc(webhookEndpoint.id));
}

export async function updateEndpoint(
  db: Executor,
  id: string,
  set: Partial<Omit<EndpointRow, 'id' | 'organisationId' | 'createdBy' | 'createdAt'>>,
): Promise<EndpointRow> {
  const rows = await db
    .update(webhookEndpoint)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(webhookEndpoint.id, id))
    .returning();
  return rows[0]!;
}

/** The active endpoints of an organisation that want messages of a kind. */
export async function endpointsWanting(
  db: Executor,
  organisationId: string,
  kind: string,
): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoint)
    .where(
      and(
        eq(webhookEndpoint.organisationId, organisationId),
        eq(webhookEndpoint.active, 'active'),
        arrayContains(webhookEndpoint.kinds, [kind]),
      ),
    );
}

// -- templates -----------------------------------------------------------------------------------

export type TemplateRow = typeof messageTemplate.$inferSelect;

export async function templatesOf(db: Executor, kind?: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(messageTemplate)
    .where(kind === undefined ? undefined : eq(messageTemplate.kind, kind));
}

export async function upsertTemplate(
  db: Executor,
  row: Omit<TemplateRow, 'updatedAt'>,
): Promise<TemplateRow> {
  const rows = await db
    .insert(messageTemplate)
    .values(row)
    .onConflictDoUpdate({
      target: [messageTemplate.kind, messageTemplate.locale],
      set: { title: row.title, body: row.body, updatedBy: row.updatedBy, updatedAt: sql`now()` },
    })
    .returning();
  return rows[0]!;
}

export async function deleteTemplate(
  db: Executor,
  kind: string,
  locale: TemplateRow['locale'],
): Promise<boolean> {
  const rows = await db
    .delete(messageTemplate)
    .where(and(eq(messageTemplate.kind, kind), eq(messageTemplate.locale, locale)))
    .returning({ kind: messageTemplate.kind });
  return rows.length > 0;
}

// -- deadline warnings ---------------------------------------------------------------------------

/** Records that these tasks are warned of; returns those that were not before. */
export async function claimTaskWarnings(
  db: Executor,
  taskIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const rows = await db
    .insert(taskDeadlineWarning)
    .values(taskIds.map((taskId) => ({ taskId, warnedAt: at })))
    .onConflictDoNothing()
    .returning({ taskId: taskDeadlineWarning.taskId });
  return rows.map((r) => r.taskId);
}

/** Of these tasks, those warned of already. */
export async function warnedTasks(db: Executor, taskIds: readonly string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .select({ taskId: taskDeadlineWarning.taskId })
    .from(taskDeadlineWarning)
    .where(inArray(taskDeadlineWarning.taskId, [...taskIds]));
  return new Set(rows.map((r) => r.taskId));
}
