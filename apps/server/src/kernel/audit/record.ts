import { auditLog } from '../tables.js';
import type { Actor } from '../actor.js';
import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';

export interface AuditEntry {
  actor: Actor;
  /** dotted verb, e.g. `directory.region.create` */
  action: string;
  targetType: string;
  targetId: string;
  /** what changed, without secrets or unmasked personal data */
  summary: Record<string, unknown>;
  requestId?: string | undefined;
}

/**
 * Appends an audit record inside the caller's transaction, so the record exists exactly when
 * the change does. No chain head is touched here: the sealer links records later, which keeps
 * concurrent writers from queueing on one row.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  // millisecond precision, so the value read back is the value hashed
  const occurredAt = new Date(Date.now());
  await tx.insert(auditLog).values({
    id: newId(),
    occurredAt,
    actorId: entry.actor.id,
    actorKind: entry.actor.kind,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    requestId: entry.requestId ?? null,
    summary: entry.summary,
  });
}
