import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { scheduleJob, type JobRunner } from '../../kernel/events/jobs.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import type { Channel, Delivery } from './notifier.js';
import * as store from './store.js';

/** The durable job that sends one e-mail delivery (payload: deliveryId). */
export const EMAIL_JOB = 'messaging.email.send';

/** Backoff after the n-th failed attempt: 1 s · 2^(n−1), at most 10 minutes. */
export const backoffMs = (attempts: number): number =>
  Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 600_000);

/** z***@example.com: enough for its owner and ops to recognise it, not to write to it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;
const URL_PASSWORD = /(\w[\w+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/g;

/**
 * What a failed attempt says, fit to keep and show ops: the SMTP reply or error, with e-mail
 * addresses and URL passwords removed (a 550 reply usually quotes the recipient).
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
  return `${code}${text}`
    .replace(URL_PASSWORD, '$1[redacted]@')
    .replace(ADDRESS, '[address]')
    .slice(0, 500);
}

export interface EmailDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  transport: Transporter;
  from: string;
  maxAttempts: number;
  /** base of the links in the messages (ZT_PUBLIC_URL) */
  publicUrl: string;
  log: FastifyBaseLogger;
  /** the clock: tests move it to make retries due */
  now?: () => Date;
}

/** A nodemailer SMTP transport from ZT_SMTP_URL, with timeouts shorter than a job's lease. */
export function smtpTransport(url: string): Transporter {
  const options: SMTPTransport.Options & { url: string } = {
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}

/**
 * 电子邮件: queues one delivery per recipient who asked for e-mail and gave an address, with a
 * job to send it, in one transaction. Nothing is sent here: a slow mail server never holds up
 * the inbox or the outbox.
 */
export class EmailChannel implements Channel {
  readonly name = 'email';

  constructor(private readonly deps: Pick<EmailDeps, 'db' | 'now'>) {}

  async deliver({ recipients, notice, sourceEventId }: Delivery): Promise<void> {
    const wanting = await store.emailRecipients(this.deps.db, recipients);
    if (wanting.length === 0) return;
    const now = this.deps.now?.() ?? new Date();
    await this.deps.db.transaction(async (tx) => {
      const queued = await store.insertDeliveries(
        tx,
        wanting.map((r) => ({
          channel: 'email' as const,
          accountId: r.accountId,
          addressSealed: r.emailSealed,
          addressMasked: r.emailMasked,
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          link: notice.link,
          sourceEventId,
        })),
        now,
      );
      for (const d of queued) await scheduleSend(tx, d.id, d.nextAttemptAt);
    });
  }
}

export function scheduleSend(tx: Executor, deliveryId: string, runAt: Date): Promise<boolean> {
  return scheduleJob(tx, { kind: EMAIL_JOB, payload: { deliveryId }, runAt });
}

/**
 * Sends queued e-mail deliveries over SMTP. Each attempt holds the delivery's row lock while it
 * talks to the server, so two workers never send one message, and a worker that dies mid-send
 * leaves it queued (its job is claimed again). A failure counts an attempt and schedules the
 * next after a backoff; after the last it is a dead letter, kept whole for ops to retry.
 */
export class EmailSender {
  constructor(private readonly deps: EmailDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  register(jobs: JobRunner): void {
    jobs.register(EMAIL_JOB, async ({ payload }) => {
      if (typeof payload.deliveryId === 'string') await this.sendOne(payload.deliveryId);
    });
  }

  /** One attempt at one delivery, if it is still waiting and due; false if there was none. */
  sendOne(id?: string, now = this.now()): Promise<boolean> {
    return this.deps.db.transaction(async (tx) => {
      const row = await store.lockDueDelivery(tx, now, id);
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
    const attempts = row.attempts + 1;
    try {
      await this.deps.transport.sendMail({
        from: this.deps.from,
        to: this.deps.fieldCrypto.decrypt(row.addressSealed),
        subject: row.title,
        text: row.link ? `${row.body}\n\n${this.deps.publicUrl}${row.link}` : row.body,
      });
      await store.updateDelivery(tx, row.id, {
        status: 'sent',
        attempts,
        sentAt: now,
        lastError: null,
      });
      this.deps.log.info(
        { deliveryId: row.id, kind: row.kind, attempts },
        'e-mail notification sent',
      );
    } catch (err) {
      const lastError = describeFailure(err);
      const dead = attempts >= this.deps.maxAttempts;
      const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts));
      await store.updateDelivery(tx, row.id, {
        status: dead ? 'dead' : 'failed',
        attempts,
        lastError,
        ...(dead ? {} : { nextAttemptAt }),
      });
      if (!dead) await scheduleSend(tx, row.id, nextAttemptAt);
      this.deps.log.warn(
        { deliveryId: row.id, kind: row.kind, attempts, dead, error: lastError },
        dead ? 'e-mail notification is a dead letter' : 'e-mail notification failed, will retry',
      );
    }
  }
}
