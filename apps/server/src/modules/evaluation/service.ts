import crypto from 'node:crypto';
import {
  EVALUATION_DIMENSIONS,
  EVALUATION_LEVEL_NAMES,
  type Appeal,
  type AppealBody,
  type AppealDecisionBody,
  type AppealList,
  type ApplicationEvaluationState,
  type BundleEvaluationState,
  type CaseCloseBody,
  type CaseListQuery,
  type CaseReplyBody,
  type CaseVisitBody,
  type Evaluation,
  type EvaluationChannel,
  type EvaluationDimensions,
  type EvaluationList,
  type EvaluationListQuery,
  type EvaluationSession,
  type OpenSessionBody,
  type RateBody,
  type RateSessionBody,
  type RectificationCase,
  type RectificationCaseList,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { CalendarService } from '../../kernel/calendar/service.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { uniqueViolation } from '../../kernel/db/errors.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { newId } from '../../kernel/ids.js';
import type { DirectoryService } from '../directory/index.js';
import type { findApplication, findBundleApplication } from '../applications/index.js';
import { applicantOf, staffOf } from './access.js';
import { EvaluationStatistics } from './statistics.js';
import * as store from './store.js';

export interface RequestContext {
  requestId?: string | undefined;
}

export interface EvaluationSettings {
  /** 一事一评 is accepted this many calendar days after completion */
  windowDays: number;
  /** 回访 due this many working days after the 差评 */
  visitDays: number;
  /** 整改 and reply due this many working days after the 差评 */
  rectifyDays: number;
  /** a window session may be rated this many minutes after it opened */
  sessionMinutes: number;
}

export interface EvaluationDeps {
  db: Drizzle;
  calendar: Pick<CalendarService, 'addWorkingDays'>;
  directory: Pick<
    DirectoryService,
    'findOrganisation' | 'findOrganisationsByIds' | 'regionNames' | 'regionSubtree'
  >;
  /** the narrow reads of an application and of an 一件事 (applications module) */
  findApplication: typeof findApplication;
  findBundleApplication: typeof findBundleApplication;
  settings: EvaluationSettings;
  /** the clock; tests move it */
  now?: () => Date;
}

/** Statuses after which an application may be rated: 办结 (approved/denied) and 不予受理. */
const RATEABLE = new Set(['approved', 'denied', 'refused']);
const RATEABLE_BUNDLE = new Set(['completed', 'failed']);

/** What 一事一评 rates: an application or an 一件事 bundle application, and how to read it. */
interface CaseSubject {
  key: { applicationId: string } | { bundleApplicationId: string };
  load: (db: Executor) => Promise<
    | {
        applicantAccountId: string;
        /** until when it may be rated; undefined while it is not finished */
        closesAt: Date | undefined;
        /** set for a member of an 一件事, which is rated through its bundle */
        bundleApplicationId: string | null;
        organisationId: string;
        regionCode: string;
        itemCode: string;
        itemName: string;
      }
    | undefined
  >;
}
const REVIEWER_ROLES = ['departmentAdmin', 'provinceAdmin'];
const isBad = (level: number) => level <= 2;

/**
 * 好差评: ratings (一事一评, 一次一评, follow-ups), 差评整改 cases, 申诉复核 and statistics.
 * Every change is one transaction with its audit record and its outbox event.
 */
export class EvaluationService {
  /** the figures (统计, 结果公开, satisfaction beside the six mosts) */
  readonly statistics: EvaluationStatistics;

  constructor(private readonly deps: EvaluationDeps) {
    this.statistics = new EvaluationStatistics(deps.db, deps.directory);
  }

  private get db() {
    return this.deps.db;
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  // -- 一事一评 ----------------------------------------------------------------------------------

  /** Whether the applicant may rate their application now, and the rating once made. */
  async applicationState(actor: Actor, applicationId: string): Promise<ApplicationEvaluationState> {
    return {
      applicationId,
      ...(await this.caseState(actor, this.applicationSubject(applicationId))),
    };
  }

  /** 一事一评 of an 一件事: whether I may rate my bundle application now, and my rating. */
  async bundleState(actor: Actor, bundleApplicationId: string): Promise<BundleEvaluationState> {
    const state = await this.caseState(actor, this.bundleSubject(bundleApplicationId));
    return { bundleApplicationId, ...state };
  }

  /** 一事一评: the applicant rates their completed (or refused) application, once. */
  rateApplication(
    actor: Actor,
    applicationId: string,
    body: RateBody,
    ctx: RequestContext = {},
  ): Promise<Evaluation> {
    return this.rateCase(actor, this.applicationSubject(applicationId), body, ctx);
  }

  /**
   * 一事一评 of an 一件事: the applicant rates the bundle application once, as a whole, when it
   * is completed or has failed; the rating goes to the service hall that accepted it (综合受理).
   */
  rateBundle(
    actor: Actor,
    bundleApplicationId: string,
    body: RateBody,
    ctx: RequestContext = {},
  ): Promise<Evaluation> {
    return this.rateCase(actor, this.bundleSubject(bundleApplicationId), body, ctx);
  }

  private applicationSubject(applicationId: string): CaseSubject {
    return {
      key: { applicationId },
      load: async (tx) => {
        const app = await this.deps.findApplication(tx, applicationId);
        if (!app) return undefined;
        return {
          applicantAccountId: app.applicantAccountId,
          closesAt: RATEABLE.has(app.status) ? this.closesAt(app.completedAt) : undefined,
          bundleApplicationId: app.bundleApplicationId,
          organisationId: app.organisationId,
          regionCode: app.regionCode,
          itemCode: app.itemCode,
          itemName: app.itemName,
        };
      },
    };
  }

  private bundleSubject(bundleApplicationId: string): CaseSubject {
    return {
      key: { bundleApplicationId },
      load: async (tx) => {
        const bundle = await this.deps.findBundleApplication(tx, bundleApplicationId);
        if (!bundle) return undefined;
        return {
          applicantAccountId: bundle.applicantAccountId,
          closesAt: RATEABLE_BUNDLE.has(bundle.status)
            ? this.closesAt(bundle.completedAt)
            : undefined,
          bundleApplicationId: null,
          organisationId: bundle.acceptingOrganisationId,
          regionCode: bundle.regionCode,
          itemCode: bundle.bundleCode,
          itemName: bundle.bundleName,
        };
      },
    };
  }

  private async caseState(actor: Actor, subject: CaseSubject) {
    const facts = await this.ownSubject(actor, this.db, subject);
    const rated = await store.findCaseEvaluation(this.db, subject.key);
    const { closesAt } = facts;
    const state: ApplicationEvaluationState['state'] = rated
      ? 'rated'
      : !closesAt
        ? 'notYet'
        : this.now() > closesAt
          ? 'expired'
          : 'open';
    return {
      state,
      closesAt: closesAt ? closesAt.toISOString() : null,
      evaluation: rated ? await this.toEvaluation(this.db, rated) : null,
    };
  }

  /** The subject's facts when the actor is its applicant; 404 otherwise (no probing). */
  private async ownSubject(actor: Actor, db: Executor, subject: CaseSubject) {
    const accountId = applicantOf(actor);
    const facts = await subject.load(db);
    if (!facts || facts.applicantAccountId !== accountId) {
      throw 'applicationId' in subject.key
        ? applicationNotFound()
        : new NotFoundError('bundle-application-not-found', 'no such bundle application of yours');
    }
    return facts;
  }

  private rateCase(
    actor: Actor,
    subject: CaseSubject,
    body: RateBody,
    ctx: RequestContext,
  ): Promise<Evaluation> {
    const dimensions = checkDimensions('online', body.dimensions);
    return this.once(
      'application-already-evaluated',
      'the application is rated already',
      async (tx) => {
        const facts = await this.ownSubject(actor, tx, subject);
        if (facts.bundleApplicationId) {
          throw new ConflictError(
            'rate-the-bundle',
            `the application is part of the 一件事 ${facts.bundleApplicationId}, which is rated as a whole`,
          );
        }
        const { closesAt } = facts;
        if (!closesAt) {
          throw new ConflictError(
            'application-not-completed',
            'an application is rated after it is completed (办结) or refused (不予受理)',
          );
        }
        if (this.now() > closesAt) {
          throw new ConflictError(
            'evaluation-window-closed',
            `ratings were accepted until ${closesAt.toISOString()}`,
          );
        }
        if (await store.findCaseEvaluation(tx, subject.key)) {
          throw new ConflictError('application-already-evaluated', 'the application is rated');
        }
        return this.insertRating(tx, actor, ctx, {
          kind: 'perCase',
          channel: 'online',
          applicationId: 'applicationId' in subject.key ? subject.key.applicationId : null,
          bundleApplicationId:
            'bundleApplicationId' in subject.key ? subject.key.bundleApplicationId : null,
          sessionId: null,
          followUpOfCaseId: null,
          raterAccountId: facts.applicantAccountId,
          organisationId: facts.organisationId,
          regionCode: facts.regionCode,
          itemCode: facts.itemCode,
          itemName: facts.itemName,
          level: body.level,
          dimensions,
          comment: body.comment ?? null,
        });
      },
    );
  }

  private closesAt(completedAt: Date | null): Date | undefined {
    if (!completedAt) return undefined;
    return new Date(completedAt.getTime() + this.deps.settings.windowDays * 86_400_000);
  }

  // -- 一次一评 ----------------------------------------------------------------------------------

  /** An officer opens a service session at a window; the token goes to the tablet or QR code. */
  async openSession(
    actor: Actor,
    body: OpenSessionBody,
    ctx: RequestContext = {},
  ): Promise<EvaluationSession> {
    const organisationId = staffOf(actor);
    const organisation = await this.deps.directory.findOrganisation(organisationId);
    if (!organisation) throw new ForbiddenError('no-organisation', 'your organisation is gone');
    let item: { itemCode: string; itemName: string } | undefined;
    if (body.applicationId) {
      const app = await this.deps.findApplication(this.db, body.applicationId);
      if (
        !app ||
        (app.organisationId !== organisationId && app.acceptingOrganisationId !== organisationId)
      ) {
        throw applicationNotFound();
      }
      item = { itemCode: app.itemCode, itemName: app.itemName };
    }
    const token = crypto.randomBytes(24).toString('base64url');
    const openedAt = this.now();
    const expiresAt = new Date(openedAt.getTime() + this.deps.settings.sessionMinutes * 60_000);
    const id = newId();
    await this.db.transaction(async (tx) => {
      await store.insertSession(tx, {
        id,
        tokenHash: hashToken(token),
        organisationId,
        regionCode: organisation.regionCode,
        officerAccountId: actor.id,
        serviceWindowId: body.serviceWindowId ?? null,
        applicationId: body.applicationId ?? null,
        itemCode: item?.itemCode ?? null,
        itemName: item?.itemName ?? null,
        openedAt,
        expiresAt,
      });
      await recordAudit(tx, {
        actor,
        action: 'evaluation.session.open',
        targetType: 'evaluationSession',
        targetId: id,
        summary: {
          organisationId,
          applicationId: body.applicationId ?? null,
          serviceWindowId: body.serviceWindowId ?? null,
        },
        requestId: ctx.requestId,
      });
    });
    return { id, token, expiresAt: expiresAt.toISOString() };
  }

  /** 一次一评: whoever holds the session's token rates it, once, before it expires. */
  async rateSession(
    actor: Actor,
    body: RateSessionBody,
    ctx: RequestContext = {},
  ): Promise<Evaluation> {
    const dimensions = checkDimensions('onSite', body.dimensions);
    return this.once('session-already-evaluated', 'the session is rated already', async (tx) => {
      const session = await store.lockSessionByTokenHash(tx, hashToken(body.token));
      if (!session) throw new NotFoundError('session-not-found', 'no such service session');
      if (this.now() > session.expiresAt) {
        throw new ConflictError('session-expired', 'the service session may no longer be rated');
      }
      return this.insertRating(tx, actor, ctx, {
        kind: 'perVisit',
        channel: 'onSite',
        applicationId: session.applicationId,
        bundleApplicationId: null,
        sessionId: session.id,
        followUpOfCaseId: null,
        raterAccountId: actor.kind === 'person' || actor.kind === 'enterprise' ? actor.id : null,
        organisationId: session.organisationId,
        regionCode: session.regionCode,
        itemCode: session.itemCode,
        itemName: session.itemName,
        level: body.level,
        dimensions,
        comment: body.comment ?? null,
      });
    });
  }

  /**
   * Runs a rating insert; a concurrent second rating of the same thing hits the unique
   * constraint and becomes the same 409 as a sequential one.
   */
  private async once<T>(code: string, message: string, work: (tx: Executor) => Promise<T>) {
    try {
      return await this.db.transaction((tx) => work(tx));
    } catch (err) {
      if (uniqueViolation(err)) throw new ConflictError(code, message);
      throw err;
    }
  }

  /** Inserts a rating, and for a first 差评 opens its 差评整改 case; audited, with events. */
  private async insertRating(
    tx: Executor,
    actor: Actor,
    ctx: RequestContext,
    fields: Omit<store.EvaluationRow, 'id' | 'excludedAt' | 'createdAt'>,
  ): Promise<Evaluation> {
    const row: store.EvaluationRow = {
      ...fields,
      id: newId(),
      excludedAt: null,
      createdAt: this.now(),
    };
    await store.insertEvaluation(tx, row);
    await recordAudit(tx, {
      actor,
      action: 'evaluation.submit',
      targetType: 'evaluation',
      targetId: row.id,
      summary: {
        kind: row.kind,
        channel: row.channel,
        level: row.level,
        applicationId: row.applicationId,
        bundleApplicationId: row.bundleApplicationId,
        sessionId: row.sessionId,
        caseId: row.followUpOfCaseId,
      },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      'evaluation.submitted',
      {
        evaluationId: row.id,
        kind: row.kind,
        channel: row.channel,
        level: row.level,
        bad: isBad(row.level),
        organisationId: row.organisationId,
        applicationId: row.applicationId,
        bundleApplicationId: row.bundleApplicationId,
        caseId: row.followUpOfCaseId,
      },
      ctx.requestId,
    );
    // a follow-up 差评 stays on its case (the case is what answers it): no second case
    if (isBad(row.level) && row.kind !== 'followUp') await this.openCase(tx, row, ctx);
    return this.toEvaluation(tx, row);
  }

  /** 差评整改: the case of a 差评, due days counted in working days from the day of the rating. */
  private async openCase(tx: Executor, rating: store.EvaluationRow, ctx: RequestContext) {
    const day = toShanghaiDate(rating.createdAt);
    const { settings } = this.deps;
    const visitDue = await this.deps.calendar.addWorkingDays(day, settings.visitDays);
    const rectifyDue = await this.deps.calendar.addWorkingDays(day, settings.rectifyDays);
    const row: store.CaseRow = {
      id: newId(),
      evaluationId: rating.id,
      organisationId: rating.organisationId,
      status: 'open',
      openedAt: rating.createdAt,
      visitDueDate: visitDue.date,
      rectifyDueDate: rectifyDue.date,
      visitedAt: null,
      visitedBy: null,
      visitNote: null,
      repliedAt: null,
      repliedBy: null,
      reply: null,
      closedAt: null,
      closedBy: null,
      closeReason: null,
      escalatedAt: null,
      updatedAt: rating.createdAt,
    };
    await store.insertCase(tx, row);
    await recordAudit(tx, {
      actor: { id: 'system:evaluation', kind: 'system', roles: ['system'] },
      action: 'evaluation.case.open',
      targetType: 'rectificationCase',
      targetId: row.id,
      summary: {
        evaluationId: rating.id,
        organisationId: row.organisationId,
        visitDueDate: row.visitDueDate,
        rectifyDueDate: row.rectifyDueDate,
      },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      'evaluation.case.opened',
      {
        caseId: row.id,
        evaluationId: rating.id,
        organisationId: row.organisationId,
        applicationId: rating.applicationId,
        raterAccountId: rating.raterAccountId,
        visitDueDate: row.visitDueDate,
        rectifyDueDate: row.rectifyDueDate,
      },
      ctx.requestId,
    );
  }

  // -- reading ratings -----------------------------------------------------------------------------

  /** Ratings: an applicant's own; staff their organisation's; a province admin all. */
  async list(actor: Actor, query: EvaluationListQuery): Promise<EvaluationList> {
    const limit = query.limit ?? 50;
    const filters = {
      limit,
      ...(query.bad === undefined ? {} : { bad: query.bad }),
      ...(query.channel === undefined ? {} : { channel: query.channel }),
    };
    const rows =
      actor.kind === 'staff'
        ? await store.listEvaluations(this.db, { ...filters, scope: this.readScope(actor) })
        : await store.listEvaluations(this.db, {
            ...filters,
            scope: { all: true },
            raterAccountId: applicantOf(actor),
          });
    return { items: await Promise.all(rows.map((r) => this.toEvaluation(this.db, r))) };
  }

  async get(actor: Actor, id: string): Promise<Evaluation> {
    const row = await store.findEvaluation(this.db, id);
    if (!row || !this.mayRead(actor, row)) {
      throw new NotFoundError('evaluation-not-found', 'no such evaluation');
    }
    return this.toEvaluation(this.db, row);
  }

  private mayRead(actor: Actor, row: store.EvaluationRow): boolean {
    if (actor.kind === 'staff' && !actor.limitedTo) {
      return actor.roles.includes('provinceAdmin') || actor.organisationId === row.organisationId;
    }
    return row.raterAccountId !== null && row.raterAccountId === actor.id && !actor.limitedTo;
  }

  private readScope(actor: Actor): store.Scope {
    const organisationId = staffOf(actor);
    return actor.roles.includes('provinceAdmin') ? { all: true } : { organisationId };
  }

  // -- 差评整改 ----------------------------------------------------------------------------------

  async listCases(actor: Actor, query: CaseListQuery): Promise<RectificationCaseList> {
    const rows = await store.listCases(this.db, {
      scope: this.readScope(actor),
      limit: 200,
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.escalated === undefined ? {} : { escalated: query.escalated }),
    });
    return { items: await Promise.all(rows.map((r) => this.toCase(this.db, r))) };
  }

  /** A case: its organisation's staff and province admins read it; its rater too. */
  async getCase(actor: Actor, id: string): Promise<RectificationCase> {
    const found = await store.findCase(this.db, id);
    if (!found) throw caseNotFound();
    const rater =
      actor.kind !== 'staff' &&
      found.evaluation.raterAccountId !== null &&
      found.evaluation.raterAccountId === actor.id;
    if (!rater) {
      // an applicant who did not give the rating learns nothing of the case
      if (actor.kind === 'person' || actor.kind === 'enterprise') throw caseNotFound();
      this.caseReader(actor, found.case);
    }
    return this.toCase(this.db, found);
  }

  /** Staff of the case's organisation and province admins read it; others see nothing (404). */
  private caseReader(actor: Actor, row: store.CaseRow): void {
    const organisationId = staffOf(actor);
    if (organisationId !== row.organisationId && !actor.roles.includes('provinceAdmin')) {
      throw caseNotFound();
    }
  }

  /** Only the case's own organisation works on it; a province admin reads but does not act. */
  private caseHandler(actor: Actor, row: store.CaseRow): void {
    this.caseReader(actor, row);
    if (actor.organisationId !== row.organisationId) {
      throw new ForbiddenError(
        'not-the-responsible-organisation',
        'the responsible organisation handles its 差评整改 cases',
      );
    }
  }

  /** 回访: the organisation called the applicant back. */
  visit(actor: Actor, id: string, body: CaseVisitBody, ctx: RequestContext = {}) {
    return this.moveCase(actor, id, ctx, 'visit', ['open'], () => ({
      status: 'visited',
      visitedAt: this.now(),
      visitedBy: actor.id,
      visitNote: body.note,
    }));
  }

  /** 整改答复: what was put right, replied to the applicant (who may then rate once more). */
  reply(actor: Actor, id: string, body: CaseReplyBody, ctx: RequestContext = {}) {
    return this.moveCase(actor, id, ctx, 'reply', ['visited'], () => ({
      status: 'rectified',
      repliedAt: this.now(),
      repliedBy: actor.id,
      reply: body.reply,
    }));
  }

  /** Closes a case after its reply. */
  close(actor: Actor, id: string, body: CaseCloseBody, ctx: RequestContext = {}) {
    return this.moveCase(
      actor,
      id,
      ctx,
      'close',
      ['rectified'],
      () => ({
        status: 'closed',
        closedAt: this.now(),
        closedBy: actor.id,
        closeReason: 'rectified',
      }),
      body.note ? { note: body.note } : {},
    );
  }

  private async moveCase(
    actor: Actor,
    id: string,
    ctx: RequestContext,
    step: 'visit' | 'reply' | 'close',
    from: readonly store.CaseRow['status'][],
    patch: () => Partial<store.CaseRow>,
    detail: Record<string, unknown> = {},
  ): Promise<RectificationCase> {
    staffOf(actor);
    return this.db.transaction(async (tx) => {
      const found = await store.lockCase(tx, id);
      if (!found) throw caseNotFound();
      this.caseHandler(actor, found.case);
      if (!from.includes(found.case.status)) {
        throw new ConflictError(
          `case-not-${from.join('-or-')}`,
          `a ${found.case.status} case cannot take the step ${step}`,
        );
      }
      const updated = await store.updateCase(tx, id, { ...patch(), updatedAt: this.now() });
      await this.caseChanged(tx, actor, ctx, updated, step, detail);
      return this.toCase(tx, { case: updated, evaluation: found.evaluation });
    });
  }

  private async caseChanged(
    tx: Executor,
    actor: Actor,
    ctx: RequestContext,
    row: store.CaseRow,
    step: string,
    detail: Record<string, unknown> = {},
  ) {
    await recordAudit(tx, {
      actor,
      action: `evaluation.case.${step}`,
      targetType: 'rectificationCase',
      targetId: row.id,
      summary: { status: row.status, ...detail },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      'evaluation.case.updated',
      { caseId: row.id, evaluationId: row.evaluationId, status: row.status, step, ...detail },
      ctx.requestId,
    );
  }

  /** The rater's one follow-up rating of a case after its reply (整改后追评). */
  async rateFollowUp(
    actor: Actor,
    caseId: string,
    body: RateBody,
    ctx: RequestContext = {},
  ): Promise<Evaluation> {
    const accountId = applicantOf(actor);
    return this.once(
      'case-already-followed-up',
      'the case has its follow-up rating',
      async (tx) => {
        const found = await store.lockCase(tx, caseId);
        if (!found || found.evaluation.raterAccountId !== accountId) throw caseNotFound();
        const c = found.case;
        if (
          c.closeReason === 'appealUpheld' ||
          (c.status !== 'rectified' && c.status !== 'closed')
        ) {
          throw new ConflictError(
            'case-not-replied',
            'a follow-up rating comes after the rectification reply',
          );
        }
        if (await store.findFollowUp(tx, caseId)) {
          throw new ConflictError('case-already-followed-up', 'the case has its follow-up');
        }
        const first = found.evaluation;
        const rating = await this.insertRating(tx, actor, ctx, {
          kind: 'followUp',
          channel: first.channel,
          applicationId: first.applicationId,
          bundleApplicationId: first.bundleApplicationId,
          sessionId: null,
          followUpOfCaseId: caseId,
          raterAccountId: accountId,
          organisationId: first.organisationId,
          regionCode: first.regionCode,
          itemCode: first.itemCode,
          itemName: first.itemName,
          level: body.level,
          dimensions: checkDimensions(first.channel, body.dimensions),
          comment: body.comment ?? null,
        });
        await this.caseChanged(tx, actor, ctx, c, 'followUp', {
          followUpEvaluationId: rating.id,
          level: rating.level,
        });
        return rating;
      },
    );
  }

  /** 督办: marks overdue cases escalated, once each, with `evaluation.case.escalated`. */
  async escalateOverdue(batch = 500): Promise<number> {
    const system: Actor = { id: 'system:evaluation', kind: 'system', roles: ['system'] };
    return this.db.transaction(async (tx) => {
      const at = this.now();
      const rows = await store.markOverdueEscalated(tx, toShanghaiDate(at), at, batch);
      for (const row of rows) {
        const late =
          row.status === 'open' && row.visitDueDate < toShanghaiDate(at) ? 'visit' : 'reply';
        await recordAudit(tx, {
          actor: system,
          action: 'evaluation.case.escalate',
          targetType: 'rectificationCase',
          targetId: row.id,
          summary: {
            status: row.status,
            late,
            visitDueDate: row.visitDueDate,
            rectifyDueDate: row.rectifyDueDate,
          },
        });
        await publishEvent(tx, 'evaluation.case.escalated', {
          caseId: row.id,
          evaluationId: row.evaluationId,
          organisationId: row.organisationId,
          status: row.status,
          late,
          visitDueDate: row.visitDueDate,
          rectifyDueDate: row.rectifyDueDate,
        });
      }
      return rows.length;
    });
  }

  // -- 申诉复核 ----------------------------------------------------------------------------------

  /** The rated organisation appeals a 差评 as mistaken or malicious, once. */
  async appeal(
    actor: Actor,
    evaluationId: string,
    body: AppealBody,
    ctx: RequestContext = {},
  ): Promise<Appeal> {
    const organisationId = staffOf(actor);
    try {
      return await this.db.transaction(async (tx) => {
        const rating = await store.lockEvaluation(tx, evaluationId);
        if (!rating || !this.mayRead(actor, rating)) {
          throw new NotFoundError('evaluation-not-found', 'no such evaluation');
        }
        if (rating.organisationId !== organisationId) {
          throw new ForbiddenError(
            'not-the-rated-organisation',
            'only the rated organisation appeals a rating',
          );
        }
        if (!isBad(rating.level) || rating.kind === 'followUp') {
          throw new UnprocessableError('not-appealable', 'only a 差评 (levels 1–2) is appealed');
        }
        if (await store.findAppealOfEvaluation(tx, evaluationId)) {
          throw new ConflictError('already-appealed', 'the rating was appealed already');
        }
        const row: store.AppealRow = {
          id: newId(),
          evaluationId,
          organisationId,
          regionCode: rating.regionCode,
          ground: body.ground,
          reasons: body.reasons,
          filedBy: actor.id,
          filedAt: this.now(),
          status: 'pending',
          decidedBy: null,
          decidedByOrganisationId: null,
          decidedAt: null,
          decisionNote: null,
        };
        await store.insertAppeal(tx, row);
        await recordAudit(tx, {
          actor,
          action: 'evaluation.appeal.file',
          targetType: 'evaluationAppeal',
          targetId: row.id,
          summary: { evaluationId, ground: body.ground },
          requestId: ctx.requestId,
        });
        await publishEvent(
          tx,
          'evaluation.appeal.filed',
          { appealId: row.id, evaluationId, organisationId, ground: body.ground },
          ctx.requestId,
        );
        return toAppeal(row);
      });
    } catch (err) {
      if (uniqueViolation(err)) {
        throw new ConflictError('already-appealed', 'the rating was appealed already');
      }
      throw err;
    }
  }

  /**
   * Appeals to read: the appealing organisation's own, and for reviewers those of other
   * organisations they may decide (a province admin anywhere, a department admin in their
   * jurisdiction).
   */
  async listAppeals(actor: Actor, status?: Appeal['status']): Promise<AppealList> {
    const organisationId = staffOf(actor);
    const scopes: store.Scope[] = [{ organisationId }];
    const review = await this.reviewScope(actor);
    if (review) scopes.push(review);
    const seen = new Set<string>();
    const items: Appeal[] = [];
    for (const scope of scopes) {
      const rows = await store.listAppeals(this.db, {
        scope,
        limit: 200,
        ...(status ? { status } : {}),
      });
      for (const row of rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        items.push(toAppeal(row));
      }
    }
    items.sort((a, b) => b.filedAt.localeCompare(a.filedAt));
    return { items };
  }

  private async reviewScope(actor: Actor): Promise<store.Scope | undefined> {
    if (!actor.organisationId || !REVIEWER_ROLES.some((r) => actor.roles.includes(r))) {
      return undefined;
    }
    if (actor.roles.includes('provinceAdmin')) {
      return { notOrganisationId: actor.organisationId };
    }
    const regionCodes = actor.jurisdiction
      ? await this.deps.directory.regionSubtree(actor.jurisdiction)
      : [];
    return { regionCodes, notOrganisationId: actor.organisationId };
  }

  /**
   * 复核: a department or province admin of another organisation decides. Upheld: the rating is
   * excluded from the statistics and its case closed; rejected: the rating stands.
   */
  async decideAppeal(
    actor: Actor,
    appealId: string,
    body: AppealDecisionBody,
    ctx: RequestContext = {},
  ): Promise<Appeal> {
    const organisationId = staffOf(actor);
    return this.db.transaction(async (tx) => {
      const row = await store.lockAppeal(tx, appealId);
      if (!row) throw appealNotFound();
      const ownOrganisation = row.organisationId === organisationId;
      const reviewer = REVIEWER_ROLES.some((r) => actor.roles.includes(r));
      const inJurisdiction =
        actor.roles.includes('provinceAdmin') ||
        (actor.jurisdiction !== undefined &&
          (await this.deps.directory.regionSubtree(actor.jurisdiction)).includes(row.regionCode));
      if (ownOrganisation) {
        // the appealing organisation sees its appeal, but never decides it
        throw new ForbiddenError(
          'reviewer-of-another-organisation',
          'an appeal is decided by a reviewer of another organisation',
        );
      }
      if (!reviewer || !inJurisdiction) throw appealNotFound();
      if (row.status !== 'pending') {
        throw new ConflictError('appeal-decided', 'the appeal is decided already');
      }
      const at = this.now();
      const decided = await store.updateAppeal(tx, appealId, {
        status: body.decision,
        decidedBy: actor.id,
        decidedByOrganisationId: organisationId,
        decidedAt: at,
        decisionNote: body.note,
      });
      await recordAudit(tx, {
        actor,
        action: 'evaluation.appeal.decide',
        targetType: 'evaluationAppeal',
        targetId: appealId,
        summary: { evaluationId: row.evaluationId, decision: body.decision },
        requestId: ctx.requestId,
      });
      await publishEvent(
        tx,
        'evaluation.appeal.decided',
        {
          appealId,
          evaluationId: row.evaluationId,
          organisationId: row.organisationId,
          decision: body.decision,
        },
        ctx.requestId,
      );
      if (body.decision === 'upheld') {
        await store.excludeEvaluation(tx, row.evaluationId, at);
        const c = await store.findCaseOfEvaluation(tx, row.evaluationId);
        if (c && c.status !== 'closed') {
          const closed = await store.updateCase(tx, c.id, {
            status: 'closed',
            closedAt: at,
            closedBy: actor.id,
            closeReason: 'appealUpheld',
            updatedAt: at,
          });
          await this.caseChanged(tx, actor, ctx, closed, 'close', { reason: 'appealUpheld' });
        }
      }
      return toAppeal(decided);
    });
  }

  // -- views -------------------------------------------------------------------------------------

  private async toEvaluation(db: Executor, row: store.EvaluationRow): Promise<Evaluation> {
    const c =
      row.kind === 'followUp'
        ? row.followUpOfCaseId
        : isBad(row.level)
          ? ((await store.findCaseOfEvaluation(db, row.id))?.id ?? null)
          : null;
    return {
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      level: row.level,
      levelName: EVALUATION_LEVEL_NAMES[row.level] ?? String(row.level),
      bad: isBad(row.level),
      dimensions: row.dimensions,
      comment: row.comment,
      applicationId: row.applicationId,
      bundleApplicationId: row.bundleApplicationId,
      sessionId: row.sessionId,
      caseId: c,
      organisationId: row.organisationId,
      regionCode: row.regionCode,
      itemCode: row.itemCode,
      itemName: row.itemName,
      excludedAt: row.excludedAt ? row.excludedAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async toCase(db: Executor, found: store.CaseWithRating): Promise<RectificationCase> {
    const c = found.case;
    const followUp = await store.findFollowUp(db, c.id);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: c.id,
      evaluationId: c.evaluationId,
      organisationId: c.organisationId,
      status: c.status,
      level: found.evaluation.level,
      comment: found.evaluation.comment,
      openedAt: c.openedAt.toISOString(),
      visitDueDate: c.visitDueDate,
      rectifyDueDate: c.rectifyDueDate,
      visitedAt: iso(c.visitedAt),
      visitNote: c.visitNote,
      repliedAt: iso(c.repliedAt),
      reply: c.reply,
      closedAt: iso(c.closedAt),
      closeReason: c.closeReason,
      escalatedAt: iso(c.escalatedAt),
      followUpEvaluationId: followUp?.id ?? null,
    };
  }
}

// -- helpers --------------------------------------------------------------------------------------

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Only the channel's dimensions are rated (AJV already stripped keys nobody knows). */
function checkDimensions(
  channel: EvaluationChannel,
  given: EvaluationDimensions | undefined,
): EvaluationDimensions {
  const allowed: readonly string[] = EVALUATION_DIMENSIONS[channel];
  const wrong = Object.keys(given ?? {}).filter((k) => !allowed.includes(k));
  if (wrong.length > 0) {
    throw new UnprocessableError(
      'dimension-not-of-channel',
      `${channel} ratings have the dimensions ${allowed.join(', ')}`,
      wrong.map((k) => ({ path: `/body/dimensions/${k}`, message: `不是本渠道的评价维度` })),
    );
  }
  return { ...given };
}

const applicationNotFound = () => new NotFoundError('application-not-found', 'no such application');
const caseNotFound = () => new NotFoundError('case-not-found', 'no such 差评整改 case');
const appealNotFound = () => new NotFoundError('appeal-not-found', 'no such appeal');

function toAppeal(row: store.AppealRow): Appeal {
  return {
    id: row.id,
    evaluationId: row.evaluationId,
    organisationId: row.organisationId,
    ground: row.ground,
    reasons: row.reasons,
    status: row.status,
    filedAt: row.filedAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decisionNote: row.decisionNote,
  };
}
