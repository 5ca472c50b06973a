import type { Actor } from '../../kernel/actor.js';
import type { Executor } from '../../kernel/db/database.js';
import type { TaskRow } from '../workflow/index.js';
import type { RequestContext } from './filing.js';
import type { ApplicationRow } from './store.js';

// How an application changes, as ApplicationsService does it and hands it to its parts
// (acceptance.ts, suspension.ts): each change one transaction with its timeline entry, audit
// record, outbox event and status listeners.

/** What a change made, for its timeline entry, audit record and outbox event. */
export interface ChangeResult {
  /** what follows the change's own timeline entry */
  followUp?: () => Promise<void>;
  event: string;
  title?: string;
  audit: string;
  detail: Record<string, unknown>;
}

/** A change of the locked application row, in the change's transaction. */
export type ApplyChange = (tx: Executor, app: ApplicationRow) => Promise<ChangeResult>;

/** A change an officer makes on the open task of a step. */
export type ApplyTaskChange = (
  tx: Executor,
  app: ApplicationRow,
  task: TaskRow,
) => Promise<ChangeResult>;

export interface ApplicationChanges {
  /** One change: the application row locked, the change, a timeline entry and an audit record. */
  change(actor: Actor, id: string, ctx: RequestContext, apply: ApplyChange): Promise<void>;
  /** An officer's change on the open task of a step: visibility and the task checked first. */
  onTask(
    actor: Actor,
    id: string,
    nodeId: string,
    ctx: RequestContext,
    apply: ApplyTaskChange,
  ): Promise<void>;
  /** The actor's open task on the application that `match`es (404 or 409 when there is none). */
  taskOf(
    tx: Executor,
    app: ApplicationRow,
    actor: Actor,
    match: (t: TaskRow) => boolean,
  ): Promise<TaskRow>;
  /** the clock */
  now(): Date;
}

/**
 * 文书编号 of the result document: the 办件编号 with the kind of decision (Z 准予, B 不予,
 * S 不予受理), so that it is unique and leads back to the application.
 */
export function resultNoOf(
  applicationNo: string,
  outcome: 'approved' | 'denied' | 'refused',
): string {
  const letter = { approved: 'Z', denied: 'B', refused: 'S' }[outcome];
  return `${applicationNo}${letter}`;
}

/**
 * 办结: the completion time; a result delivered online (网上送达) is out at once, a mailed or
 * collected one waits for `deliver`.
 */
export function completion(app: ApplicationRow, outcome: 'approved' | 'denied', now: Date) {
  return {
    completedAt: now,
    resultNo: resultNoOf(app.applicationNo, outcome),
    ...(app.deliveryMethod === 'online'
      ? { deliveredAt: now, delivery: { channel: 'online' } }
      : {}),
  };
}
