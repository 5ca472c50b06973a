import crypto from 'node:crypto';
import type { Drizzle } from '../../kernel/db/database.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { queueDeliveries, type Sender, type SendResult } from './delivery.js';
import { HttpStatusError, postJson } from './http.js';
import type { Channel, Prepared } from './notifier.js';
import { signatureHeader } from './signature.js';
import * as store from './store.js';

/** A new signing secret: 32 random bytes, shown once to the department admin. */
export const newWebhookSecret = (): string =>
  `whsec_${crypto.randomBytes(32).toString('base64url')}`;

/** What ops see of an endpoint's address: its origin, never its path or query (tokens). */
export function endpointOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '[invalid]';
  }
}

/**
 * Webhooks to department systems (部门系统): a message about an organisation goes to each of its
 * active endpoints that wants the kind, once per (endpoint, source event). The text is Chinese
 * (systems have no language preference) with the message's variables as data. The endpoint's
 * URL and secret are read when it is sent, so an edit or a rotation applies to what is queued.
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook';

  constructor(private readonly deps: { db: Drizzle; now?: () => Date }) {}

  async deliver(p: Prepared): Promise<void> {
    if (p.organisationId === undefined) return;
    const endpoints = await store.endpointsWanting(this.deps.db, p.organisationId, p.kind);
    if (endpoints.length === 0) return;
    const now = this.deps.now?.() ?? new Date();
    const { title, body } = p.text('zh-CN');
    await queueDeliveries(
      this.deps.db,
      endpoints.map((e) => ({
        channel: 'webhook' as const,
        accountId: null,
        endpointId: e.id,
        addressSealed: null,
        addressMasked: endpointOrigin(e.url),
        kind: p.kind,
        title,
        body,
        link: p.link,
        data: p.variables('zh-CN'),
        sourceEventId: p.sourceEventId,
        // systems have no quiet hours
        nextAttemptAt: now,
      })),
    );
  }
}

/** The JSON a department system receives (docs: ADR 0012). */
export function webhookBody(row: store.DeliveryRow, organisationId: string, publicUrl: string) {
  return JSON.stringify({
    id: row.id,
    kind: row.kind,
    sourceEventId: row.sourceEventId,
    organisationId,
    createdAt: row.createdAt.toISOString(),
    title: row.title,
    body: row.body,
    link: row.link ? `${publicUrl}${row.link}` : null,
    data: row.data ?? {},
  });
}

/**
 * Calls an endpoint with a signed JSON body; a 2xx answer is `delivered`, anything else (or an
 * endpoint disabled since) a failed attempt. Private addresses are refused at connect time
 * unless ZT_WEBHOOK_ALLOW_PRIVATE.
 */
export class WebhookSender implements Sender {
  readonly channel = 'webhook' as const;
  readonly label = 'webhook';

  constructor(
    private readonly deps: {
      db: Drizzle;
      fieldCrypto: FieldCrypto;
      maxAttempts: number;
      allowPrivate: boolean;
      publicUrl: string;
      timeoutMs?: number;
      now?: () => Date;
    },
  ) {}

  get maxAttempts(): number {
    return this.deps.maxAttempts;
  }

  async send(row: store.DeliveryRow): Promise<SendResult> {
    const endpoint = row.endpointId
      ? await store.findEndpoint(this.deps.db, row.endpointId)
      : undefined;
    if (!endpoint) throw new Error('the endpoint no longer exists');
    if (endpoint.active !== 'active') throw new Error('the endpoint is disabled');
    const now = this.deps.now?.() ?? new Date();
    const secrets = [this.deps.fieldCrypto.decrypt(endpoint.secretSealed)];
    if (
      endpoint.previousSecretSealed &&
      endpoint.previousSecretUntil &&
      endpoint.previousSecretUntil > now
    ) {
      secrets.push(this.deps.fieldCrypto.decrypt(endpoint.previousSecretSealed));
    }
    const body = webhookBody(row, endpoint.organisationId, this.deps.publicUrl);
    const answer = await postJson(endpoint.url, body, {
      headers: {
        'x-zhengtong-signature': signatureHeader(secrets, body, now),
        'x-zhengtong-event': row.kind,
        'x-zhengtong-delivery': row.id,
      },
      timeoutMs: this.deps.timeoutMs ?? 10_000,
      guard: !this.deps.allowPrivate,
    });
    if (answer.status < 200 || answer.status >= 300) {
      throw new HttpStatusError(answer.status, answer.text);
    }
    return { status: 'delivered' };
  }
}
