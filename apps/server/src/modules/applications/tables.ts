import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SupplementItem } from '@zhengtong/contracts';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * 办件. It binds to the implementation-list version it was filed under (never changes). The
 * form data is sealed with the field key (it may hold phone numbers and ID numbers).
 */
export const application = pgTable(
  'application',
  {
    id: uuid().primaryKey(),
    /** 办件编号: region (6) + date (8) + sequence (6) */
    applicationNo: text().notNull(),
    listId: uuid().notNull(),
    listVersionId: uuid().notNull(),
    itemCode: text().notNull(),
    /** the item's name when filed (a later rename does not rewrite filed applications) */
    itemName: text().notNull(),
    /** 实施机构 */
    organisationId: uuid().notNull(),
    /** 受理机构: where it was accepted (跨域通办 may differ from the implementing one) */
    acceptingOrganisationId: uuid().notNull(),
    regionCode: text().notNull(),
    channel: text({ enum: ['online', 'window'] }).notNull(),
    status: text({
      enum: [
        'submitted',
        'supplementRequested',
        'accepted',
        'refused',
        'approved',
        'denied',
        'withdrawn',
        // a member of an 一件事 bundle waiting for the stage before it (no process yet)
        'waiting',
        // a bundle member that will not be processed: an earlier stage failed or the bundle
        // was withdrawn
        'cancelled',
      ],
    }).notNull(),
    /** the person's account that filed it (a person acting for an enterprise files for it) */
    applicantAccountId: text().notNull(),
    applicantKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    enterpriseId: uuid(),
    applicantName: text().notNull(),
    /** staff who filed it at a window (窗口收件), if so */
    filedBy: text(),
    formSealed: text().notNull(),
    processInstanceId: uuid(),
    submittedAt: tstz().notNull(),
    acceptedAt: tstz(),
    dueDate: date(),
    statutoryDueDate: date(),
    completedAt: tstz(),
    decisionReason: text(),
    supplement: jsonb().$type<SupplementItem[]>(),
    supplementCount: integer().notNull().default(0),
    pendingMaterials: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 挂起: since when the clock stands still, and why */
    suspendedAt: tstz(),
    suspensionKind: text({ enum: ['siteInspection', 'expertReview', 'hearing', 'other'] }),
    suspensionReason: text(),
    /** working days spent suspended so far (the due dates moved by as many) */
    suspendedWorkingDays: integer().notNull().default(0),
    /** the 一件事 bundle application this is a member of, and its stage there */
    bundleApplicationId: uuid(),
    bundleStage: integer(),
    /** 结果送达: how the result reaches the applicant (chosen when applying) */
    deliveryMethod: text({ enum: ['online', 'mail', 'pickup'] })
      .notNull()
      .default('online'),
    /** the mail address (寄递) sealed with the field key: it is personal data */
    deliveryAddressSealed: text(),
    /** 结果文书编号 of the decision or result document, once completed */
    resultNo: text(),
    /** when and how the result was delivered (tracking number, pickup) */
    deliveredAt: tstz(),
    delivery: jsonb().$type<Record<string, unknown>>(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('application_no_key').on(t.applicationNo),
    index('application_applicant_idx').on(t.applicantAccountId, t.submittedAt),
    index('application_organisation_idx').on(t.organisationId, t.status),
    index('application_accepting_idx').on(t.acceptingOrganisationId, t.status),
    index('application_bundle_idx').on(t.bundleApplicationId),
    check('application_no_check', sql`${t.applicationNo} ~ '^[0-9]{20}$'`),
  ],
);

/** What happened to an application, in order: the applicant's timeline. */
export const applicationEvent = pgTable(
  'application_event',
  {
    id: uuid().primaryKey(),
    applicationId: uuid().notNull(),
    event: text().notNull(),
    title: text().notNull(),
    actorId: text(),
    /** staff act as their organisation in the applicant's view */
    actorOrganisationId: uuid(),
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'application_event_application_fk',
      columns: [t.applicationId],
      foreignColumns: [application.id],
    }),
    index('application_event_application_idx').on(t.applicationId, t.at),
  ],
);

/** A submit's Idempotency-Key: a retried submit answers with the application it created. */
export const applicationSubmission = pgTable(
  'application_submission',
  {
    accountId: text().notNull(),
    idempotencyKey: text().notNull(),
    /** hash of the request body: the same key with another body is a 422 */
    requestHash: text().notNull(),
    applicationId: uuid().notNull(),
    /** what the submit created: an application, or an 一件事 bundle application */
    target: text({ enum: ['application', 'bundle'] })
      .notNull()
      .default('application'),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'application_submission_pk', columns: [t.accountId, t.idempotencyKey] }),
  ],
);

/** The last 办件编号 sequence used per region and day. */
export const applicationNoCounter = pgTable('application_no_counter', {
  prefix: text().primaryKey(),
  last: integer().notNull(),
});

/**
 * 申请材料: a file the applicant uploaded for one material of the bound list version. The bytes
 * live under the data dir at `storageKey` (built from the id only; the client's name never
 * touches the disk). `mediaType` is what the first bytes say, never what the client claimed.
 * Deleting keeps the row (soft delete) and removes the bytes.
 */
export const applicationFile = pgTable(
  'application_file',
  {
    id: uuid().primaryKey(),
    applicationId: uuid().notNull(),
    materialKey: text().notNull(),
    /** the sanitised display name */
    fileName: text().notNull(),
    /** sniffed from the content */
    mediaType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    /** SHA-256 of the content, lowercase hex */
    sha256: text().notNull(),
    /** path relative to the data dir, e.g. `files/applications/ab/cd/<id>` */
    storageKey: text().notNull(),
    uploadedBy: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    deletedAt: tstz(),
  },
  (t) => [
    foreignKey({
      name: 'application_file_application_fk',
      columns: [t.applicationId],
      foreignColumns: [application.id],
    }),
    index('application_file_material_idx').on(t.applicationId, t.materialKey),
    unique('application_file_storage_key').on(t.storageKey),
    check('application_file_size_check', sql`${t.sizeBytes} > 0`),
    check('application_file_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * 一件事 bundle application: one form and one number for several items. Each member item is an
 * `application` row of its own (bundle_application_id), processed by its department on its own
 * process; members of a later stage wait until every member of the stages before is approved.
 */
export const bundleApplication = pgTable(
  'bundle_application',
  {
    id: uuid().primaryKey(),
    /** 办件编号 from the same sequence as applications */
    applicationNo: text().notNull(),
    bundleCode: text().notNull(),
    bundleName: text().notNull(),
    regionCode: text().notNull(),
    /** 受理机构: the service hall's comprehensive window (综合受理) */
    acceptingOrganisationId: uuid().notNull(),
    channel: text({ enum: ['online', 'window'] }).notNull(),
    status: text({ enum: ['inProgress', 'completed', 'failed', 'withdrawn'] }).notNull(),
    applicantAccountId: text().notNull(),
    applicantKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    enterpriseId: uuid(),
    applicantName: text().notNull(),
    /** the merged form, sealed */
    formSealed: text().notNull(),
    deliveryMethod: text({ enum: ['online', 'mail', 'pickup'] })
      .notNull()
      .default('online'),
    deliveryAddressSealed: text(),
    /** Σ over stages of the longest promised limit, in working days */
    promisedLimitDays: integer().notNull(),
    submittedAt: tstz().notNull(),
    completedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('bundle_application_no_key').on(t.applicationNo),
    index('bundle_application_applicant_idx').on(t.applicantAccountId, t.submittedAt),
    check('bundle_application_no_check', sql`${t.applicationNo} ~ '^[0-9]{20}$'`),
  ],
);

/**
 * 草稿: the applicant's unfinished form for an implementation list or a bundle (in a region),
 * sealed like a filed form; one per account and target, replaced on each save, removed on submit.
 */
export const applicationDraft = pgTable(
  'application_draft',
  {
    accountId: text().notNull(),
    /** `list:<listId>` or `bundle:<code>:<regionCode>` */
    target: text().notNull(),
    title: text().notNull(),
    formSealed: text().notNull(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'application_draft_pk', columns: [t.accountId, t.target] })],
);
