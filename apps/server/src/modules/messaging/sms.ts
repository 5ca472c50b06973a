import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Drizzle } from '../../kernel/db/database.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { identityStore, maskPhone } from '../identity/index.js';
import { firstAttemptAt, queueDeliveries, type Sender, type SendResult } from './delivery.js';
import { HttpStatusError, postJson } from './http.js';
import type { Channel, Prepared } from './notifier.js';
import type { DeliveryRow } from './store.js';
import type { Locale } from './templates.js';

/**
 * 短信: the provider that carries SMS to phones. The contract of the HTTP provider is in
 * docs/messaging-sms-provider.md.
 */
export interface SmsProvider {
  readonly name: string;
  /** Hands one text to the provider; resolves with its id of the message (receipts name it). */
  send(message: { to: string; text: string; reference: string }): Promise<{ messageId: string }>;
}

/** The default: sends nothing, writes the masked phone and the text to the log. */
export class LoggingSmsProvider implements SmsProvider {
  readonly name = 'log';

  constructor(private readonly log: FastifyBaseLogger) {}

  send(message: { to: string; text: string; reference: string }): Promise<{ messageId: string }> {
    const messageId = `log-${crypto.randomUUID()}`;
    this.log.info(
      { to: maskPhone(message.to), text: message.text, reference: message.reference, messageId },
      'SMS (logging provider, not sent)',
    );
    return Promise.resolve({ messageId });
  }
}

/**
 * An SMS gateway over HTTP (ZT_SMS_PROVIDER=http): POSTs {to, text, reference} as JSON with the
 * bearer token ZT_SMS_TOKEN to ZT_SMS_URL; a 2xx answer with {messageId} took the message.
 */
export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';

  constructor(
    private readonly options: { url: string; token: string | undefined; timeoutMs?: number },
  ) {}

  async send(message: {
    to: string;
    text: string;
    reference: string;
  }): Promise<{ messageId: string }> {
    const answer = await postJson(this.options.url, JSON.stringify(message), {
      headers: this.options.token ? { authorization: `Bearer ${this.options.token}` } : {},
      timeoutMs: this.options.timeoutMs ?? 10_000,
      // the operator configures this URL, not a department admin: a gateway may well be internal
      guard: false,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw new HttpStatusError(answer.status, answer.text);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      throw new Error('the SMS provider answered 2xx without a JSON body');
    }
    const id = (parsed as { messageId?: unknown } | null)?.messageId;
    if (typeof id !== 'string' || id === '' || id.length > 200) {
      throw new Error('the SMS provider answered 2xx without a messageId');
    }
    return { messageId: id };
  }
}

const SIGNATURE: Record<Locale, string> = { 'zh-CN': '【政通】', en: '[Zhengtong] ' };

/** The text of an SMS: the body, signed, with the link to open. */
export function smsText(locale: Locale, body: string, link: string | null, publicUrl: string) {
  return `${SIGNATURE[locale]}${body}${link ? ` ${publicUrl}${link}` : ''}`;
}

/**
 * 短信: queues one delivery per recipient who asked for SMS and has a phone on record in the
 * identity module (sealed there with the same field key, copied sealed), at the end of the
 * quiet hours when the message is not urgent.
 */
export class SmsChannel implements Channel {
  readonly name = 'sms';

  constructor(private readonly deps: { db: Drizzle; publicUrl: string; now?: () => Date }) {}

  async deliver(p: Prepared): Promise<void> {
    const wanting = p.recipients.filter((r) => r.channels.includes('sms'));
    if (wanting.length === 0) return;
    const phones = new Map(
      (
        await identityStore.accountPhones(
          this.deps.db,
          wanting.map((r) => r.accountId),
        )
      ).map((ph) => [ph.accountId, ph]),
    );
    const now = this.deps.now?.() ?? new Date();
    await queueDeliveries(
      this.deps.db,
      wanting.flatMap((r) => {
        const phone = phones.get(r.accountId);
        if (!phone) return [];
        const { title, body } = p.text(r.locale);
        return [
          {
            channel: 'sms' as const,
            accountId: r.accountId,
            endpointId: null,
            addressSealed: phone.phoneSealed,
            addressMasked: phone.phoneMasked,
            kind: p.kind,
            title,
            body: smsText(r.locale, body, p.link, this.deps.publicUrl),
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

/** Sends SMS deliveries through the provider; its id is kept for the delivery receipt. */
export class SmsSender implements Sender {
  readonly channel = 'sms' as const;
  readonly label = 'SMS';

  constructor(
    private readonly deps: { provider: SmsProvider; fieldCrypto: FieldCrypto; maxAttempts: number },
  ) {}

  get maxAttempts(): number {
    return this.deps.maxAttempts;
  }

  async send(row: DeliveryRow): Promise<SendResult> {
    const { messageId } = await this.deps.provider.send({
      to: this.deps.fieldCrypto.decrypt(row.addressSealed!),
      text: row.body,
      reference: row.id,
    });
    return { status: 'sent', providerMessageId: messageId };
  }
}
