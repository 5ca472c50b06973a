import type { FastifyBaseLogger } from 'fastify';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { scheduleJob, type JobRunner } from '../../kernel/events/jobs.js';
import { maskPersonalData } from '../../kernel/logging.js';
import type { Prepared, Recipient } from './notifier.js';
import { afterQuietHours } from './quiet-hours.js';
import * as store from './store.js';

/** The durable job that attempts one delivery on any channel (payload: deliveryId). */
export const DELIVERY_JOB = 'messaging.delivery.send';
/** The job kind of e-mail deliveries queued before the channels were one worker. */
export const LEGACY_EMAIL_JOB = 'messaging.email.send';

/** Backoff after the n-th failed attempt: 1 s · 2^(n−1), at most 10 minutes. */
export const backoffMs = (attempts: number): number =>
  Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 600_000);

const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;
const URL_PASSWORD = /(\w[\w+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/g;

/**
 * What a failed attempt says, fit to keep and show ops: the server's reply or the error, with
 * e-mail addresses, URL passwords and phone or ID numbers removed (a 550 reply usually quotes
 * the recipient; an SMS provider's error the phone).
 */
export function describeFailure(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; response?: unknown; message?: unknown };
  const text =
    typeof e.response === 'string'
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(err);
  const code = typeof e.code === 'string' ? `${e.code}: ` : '';
  return maskPersonalData(
    `${code}${text}`.replace(URL_PASSWORD, '$1[redacted]@').replace(ADDRESS, '[address]'),
  ).slice(0, 500);
}

/** What one successful attempt made of a message. */
export interface SendResult {
  /** sent: a server or provider took it; delivered: it reached its end (a 2xx webhook answer) */
  status: 'sent' | 'delivered';
  /** the SMS provider's id, which its delivery receipt names */
  providerMessageId?: string;
}

/** Sends the messages of one channel; throws when an attempt fails. */
export interface Sender {
  readonly channel: store.DeliveryChannel;
  /** how the log names the channel: e-mail, SMS, webhook */
  readonly label: string;
  readonly maxAttempts: number;
  send(row: store.DeliveryRow): Promise<SendResult>;
}

export function scheduleDelivery(tx: Executor, deliveryId: string, runAt: Date): Promise<boolean> {
  return scheduleJob(tx, { kind: DELIVERY_JOB, payload: { deliveryId }, runAt });
}

/** Queues deliveries and the jobs that send them, in one transaction; skips what exists. */
export async function queueDeliveries(db: Drizzle, rows: readonly store.NewDelivery[]) {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    const queued = await store.insertDeliveries(tx, rows);
    for (const d of queued) await scheduleDelivery(tx, d.id, d.nextAttemptAt);
  });
}

/**
 * When a message to a recipient may first be attempted: now, or for a non-urgent one the end of
 * the recipient's quiet hours (免打扰).
 */
export const firstAttemptAt = (p: Prepared, r: Recipient, now: Date): Date =>
  p.urgent ? now : afterQuietHours(now, r.quietStart, r.quietEnd);

export interface WorkerDeps {
  db: Drizzle;
  senders: readonly Sender[];
  log: FastifyBaseLogger;
  /** the clock: tests move it to make retries due */
  now?: () => Date;
}

/**
 * Sends queued deliveries on every channel, each through its channel's sender. An attempt holds
 * the delivery's row lock while it talks to the server, so two workers never send one message,
 * and a worker that dies mid-send leaves it queued (its job is claimed again). A failure counts
 * an attempt and schedules the next after a backoff; after the channel's last attempt it is a
 * dead letter, kept whole for ops to retry.
 */
export class DeliveryWorker {
  private readonly senders: Map<store.DeliveryChannel, Sender>;

  constructor(private readonly deps: WorkerDeps) {
    this.senders = new Map(deps.senders.map((s) => [s.channel, s]));
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The channels this worker sends (e-mail only when SMTP is configured). */
  get channels(): store.DeliveryChannel[] {
    return [...this.senders.keys()];
  }

  register(jobs: JobRunner): void {
    const handle = async ({ payload }: { payload: Record<string, unknown> }) => {
      if (typeof payload.deliveryId === 'string') await this.sendOne(payload.deliveryId);
    };
    jobs.register(DELIVERY_JOB, handle);
    jobs.register(LEGACY_EMAIL_JOB, handle);
  }

  /** One attempt at one delivery, if it is still waiting and due; false if there was none. */
  sendOne(id?: string, now = this.now()): Promise<boolean> {
    return this.deps.db.transaction(async (tx) => {
      const row = await store.lockDueDelivery(tx, now, this.channels, id);
      if (!row) return false;
      await this.attempt(tx, row, now);
      return true;
    });
  }

  /** Attempts every delivery due at `now` once (tests move `now` to make retries due). */
  async sendDue(now = this.now()): Promise<number> {
    let n = 0;
    while (await this.sendOne(undefined, now)) n += 1;
    return n;
  }

  private async attempt(tx: Executor, row: store.DeliveryRow, now: Date): Promise<void> {
    const sender = this.senders.get(row.channel)!;
    const attempts = row.attempts + 1;
    const about = { deliveryId: row.id, channel: row.channel, kind: row.kind, attempts };
    try {
      const result = await sender.send(row);
      await store.updateDelivery(tx, row.id, {
        status: result.status,
        attempts,
        sentAt: now,
        ...(result.status === 'delivered' ? { deliveredAt: now } : {}),
        ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}),
        lastError: null,
      });
      this.deps.log.info(about, `${sender.label} notification sent`);
    } catch (err) {
      const lastError = describeFailure(err);
      const dead = attempts >= sender.maxAttempts;
      const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts));
      await store.updateDelivery(tx, row.id, {
        status: dead ? 'dead' : 'failed',
        attempts,
        lastError,
        ...(dead ? {} : { nextAttemptAt }),
      });
      if (!dead) await scheduleDelivery(tx, row.id, nextAttemptAt);
      this.deps.log.warn(
        { ...about, dead, error: lastError },
        dead
          ? `${sender.label} notification is a dead letter`
          : `${sender.label} notification failed, will retry`,
      );
    }
  }
}
