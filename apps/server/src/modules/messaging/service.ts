import type {
  InboxNotification,
  MessageChannel,
  MessageDelivery,
  MessageDeliveryPage,
  MessageDeliveryQuery,
  MessagePreferences,
  MessagePreferencesInput,
  NotificationPage,
  NotificationPageQuery,
  UnreadCount,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { maskEmail, scheduleSend } from './email.js';
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

/** 消息偏好: the signed-in account's own channels, e-mail address and quiet hours. */
export class PreferencesService {
  constructor(
    private readonly deps: { db: Drizzle; fieldCrypto: FieldCrypto; emailAvailable: boolean },
  ) {}

  async get(actor: Actor): Promise<MessagePreferences> {
    return this.view(await store.findPreference(this.deps.db, owner(actor)));
  }

  async put(
    actor: Actor,
    input: MessagePreferencesInput,
    ctx: { requestId?: string } = {},
  ): Promise<MessagePreferences> {
    const accountId = owner(actor);
    const quietStart = input.quietStart ?? null;
    const quietEnd = input.quietEnd ?? null;
    if ((quietStart === null) !== (quietEnd === null)) {
      throw new InputError(
        'quiet-hours-incomplete',
        'give both ends of the quiet hours or neither',
      );
    }
    const channels: MessageChannel[] = ['inApp', ...input.channels.filter((c) => c !== 'inApp')];
    const row = await this.deps.db.transaction(async (tx) => {
      const before = await store.findPreference(tx, accountId);
      const email =
        input.email === undefined
          ? { sealed: before?.emailSealed ?? null, masked: before?.emailMasked ?? null }
          : input.email === null
            ? { sealed: null, masked: null }
            : {
                sealed: this.deps.fieldCrypto.encrypt(input.email.trim()),
                masked: maskEmail(input.email.trim()),
              };
      if (channels.includes('email') && email.sealed === null) {
        throw new InputError('email-missing', 'give an e-mail address to be told by e-mail');
      }
      const saved = await store.upsertPreference(tx, {
        accountId,
        emailSealed: email.sealed,
        emailMasked: email.masked,
        channels,
        quietStart,
        quietEnd,
      });
      await recordAudit(tx, {
        actor,
        action: 'messaging.preferences.update',
        targetType: 'account',
        targetId: accountId,
        // the masked address only: the audit log is no place for personal data in clear
        summary: { channels, email: email.masked, quietStart, quietEnd },
        requestId: ctx.requestId,
      });
      return saved;
    });
    return this.view(row);
  }

  private view(row: store.PreferenceRow | undefined): MessagePreferences {
    return {
      email: row?.emailMasked ?? null,
      channels: (row?.channels ?? ['inApp']).filter(
        (c): c is MessageChannel => c === 'inApp' || c === 'email',
      ),
      emailAvailable: this.deps.emailAvailable,
      quietStart: row?.quietStart ?? null,
      quietEnd: row?.quietEnd ?? null,
    };
  }
}

/** Roles that watch deliveries and retry dead letters. */
export const DELIVERY_OPS_ROLES: readonly string[] = ['ops', 'systemAdmin'];

/** Deliveries on other channels than the inbox, for ops: status, errors, dead letters. */
export class DeliveriesService {
  constructor(private readonly deps: { db: Drizzle; now?: () => Date }) {}

  async page(actor: Actor, query: MessageDeliveryQuery): Promise<MessageDeliveryPage> {
    mayOperate(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await store.listDeliveries(this.deps.db, {
      status: query.status,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(toDelivery), total, page, pageSize };
  }

  /** Puts a dead letter back in the queue with fresh attempts and a job to send it now. */
  async retry(
    actor: Actor,
    id: string,
    ctx: { requestId?: string } = {},
  ): Promise<MessageDelivery> {
    mayOperate(actor);
    const now = this.deps.now?.() ?? new Date();
    return this.deps.db.transaction(async (tx) => {
      if (!(await store.requeueDead(tx, id, now))) {
        const row = await store.findDelivery(tx, id);
        if (!row) throw new NotFoundError('delivery-not-found', 'no such delivery');
        throw new InputError(
          'delivery-not-dead',
          `only a dead letter is retried (it is ${row.status})`,
        );
      }
      await scheduleSend(tx, id, now);
      await recordAudit(tx, {
        actor,
        action: 'messaging.delivery.retry',
        targetType: 'messageDelivery',
        targetId: id,
        summary: {},
        requestId: ctx.requestId,
      });
      return toDelivery((await store.findDelivery(tx, id))!);
    });
  }
}

function mayOperate(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
  if (!actor.roles.some((r) => DELIVERY_OPS_ROLES.includes(r))) {
    throw new ForbiddenError('not-ops', 'only ops and system administrators see deliveries');
  }
}

function toDelivery(row: store.DeliveryRow): MessageDelivery {
  return {
    id: row.id,
    channel: row.channel,
    accountId: row.accountId,
    address: row.addressMasked,
    kind: row.kind,
    title: row.title,
    sourceEventId: row.sourceEventId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
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
