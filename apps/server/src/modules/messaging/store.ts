import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import { notification } from './tables.js';

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
