import type { Drizzle } from '../../kernel/db/database.js';
import * as store from './store.js';

/** What to tell someone, whatever the channel: zh-CN text and the web path to open. */
export interface Notice {
  /** the event it tells of, e.g. application.accepted */
  kind: string;
  title: string;
  body: string;
  /** a path of the web app, e.g. /me/applications/<id> */
  link: string | null;
  urgent: boolean;
}

/** One notice for its recipients, from one source event. */
export interface Delivery {
  /** account ids; duplicates are sent once */
  recipients: readonly string[];
  notice: Notice;
  /**
   * The outbox event it comes from (with a discriminator if one event makes several notices for
   * one account): a channel sends each (recipient, source) once, however often it is asked.
   */
  sourceEventId: string;
}

/**
 * A way to reach an account: the inbox here; e-mail, SMS and webhooks later. A channel must be
 * idempotent per (recipient, sourceEventId) because events are delivered at least once.
 */
export interface Channel {
  readonly name: string;
  deliver(delivery: Delivery): Promise<void>;
}

/** 站内消息: every account has an inbox, so every delivery lands here. */
export class InboxChannel implements Channel {
  readonly name = 'inbox';

  constructor(private readonly db: Drizzle) {}

  async deliver({ recipients, notice, sourceEventId }: Delivery): Promise<void> {
    await store.insertNotifications(
      this.db,
      recipients.map((accountId) => ({
        accountId,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        link: notice.link,
        sourceEventId,
        urgent: notice.urgent ? 'urgent' : 'normal',
      })),
    );
  }
}

/**
 * Sends a notice to its recipients on every channel. A channel that fails makes the send fail,
 * so the outbox delivers the event again; the channels that did deliver skip what they sent.
 */
export class Notifier {
  constructor(private readonly channels: readonly Channel[]) {}

  async send(delivery: Delivery): Promise<void> {
    const recipients = [...new Set(delivery.recipients)];
    if (recipients.length === 0) return;
    for (const channel of this.channels) {
      await channel.deliver({ ...delivery, recipients });
    }
  }
}
