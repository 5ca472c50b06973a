import type { Drizzle } from '../../kernel/db/database.js';
import type { DomainEvent, OutboxDispatcher } from '../../kernel/events/outbox.js';
import { findApplication, findBundleApplicationNoticeFacts } from '../applications/index.js';
import { findCertificateNoticeFacts } from '../certificates/index.js';
import { findCaseNoticeFacts, findEvaluationNoticeFacts } from '../evaluation/index.js';
import { identityStore } from '../identity/index.js';
import { message, type Notifier } from './notifier.js';
import { localDate, yuan, type Locale } from './templates.js';
import { DEADLINE_WARNING_TOPIC } from './warnings.js';

/** The durable name of the subscriber (outbox `delivered_to`): keep it across releases. */
export const NOTIFY_SUBSCRIBER = 'messaging.notify';

/** 部门负责人: who is told of a 督办 escalation in a department. */
export const ESCALATION_ROLE = 'departmentHead';

/** What the notifications need of the catalogue: the list version an application was filed under. */
export interface ListVersionLookup {
  getVersion(id: string): Promise<
    | {
        elements: {
          materials: readonly { key: string; name: string }[];
          form: { schema: Record<string, unknown> };
        };
      }
    | undefined
  >;
}

export interface NotificationSourcesDeps {
  db: Drizzle;
  notifier: Notifier;
  catalog: ListVersionLookup;
}

/** Names of the materials and form fields of the list version an application was filed under. */
export interface FormNames {
  material(key: string): string | undefined;
  field(name: string): string | undefined;
}

export const applicationLink = (id: string) => `/me/applications/${id}`;
export const bundleApplicationLink = (id: string) => `/me/bundle-applications/${id}`;
export const workbenchLink = (id: string) => `/workbench/applications/${id}`;
export const certificateLink = (id: string) => `/me/certificates/${id}`;
export const CASES_LINK = '/admin/evaluations';
export const RECEIPTS_LINK = '/me/receipts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (value: unknown): string | undefined =>
  typeof value === 'string' && UUID.test(value) ? value : undefined;
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The application events an applicant is told of, by topic. */
export const APPLICANT_TOPICS = [
  'application.submitted',
  'application.supplementRequested',
  'application.resubmitted',
  'application.accepted',
  'application.refused',
  'application.suspended',
  'application.resumed',
  'application.withdrawn',
  'application.completed',
] as const;
export type ApplicantTopic = (typeof APPLICANT_TOPICS)[number];

/** The 一件事 events an applicant is told of. */
export const BUNDLE_TOPICS = [
  'bundle-application.submitted',
  'bundle-application.completed',
  'bundle-application.failed',
] as const;
export type BundleTopic = (typeof BUNDLE_TOPICS)[number];

/** The payments module's events (payload {orderId, applicationId, accountId, totalFen, stage}). */
export const PAYMENT_TOPICS = [
  'payment.order.created',
  'payment.order.paid',
  'payment.order.refunded',
  'payment.order.cancelled',
] as const;
export type PaymentTopic = (typeof PAYMENT_TOPICS)[number];

const BUNDLE_MEMBER_QUIET: ReadonlySet<ApplicantTopic> = new Set([
  'application.submitted',
  'application.withdrawn',
]);

const NO_NAMES: FormNames = { material: () => undefined, field: () => undefined };

const SUSPENSION_KINDS: Record<string, Record<Locale, string>> = {
  siteInspection: { 'zh-CN': '现场勘验', en: 'site inspection' },
  expertReview: { 'zh-CN': '专家评审', en: 'expert review' },
  hearing: { 'zh-CN': '听证', en: 'hearing' },
  other: { 'zh-CN': '其他特殊环节', en: 'another special procedure' },
};

/** 补正 items, numbered, each with the material or field it concerns (一次性告知). */
export function supplementLines(items: unknown, names: FormNames, locale: Locale): string[] {
  if (!Array.isArray(items)) return [];
  const zh = locale === 'zh-CN';
  return items.flatMap((raw: unknown, i) => {
    if (raw === null || typeof raw !== 'object') return [];
    const item = raw as { materialKey?: unknown; field?: unknown; reason?: unknown };
    const reason = textOf(item.reason) ?? '';
    const materialKey = textOf(item.materialKey);
    const field = textOf(item.field);
    const about = materialKey
      ? zh
        ? `申请材料「${names.material(materialKey) ?? materialKey}」`
        : `Material “${names.material(materialKey) ?? materialKey}”`
      : field
        ? zh
          ? `申请表「${names.field(field) ?? field}」`
          : `Form field “${names.field(field) ?? field}”`
        : zh
          ? '其他'
          : 'Other';
    return [`${i + 1}. ${about}${zh ? '：' : ': '}${reason}`];
  });
}

const quoted = (locale: Locale, names: readonly string[]) =>
  locale === 'zh-CN'
    ? names.map((n) => `「${n}」`).join('、')
    : names.map((n) => `“${n}”`).join(', ');

/**
 * Turns domain events into messages: application and payment events to their applicant, 一件事
 * events to the bundle's applicant, 督办 escalations to the heads of the department, deadline
 * warnings to the officer on the task, certificates to their holder, 差评 cases to the
 * responsible organisation and the rater. Events come at least once; the channels skip what
 * they already made for an event, so a redelivery tells nobody twice. An event about something
 * that no longer exists is dropped, not retried.
 */
export function subscribeNotifications(
  dispatcher: OutboxDispatcher,
  deps: NotificationSourcesDeps,
): void {
  const on = (topic: string, handle: (event: DomainEvent) => Promise<void>) =>
    dispatcher.subscribe(topic, NOTIFY_SUBSCRIBER, handle);
  for (const topic of APPLICANT_TOPICS) on(topic, (e) => toApplicant(deps, topic, e));
  for (const topic of BUNDLE_TOPICS) on(topic, (e) => toBundleApplicant(deps, topic, e));
  on('workflow.task.escalated', (e) => toDepartmentHeads(deps, e));
  on(DEADLINE_WARNING_TOPIC, (e) => toTaskOfficers(deps, e));
  on('certificate.issued', (e) => toCertificateHolder(deps, e));
  on('evaluation.case.opened', (e) => toCaseHandlers(deps, e));
  on('evaluation.case.updated', (e) => toRaterOfReply(deps, e));
  on('evaluation.appeal.decided', (e) => toAppealParties(deps, e));
  for (const topic of PAYMENT_TOPICS) on(topic, (e) => toPayer(deps, topic, e));
}

async function toApplicant(
  deps: NotificationSourcesDeps,
  topic: ApplicantTopic,
  event: DomainEvent,
): Promise<void> {
  const id = uuidOf(event.payload.applicationId);
  if (!id) return;
  const app = await findApplication(deps.db, id);
  if (!app) return;
  // a member of an 一件事 is filed and withdrawn with its bundle: those are the applicant's own
  // acts on the bundle, not news of each member
  // (its department's systems still hear of it: a member is an application of theirs)
  const quiet = app.bundleApplicationId !== null && BUNDLE_MEMBER_QUIET.has(topic);
  const names =
    topic === 'application.supplementRequested' || topic === 'application.accepted'
      ? await formNames(deps.catalog, app.listVersionId)
      : NO_NAMES;
  const p = event.payload;
  const base = { applicationNumber: app.applicationNo, itemName: app.itemName };
  // an end of a bundle member points to the bundle, which is rated as a whole
  const bundleName =
    (topic === 'application.refused' || topic === 'application.completed') &&
    app.bundleApplicationId !== null
      ? ((await findBundleApplicationNoticeFacts(deps.db, app.bundleApplicationId))?.bundleName ??
        '')
      : '';
  const link = applicationLink(app.id);
  const msg = (() => {
    switch (topic) {
      case 'application.submitted':
      case 'application.resubmitted':
      case 'application.withdrawn':
        return message(topic, link, () => base);
      case 'application.supplementRequested':
        return message(topic, link, (l) => ({
          ...base,
          supplementItems: supplementLines(p.items, names, l).join('\n'),
        }));
      case 'application.accepted': {
        const due = textOf(p.dueDate) ?? app.dueDate;
        const pending = Array.isArray(p.pendingMaterials)
          ? p.pendingMaterials
              .filter((k): k is string => typeof k === 'string')
              .map((k) => names.material(k) ?? k)
          : [];
        return message(topic, link, (l) => ({
          ...base,
          dueDate: due ? localDate(due, l) : '',
          pendingMaterials: quoted(l, pending),
        }));
      }
      case 'application.refused':
        return message(topic, link, () => ({
          ...base,
          reason: textOf(p.reason) ?? app.decisionReason ?? '',
          bundleName,
        }));
      case 'application.suspended': {
        const kind = SUSPENSION_KINDS[textOf(p.kind) ?? 'other'] ?? SUSPENSION_KINDS.other!;
        return message(topic, link, (l) => ({
          ...base,
          suspensionKind: kind[l],
          reason: textOf(p.reason) ?? '',
        }));
      }
      case 'application.resumed': {
        const due = textOf(p.dueDate);
        return message(topic, link, (l) => ({ ...base, dueDate: due ? localDate(due, l) : '' }));
      }
      case 'application.completed': {
        const approved = p.outcome === 'approved';
        return message(topic, link, (l) => ({
          ...base,
          approved: approved ? (l === 'zh-CN' ? '准予' : 'approved') : '',
          denied: approved ? '' : l === 'zh-CN' ? '不予许可' : 'denied',
          reason: approved ? '' : (app.decisionReason ?? ''),
          bundleName,
        }));
      }
    }
  })();
  await deps.notifier.send({
    message: msg,
    recipients: quiet ? [] : [app.applicantAccountId],
    sourceEventId: event.id,
    organisationId: app.organisationId,
  });
}

async function toBundleApplicant(
  deps: NotificationSourcesDeps,
  topic: BundleTopic,
  event: DomainEvent,
): Promise<void> {
  const id = uuidOf(event.payload.bundleApplicationId);
  if (!id) return;
  const bundle = await findBundleApplicationNoticeFacts(deps.db, id);
  if (!bundle) return;
  await deps.notifier.send({
    message: message(topic, bundleApplicationLink(bundle.id), () => ({
      applicationNumber: bundle.applicationNo,
      bundleName: bundle.bundleName,
    })),
    recipients: [bundle.applicantAccountId],
    sourceEventId: event.id,
    // the service hall that accepts the bundle (综合受理): its systems follow the whole
    organisationId: bundle.acceptingOrganisationId,
  });
}

/** The application a workflow task works on, when its business key is one. */
async function applicationOfTask(deps: NotificationSourcesDeps, businessKey: unknown) {
  const id = uuidOf(businessKey);
  return id ? await findApplication(deps.db, id) : undefined;
}

async function toDepartmentHeads(deps: NotificationSourcesDeps, event: DomainEvent) {
  const organisationId = uuidOf(event.payload.candidateOrganisationId);
  if (!organisationId) return;
  const heads = await identityStore.activeStaffHolding(deps.db, {
    organisationId,
    role: ESCALATION_ROLE,
  });
  const app = await applicationOfTask(deps, event.payload.businessKey);
  const due = textOf(event.payload.dueDate);
  await deps.notifier.send({
    message: message('workflow.task.escalated', app ? workbenchLink(app.id) : null, (l) => ({
      taskName: textOf(event.payload.name) ?? (l === 'zh-CN' ? '办理' : 'processing'),
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      dueDate: due ? localDate(due, l) : '',
    })),
    recipients: heads.map((h) => h.accountId),
    sourceEventId: event.id,
    organisationId,
  });
}

/** 预警: the officer who claimed the task, or while unclaimed every candidate for it. */
async function toTaskOfficers(deps: NotificationSourcesDeps, event: DomainEvent) {
  const organisationId = uuidOf(event.payload.candidateOrganisationId);
  const role = textOf(event.payload.candidateRole);
  if (!organisationId || !role) return;
  const assignee = textOf(event.payload.assignee);
  const officers = assignee
    ? await identityStore.activeStaffHolding(deps.db, {
        organisationId,
        role,
        accountId: assignee,
      })
    : [];
  // an assignee who left (or lost the role) is no one to warn: the candidates are
  const recipients =
    officers.length > 0
      ? officers
      : await identityStore.activeStaffHolding(deps.db, { organisationId, role });
  const app = await applicationOfTask(deps, event.payload.businessKey);
  const due = textOf(event.payload.dueDate);
  await deps.notifier.send({
    message: message('workflow.task.warning', app ? workbenchLink(app.id) : null, (l) => ({
      taskName: textOf(event.payload.name) ?? (l === 'zh-CN' ? '办理' : 'processing'),
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      dueDate: due ? localDate(due, l) : '',
    })),
    recipients: recipients.map((r) => r.accountId),
    sourceEventId: event.id,
    organisationId,
  });
}

/** 电子证照: the holder — the person, or for an enterprise its legal representative. */
async function toCertificateHolder(deps: NotificationSourcesDeps, event: DomainEvent) {
  const id = uuidOf(event.payload.certificateId);
  if (!id) return;
  const cert = await findCertificateNoticeFacts(deps.db, id);
  if (!cert) return;
  const holder =
    cert.holderKind === 'person'
      ? cert.holderAccountId
      : cert.enterpriseId
        ? await identityStore.enterpriseLegalRepresentative(deps.db, cert.enterpriseId)
        : undefined;
  await deps.notifier.send({
    message: message('certificate.issued', certificateLink(cert.id), (l) => ({
      certificateName: cert.typeName,
      identifier: cert.identifier,
      holderName: cert.holderName,
      validTo: cert.validTo ? localDate(cert.validTo, l) : '',
    })),
    recipients: holder ? [holder] : [],
    sourceEventId: event.id,
    organisationId: cert.issuerOrganisationId,
  });
}

/**
 * 差评整改: a case opened goes to the responsible organisation's staff — any of them may visit
 * and reply (evaluation service, caseHandler).
 */
async function toCaseHandlers(deps: NotificationSourcesDeps, event: DomainEvent) {
  const id = uuidOf(event.payload.caseId);
  if (!id) return;
  const found = await findCaseNoticeFacts(deps.db, id);
  if (!found) return;
  const staff = await identityStore.activeStaffOf(deps.db, found.organisationId);
  const app = found.applicationId ? await findApplication(deps.db, found.applicationId) : undefined;
  const visitDue = textOf(event.payload.visitDueDate);
  await deps.notifier.send({
    message: message('evaluation.case.opened', CASES_LINK, (l) => ({
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      level: String(found.level),
      visitDueDate: visitDue ? localDate(visitDue, l) : '',
      rectifyDueDate: localDate(found.rectifyDueDate, l),
    })),
    recipients: staff.map((s) => s.accountId),
    sourceEventId: event.id,
    organisationId: found.organisationId,
  });
}

/** 整改答复: the organisation replied; the rater hears what was put right. */
async function toRaterOfReply(deps: NotificationSourcesDeps, event: DomainEvent) {
  if (event.payload.step !== 'reply') return;
  const id = uuidOf(event.payload.caseId);
  if (!id) return;
  const found = await findCaseNoticeFacts(deps.db, id);
  if (!found?.raterAccountId) return;
  const app = found.applicationId ? await findApplication(deps.db, found.applicationId) : undefined;
  await deps.notifier.send({
    message: message('evaluation.case.replied', app ? applicationLink(app.id) : null, () => ({
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      reply: found.reply ?? '',
    })),
    recipients: [found.raterAccountId],
    sourceEventId: event.id,
    organisationId: found.organisationId,
  });
}

/** 申诉复核: the decision goes to the rater and to the organisation that appealed. */
async function toAppealParties(deps: NotificationSourcesDeps, event: DomainEvent) {
  const evaluationId = uuidOf(event.payload.evaluationId);
  if (!evaluationId) return;
  const rating = await findEvaluationNoticeFacts(deps.db, evaluationId);
  if (!rating) return;
  const staff = await identityStore.activeStaffOf(deps.db, rating.organisationId);
  const app = rating.applicationId
    ? await findApplication(deps.db, rating.applicationId)
    : undefined;
  const upheld = event.payload.decision === 'upheld';
  await deps.notifier.send({
    message: message('evaluation.appeal.decided', null, (l) => ({
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      decision: upheld
        ? l === 'zh-CN'
          ? '申诉成立，该评价不计入统计'
          : 'the appeal was upheld; the rating no longer counts'
        : l === 'zh-CN'
          ? '申诉不成立，维持原评价'
          : 'the appeal was rejected; the rating stands',
    })),
    recipients: [
      ...(rating.raterAccountId ? [rating.raterAccountId] : []),
      ...staff.map((s) => s.accountId),
    ],
    sourceEventId: event.id,
    organisationId: rating.organisationId,
  });
}

/** 缴费: the payer hears of the order, the payment (with the receipt), a refund, a cancellation. */
async function toPayer(deps: NotificationSourcesDeps, topic: PaymentTopic, event: DomainEvent) {
  const accountId = uuidOf(event.payload.accountId);
  const totalFen = event.payload.totalFen;
  if (!accountId || typeof totalFen !== 'number' || !Number.isInteger(totalFen)) return;
  const applicationId = uuidOf(event.payload.applicationId);
  const app = applicationId ? await findApplication(deps.db, applicationId) : undefined;
  const link =
    topic === 'payment.order.paid' || topic === 'payment.order.refunded'
      ? RECEIPTS_LINK
      : app
        ? applicationLink(app.id)
        : null;
  await deps.notifier.send({
    message: message(topic, link, () => ({
      itemName: app?.itemName ?? '',
      applicationNumber: app?.applicationNo ?? '',
      amount: yuan(totalFen),
    })),
    recipients: [accountId],
    sourceEventId: event.id,
    organisationId: app?.organisationId,
  });
}

/** The material and form-field names of a list version (keys stand in where it has none). */
async function formNames(catalog: ListVersionLookup, listVersionId: string): Promise<FormNames> {
  const version = await catalog.getVersion(listVersionId);
  if (!version) return NO_NAMES;
  const materials = new Map(version.elements.materials.map((m) => [m.key, m.name]));
  const properties = version.elements.form.schema.properties;
  const fieldTitle = (name: string): string | undefined => {
    if (properties === null || typeof properties !== 'object') return undefined;
    const property: unknown = (properties as Record<string, unknown>)[name];
    if (property === null || typeof property !== 'object') return undefined;
    const title: unknown = (property as { title?: unknown }).title;
    return typeof title === 'string' && title !== '' ? title : undefined;
  };
  return { material: (key) => materials.get(key), field: fieldTitle };
}
