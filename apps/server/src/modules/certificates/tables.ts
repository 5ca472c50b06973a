import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

/** 证照目录: certificate types (GB/T 36902 catalogue information). */
export const certificateType = pgTable(
  'certificate_type',
  {
    /** 证照类型代码: the defining department's credit code + three digits */
    code: text().primaryKey(),
    name: text().notNull(),
    sector: text().notNull(),
    holderKind: text({ enum: ['person', 'enterprise'] }).notNull(),
    /** validity in years; null when it does not expire */
    validityYears: integer(),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    check('certificate_type_code_check', sql`${t.code} ~ '^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$'`),
    check(
      'certificate_type_validity_check',
      sql`${t.validityYears} IS NULL OR ${t.validityYears} > 0`,
    ),
  ],
);
