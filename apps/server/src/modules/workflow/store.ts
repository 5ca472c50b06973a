import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import {
  workflowDefinition,
  workflowHistory,
  workflowInstance,
  workflowTask,
  workflowToken,
} from './tables.js';

export type DefinitionRow = typeof workflowDefinition.$inferSelect;
export type InstanceRow = typeof workflowInstance.$inferSelect;
export type TokenRow = typeof workflowToken.$inferSelect;
export type TaskRow = typeof workflowTask.$inferSelect;
export type HistoryRow = typeof workflowHistory.$inferSelect;

// -- definitions ------------------------------------------------------------------------------

export async function latestDefinition(
  db: Executor,
  key: string,
): Promise<DefinitionRow | undefined> {
  const rows = await db
    .select()
    .from(workflowDefinition)
    .where(eq(workflowDefinition.key, key))
    .orderBy(desc(workflowDefinition.version))
    .limit(1);
  return rows[0];
}

export async function findDefinition(db: Executor, id: string): Promise<DefinitionRow | undefined> {
  const rows = await db.select().from(workflowDefinition).where(eq(workflowDefinition.id, id));
  return rows[0];
}

export async function definitionVersions(db: Executor, key: string): Promise<DefinitionRow[]> {
  return db
    .select()
    .from(workflowDefinition)
    .where(eq(workflowDefinition.key, key))
    .orderBy(desc(workflowDefinition.version));
}

/** The latest version of every key. */
export async function latestDefinitions(db: Executor): Promise<DefinitionRow[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT DISTINCT ON (key) id FROM workflow_definition ORDER BY key, version DESC`);
  const ids = result.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(workflowDefinition)
    .where(inArray(workflowDefinition.id, ids))
    .orderBy(asc(workflowDefinition.key));
}

export async function insertDefinition(db: Executor, row: typeof workflowDefinition.$inferInsert) {
  await db.insert(workflowDefinition).values(row);
}

// -- instances and tokens ---------------------------------------------------------------------

export async function insertInstance(db: Executor, row: typeof workflowInstance.$inferInsert) {
  await db.insert(workflowInstance).values(row);
}

export async function lockInstance(db: Executor, id: string): Promise<InstanceRow | undefined> {
  const rows = await db
    .select()
    .from(workflowInstance)
    .where(eq(workflowInstance.id, id))
    .for('update');
  return rows[0];
}

export async function findInstance(db: Executor, id: string): Promise<InstanceRow | undefined> {
  const rows = await db.select().from(workflowInstance).where(eq(workflowInstance.id, id));
  return rows[0];
}

export async function instancesOf(db: Executor, businessKey: string): Promise<InstanceRow[]> {
  return db
    .select()
    .from(workflowInstance)
    .where(eq(workflowInstance.businessKey, businessKey))
    .orderBy(asc(workflowInstance.startedAt));
}

export async function updateInstance(
  db: Executor,
  id: string,
  patch: Partial<typeof workflowInstance.$inferInsert>,
) {
  await db
    .update(workflowInstance)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(workflowInstance.id, id));
}

export async function insertToken(
  db: Executor,
  instanceId: string,
  nodeId: string,
  state: TokenRow['state'],
): Promise<string> {
  const id = newId();
  await db.insert(workflowToken).values({ id, instanceId, nodeId, state });
  return id;
}

export async function moveToken(
  db: Executor,
  id: string,
  nodeId: string,
  state: TokenRow['state'],
) {
  await db.update(workflowToken).set({ nodeId, state }).where(eq(workflowToken.id, id));
}

export async function deleteTokens(db: Executor, ids: string[]) {
  if (ids.length > 0) await db.delete(workflowToken).where(inArray(workflowToken.id, ids));
}

export async function tokensOf(db: Executor, instanceId: string): Promise<TokenRow[]> {
  return db.select().from(workflowToken).where(eq(workflowToken.instanceId, instanceId));
}

export async function findToken(db: Executor, id: string): Promise<TokenRow | undefined> {
  const rows = await db.select().from(workflowToken).where(eq(workflowToken.id, id));
  return rows[0];
}

// -- tasks -------------------------------------------------------------------------------------

export async function insertTask(db: Executor, row: typeof workflowTask.$inferInsert) {
  await db.insert(workflowTask).values(row);
}

export async function lockTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(workflowTask).where(eq(workflowTask.id, id)).for('update');
  return rows[0];
}

export async function findTask(db: Executor, id: string): Promise<TaskRow | undefined> {
  const rows = await db.select().from(workflowTask).where(eq(workflowTask.id, id));
  return rows[0];
}

export async function updateTask(
  db: Executor,
  id: string,
  patch: Partial<typeof workflowTask.$inferInsert>,
) {
  await db
    .update(workflowTask)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(workflowTask.id, id));
}

export async function openTasksOfToken(db: Executor, tokenId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(workflowTask)
    .where(and(eq(workflowTask.tokenId, tokenId), eq(workflowTask.status, 'open')));
}

export async function tasksOfInstance(db: Executor, instanceId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(workflowTask)
    .where(eq(workflowTask.instanceId, instanceId))
    .orderBy(asc(workflowTask.createdAt));
}

export async function cancelOpenTasks(db: Executor, tokenIds: string[]) {
  if (tokenIds.length === 0) return;
  await db
    .update(workflowTask)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(inArray(workflowTask.tokenId, tokenIds), eq(workflowTask.status, 'open')));
}

export interface TaskFilter {
  organisationId: string;
  /** the tasks for these roles; */
  roles?: readonly string[];
  /** or the escalated ones (督办), whatever their role */
  escalated?: boolean;
  status?: TaskRow['status'];
  limit: number;
  offset: number;
}

/**
 * An organisation's tasks, by deadline, filtered in the query: an officer's (their roles) or
 * the escalated ones (the department head's 督办 list).
 */
export async function listTasks(
  db: Executor,
  f: TaskFilter,
): Promise<{ rows: TaskRow[]; total: number }> {
  if (f.roles?.length === 0) return { rows: [], total: 0 };
  const where = and(
    eq(workflowTask.candidateOrganisationId, f.organisationId),
    eq(workflowTask.status, f.status ?? 'open'),
    f.roles ? inArray(workflowTask.candidateRole, [...f.roles]) : undefined,
    f.escalated ? isNotNull(workflowTask.escalatedAt) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(workflowTask)
      .where(where)
      .orderBy(sql`${workflowTask.dueDate} ASC NULLS LAST`, asc(workflowTask.createdAt))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(workflowTask)
      .where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

/**
 * 督办: sets `escalatedAt` on open tasks due before `today` and not escalated yet, at most
 * `limit` of them; rows another transaction holds (an officer completing the task) are skipped
 * and met again on the next run. Returns the rows escalated.
 */
export async function markOverdueEscalated(
  db: Executor,
  today: string,
  at: Date,
  limit: number,
): Promise<TaskRow[]> {
  const due = db
    .select({ id: workflowTask.id })
    .from(workflowTask)
    .where(
      and(
        eq(workflowTask.status, 'open'),
        sql`${workflowTask.dueDate} < ${today}::date`,
        sql`${workflowTask.escalatedAt} IS NULL`,
      ),
    )
    .orderBy(asc(workflowTask.dueDate), asc(workflowTask.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(workflowTask)
    .set({ escalatedAt: at, updatedAt: new Date() })
    .where(and(inArray(workflowTask.id, due), sql`${workflowTask.escalatedAt} IS NULL`))
    .returning();
}

// -- history -----------------------------------------------------------------------------------

export async function appendHistory(
  db: Executor,
  entry: {
    instanceId: string;
    nodeId?: string | null;
    event: string;
    actorId?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<HistoryRow> {
  const [row] = await db
    .insert(workflowHistory)
    .values({
      id: newId(),
      instanceId: entry.instanceId,
      nodeId: entry.nodeId ?? null,
      event: entry.event,
      actorId: entry.actorId ?? null,
      data: entry.data ?? {},
      // one transaction writes several entries; clock_timestamp keeps them in order
      at: sql`clock_timestamp()`,
    })
    .returning();
  return row!;
}

export async function historyOf(db: Executor, instanceId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(workflowHistory)
    .where(eq(workflowHistory.instanceId, instanceId))
    .orderBy(asc(workflowHistory.at), asc(workflowHistory.id));
}

/** Comment entries (办理意见) of instances, oldest first. */
export async function commentsOf(db: Executor, instanceIds: string[]): Promise<HistoryRow[]> {
  if (instanceIds.length === 0) return [];
  return db
    .select()
    .from(workflowHistory)
    .where(
      and(inArray(workflowHistory.instanceId, instanceIds), eq(workflowHistory.event, 'comment')),
    )
    .orderBy(asc(workflowHistory.at), asc(workflowHistory.id));
}

/**
 * Open tasks by deadline state on a day (YYYY-MM-DD, Asia/Shanghai), for the metrics: overdue
 * (past the due day), dueToday, warning (from the warning day on), onTime, noLimit.
 */
export async function openTasksByDeadline(
  db: Executor,
  today: string,
): Promise<Record<'overdue' | 'dueToday' | 'warning' | 'onTime' | 'noLimit', number>> {
  const result = await db.execute<{ state: string; n: number }>(sql`
    SELECT CASE WHEN due_date IS NULL THEN 'noLimit'
                WHEN due_date < ${today}::date THEN 'overdue'
                WHEN due_date = ${today}::date THEN 'dueToday'
                WHEN warn_date <= ${today}::date THEN 'warning'
                ELSE 'onTime' END AS state,
           count(*)::int AS n
      FROM workflow_task WHERE status = 'open' GROUP BY 1`);
  const counts = { overdue: 0, dueToday: 0, warning: 0, onTime: 0, noLimit: 0 };
  for (const r of result.rows) counts[r.state as keyof typeof counts] = r.n;
  return counts;
}

/** An open task past its warning day, as the messaging module's deadline warnings need it. */
export interface TaskToWarn {
  id: string;
  name: string;
  businessKey: string;
  candidateRole: string;
  candidateOrganisationId: string;
  assignee: string | null;
  dueDate: string | null;
  warnDate: string;
}

/**
 * 预警: open tasks whose warning day (Asia/Shanghai) has come, in id order after `afterId`
 * (keyset paging), at most `limit`. Whether one was told already is the reader's business.
 */
export async function openTasksPastWarning(
  db: Executor,
  f: { today: string; afterId?: string | undefined; limit: number },
): Promise<TaskToWarn[]> {
  const rows = await db
    .select({
      id: workflowTask.id,
      name: workflowTask.name,
      businessKey: workflowTask.businessKey,
      candidateRole: workflowTask.candidateRole,
      candidateOrganisationId: workflowTask.candidateOrganisationId,
      assignee: workflowTask.assignee,
      dueDate: workflowTask.dueDate,
      warnDate: workflowTask.warnDate,
    })
    .from(workflowTask)
    .where(
      and(
        eq(workflowTask.status, 'open'),
        sql`${workflowTask.warnDate} <= ${f.today}::date`,
        f.afterId === undefined ? undefined : sql`${workflowTask.id} > ${f.afterId}::uuid`,
      ),
    )
    .orderBy(asc(workflowTask.id))
    .limit(f.limit);
  return rows.flatMap((r) => (r.warnDate === null ? [] : [{ ...r, warnDate: r.warnDate }]));
}
