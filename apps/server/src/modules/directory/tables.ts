import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/** 行政区划 (GB/T 2260). The parent is stored, never derived: 济源 419001 hangs off 410000. */
export const region = pgTable(
  'region',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    level: text({ enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'region_parent_fk', columns: [t.parentCode], foreignColumns: [t.code] }),
    index('region_parent_idx').on(t.parentCode),
    check('region_code_check', sql`${t.code} ~ '^[0-9]{6}$'`),
  ],
);

/** 部门 / 机构: an organisation bound to a region, in a tree. */
export const organisation = pgTable(
  'organisation',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    shortName: text(),
    kind: text({ enum: ['government', 'department', 'serviceHall'] }).notNull(),
    regionCode: text().notNull(),
    parentId: uuid(),
    creditCode: text(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'organisation_region_fk',
      columns: [t.regionCode],
      foreignColumns: [region.code],
    }),
    foreignKey({ name: 'organisation_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    index('organisation_region_idx').on(t.regionCode),
    index('organisation_parent_idx').on(t.parentId),
  ],
);

/** 窗口: a window of a service hall (政务服务中心), staffed by a department. */
export const serviceWindow = pgTable(
  'service_window',
  {
    id: uuid().primaryKey(),
    serviceHallId: uuid().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    organisationId: uuid(),
    kind: text({ enum: ['comprehensive', 'dedicated'] }).notNull(),
    active: boolean().notNull().default(true),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'service_window_hall_fk',
      columns: [t.serviceHallId],
      foreignColumns: [organisation.id],
    }),
    foreignKey({
      name: 'service_window_organisation_fk',
      columns: [t.organisationId],
      foreignColumns: [organisation.id],
    }),
    index('service_window_hall_idx').on(t.serviceHallId),
  ],
);
