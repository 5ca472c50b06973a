import type {
  InboxNotification,
  MessageChannel,
  MessageDelivery,
  MessageDeliveryPage,
  MessageDeliveryQuery,
  MessageKindList,
  MessageLocale,
  MessagePreferences,
  MessagePreferencesInput,
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplateList,
  MessageTemplatePreview,
  MessageTemplatePreviewInput,
  NotificationPage,
  NotificationPageQuery,
  ProblemFieldError,
  SmsReceipt,
  SmsReceiptResult,
  UnreadCount,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointList,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
} from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import { identityStore } from '../identity/index.js';
import { scheduleDelivery } from './delivery.js';
import { maskEmail } from './email.js';
import { webhookUrlProblem } from './http.js';
import { clockMinutes } from './quiet-hours.js';
import { SIGNATURE_HEADER, verifySignature } from './signature.js';
import * as store from './store.js';
import { parseTemplate, renderNodes } from './template-syntax.js';
import {
  LOCALES,
  MESSAGE_KINDS,
  isMessageKind,
  kindDefinition,
  type MessageKindName,
} from './templates.js';
import { endpointOrigin, newWebhookSecret } from './webhook.js';

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

/** 消息偏好: the signed-in account's own channels, language, e-mail address and quiet hours. */
export class PreferencesService {
  constructor(
    private readonly deps: { db: Drizzle; fieldCrypto: FieldCrypto; emailAvailable: boolean },
  ) {}

  async get(actor: Actor): Promise<MessagePreferences> {
    const accountId = owner(actor);
    return this.view(
      await store.findPreference(this.deps.db, accountId),
      await this.phoneOf(accountId),
    );
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
        [{ path: quietStart === null ? '/body/quietStart' : '/body/quietEnd', message: '缺少' }],
      );
    }
    if (quietStart !== null && clockMinutes(quietStart) === clockMinutes(quietEnd!)) {
      throw new InputError('quiet-hours-empty', 'the quiet hours start and end at the same time', [
        { path: '/body/quietEnd', message: '结束时间不能与开始时间相同' },
      ]);
    }
    const channels: MessageChannel[] = ['inApp', ...input.channels.filter((c) => c !== 'inApp')];
    if (channels.includes('email') && !this.deps.emailAvailable) {
      throw new InputError('email-unavailable', 'this server sends no e-mail (no SMTP server)', [
        { path: '/body/channels', message: '本平台未开通电子邮件通知' },
      ]);
    }
    const phone = await this.phoneOf(accountId);
    if (channels.includes('sms') && phone === null) {
      throw new InputError('phone-missing', 'the account has no phone on record for SMS', [
        { path: '/body/channels', message: '账号未登记手机号码，无法接收短信' },
      ]);
    }
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
        throw new InputError('email-missing', 'give an e-mail address to be told by e-mail', [
          { path: '/body/email', message: '请填写电子邮箱' },
        ]);
      }
      const locale = input.locale ?? before?.locale ?? 'zh-CN';
      const saved = await store.upsertPreference(tx, {
        accountId,
        emailSealed: email.sealed,
        emailMasked: email.masked,
        channels,
        locale,
        quietStart,
        quietEnd,
      });
      await recordAudit(tx, {
        actor,
        action: 'messaging.preferences.update',
        targetType: 'account',
        targetId: accountId,
        // the masked address only: the audit log is no place for personal data in clear
        summary: { channels, email: email.masked, locale, quietStart, quietEnd },
        requestId: ctx.requestId,
      });
      return saved;
    });
    return this.view(row, phone);
  }

  private async phoneOf(accountId: string): Promise<string | null> {
    const [phone] = await identityStore.accountPhones(this.deps.db, [accountId]);
    return phone?.phoneMasked ?? null;
  }

  private view(row: store.PreferenceRow | undefined, phone: string | null): MessagePreferences {
    return {
      email: row?.emailMasked ?? null,
      phone,
      channels: (row?.channels ?? ['inApp']).filter(
        (c): c is MessageChannel => c === 'inApp' || c === 'email' || c === 'sms',
      ),
      emailAvailable: this.deps.emailAvailable,
      smsAvailable: phone !== null,
      locale: row?.locale ?? 'zh-CN',
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
      channel: query.channel,
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
      await scheduleDelivery(tx, id, now);
      const row = (await store.findDelivery(tx, id))!;
      await recordAudit(tx, {
        actor,
        action: 'messaging.delivery.retry',
        targetType: 'messageDelivery',
        targetId: id,
        summary: { channel: row.channel },
        requestId: ctx.requestId,
      });
      return toDelivery(row);
    });
  }
}

/** Who edits the message templates: the province's administrators. */
export const TEMPLATE_ADMIN_ROLES: readonly string[] = ['provinceAdmin'];

/**
 * 消息模板: the default texts in code and the province's overrides, per kind and language. An
 * override may use only the variables its kind provides (422 naming the field otherwise).
 */
export class TemplatesService {
  constructor(private readonly deps: { db: Drizzle }) {}

  /** The kinds of message, for anyone who configures messages (templates, webhooks). */
  kinds(actor: Actor): MessageKindList {
    staffMember(actor);
    return {
      items: Object.entries(MESSAGE_KINDS).map(([kind, d]) => ({
        kind,
        urgent: d.urgent,
        variables: [...d.variables],
      })),
    };
  }

  async list(actor: Actor): Promise<MessageTemplateList> {
    mayEditTemplates(actor);
    const overrides = await store.templatesOf(this.deps.db);
    const items: MessageTemplate[] = [];
    for (const kind of Object.keys(MESSAGE_KINDS) as MessageKindName[]) {
      for (const locale of LOCALES) {
        items.push(
          templateView(
            kind,
            locale,
            overrides.find((o) => o.kind === kind && o.locale === locale),
          ),
        );
      }
    }
    return { items };
  }

  async get(actor: Actor, kind: string, locale: MessageLocale): Promise<MessageTemplate> {
    mayEditTemplates(actor);
    const k = knownKind(kind);
    const [own] = (await store.templatesOf(this.deps.db, k)).filter((o) => o.locale === locale);
    return templateView(k, locale, own);
  }

  async put(
    actor: Actor,
    kind: string,
    locale: MessageLocale,
    input: MessageTemplateInput,
    ctx: { requestId?: string } = {},
  ): Promise<MessageTemplate> {
    mayEditTemplates(actor);
    const k = knownKind(kind);
    checkTemplate(k, input);
    return this.deps.db.transaction(async (tx) => {
      const row = await store.upsertTemplate(tx, {
        kind: k,
        locale,
        title: input.title,
        body: input.body,
        updatedBy: actor.id,
      });
      await recordAudit(tx, {
        actor,
        action: 'messaging.template.update',
        targetType: 'messageTemplate',
        targetId: `${k}/${locale}`,
        summary: { title: input.title, body: input.body },
        requestId: ctx.requestId,
      });
      return templateView(k, locale, row);
    });
  }

  /** Brings the default back; true if there was an override. */
  async reset(
    actor: Actor,
    kind: string,
    locale: MessageLocale,
    ctx: { requestId?: string } = {},
  ): Promise<MessageTemplate> {
    mayEditTemplates(actor);
    const k = knownKind(kind);
    return this.deps.db.transaction(async (tx) => {
      if (await store.deleteTemplate(tx, k, locale)) {
        await recordAudit(tx, {
          actor,
          action: 'messaging.template.reset',
          targetType: 'messageTemplate',
          targetId: `${k}/${locale}`,
          summary: {},
          requestId: ctx.requestId,
        });
      }
      return templateView(k, locale, undefined);
    });
  }

  /** Renders the stored template, or the draft given, with sample values or those given. */
  async preview(
    actor: Actor,
    kind: string,
    locale: MessageLocale,
    input: MessageTemplatePreviewInput,
  ): Promise<MessageTemplatePreview> {
    const current = await this.get(actor, kind, locale);
    const k = kind as MessageKindName;
    const definition = kindDefinition(k);
    const draft = { title: input.title ?? current.title, body: input.body ?? current.body };
    checkTemplate(k, draft);
    const given = input.variables ?? {};
    const unknown = Object.keys(given).filter((n) => !definition.variables.includes(n));
    if (unknown.length > 0) {
      throw new UnprocessableError(
        'template-variable-unknown',
        `this message provides no variable ${unknown.join(', ')}`,
        unknown.map((n) => ({
          path: `/body/variables/${n}`,
          message: `not a variable of ${k}`,
        })),
      );
    }
    const variables = { ...definition.sample[locale], ...given };
    return {
      title: renderNodes(parseTemplate(draft.title).nodes, variables).replace(/\s*\n\s*/g, ' '),
      body: renderNodes(parseTemplate(draft.body).nodes, variables),
      variables,
    };
  }
}

function knownKind(kind: string): MessageKindName {
  if (!isMessageKind(kind)) {
    throw new NotFoundError('message-kind-not-found', `no kind of message ${kind}`);
  }
  return kind;
}

/** 422 with the field of each problem: an unknown variable, a section left open. */
function checkTemplate(kind: MessageKindName, input: { title: string; body: string }): void {
  const allowed = kindDefinition(kind).variables;
  const errors: ProblemFieldError[] = [];
  let unknownVariable = false;
  for (const field of ['title', 'body'] as const) {
    const parsed = parseTemplate(input[field]);
    for (const e of parsed.errors) errors.push({ path: `/body/${field}`, message: e });
    for (const name of parsed.names) {
      if (allowed.includes(name)) continue;
      unknownVariable = true;
      errors.push({
        path: `/body/${field}`,
        message: `{${name}} is not a variable of ${kind} (${allowed.join(', ')})`,
      });
    }
  }
  if (errors.length > 0) {
    throw new UnprocessableError(
      unknownVariable ? 'template-variable-unknown' : 'template-invalid',
      errors.map((e) => e.message).join('; '),
      errors,
    );
  }
}

function templateView(
  kind: MessageKindName,
  locale: MessageLocale,
  own: store.TemplateRow | undefined,
): MessageTemplate {
  const d = kindDefinition(kind);
  const fallback = d.templates[locale];
  return {
    kind,
    locale,
    title: own?.title ?? fallback.title,
    body: own?.body ?? fallback.body,
    urgent: d.urgent,
    variables: [...d.variables],
    overridden: own !== undefined,
    defaultTitle: fallback.title,
    defaultBody: fallback.body,
    updatedAt: own ? own.updatedAt.toISOString() : null,
    updatedBy: own?.updatedBy ?? null,
  };
}

/** Who registers an organisation's webhooks: its department admins. */
export const WEBHOOK_ADMIN_ROLES: readonly string[] = ['departmentAdmin'];
/** After a rotation the previous secret signs too for this long. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * Webhooks to department systems: a department admin registers its organisation's endpoints,
 * sees and edits them; another organisation's endpoint is no one's business (404). The signing
 * secret is shown once, at creation and at each rotation, and kept sealed.
 */
export class WebhooksService {
  constructor(
    private readonly deps: {
      db: Drizzle;
      fieldCrypto: FieldCrypto;
      allowPrivate: boolean;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async list(actor: Actor): Promise<WebhookEndpointList> {
    const organisationId = webhookAdmin(actor);
    return { items: (await store.listEndpoints(this.deps.db, organisationId)).map(endpointView) };
  }

  async create(
    actor: Actor,
    input: WebhookEndpointInput,
    ctx: { requestId?: string } = {},
  ): Promise<WebhookEndpointWithSecret> {
    const organisationId = webhookAdmin(actor);
    await this.checkEndpoint(input);
    const secret = newWebhookSecret();
    const now = this.now();
    const row: store.EndpointRow = {
      id: newId(),
      organisationId,
      url: input.url,
      kinds: input.kinds,
      description: input.description ?? null,
      active: 'active',
      secretSealed: this.deps.fieldCrypto.encrypt(secret),
      secretRotatedAt: now,
      previousSecretSealed: null,
      previousSecretUntil: null,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.db.transaction(async (tx) => {
      await store.insertEndpoint(tx, row);
      await recordAudit(tx, {
        actor,
        action: 'messaging.webhook.create',
        targetType: 'webhookEndpoint',
        targetId: row.id,
        // the origin only: a path or query may hold the system's own token
        summary: { organisationId, origin: endpointOrigin(row.url), kinds: row.kinds },
        requestId: ctx.requestId,
      });
    });
    return { ...endpointView(row), secret };
  }

  async update(
    actor: Actor,
    id: string,
    input: WebhookEndpointUpdate,
    ctx: { requestId?: string } = {},
  ): Promise<WebhookEndpoint> {
    const organisationId = webhookAdmin(actor);
    await this.checkEndpoint(input);
    return this.deps.db.transaction(async (tx) => {
      const found = await store.lockEndpoint(tx, id);
      if (!found || found.organisationId !== organisationId) throw endpointNotFound();
      const updated = await store.updateEndpoint(tx, id, {
        ...(input.url === undefined ? {} : { url: input.url }),
        ...(input.kinds === undefined ? {} : { kinds: input.kinds }),
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.active === undefined ? {} : { active: input.active ? 'active' : 'disabled' }),
      });
      await recordAudit(tx, {
        actor,
        action: 'messaging.webhook.update',
        targetType: 'webhookEndpoint',
        targetId: id,
        summary: {
          origin: endpointOrigin(updated.url),
          kinds: updated.kinds,
          active: updated.active,
        },
        requestId: ctx.requestId,
      });
      return endpointView(updated);
    });
  }

  /** A new secret; the previous one also signs for a day so the system can switch over. */
  async rotateSecret(
    actor: Actor,
    id: string,
    ctx: { requestId?: string } = {},
  ): Promise<WebhookEndpointWithSecret> {
    const organisationId = webhookAdmin(actor);
    const secret = newWebhookSecret();
    const now = this.now();
    const row = await this.deps.db.transaction(async (tx) => {
      const found = await store.lockEndpoint(tx, id);
      if (!found || found.organisationId !== organisationId) throw endpointNotFound();
      const updated = await store.updateEndpoint(tx, id, {
        secretSealed: this.deps.fieldCrypto.encrypt(secret),
        secretRotatedAt: now,
        previousSecretSealed: found.secretSealed,
        previousSecretUntil: new Date(now.getTime() + SECRET_OVERLAP_MS),
      });
      await recordAudit(tx, {
        actor,
        action: 'messaging.webhook.rotate-secret',
        targetType: 'webhookEndpoint',
        targetId: id,
        summary: {},
        requestId: ctx.requestId,
      });
      return updated;
    });
    return { ...endpointView(row), secret };
  }

  /** 422 for a URL that is not http(s) or reaches a private address, and for unknown kinds. */
  private async checkEndpoint(input: { url?: string; kinds?: readonly string[] }) {
    const errors: ProblemFieldError[] = [];
    (input.kinds ?? []).forEach((kind, i) => {
      if (!isMessageKind(kind)) {
        errors.push({ path: `/body/kinds/${i}`, message: `no kind of message ${kind}` });
      }
    });
    let urlRefused = false;
    if (input.url !== undefined) {
      const problem = await webhookUrlProblem(input.url, this.deps.allowPrivate);
      if (problem) {
        urlRefused = true;
        errors.push({ path: '/body/url', message: problem });
      }
    }
    if (errors.length > 0) {
      throw new UnprocessableError(
        urlRefused ? 'webhook-url-refused' : 'message-kind-unknown',
        errors.map((e) => e.message).join('; '),
        errors,
      );
    }
  }
}

function endpointNotFound(): NotFoundError {
  return new NotFoundError('webhook-not-found', 'no such webhook endpoint');
}

function endpointView(row: store.EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    organisationId: row.organisationId,
    url: row.url,
    kinds: row.kinds,
    description: row.description,
    active: row.active === 'active',
    secretRotatedAt: row.secretRotatedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * 短信回执: the SMS provider's delivery receipts, signed with ZT_SMS_RECEIPT_SECRET over the raw
 * body (same scheme as the webhooks). An unsigned or badly signed receipt is a 401.
 */
export class SmsReceiptsService {
  constructor(
    private readonly deps: { db: Drizzle; secret: string | undefined; now?: () => Date },
  ) {}

  async receive(
    raw: Buffer,
    signature: string | undefined,
    receipt: SmsReceipt,
  ): Promise<SmsReceiptResult> {
    if (!this.deps.secret) {
      throw new UnavailableError(
        'sms-receipts-off',
        'SMS delivery receipts are not configured (ZT_SMS_RECEIPT_SECRET)',
      );
    }
    const now = this.deps.now?.() ?? new Date();
    if (!verifySignature(signature, [this.deps.secret], raw, now)) {
      throw new UnauthenticatedError(
        'bad-signature',
        `the ${SIGNATURE_HEADER} header is missing, stale or does not match the body`,
      );
    }
    const matched = await store.applySmsReceipt(
      this.deps.db,
      receipt.messageId,
      receipt.status === 'delivered'
        ? { delivered: true, at: receipt.at ? new Date(receipt.at) : now }
        : {
            delivered: false,
            error: `provider: undeliverable${receipt.error ? ` (${receipt.error.slice(0, 200)})` : ''}`,
          },
    );
    return { matched };
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
    endpointId: row.endpointId,
    address: row.addressMasked,
    kind: row.kind,
    title: row.title,
    sourceEventId: row.sourceEventId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
    deliveredAt: row.deliveredAt ? row.deliveredAt.toISOString() : null,
    providerMessageId: row.providerMessageId,
    createdAt: row.createdAt.toISOString(),
  };
}

function signedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
  if (actor.limitedTo) {
    throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
  }
}

function staffMember(actor: Actor): void {
  signedIn(actor);
  if (actor.kind !== 'staff') {
    throw new ForbiddenError('staff-only', 'for staff of an organisation');
  }
}

function mayEditTemplates(actor: Actor): void {
  staffMember(actor);
  if (!actor.roles.some((r) => TEMPLATE_ADMIN_ROLES.includes(r))) {
    throw new ForbiddenError(
      'not-template-admin',
      'province administrators edit message templates',
    );
  }
}

/** The organisation whose webhooks the actor administers. */
function webhookAdmin(actor: Actor): string {
  staffMember(actor);
  if (!actor.organisationId || !actor.roles.some((r) => WEBHOOK_ADMIN_ROLES.includes(r))) {
    throw new ForbiddenError(
      'not-department-admin',
      "a department admin registers their organisation's webhooks",
    );
  }
  return actor.organisationId;
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
