import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../kernel/db/database.js';
import { oidcClient, oidcPayload } from '../tables.js';

/**
 * The only file that touches `oidc_payload` (oidc-provider's sessions, grants, codes and
 * tokens) and `oidc_client` (registered relying parties).
 */

export type OidcClientRow = typeof oidcClient.$inferSelect;

export interface PayloadRow {
  payload: Record<string, unknown>;
  consumedAt: Date | null;
}

const live = () => or(isNull(oidcPayload.expiresAt), gt(oidcPayload.expiresAt, sql`now()`));

export async function upsertPayload(
  db: Executor,
  row: {
    model: string;
    id: string;
    payload: Record<string, unknown>;
    grantId: string | null;
    userCode: string | null;
    uid: string | null;
    expiresAt: Date | null;
  },
): Promise<void> {
  await db
    .insert(oidcPayload)
    .values({ ...row, consumedAt: null })
    .onConflictDoUpdate({
      target: [oidcPayload.model, oidcPayload.id],
      set: {
        payload: row.payload,
        grantId: row.grantId,
        userCode: row.userCode,
        uid: row.uid,
        expiresAt: row.expiresAt,
        consumedAt: null,
      },
    });
}

const selectPayload = { payload: oidcPayload.payload, consumedAt: oidcPayload.consumedAt };

async function first(
  rows: Promise<{ payload: unknown; consumedAt: Date | null }[]>,
): Promise<PayloadRow | undefined> {
  const [row] = await rows;
  return row ? { ...row, payload: row.payload as Record<string, unknown> } : undefined;
}

export function findPayload(db: Executor, model: string, id: string) {
  return first(
    db
      .select(selectPayload)
      .from(oidcPayload)
      .where(and(eq(oidcPayload.model, model), eq(oidcPayload.id, id), live())),
  );
}

export function findPayloadByUid(db: Executor, model: string, uid: string) {
  return first(
    db
      .select(selectPayload)
      .from(oidcPayload)
      .where(and(eq(oidcPayload.model, model), eq(oidcPayload.uid, uid), live()))
      .limit(1),
  );
}

export function findPayloadByUserCode(db: Executor, model: string, userCode: string) {
  return first(
    db
      .select(selectPayload)
      .from(oidcPayload)
      .where(and(eq(oidcPayload.model, model), eq(oidcPayload.userCode, userCode), live()))
      .limit(1),
  );
}

export async function consumePayload(db: Executor, model: string, id: string): Promise<void> {
  await db
    .update(oidcPayload)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(oidcPayload.model, model), eq(oidcPayload.id, id)));
}

export async function deletePayload(db: Executor, model: string, id: string): Promise<void> {
  await db.delete(oidcPayload).where(and(eq(oidcPayload.model, model), eq(oidcPayload.id, id)));
}

export async function deletePayloadsOfGrant(
  db: Executor,
  model: string,
  grantId: string,
): Promise<void> {
  await db
    .delete(oidcPayload)
    .where(and(eq(oidcPayload.model, model), eq(oidcPayload.grantId, grantId)));
}

/** Grants, codes and tokens a client holds (when it is disabled, they all go). */
export async function deletePayloadsOfClient(db: Executor, clientId: string): Promise<number> {
  const deleted = await db
    .delete(oidcPayload)
    .where(
      and(
        inArray(oidcPayload.model, [
          'Grant',
          'AccessToken',
          'RefreshToken',
          'AuthorizationCode',
          'ClientCredentials',
          'Interaction',
        ]),
        sql`${oidcPayload.payload}->>'clientId' = ${clientId}`,
      ),
    )
    .returning({ id: oidcPayload.id });
  return deleted.length;
}

/** Deletes up to `limit` rows that expired before `before`; returns how many. */
export async function deleteExpiredPayloads(
  db: Executor,
  before: Date,
  limit: number,
): Promise<number> {
  const victims = db
    .select({ model: oidcPayload.model, id: oidcPayload.id })
    .from(oidcPayload)
    .where(lte(oidcPayload.expiresAt, before))
    .limit(limit);
  const deleted = await db
    .delete(oidcPayload)
    .where(sql`(${oidcPayload.model}, ${oidcPayload.id}) IN (${victims})`)
    .returning({ id: oidcPayload.id });
  return deleted.length;
}

export async function countPayloads(db: Executor, model?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(oidcPayload)
    .where(model === undefined ? undefined : eq(oidcPayload.model, model));
  return row?.n ?? 0;
}

export async function findClientRow(
  db: Executor,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  const [row] = await db.select().from(oidcClient).where(eq(oidcClient.clientId, clientId));
  return row;
}

export function listClientRows(db: Executor): Promise<OidcClientRow[]> {
  return db.select().from(oidcClient).orderBy(asc(oidcClient.clientId));
}

/** Returns false when the client id is taken. */
export async function insertClientRow(
  db: Executor,
  row: { clientId: string; name: string; metadata: Record<string, unknown>; createdBy: string },
): Promise<boolean> {
  const inserted = await db
    .insert(oidcClient)
    .values(row)
    .onConflictDoNothing({ target: oidcClient.clientId })
    .returning({ clientId: oidcClient.clientId });
  return inserted.length > 0;
}

/** Returns the row when it was active and is now disabled. */
export async function disableClientRow(
  db: Executor,
  clientId: string,
): Promise<OidcClientRow | undefined> {
  const [row] = await db
    .update(oidcClient)
    .set({ disabledAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(oidcClient.clientId, clientId), isNull(oidcClient.disabledAt)))
    .returning();
  return row;
}
