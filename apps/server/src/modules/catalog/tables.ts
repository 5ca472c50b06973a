import { sql } from 'drizzle-orm';
import {
  check,
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
import type { BundleMember, ImplementationElements, ListMetrics } from '@zhengtong/contracts';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/** 基本目录: a province-wide standard service item (政务服务事项). */
export const catalogItem = pgTable(
  'catalog_item',
  {
    id: uuid().primaryKey(),
    /** 事项编码 (13 characters, see packages/gb service-item-code) */
    code: text().notNull(),
    name: text().notNull(),
    itemType: text().notNull(),
    sector: text().notNull(),
    /** 主管部门 (an organisation of the directory) */
    competentOrganisationId: uuid().notNull(),
    legalBasis: text().notNull(),
    levels: text().array().notNull(),
    applicantKinds: text().array().notNull(),
    handlingCase: text({ enum: ['new', 'change', 'renewal', 'cancellation'] }),
    keywords: text().array().notNull(),
    /** name, keywords, type and sector names, lower-cased: what a keyword search reads */
    searchText: text().notNull(),
    /** pinyin initials of the name and keywords, space-separated (营业执照 → yyzz) */
    pinyinInitials: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    unique('catalog_item_code_key').on(t.code),
    check('catalog_item_code_check', sql`${t.code} ~ '^[A-Z]{2}[0-9]{11}$'`),
  ],
);

/** 实施清单: one item as implemented by one organisation in its region. */
export const catalogList = pgTable(
  'catalog_list',
  {
    id: uuid().primaryKey(),
    /** 实施编码: item code + region code + two-digit sequence */
    code: text().notNull(),
    itemId: uuid().notNull(),
    organisationId: uuid().notNull(),
    regionCode: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'catalog_list_item_fk',
      columns: [t.itemId],
      foreignColumns: [catalogItem.id],
    }),
    unique('catalog_list_code_key').on(t.code),
    unique('catalog_list_item_organisation_key').on(t.itemId, t.organisationId),
    index('catalog_list_region_idx').on(t.regionCode),
    index('catalog_list_organisation_idx').on(t.organisationId),
  ],
);

/**
 * A version of an implementation list. Only a draft's elements may change (a trigger enforces
 * it), so an application bound to a version id reads what it was filed under, for ever.
 */
export const catalogListVersion = pgTable(
  'catalog_list_version',
  {
    id: uuid().primaryKey(),
    listId: uuid().notNull(),
    version: integer().notNull(),
    /** incremented by every save of a draft (optimistic concurrency) */
    revision: integer().notNull().default(1),
    status: text({ enum: ['draft', 'submitted', 'published', 'superseded', 'retired'] }).notNull(),
    elements: jsonb().$type<ImplementationElements>().notNull(),
    metrics: jsonb().$type<ListMetrics>().notNull(),
    reviewNote: text(),
    createdBy: text().notNull(),
    submittedBy: text(),
    publishedBy: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
    submittedAt: tstz(),
    publishedAt: tstz(),
    retiredAt: tstz(),
  },
  (t) => [
    foreignKey({
      name: 'catalog_list_version_list_fk',
      columns: [t.listId],
      foreignColumns: [catalogList.id],
    }),
    unique('catalog_list_version_number_key').on(t.listId, t.version),
    // at most one version in force and one being worked on per list
    uniqueIndex('catalog_list_version_published_idx')
      .on(t.listId)
      .where(sql`status = 'published'`),
    uniqueIndex('catalog_list_version_pending_idx')
      .on(t.listId)
      .where(sql`status IN ('draft', 'submitted')`),
    index('catalog_list_version_status_idx').on(t.status),
    check('catalog_list_version_number_check', sql`${t.version} > 0`),
  ],
);

/** 一件事: several items applied for as one. */
export const catalogBundle = pgTable(
  'catalog_bundle',
  {
    id: uuid().primaryKey(),
    code: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    applicantKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    lifeEvents: text().array().notNull(),
    listKind: text({ enum: ['overall', 'annual', 'local'] }).notNull(),
    members: jsonb().$type<BundleMember[]>().notNull(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [unique('catalog_bundle_code_key').on(t.code)],
);
