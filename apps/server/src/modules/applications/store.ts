import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import {
  application,
  applicationEvent,
  applicationNoCounter,
  applicationSubmission,
} from './tables.js';

export type ApplicationRow = typeof application.$inferSelect;
export type EventRow = typeof applicationEvent.$inferSelect;

export async function findApplication(
  db: Executor,
  id: string,
): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(application).where(eq(application.id, id));
  return rows[0];
}

export async function lockApplication(
  db: Executor,
  id: string,
): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(application).where(eq(application.id, id)).for('update');
  return rows[0];
}

export async function findByNumber(db: Executor, no: string): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(application).where(eq(application.applicationNo, no));
  return rows[0];
}

export async function insertApplication(db: Executor, row: typeof application.$inferInsert) {
  await db.insert(application).values(row);
}

export async function updateApplication(
  db: Executor,
  id: string,
  patch: Partial<typeof application.$inferInsert>,
) {
  await db
    .update(application)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(application.id, id));
}

export async function listByApplicant(
  db: Executor,
  accountId: string,
  f: { status?: ApplicationRow['status']; limit: number; offset: number },
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const where = and(
    eq(application.applicantAccountId, accountId),
    f.status ? eq(application.status, f.status) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(application)
      .where(where)
      .orderBy(desc(application.submittedAt))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(application)
      .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

export async function insertEvent(db: Executor, row: typeof applicationEvent.$inferInsert) {
  await db
    .insert(applicationEvent)
    // several entries in one transaction keep their order
    .values({ ...row, at: sql`clock_timestamp()` });
}

export async function eventsOf(db: Executor, applicationId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(applicationEvent)
    .where(eq(applicationEvent.applicationId, applicationId))
    .orderBy(asc(applicationEvent.at), asc(applicationEvent.id));
}

export async function findSubmission(
  db: Executor,
  accountId: string,
  key: string,
): Promise<{ requestHash: string; applicationId: string } | undefined> {
  const rows = await db
    .select({
      requestHash: applicationSubmission.requestHash,
      applicationId: applicationSubmission.applicationId,
    })
    .from(applicationSubmission)
    .where(
      and(
        eq(applicationSubmission.accountId, accountId),
        eq(applicationSubmission.idempotencyKey, key),
      ),
    );
  return rows[0];
}

/**
 * Claims an Idempotency-Key for this transaction; false when another submit holds it. A
 * concurrent claim of the same key waits here until the other transaction ends.
 */
export async function claimSubmission(
  db: Executor,
  row: typeof applicationSubmission.$inferInsert,
): Promise<boolean> {
  const inserted = await db
    .insert(applicationSubmission)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: applicationSubmission.idempotencyKey });
  return inserted.length > 0;
}

/** The next 办件编号 of a region and day: region + yyyymmdd + six-digit sequence. */
export async function nextApplicationNo(
  db: Executor,
  regionCode: string,
  yyyymmdd: string,
): Promise<string> {
  const prefix = `${regionCode}${yyyymmdd}`;
  const rows = await db
    .insert(applicationNoCounter)
    .values({ prefix, last: 1 })
    .onConflictDoUpdate({
      target: applicationNoCounter.prefix,
      set: { last: sql`${applicationNoCounter.last} + 1` },
    })
    .returning({ last: applicationNoCounter.last });
  const last = rows[0]?.last ?? 1;
  if (last > 999999) throw new Error(`more than 999999 applications in ${prefix}`);
  return `${prefix}${String(last).padStart(6, '0')}`;
}

/** Applications by status: for the metrics. */
export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const result = await db.execute<{ status: string; n: number }>(
    sql`SELECT status, count(*)::int AS n FROM application GROUP BY status`,
  );
  return Object.fromEntries(result.rows.map((r) => [r.status, r.n]));
}

// ---------------------------------------------------------------- reads for 站内消息 (messaging)

/** What a notification to the applicant tells of an application. */
export interface ApplicationNoticeFacts {
  id: string;
  applicationNo: string;
  itemName: string;
  listVersionId: string;
  applicantAccountId: string;
  status: ApplicationRow['status'];
  dueDate: string | null;
  decisionReason: string | null;
  bundleApplicationId: string | null;
}

export async function findApplicationNoticeFacts(
  db: Executor,
  id: string,
): Promise<ApplicationNoticeFacts | undefined> {
  const rows = await db
    .select({
      id: application.id,
      applicationNo: application.applicationNo,
      itemName: application.itemName,
      listVersionId: application.listVersionId,
      applicantAccountId: application.applicantAccountId,
      status: application.status,
      dueDate: application.dueDate,
      decisionReason: application.decisionReason,
      bundleApplicationId: application.bundleApplicationId,
    })
    .from(application)
    .where(eq(application.id, id));
  return rows[0];
}

/** What a notification to the applicant tells of an 一件事 bundle application. */
export interface BundleApplicationNoticeFacts {
  id: string;
  applicationNo: string;
  bundleName: string;
  applicantAccountId: string;
  /** the service hall (or department) that accepts the bundle */
  acceptingOrganisationId: string;
  status: string;
}

export async function findBundleApplicationNoticeFacts(
  db: Executor,
  id: string,
): Promise<BundleApplicationNoticeFacts | undefined> {
  const result = await db.execute<{
    id: string;
    application_no: string;
    bundle_name: string;
    applicant_account_id: string;
    accepting_organisation_id: string;
    status: string;
  }>(
    sql`SELECT id, application_no, bundle_name, applicant_account_id, accepting_organisation_id,
               status
          FROM bundle_application WHERE id = ${id}`,
  );
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        applicationNo: row.application_no,
        bundleName: row.bundle_name,
        applicantAccountId: row.applicant_account_id,
        acceptingOrganisationId: row.accepting_organisation_id,
        status: row.status,
      }
    : undefined;
}
