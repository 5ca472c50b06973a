import { and, desc, eq, sql } from 'drizzle-orm';
import {
  MAX_DRAFT_BYTES,
  MAX_DRAFTS_PER_ACCOUNT,
  type Draft,
  type DraftList,
  type SaveDraftBody,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  DomainError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { applicationDraft } from './tables.js';

/** A draft's form is larger than MAX_DRAFT_BYTES (RFC 9110: 413 Content Too Large). */
export class DraftTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Content too large';
}

export interface ApplicationDraftsDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  /** the clock (tests move it); the real one by default */
  now?: () => Date;
}

const notFound = () => new NotFoundError('draft-not-found', 'no draft for this target');

/**
 * 草稿: the applicant's unfinished form for an implementation list or a bundle, saved to come
 * back to. It is sealed with the field key like a filed form (it may hold ID and phone numbers)
 * and is not checked against the form's schema: it is unfinished by nature. One per account and
 * target, replaced on each save; the submit of the application discards it (`discard`, in the
 * submit's transaction).
 */
export class ApplicationDrafts {
  constructor(private readonly deps: ApplicationDraftsDeps) {}

  /**
   * Removes the account's draft of a target inside the caller's transaction (the submit that
   * files what the draft was for); true when there was one.
   */
  static async discard(tx: Executor, accountId: string, target: string): Promise<boolean> {
    const removed = await tx
      .delete(applicationDraft)
      .where(and(eq(applicationDraft.accountId, accountId), eq(applicationDraft.target, target)))
      .returning({ target: applicationDraft.target });
    return removed.length > 0;
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** My drafts, the last saved first, without their forms. */
  async mine(actor: Actor): Promise<DraftList> {
    assertApplicant(actor);
    const rows = await this.deps.db
      .select({
        target: applicationDraft.target,
        title: applicationDraft.title,
        updatedAt: applicationDraft.updatedAt,
      })
      .from(applicationDraft)
      .where(eq(applicationDraft.accountId, actor.id))
      .orderBy(desc(applicationDraft.updatedAt), applicationDraft.target)
      .limit(MAX_DRAFTS_PER_ACCOUNT);
    return {
      items: rows.map((r) => ({
        target: r.target,
        title: r.title,
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  }

  async get(actor: Actor, target: string): Promise<Draft> {
    assertApplicant(actor);
    const rows = await this.deps.db
      .select()
      .from(applicationDraft)
      .where(and(eq(applicationDraft.accountId, actor.id), eq(applicationDraft.target, target)));
    const row = rows[0];
    if (!row) throw notFound();
    return this.toDraft(row);
  }

  /**
   * Saves (creates or replaces) the draft of a target; `created` says which. At most
   * MAX_DRAFTS_PER_ACCOUNT drafts per account: a new one beyond that is refused (422), a
   * replacement never is.
   */
  async save(
    actor: Actor,
    target: string,
    body: SaveDraftBody,
  ): Promise<{ draft: Draft; created: boolean }> {
    assertApplicant(actor);
    const formData: unknown = body.formData;
    // the schema says so, but a draft must never seal anything but an object
    if (formData === null || typeof formData !== 'object' || Array.isArray(formData)) {
      throw new InputError('draft-not-an-object', 'formData must be a JSON object', [
        { path: '/body/formData', message: 'must be an object' },
      ]);
    }
    const serialized = JSON.stringify(formData);
    const bytes = Buffer.byteLength(serialized, 'utf8');
    if (bytes > MAX_DRAFT_BYTES) {
      throw new DraftTooLargeError(
        'draft-too-large',
        `the form is ${bytes} bytes as JSON; a draft keeps at most ${MAX_DRAFT_BYTES}`,
        [{ path: '/body/formData', message: `larger than ${MAX_DRAFT_BYTES} bytes` }],
      );
    }
    const title = body.title.trim();
    if (title === '') {
      throw new InputError('validation', 'the title is blank', [
        { path: '/body/title', message: 'must not be blank' },
      ]);
    }
    const sealed = this.deps.fieldCrypto.encrypt(serialized);
    const at = this.now();
    const created = await this.deps.db.transaction(async (tx) => {
      // one save at a time per account, so concurrent new drafts cannot pass the limit together
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`application_draft:${actor.id}`}, 0))`,
      );
      const replaced = await tx
        .update(applicationDraft)
        .set({ title, formSealed: sealed, updatedAt: at })
        .where(and(eq(applicationDraft.accountId, actor.id), eq(applicationDraft.target, target)))
        .returning({ target: applicationDraft.target });
      if (replaced.length > 0) return false;
      const counted = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(applicationDraft)
        .where(eq(applicationDraft.accountId, actor.id));
      if ((counted[0]?.n ?? 0) >= MAX_DRAFTS_PER_ACCOUNT) {
        throw new UnprocessableError(
          'too-many-drafts',
          `at most ${MAX_DRAFTS_PER_ACCOUNT} drafts are kept: delete one you no longer need`,
        );
      }
      await tx
        .insert(applicationDraft)
        .values({ accountId: actor.id, target, title, formSealed: sealed, updatedAt: at });
      return true;
    });
    return {
      draft: { target, title, formData: body.formData, updatedAt: at.toISOString() },
      created,
    };
  }

  async remove(actor: Actor, target: string): Promise<void> {
    assertApplicant(actor);
    if (!(await ApplicationDrafts.discard(this.deps.db, actor.id, target))) throw notFound();
  }

  private toDraft(row: typeof applicationDraft.$inferSelect): Draft {
    const formData: unknown = JSON.parse(this.deps.fieldCrypto.decrypt(row.formSealed));
    return {
      target: row.target,
      title: row.title,
      formData:
        formData !== null && typeof formData === 'object' && !Array.isArray(formData)
          ? (formData as Record<string, unknown>)
          : {},
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** Drafts are the applicants' own: people and enterprises (a person acting for one). */
function assertApplicant(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
  if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
    throw new ForbiddenError('applicants-only', 'only people and enterprises keep drafts');
  }
  if (actor.limitedTo) {
    throw new ForbiddenError(actor.limitedTo, 'change your password first');
  }
}
