import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Drizzle } from '../../kernel/db/database.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { firstAttemptAt, queueDeliveries, type Sender, type SendResult } from './delivery.js';
import type { Channel, Prepared } from './notifier.js';
import type { DeliveryRow } from './store.js';

/** z***@example.com: enough for its owner and ops to recognise it, not to write to it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
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
 * 电子邮件: queues one delivery per recipient who asked for e-mail and gave an address, in the
 * recipient's language, with a job to send it (at the end of the quiet hours when the message is
 * not urgent), in one transaction. Nothing is sent here: a slow mail server never holds up the
 * inbox or the outbox.
 */
export class EmailChannel implements Channel {
  readonly name = 'email';

  constructor(private readonly deps: { db: Drizzle; now?: () => Date }) {}

  async deliver(p: Prepared): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    await queueDeliveries(
      this.deps.db,
      p.recipients.flatMap((r) => {
        if (!r.channels.includes('email') || !r.emailSealed || !r.emailMasked) return [];
        const { title, body } = p.text(r.locale);
        return [
          {
            channel: 'email' as const,
            accountId: r.accountId,
            endpointId: null,
            addressSealed: r.emailSealed,
            addressMasked: r.emailMasked,
            kind: p.kind,
            title,
            body,
            link: p.link,
            data: null,
            sourceEventId: p.sourceEventId,
            nextAttemptAt: firstAttemptAt(p, r, now),
          },
        ];
      }),
    );
  }
}

/** Sends e-mail deliveries over SMTP; the server's acceptance makes them `sent`. */
export class EmailSender implements Sender {
  readonly channel = 'email' as const;
  readonly label = 'e-mail';

  constructor(
    private readonly deps: {
      fieldCrypto: FieldCrypto;
      transport: Transporter;
      from: string;
      maxAttempts: number;
      /** base of the links in the messages (ZT_PUBLIC_URL) */
      publicUrl: string;
    },
  ) {}

  get maxAttempts(): number {
    return this.deps.maxAttempts;
  }

  async send(row: DeliveryRow): Promise<SendResult> {
    await this.deps.transport.sendMail({
      from: this.deps.from,
      to: this.deps.fieldCrypto.decrypt(row.addressSealed!),
      subject: row.title,
      text: row.link ? `${row.body}\n\n${this.deps.publicUrl}${row.link}` : row.body,
    });
    return { status: 'sent' };
  }
}
