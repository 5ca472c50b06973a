import {
  and,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  or,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { evaluation, evaluationAppeal, evaluationSession, rectificationCase } from './tables.js';

/*
 * The only file that touches the evaluation tables.
 */

export type EvaluationRow = typeof evaluation.$inferSelect;
export type SessionRow = typeof evaluationSession.$inferSelect;
export type CaseRow = typeof rectificationCase.$inferSelect;
export type AppealRow = typeof evaluationAppeal.$inferSelect;

/** Which ratings, cases and appeals a reader sees: all, some regions, or one organisation. */
export type Scope =
  | { all: true }
  | { organisationId: string }
  /** some regions (undefined: any), perhaps but one organisation (a reviewer's own) */
  | { regionCodes?: string[]; notOrganisationId?: string };

function scoped(scope: Scope, organisationCol: Column, regionCol: Column): SQL | undefined {
  if ('all' in scope) return undefined;
  if ('organisationId' in scope) return eq(organisationCol, scope.organisationId);
  const { regionCodes, notOrganisationId } = scope;
  return and(
    regionCodes === undefined
      ? undefined
      : regionCodes.length === 0
        ? sql`false`
        : inArray(regionCol, regionCodes),
    notOrganisationId === undefined ? undefined : ne(organisationCol, notOrganisationId),
  );
}

// -- sessions -----------------------------------------------------------------------------------

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insert(evaluationSession).values(row);
}

export async function lockSessionByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  const rows = await db
    .select()
    .from(evaluationSession)
    .where(eq(evaluationSession.tokenHash, tokenHash))
    .for('update');
  return rows[0];
}

// -- evaluations --------------------------------------------------------------------------------

export async function insertEvaluation(db: Executor, row: EvaluationRow): Promise<void> {
  await db.insert(evaluation).values(row);
}

export async function findEvaluation(db: Executor, id: string): Promise<EvaluationRow | undefined> {
  const rows = await db.select().from(evaluation).where(eq(evaluation.id, id));
  return rows[0];
}

export async function lockEvaluation(db: Executor, id: string): Promise<EvaluationRow | undefined> {
  const rows = await db.select().from(evaluation).where(eq(evaluation.id, id)).for('update');
  return rows[0];
}

/** The 一事一评 rating of an application or of an 一件事 bundle application. */
export async function findCaseEvaluation(
  db: Executor,
  subject: { applicationId: string } | { bundleApplicationId: string },
): Promise<EvaluationRow | undefined> {
  const rows = await db
    .select()
    .from(evaluation)
    .where(
      and(
        'applicationId' in subject
          ? eq(evaluation.applicationId, subject.applicationId)
          : eq(evaluation.bundleApplicationId, subject.bundleApplicationId),
        eq(evaluation.kind, 'perCase'),
      ),
    );
  return rows[0];
}

export async function findFollowUp(
  db: Executor,
  caseId: string,
): Promise<EvaluationRow | undefined> {
  const rows = await db.select().from(evaluation).where(eq(evaluation.followUpOfCaseId, caseId));
  return rows[0];
}

export async function listEvaluations(
  db: Executor,
  f: { scope: Scope; raterAccountId?: string; bad?: boolean; channel?: string; limit: number },
): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(evaluation)
    .where(
      and(
        scoped(f.scope, evaluation.organisationId, evaluation.regionCode),
        f.raterAccountId === undefined
          ? undefined
          : eq(evaluation.raterAccountId, f.raterAccountId),
        f.bad === undefined
          ? undefined
          : f.bad
            ? sql`${evaluation.level} <= 2`
            : sql`${evaluation.level} >= 3`,
        f.channel === undefined ? undefined : sql`${evaluation.channel} = ${f.channel}`,
      ),
    )
    .orderBy(desc(evaluation.createdAt), desc(evaluation.id))
    .limit(f.limit);
}

export async function excludeEvaluation(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(evaluation).set({ excludedAt: at }).where(eq(evaluation.id, id));
}

// -- cases --------------------------------------------------------------------------------------

export async function insertCase(db: Executor, row: CaseRow): Promise<void> {
  await db.insert(rectificationCase).values(row);
}

export interface CaseWithRating {
  case: CaseRow;
  evaluation: EvaluationRow;
}

export async function findCase(db: Executor, id: string): Promise<CaseWithRating | undefined> {
  const rows = await db
    .select({ case: rectificationCase, evaluation })
    .from(rectificationCase)
    .innerJoin(evaluation, eq(evaluation.id, rectificationCase.evaluationId))
    .where(eq(rectificationCase.id, id));
  return rows[0];
}

export async function lockCase(db: Executor, id: string): Promise<CaseWithRating | undefined> {
  const rows = await db
    .select({ case: rectificationCase, evaluation })
    .from(rectificationCase)
    .innerJoin(evaluation, eq(evaluation.id, rectificationCase.evaluationId))
    .where(eq(rectificationCase.id, id))
    .for('update', { of: rectificationCase });
  return rows[0];
}

export async function findCaseOfEvaluation(
  db: Executor,
  evaluationId: string,
): Promise<CaseRow | undefined> {
  const rows = await db
    .select()
    .from(rectificationCase)
    .where(eq(rectificationCase.evaluationId, evaluationId));
  return rows[0];
}

export async function updateCase(
  db: Executor,
  id: string,
  patch: Partial<typeof rectificationCase.$inferInsert>,
): Promise<CaseRow> {
  const rows = await db
    .update(rectificationCase)
    .set(patch)
    .where(eq(rectificationCase.id, id))
    .returning();
  return rows[0]!;
}

export async function listCases(
  db: Executor,
  f: { scope: Scope; status?: string; escalated?: boolean; limit: number },
): Promise<CaseWithRating[]> {
  return db
    .select({ case: rectificationCase, evaluation })
    .from(rectificationCase)
    .innerJoin(evaluation, eq(evaluation.id, rectificationCase.evaluationId))
    .where(
      and(
        scoped(f.scope, rectificationCase.organisationId, evaluation.regionCode),
        f.status === undefined ? undefined : sql`${rectificationCase.status} = ${f.status}`,
        f.escalated === undefined
          ? undefined
          : f.escalated
            ? isNotNull(rectificationCase.escalatedAt)
            : isNull(rectificationCase.escalatedAt),
      ),
    )
    .orderBy(desc(rectificationCase.openedAt), desc(rectificationCase.id))
    .limit(f.limit);
}

/**
 * Marks every case late on its 回访 (still open after the visit day) or on its reply (not
 * replied after the rectification day) and not escalated yet as escalated; each case once.
 * Cases locked by an officer's step right now are left for the next run.
 */
export async function markOverdueEscalated(
  db: Executor,
  today: string,
  at: Date,
  limit: number,
): Promise<CaseRow[]> {
  const due = db
    .select({ id: rectificationCase.id })
    .from(rectificationCase)
    .where(
      and(
        isNull(rectificationCase.escalatedAt),
        or(
          and(eq(rectificationCase.status, 'open'), lt(rectificationCase.visitDueDate, today)),
          and(
            inArray(rectificationCase.status, ['open', 'visited']),
            lt(rectificationCase.rectifyDueDate, today),
          ),
        ),
      ),
    )
    .orderBy(rectificationCase.rectifyDueDate, rectificationCase.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(rectificationCase)
    .set({ escalatedAt: at, updatedAt: at })
    .where(and(inArray(rectificationCase.id, due), isNull(rectificationCase.escalatedAt)))
    .returning();
}

// -- appeals ------------------------------------------------------------------------------------

export async function insertAppeal(db: Executor, row: AppealRow): Promise<void> {
  await db.insert(evaluationAppeal).values(row);
}

export async function findAppealOfEvaluation(
  db: Executor,
  evaluationId: string,
): Promise<AppealRow | undefined> {
  const rows = await db
    .select()
    .from(evaluationAppeal)
    .where(eq(evaluationAppeal.evaluationId, evaluationId));
  return rows[0];
}

export async function lockAppeal(db: Executor, id: string): Promise<AppealRow | undefined> {
  const rows = await db
    .select()
    .from(evaluationAppeal)
    .where(eq(evaluationAppeal.id, id))
    .for('update');
  return rows[0];
}

export async function updateAppeal(
  db: Executor,
  id: string,
  patch: Partial<typeof evaluationAppeal.$inferInsert>,
): Promise<AppealRow> {
  const rows = await db
    .update(evaluationAppeal)
    .set(patch)
    .where(eq(evaluationAppeal.id, id))
    .returning();
  return rows[0]!;
}

export async function listAppeals(
  db: Executor,
  f: { scope: Scope; status?: string; limit: number },
): Promise<AppealRow[]> {
  return db
    .select()
    .from(evaluationAppeal)
    .where(
      and(
        scoped(f.scope, evaluationAppeal.organisationId, evaluationAppeal.regionCode),
        f.status === undefined ? undefined : sql`${evaluationAppeal.status} = ${f.status}`,
      ),
    )
    .orderBy(desc(evaluationAppeal.filedAt), desc(evaluationAppeal.id))
    .limit(f.limit);
}

// -- statistics ---------------------------------------------------------------------------------

export interface StatsCounts {
  key: string | null;
  volume: number;
  satisfied: number;
  bad: number;
  cases: number;
  closedCases: number;
  onTimeCases: number;
  /** a name stored with the rating (the item's), when the key has one */
  name: string | null;
}

/**
 * Counts per group of the ratings that count: first ratings (not follow-ups) not excluded by
 * an upheld appeal, made in [from, to] (Asia/Shanghai days). A case is on time when its reply
 * came on or before its rectification day.
 */
export async function countStats(
  db: Executor,
  f: {
    groupBy: 'organisation' | 'item' | 'region' | 'channel';
    scope: Scope;
    from?: string | undefined;
    to?: string | undefined;
  },
): Promise<StatsCounts[]> {
  const key = {
    organisation: sql<string>`${evaluation.organisationId}::text`,
    item: sql<string | null>`${evaluation.itemCode}`,
    region: sql<string>`${evaluation.regionCode}`,
    channel: sql<string>`${evaluation.channel}`,
  }[f.groupBy];
  const day = sql`(${evaluation.createdAt} AT TIME ZONE 'Asia/Shanghai')::date`;
  const replyDay = sql`(${rectificationCase.repliedAt} AT TIME ZONE 'Asia/Shanghai')::date`;
  const rows = await db
    .select({
      key,
      name: sql<string | null>`max(${evaluation.itemName})`,
      volume: sql<number>`count(*)::int`,
      satisfied: sql<number>`(count(*) FILTER (WHERE ${evaluation.level} >= 3))::int`,
      bad: sql<number>`(count(*) FILTER (WHERE ${evaluation.level} <= 2))::int`,
      cases: sql<number>`count(${rectificationCase.id})::int`,
      closedCases: sql<number>`(count(*) FILTER (WHERE ${rectificationCase.status} = 'closed'))::int`,
      onTimeCases: sql<number>`(count(*) FILTER (WHERE ${replyDay} <= ${rectificationCase.rectifyDueDate}))::int`,
    })
    .from(evaluation)
    .leftJoin(rectificationCase, eq(rectificationCase.evaluationId, evaluation.id))
    .where(
      and(
        sql`${evaluation.kind} <> 'followUp'`,
        isNull(evaluation.excludedAt),
        scoped(f.scope, evaluation.organisationId, evaluation.regionCode),
        f.from === undefined ? undefined : sql`${day} >= ${f.from}::date`,
        f.to === undefined ? undefined : sql`${day} <= ${f.to}::date`,
      ),
    )
    .groupBy(key)
    .orderBy(sql`count(*) DESC`, key);
  return rows;
}
