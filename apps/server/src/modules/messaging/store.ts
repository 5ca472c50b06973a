import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lte,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import { messageDelivery, messagePreference, notification } from './tables.js';

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

/** Of these accounts, those that want e-mail and gave an address. */
export async function emailRecipients(
  db: Executor,
  accountIds: readonly string[],
): Promise<{ accountId: string; emailSealed: string; emailMasked: string }[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .select({
      accountId: messagePreference.accountId,
      emailSealed: messagePreference.emailSealed,
      emailMasked: messagePreference.emailMasked,
    })
    .from(messagePreference)
    .where(
      and(
        inArray(messagePreference.accountId, [...accountIds]),
        arrayContains(messagePreference.channels, ['email']),
        isNotNull(messagePreference.emailSealed),
      ),
    );
  return rows.flatMap((r) =>
    r.emailSealed && r.emailMasked
      ? [{ accountId: r.accountId, emailSealed: r.emailSealed, emailMasked: r.emailMasked }]
      : [],
  );
}

export type NewDelivery = Pick<
  DeliveryRow,
  | 'channel'
  | 'accountId'
  | 'addressSealed'
  | 'addressMasked'
  | 'kind'
  | 'title'
  | 'body'
  | 'link'
  | 'sourceEventId'
>;

/**
 * Queues deliveries, skipping any (channel, account, source) already made: a redelivered event
 * makes no second message. Returns the new ones.
 */
export async function insertDeliveries(
  db: Executor,
  rows: readonly NewDelivery[],
  now: Date,
): Promise<{ id: string; nextAttemptAt: Date }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(messageDelivery)
    .values(rows.map((r) => ({ ...r, id: newId(), nextAttemptAt: now })))
    .onConflictDoNothing({
      target: [messageDelivery.channel, messageDelivery.accountId, messageDelivery.sourceEventId],
    })
    .returning({ id: messageDelivery.id, nextAttemptAt: messageDelivery.nextAttemptAt });
}

/**
 * Locks one queued (or failed, awaiting its retry) delivery that is due (skipping any another worker holds) for the rest of
 * the caller's transaction: a worker that dies mid-send leaves it queued, not half-sent.
 */
export async function lockDueDelivery(
  tx: Executor,
  now: Date,
  id?: string,
): Promise<DeliveryRow | undefined> {
  const rows = await tx
    .select()
    .from(messageDelivery)
    .where(
      and(
        id === undefined ? undefined : eq(messageDelivery.id, id),
        inArray(messageDelivery.status, ['queued', 'failed']),
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
  set: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt'>>,
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
  f: { status: DeliveryStatus | undefined; limit: number; offset: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const where = f.status ? eq(messageDelivery.status, f.status) : undefined;
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
