import type { Drizzle } from '../../kernel/db/database.js';
import type { DomainEvent, OutboxDispatcher } from '../../kernel/events/outbox.js';
import {
  findApplicationNoticeFacts,
  findBundleApplicationNoticeFacts,
} from '../applications/index.js';
import { identityStore } from '../identity/index.js';
import {
  APPLICANT_TOPICS,
  BUNDLE_TOPICS,
  applicationNotice,
  bundleNotice,
  escalationNotice,
  type ApplicantTopic,
  type BundleTopic,
  type FormNames,
} from './notices.js';
import type { Notifier } from './notifier.js';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (value: unknown): string | undefined =>
  typeof value === 'string' && UUID.test(value) ? value : undefined;
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const BUNDLE_MEMBER_QUIET: ReadonlySet<ApplicantTopic> = new Set([
  'application.submitted',
  'application.withdrawn',
]);

const NO_NAMES: FormNames = { material: () => undefined, field: () => undefined };

/**
 * Turns domain events into notifications: application events to their applicant, 一件事 events
 * to the bundle's applicant, 督办 escalations to the heads of the department. Events come at
 * least once; the channels skip what they already sent for an event, so a redelivery tells
 * nobody twice. An event about something that no longer exists is dropped, not retried.
 */
export function subscribeNotifications(
  dispatcher: OutboxDispatcher,
  deps: NotificationSourcesDeps,
): void {
  for (const topic of APPLICANT_TOPICS) {
    dispatcher.subscribe(topic, NOTIFY_SUBSCRIBER, (event) => toApplicant(deps, topic, event));
  }
  for (const topic of BUNDLE_TOPICS) {
    dispatcher.subscribe(topic, NOTIFY_SUBSCRIBER, (event) =>
      toBundleApplicant(deps, topic, event),
    );
  }
  dispatcher.subscribe('workflow.task.escalated', NOTIFY_SUBSCRIBER, (event) =>
    toDepartmentHeads(deps, event),
  );
}

async function toApplicant(
  deps: NotificationSourcesDeps,
  topic: ApplicantTopic,
  event: DomainEvent,
): Promise<void> {
  const id = uuidOf(event.payload.applicationId);
  if (!id) return;
  const app = await findApplicationNoticeFacts(deps.db, id);
  if (!app) return;
  // a member of an 一件事 is filed and withdrawn with its bundle: those are the applicant's own
  // acts on the bundle, not news of each member
  if (app.bundleApplicationId !== null && BUNDLE_MEMBER_QUIET.has(topic)) return;
  const names =
    topic === 'application.supplementRequested' || topic === 'application.accepted'
      ? await formNames(deps.catalog, app.listVersionId)
      : NO_NAMES;
  await deps.notifier.send({
    recipients: [app.applicantAccountId],
    notice: applicationNotice(topic, app, event.payload, names),
    sourceEventId: event.id,
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
    recipients: [bundle.applicantAccountId],
    notice: bundleNotice(topic, bundle),
    sourceEventId: event.id,
  });
}

async function toDepartmentHeads(deps: NotificationSourcesDeps, event: DomainEvent) {
  const organisationId = uuidOf(event.payload.candidateOrganisationId);
  if (!organisationId) return;
  const heads = await identityStore.activeStaffHolding(deps.db, {
    organisationId,
    role: ESCALATION_ROLE,
  });
  if (heads.length === 0) return;
  const businessKey = uuidOf(event.payload.businessKey);
  const app = businessKey ? await findApplicationNoticeFacts(deps.db, businessKey) : undefined;
  await deps.notifier.send({
    recipients: heads.map((h) => h.accountId),
    notice: escalationNotice(
      { name: textOf(event.payload.name), dueDate: textOf(event.payload.dueDate) },
      app,
    ),
    sourceEventId: event.id,
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
