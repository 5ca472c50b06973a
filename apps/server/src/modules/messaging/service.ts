import type {
  InboxNotification,
  NotificationPage,
  NotificationPageQuery,
  UnreadCount,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { Drizzle } from '../../kernel/db/database.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../kernel/errors.js';
import * as store from './store.js';

/**
 * 站内消息: the signed-in account's own inbox. Every query is limited to the actor's account in
 * the store; another account's notification is indistinguishable from none (404).
 */
export class NotificationsService {
  constructor(private readonly db: Drizzle) {}

  async page(actor: Actor, query: NotificationPageQuery): Promise<NotificationPage> {
    const accountId = owner(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total, unread } = await store.listInbox(this.db, accountId, {
      unreadOnly: query.unreadOnly ?? false,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(toNotification), total, unread, page, pageSize };
  }

  async unreadCount(actor: Actor): Promise<UnreadCount> {
    return { unread: await store.countUnread(this.db, owner(actor)) };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!(await store.markRead(this.db, owner(actor), id))) {
      throw new NotFoundError('notification-not-found', 'no such notification');
    }
  }

  async markAllRead(actor: Actor): Promise<void> {
    await store.markAllRead(this.db, owner(actor));
  }
}

/** The account whose inbox the actor opens: any signed-in account's own. */
function owner(actor: Actor): string {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
  if (actor.kind === 'system') {
    throw new ForbiddenError('accounts-only', 'only signed-in accounts have an inbox');
  }
  if (actor.limitedTo) {
    throw new ForbiddenError(
      actor.limitedTo,
      actor.limitedTo === 'mfa-enrolment'
        ? 'enrol a second factor (TOTP) first'
        : 'change your password first',
    );
  }
  // a person acting for an enterprise reads their own inbox: they filed what it tells of
  return actor.id;
}

function toNotification(row: store.NotificationRow): InboxNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    urgent: row.urgent,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
