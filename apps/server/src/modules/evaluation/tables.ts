import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { EvaluationDimensions } from '@zhengtong/contracts';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * 一次一评: a service session an officer opened at a window. The token the tablet or QR link
 * carries is stored only as its SHA-256; the session is rated once, before it expires.
 */
export const evaluationSession = pgTable(
  'evaluation_session',
  {
    id: uuid().primaryKey(),
    tokenHash: text().notNull(),
    organisationId: uuid().notNull(),
    regionCode: text().notNull(),
    officerAccountId: text().notNull(),
    serviceWindowId: uuid(),
    /** the application served, when the officer named one */
    applicationId: uuid(),
    itemCode: text(),
    itemName: text(),
    openedAt: tstz().notNull(),
    expiresAt: tstz().notNull(),
  },
  (t) => [
    unique('evaluation_session_token_key').on(t.tokenHash),
    index('evaluation_session_organisation_idx').on(t.organisationId, t.openedAt),
  ],
);

/**
 * 好差评: one rating. `perCase` (一事一评) rates an application or an 一件事 bundle application,
 * `perVisit` (一次一评) a session, `followUp` the reply of a 差评整改 case. Each is unique per
 * what it rates. A rating an appeal
 * found mistaken or malicious stays, marked `excludedAt`, out of the statistics.
 */
export const evaluation = pgTable(
  'evaluation',
  {
    id: uuid().primaryKey(),
    kind: text({ enum: ['perCase', 'perVisit', 'followUp'] }).notNull(),
    channel: text({ enum: ['online', 'onSite'] }).notNull(),
    applicationId: uuid(),
    /** an 一件事 is rated once as a whole (its members are not rated one by one) */
    bundleApplicationId: uuid(),
    sessionId: uuid(),
    /** the case a follow-up rates */
    followUpOfCaseId: uuid(),
    /** the account that rated; null for a session rated with its token */
    raterAccountId: text(),
    organisationId: uuid().notNull(),
    regionCode: text().notNull(),
    itemCode: text(),
    itemName: text(),
    /** 整体满意度 1–5 */
    level: integer().notNull(),
    dimensions: jsonb().$type<EvaluationDimensions>().notNull(),
    comment: text(),
    excludedAt: tstz(),
    createdAt: tstz().notNull(),
  },
  (t) => [
    uniqueIndex('evaluation_application_key')
      .on(t.applicationId)
      .where(sql`${t.kind} = 'perCase'`),
    uniqueIndex('evaluation_bundle_application_key')
      .on(t.bundleApplicationId)
      .where(sql`${t.kind} = 'perCase'`),
    unique('evaluation_session_key').on(t.sessionId),
    unique('evaluation_follow_up_key').on(t.followUpOfCaseId),
    index('evaluation_organisation_idx').on(t.organisationId, t.createdAt),
    index('evaluation_rater_idx').on(t.raterAccountId),
    check('evaluation_level_check', sql`${t.level} BETWEEN 1 AND 5`),
    check('evaluation_comment_check', sql`char_length(${t.comment}) <= 500`),
    check(
      'evaluation_per_case_subject_check',
      sql`${t.kind} <> 'perCase' OR num_nonnulls(${t.applicationId}, ${t.bundleApplicationId}) = 1`,
    ),
    foreignKey({
      name: 'evaluation_session_fk',
      columns: [t.sessionId],
      foreignColumns: [evaluationSession.id],
    }),
  ],
);

/**
 * 差评整改: the case a 差评 opens for the responsible organisation. Due days are working days
 * (Asia/Shanghai) from the day of the rating: 回访 first, then 整改 and the reply.
 */
export const rectificationCase = pgTable(
  'rectification_case',
  {
    id: uuid().primaryKey(),
    evaluationId: uuid().notNull(),
    organisationId: uuid().notNull(),
    status: text({ enum: ['open', 'visited', 'rectified', 'closed'] }).notNull(),
    openedAt: tstz().notNull(),
    visitDueDate: date({ mode: 'string' }).notNull(),
    rectifyDueDate: date({ mode: 'string' }).notNull(),
    visitedAt: tstz(),
    visitedBy: text(),
    visitNote: text(),
    repliedAt: tstz(),
    repliedBy: text(),
    reply: text(),
    closedAt: tstz(),
    closedBy: text(),
    closeReason: text({ enum: ['rectified', 'appealUpheld'] }),
    escalatedAt: tstz(),
    updatedAt: tstz().notNull(),
  },
  (t) => [
    unique('rectification_case_evaluation_key').on(t.evaluationId),
    index('rectification_case_organisation_idx').on(t.organisationId, t.status),
    index('rectification_case_due_idx').on(t.status, t.rectifyDueDate),
    foreignKey({
      name: 'rectification_case_evaluation_fk',
      columns: [t.evaluationId],
      foreignColumns: [evaluation.id],
    }),
  ],
);

/** 申诉复核: the organisation's appeal against a rating, decided by another organisation. */
export const evaluationAppeal = pgTable(
  'evaluation_appeal',
  {
    id: uuid().primaryKey(),
    evaluationId: uuid().notNull(),
    organisationId: uuid().notNull(),
    regionCode: text().notNull(),
    ground: text({ enum: ['mistaken', 'malicious'] }).notNull(),
    reasons: text().notNull(),
    filedBy: text().notNull(),
    filedAt: tstz().notNull(),
    status: text({ enum: ['pending', 'upheld', 'rejected'] }).notNull(),
    decidedBy: text(),
    decidedByOrganisationId: uuid(),
    decidedAt: tstz(),
    decisionNote: text(),
  },
  (t) => [
    // one appeal per rating: a rejected appeal is final
    unique('evaluation_appeal_evaluation_key').on(t.evaluationId),
    index('evaluation_appeal_status_idx').on(t.status, t.filedAt),
    foreignKey({
      name: 'evaluation_appeal_evaluation_fk',
      columns: [t.evaluationId],
      foreignColumns: [evaluation.id],
    }),
  ],
);
