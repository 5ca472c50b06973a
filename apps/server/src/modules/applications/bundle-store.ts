import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import type { ApplicationRow, EventRow } from './store.js';
import { application, applicationEvent, bundleApplication } from './tables.js';

// 一件事 bundle applications: the bundle_application rows and the member applications they hold.

export type BundleApplicationRow = typeof bundleApplication.$inferSelect;

export async function insertBundleApplication(
  db: Executor,
  row: typeof bundleApplication.$inferInsert,
): Promise<void> {
  await db.insert(bundleApplication).values(row);
}

export async function findBundleApplication(
  db: Executor,
  id: string,
): Promise<BundleApplicationRow | undefined> {
  const rows = await db.select().from(bundleApplication).where(eq(bundleApplication.id, id));
  return rows[0];
}

/**
 * The bundle row locked for this transaction. Every change of a bundle or of one of its members
 * takes this lock before any member row's, so concurrent changes queue here and cannot deadlock.
 */
export async function lockBundleApplication(
  db: Executor,
  id: string,
): Promise<BundleApplicationRow | undefined> {
  const rows = await db
    .select()
    .from(bundleApplication)
    .where(eq(bundleApplication.id, id))
    .for('update');
  return rows[0];
}

export async function updateBundleApplication(
  db: Executor,
  id: string,
  patch: Partial<typeof bundleApplication.$inferInsert>,
): Promise<void> {
  await db
    .update(bundleApplication)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(bundleApplication.id, id));
}

/** The member applications of bundles, by stage and then 办件编号 (the filing order). */
export async function membersOf(db: Executor, bundleIds: string[]): Promise<ApplicationRow[]> {
  if (bundleIds.length === 0) return [];
  return db
    .select()
    .from(application)
    .where(inArray(application.bundleApplicationId, bundleIds))
    .orderBy(asc(application.bundleStage), asc(application.applicationNo));
}

/** The member rows of one bundle locked, in a fixed order (after the bundle's own lock). */
export async function lockMembers(db: Executor, bundleId: string): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(application)
    .where(eq(application.bundleApplicationId, bundleId))
    .orderBy(asc(application.bundleStage), asc(application.applicationNo))
    .for('update');
}

export async function listByApplicant(
  db: Executor,
  accountId: string,
  f: { status?: BundleApplicationRow['status']; limit: number; offset: number },
): Promise<{ rows: BundleApplicationRow[]; total: number }> {
  const where = and(
    eq(bundleApplication.applicantAccountId, accountId),
    f.status ? eq(bundleApplication.status, f.status) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(bundleApplication)
      .where(where)
      .orderBy(desc(bundleApplication.submittedAt))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(bundleApplication)
      .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

/** The timeline entries of several applications, oldest first. */
export async function eventsOfMany(db: Executor, applicationIds: string[]): Promise<EventRow[]> {
  if (applicationIds.length === 0) return [];
  return db
    .select()
    .from(applicationEvent)
    .where(inArray(applicationEvent.applicationId, applicationIds))
    .orderBy(asc(applicationEvent.at), asc(applicationEvent.id));
}
