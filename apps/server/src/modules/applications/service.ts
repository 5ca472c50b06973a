import type {
  AcceptBody,
  CertificateMaterial,
  CertificateMaterialChoice,
  Material,
  DeliverBody,
  Application,
  ApplicationPage,
  ApplicationPageQuery,
  ImplementationListVersion,
  Me,
  Progress,
  ProgressQuery,
  RefuseBody,
  RequestSupplementBody,
  ResubmitBody,
  StepBody,
  SubmitApplicationBody,
  SuspendBody,
  WindowIntakeBody,
  ImplementationList,
} from '@zhengtong/contracts';
import { listDraftTarget } from '@zhengtong/contracts';
import { parseIdNumber } from '@zhengtong/gb';
import { anonymousActor, type Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { CalendarService } from '../../kernel/calendar/service.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import type { CatalogService } from '../catalog/index.js';
import type { DirectoryService } from '../directory/index.js';
import { mayReadTask, mayWorkOn, type TaskRow, type WorkflowService } from '../workflow/index.js';
import { ApplicationAcceptance } from './acceptance.js';
import * as bundleStore from './bundle-store.js';
import {
  completion,
  type ApplicationChanges,
  type ApplyChange,
  type ApplyTaskChange,
} from './changes.js';
import { ApplicationDrafts } from './drafts.js';
import {
  ApplicationFiling,
  applicantNameFor,
  assertApplicant,
  type FeesPort,
  wrongApplicantKind,
  type Applicant,
  type RequestContext,
} from './filing.js';
import * as store from './store.js';
import { ApplicationSuspension } from './suspension.js';

export type { FeesPort, FeeStage, RequestContext } from './filing.js';

/** What applications need of the identity module. */
export interface ApplicantLookup {
  /** who the signed-in applicant is */
  me(actor: Actor): Promise<Me>;
  /** a person's account by ID number (窗口收件) */
  findPersonByIdNumber(idNumber: string): Promise<{ accountId: string; name: string } | undefined>;
}

/**
 * What applications need of the certificates module (免提交), structurally: the certificates
 * module already reads applications, so this side names no type of it.
 */
export interface CertificateMaterialsPort {
  /** checks the choices (422 under `path`) and authorises the implementing department, in `tx` */
  attachToApplication(
    tx: Executor,
    input: {
      actor: Actor;
      application: {
        id: string;
        applicationNo: string;
        organisationId: string;
        applicantAccountId: string;
        enterpriseId: string | null;
      };
      materials: readonly Material[];
      choices: readonly CertificateMaterialChoice[];
      path: string;
      requestId?: string | undefined;
    },
  ): Promise<void>;
  /** the certificates meeting the application's materials, verified now (officers' reads logged) */
  applicationMaterials(
    actor: Actor,
    application: { id: string },
    reader: 'applicant' | 'officer',
  ): Promise<CertificateMaterial[]>;
}

export interface ApplicationsDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  calendar: CalendarService;
  catalog: CatalogService;
  workflow: WorkflowService;
  directory: DirectoryService;
  identity: ApplicantLookup;
  /** 免提交: certificates standing in for materials; without it none can be chosen */
  certificates?: CertificateMaterialsPort;
  /** 缴费: fee orders made and checked at the steps the list names; without it none are */
  fees?: FeesPort;
  /** the clock (tests move it); the real one by default */
  now?: () => Date;
}

const notFound = () => new NotFoundError('application-not-found', 'no such application');

/**
 * Told of every status change of an application, inside the transaction that made it (e.g. an
 * 一件事 bundle moves on when its members finish). A listener that throws rolls the change back.
 */
export type StatusListener = (
  tx: Executor,
  change: { before: store.ApplicationRow; after: store.ApplicationRow; actor: Actor },
  ctx: RequestContext,
) => Promise<void>;

export { resultNoOf } from './changes.js';

/**
 * 办件: apply (申报) with an Idempotency-Key, accept (受理) / refuse (不予受理) / ask for every
 * missing material at once (补正, 一次性告知), the officers' steps on the BPMN process of the
 * implementation list, completion (办结), withdrawal, the applicant's view and the public
 * progress query. Each change is one transaction with its workflow step, timeline entry, audit
 * record and outbox event.
 */
export class ApplicationsService {
  private readonly statusListeners: StatusListener[] = [];
  /** the filing steps single applications share with 一件事 bundle applications */
  readonly filing: ApplicationFiling;
  /** 受理 / 不予受理 / 补正 */
  private readonly acceptance: ApplicationAcceptance;
  /** 挂起 / 恢复 */
  private readonly suspension: ApplicationSuspension;

  constructor(private readonly deps: ApplicationsDeps) {
    this.filing = new ApplicationFiling({
      db: deps.db,
      fieldCrypto: deps.fieldCrypto,
      workflow: deps.workflow,
      catalog: deps.catalog,
      fees: deps.fees,
      now: () => this.now(),
    });
    // the parts change applications the way the service does: through `change` and `onTask`
    const changes: ApplicationChanges = {
      change: (actor, id, ctx, apply) => this.change(actor, id, ctx, apply),
      onTask: (actor, id, nodeId, ctx, apply) => this.onTask(actor, id, nodeId, ctx, apply),
      taskOf: (tx, app, actor, match) => this.taskOf(tx, app, actor, match),
      now: () => this.now(),
    };
    this.acceptance = new ApplicationAcceptance({
      changes,
      filing: this.filing,
      calendar: deps.calendar,
      workflow: deps.workflow,
      directory: deps.directory,
    });
    this.suspension = new ApplicationSuspension({ changes, calendar: deps.calendar });
  }

  /** Registers a listener for status changes (see StatusListener). */
  onStatusChange(listener: StatusListener): void {
    this.statusListeners.push(listener);
  }

  private get db() {
    return this.deps.db;
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  // -------------------------------------------------------------------------------------------
  // The applicant

  async submit(
    actor: Actor,
    body: SubmitApplicationBody,
    idempotencyKey: string | undefined,
    ctx: RequestContext,
  ): Promise<{ application: Application; replayed: boolean }> {
    const me = await this.applicant(actor);
    return this.file(actor, body, idempotencyKey, ctx, async (list, version) => {
      if (version.elements.onlineDepth < 3) {
        throw new UnprocessableError(
          'not-online',
          'this service cannot be applied for online (网办深度 below 在线受理); apply at a window',
        );
      }
      return {
        channel: 'online',
        applicantAccountId: actor.id,
        applicantKind: me.actingFor ? 'enterprise' : 'person',
        enterpriseId: me.actingFor?.id ?? null,
        applicantName: me.actingFor?.name ?? me.name,
        acceptingOrganisationId: list.organisationId,
        regionCode: list.regionCode,
        filedBy: null,
      };
    });
  }

  /**
   * 窗口收件: a window officer files for a walk-in person, identified by ID number and name
   * (checked against the account when the person has one). The officer's organisation accepts
   * it; the list's organisation processes it — which may be another region's (跨域通办) when
   * the list is 省内通办 or 跨省通办.
   */
  async fileAtWindow(
    actor: Actor,
    body: WindowIntakeBody,
    idempotencyKey: string | undefined,
    ctx: RequestContext,
  ): Promise<{ application: Application; replayed: boolean }> {
    if (actor.kind === 'anonymous')
      throw new UnauthenticatedError('unauthenticated', 'sign in first');
    if (actor.kind !== 'staff' || !actor.roles.includes('windowOfficer') || !actor.organisationId) {
      throw new ForbiddenError('window-officers-only', 'only window officers file at a window');
    }
    const officerOrganisation = await this.deps.directory.findOrganisation(actor.organisationId);
    if (!officerOrganisation)
      throw new ForbiddenError('no-organisation', 'your organisation is gone');
    const parsed = parseIdNumber(body.applicant.idNumber);
    if (!parsed.ok) {
      throw new InputError('invalid-id-number', 'not a valid ID number', [
        { path: '/body/applicant/idNumber', message: `身份证号不合规（${parsed.reason}）` },
      ]);
    }
    const person = await this.deps.identity.findPersonByIdNumber(parsed.value.idNumber);
    const name = body.applicant.name.trim();
    if (person && person.name !== name) {
      throw new UnprocessableError('identity-mismatch', 'the name does not match the ID number', [
        { path: '/body/applicant/name', message: '姓名与身份证号不符' },
      ]);
    }
    const { listId, formData } = body;
    return this.file(actor, { listId, formData }, idempotencyKey, ctx, async (list) => {
      if (
        list.organisationId !== actor.organisationId &&
        list.published?.elements.crossRegionScope === 'local'
      ) {
        throw new UnprocessableError(
          'not-cross-region',
          'this service is handled only by its own organisation (not 通办)',
        );
      }
      return {
        channel: 'window',
        // a person without an account is known by the keyed hash of the ID number, so the
        // application joins their account if they register later
        applicantAccountId:
          person?.accountId ?? `walk-in:${this.deps.fieldCrypto.lookupHash(parsed.value.idNumber)}`,
        applicantKind: 'person',
        enterpriseId: null,
        applicantName: name,
        acceptingOrganisationId: actor.organisationId!,
        regionCode: officerOrganisation.regionCode,
        filedBy: actor.id,
      };
    });
  }

  /**
   * Files an application: the Idempotency-Key claimed, the list in force bound, the form
   * checked and sealed, the process started, all in one transaction.
   */
  private async file(
    actor: Actor,
    body: SubmitApplicationBody,
    idempotencyKey: string | undefined,
    ctx: RequestContext,
    who: (list: ImplementationList, version: ImplementationListVersion) => Promise<Applicant>,
  ): Promise<{ application: Application; replayed: boolean }> {
    const key = this.filing.idempotencyKeyOf(idempotencyKey);
    // a delivery choice joins the hash only when sent, so earlier keys keep their hashes
    const choices = body.certificateMaterials ?? [];
    const requestHash = this.filing.requestHash([
      body.listId,
      body.formData,
      ...(body.delivery === undefined && choices.length === 0 ? [] : [body.delivery ?? null]),
      ...(choices.length === 0 ? [] : [choices]),
    ]);
    const earlier = await this.filing.earlierSubmission(actor, key, requestHash);
    if (earlier) return { application: await this.get(actor, earlier), replayed: true };
    const list = await this.deps.catalog
      .getList(anonymousActor, body.listId)
      .catch(() => undefined);
    const version = list?.published;
    if (!list || !version) {
      throw new UnprocessableError(
        'list-not-published',
        'no implementation list in force with this id',
        [{ path: '/body/listId', message: '实施清单不存在或未发布' }],
      );
    }
    const applicant = await who(list, version);
    const item = await this.deps.catalog.itemFacts(list.itemCode);
    if (!item?.applicantKinds.includes(applicant.applicantKind)) {
      throw wrongApplicantKind(applicant.applicantKind);
    }
    this.filing.assertForm(version, body.formData, '/body/formData');
    const delivery = this.filing.sealDelivery(body.delivery, '/body/delivery');

    const applicationNo = await this.filing.nextApplicationNo(applicant.regionCode);
    const filed = await this.filing.underKey(
      actor,
      key,
      requestHash,
      { kind: 'application', id: newId() },
      async (tx, id) => {
        await this.filing.file(
          tx,
          actor,
          {
            id,
            applicationNo,
            list,
            version,
            applicant,
            formData: body.formData,
            delivery,
            status: 'submitted',
            audit:
              applicant.channel === 'window'
                ? 'applications.file-at-window'
                : 'applications.submit',
          },
          ctx,
        );
        // 免提交: the wallet certificates chosen for materials, checked and lent to the department
        if (choices.length > 0) {
          if (!this.deps.certificates) {
            throw new UnprocessableError(
              'certificates-unavailable',
              'certificates cannot stand in for materials here',
              [{ path: '/body/certificateMaterials', message: '暂不支持以电子证照代替材料' }],
            );
          }
          await this.deps.certificates.attachToApplication(tx, {
            actor,
            application: {
              id,
              applicationNo,
              organisationId: list.organisationId,
              applicantAccountId: applicant.applicantAccountId,
              enterpriseId: applicant.enterpriseId,
            },
            materials: version.elements.materials,
            choices,
            path: '/body/certificateMaterials',
            requestId: ctx.requestId,
          });
        }
        // 草稿: what the applicant saved of this form is filed now
        if (applicant.channel === 'online') {
          await ApplicationDrafts.discard(tx, actor.id, listDraftTarget(list.id));
        }
      },
    );
    return { application: await this.get(actor, filed.id), replayed: filed.replayed };
  }

  /** 补正后重新提交: the applicant sends the corrected form after a supplement request. */
  async resubmit(actor: Actor, id: string, body: ResubmitBody, ctx: RequestContext) {
    await this.applicant(actor);
    await this.change(actor, id, ctx, async (tx, app) => {
      if (app.applicantAccountId !== actor.id) throw notFound();
      if (app.status !== 'supplementRequested') {
        throw new ConflictError('not-awaiting-supplement', `the application is ${app.status}`);
      }
      const version = await this.version(app.listVersionId);
      this.assertForm(version, body.formData, '/body/formData');
      await store.updateApplication(tx, id, {
        status: 'submitted',
        formSealed: this.deps.fieldCrypto.encrypt(JSON.stringify(body.formData)),
        supplement: null,
      });
      return { event: 'resubmitted', audit: 'applications.resubmit', detail: {} };
    });
    return this.get(actor, id);
  }

  /** 撤回: before acceptance only; a bundle's members are withdrawn with their bundle. */
  async withdraw(actor: Actor, id: string, ctx: RequestContext) {
    await this.applicant(actor);
    await this.change(actor, id, ctx, async (tx, app) => {
      if (app.applicantAccountId !== actor.id) throw notFound();
      if (app.bundleApplicationId) {
        throw new ConflictError(
          'bundle-member',
          'this application is part of an 一件事 bundle application: withdraw the bundle application',
        );
      }
      if (app.status !== 'submitted' && app.status !== 'supplementRequested') {
        throw new ConflictError(
          'cannot-withdraw',
          `an application that is ${app.status} cannot be withdrawn`,
        );
      }
      if (app.processInstanceId) {
        await this.deps.workflow.engine.terminate(tx, app.processInstanceId, actor.id, 'withdrawn');
      }
      await store.updateApplication(tx, id, { status: 'withdrawn', completedAt: this.now() });
      await this.filing.closeFees(tx, actor, id, 'withdrawn', ctx);
      return { event: 'withdrawn', audit: 'applications.withdraw', detail: {} };
    });
    return this.get(actor, id);
  }

  async mine(actor: Actor, query: ApplicationPageQuery): Promise<ApplicationPage> {
    await this.applicant(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await store.listByApplicant(this.db, actor.id, {
      ...(query.status ? { status: query.status } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const names = await this.organisationNames(rows.map((r) => r.organisationId));
    return {
      items: rows.map((r) => ({
        id: r.id,
        applicationNo: r.applicationNo,
        itemName: r.itemName,
        organisationName: names.get(r.organisationId) ?? '',
        status: r.status,
        submittedAt: r.submittedAt.toISOString(),
        dueDate: r.dueDate,
      })),
      total,
      page,
      pageSize,
    };
  }

  // -------------------------------------------------------------------------------------------
  // The window officer: 受理, 不予受理, 补正

  /** 受理: the due dates start; 容缺受理 with pending materials, 会签 departments named. */
  async accept(actor: Actor, id: string, body: AcceptBody, ctx: RequestContext) {
    await this.acceptance.accept(actor, id, body, ctx);
    return this.get(actor, id);
  }

  /** 不予受理: with the reason the applicant reads. */
  async refuse(actor: Actor, id: string, body: RefuseBody, ctx: RequestContext) {
    await this.acceptance.refuse(actor, id, body, ctx);
    return this.get(actor, id);
  }

  /** 补正: one notice with every item; a second request on the same application is flagged. */
  async requestSupplement(
    actor: Actor,
    id: string,
    body: RequestSupplementBody,
    ctx: RequestContext,
  ) {
    await this.acceptance.requestSupplement(actor, id, body, ctx);
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // The approvers: review, consulted opinions, decision

  async step(actor: Actor, id: string, taskId: string, body: StepBody, ctx: RequestContext) {
    await this.change(actor, id, ctx, async (tx, app) => {
      const task = await this.taskOf(tx, app, actor, (t) => t.id === taskId);
      if (task.nodeId === 'accept') {
        throw new ConflictError(
          'use-acceptance',
          'acceptance has its own calls: accept, refuse, supplement',
        );
      }
      if (app.status !== 'accepted') {
        throw new ConflictError(
          'not-accepted',
          `an application that is ${app.status} is not in process`,
        );
      }
      if (app.suspendedAt) {
        throw new ConflictError(
          'suspended',
          'the application is in a special procedure; resume it first',
        );
      }
      const isDecision = task.nodeId === 'decide';
      if (isDecision) {
        if (!body.decision) {
          throw new UnprocessableError('decision-required', 'say approve, deny or return', [
            { path: '/body/decision', message: '请作出决定' },
          ]);
        }
        if (body.decision === 'deny' && !body.reason) {
          throw new UnprocessableError('reason-required', 'a denial states its reasons', [
            { path: '/body/reason', message: '不予许可须说明理由' },
          ]);
        }
        if (body.decision === 'return' && !body.reason) {
          throw new UnprocessableError('reason-required', 'a return says what to look at again', [
            { path: '/body/reason', message: '退回须说明理由' },
          ]);
        }
      } else if (!body.opinion) {
        throw new UnprocessableError('opinion-required', 'a review step records an opinion', [
          { path: '/body/opinion', message: '请填写审查意见' },
        ]);
      }
      // 缴费: 准予 (and so 制证) waits for the fee due before the result is issued
      if (isDecision && body.decision === 'approve') {
        await this.filing.fees?.assertPaid(tx, id, 'beforeIssuing');
      }
      const outcome: Record<string, unknown> = isDecision
        ? { decision: body.decision, ...(body.reason ? { decisionReason: body.reason } : {}) }
        : { [`${task.nodeId}Opinion`]: body.opinion };
      await this.deps.workflow.engine.completeTask(tx, task.id, actor.id, outcome);
      const instance = await this.deps.workflow.findInstance(tx, app.processInstanceId ?? '');
      const completed = instance?.status === 'completed';
      const approved = instance?.variables.decision !== 'deny';
      if (completed) {
        await store.updateApplication(tx, id, {
          status: approved ? 'approved' : 'denied',
          decisionReason: body.reason ?? null,
          ...this.completion(app, approved ? 'approved' : 'denied'),
        });
        if (!approved) await this.filing.closeFees(tx, actor, id, 'denied', ctx);
      }
      return {
        // 办结 follows the step that brought it
        ...(completed
          ? {
              followUp: () =>
                this.event(tx, id, actor, approved ? 'approved' : 'denied', {
                  ...(body.reason ? { reason: body.reason } : {}),
                  ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}),
                }),
            }
          : {}),
        // 退回: the decision sends the application back to review
        event: body.decision === 'return' ? 'returned' : 'stepCompleted',
        title: body.decision === 'return' ? `${task.name}（退回重审）` : task.name,
        audit: 'applications.step',
        detail: {
          step: task.name,
          ...(body.opinion ? { opinion: body.opinion } : {}),
          ...(body.decision ? { decision: body.decision } : {}),
          ...(body.decision === 'return' && body.reason ? { reason: body.reason } : {}),
        },
      };
    });
    return this.get(actor, id);
  }

  /**
   * 办结: the completion time; a result delivered online (网上送达) is out at once, a mailed or
   * collected one waits for `deliver`.
   */
  private completion(app: store.ApplicationRow, outcome: 'approved' | 'denied') {
    return completion(app, outcome, this.now());
  }

  /**
   * 送达: an officer of the implementing or accepting organisation records that the result of a
   * completed application went out by mail (with its tracking number) or was collected.
   */
  async deliver(actor: Actor, id: string, body: DeliverBody, ctx: RequestContext) {
    await this.change(actor, id, ctx, async (tx, app) => {
      const officer =
        actor.kind === 'staff' &&
        (actor.organisationId === app.organisationId ||
          actor.organisationId === app.acceptingOrganisationId);
      if (!officer) throw notFound();
      if (app.status !== 'approved' && app.status !== 'denied') {
        throw new ConflictError(
          'not-completed',
          `an application that is ${app.status} has no result yet`,
        );
      }
      if (app.deliveredAt)
        throw new ConflictError('already-delivered', 'the result is already out');
      if (app.deliveryMethod === 'mail' && !body.trackingNo) {
        throw new UnprocessableError(
          'tracking-number-required',
          'a mailed result has a tracking number',
          [{ path: '/body/trackingNo', message: '邮寄送达须填写邮件号' }],
        );
      }
      const detail = {
        method: app.deliveryMethod,
        ...(body.trackingNo ? { trackingNo: body.trackingNo } : {}),
        ...(body.note ? { note: body.note } : {}),
      };
      await store.updateApplication(tx, id, { deliveredAt: this.now(), delivery: detail });
      return { event: 'delivered', audit: 'applications.deliver', detail };
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // 挂起 / 恢复: special procedures stop the clock

  /** 挂起: an officer with a step on the accepted application stops its clock. */
  async suspend(actor: Actor, id: string, body: SuspendBody, ctx: RequestContext) {
    await this.suspension.suspend(actor, id, body, ctx);
    return this.get(actor, id);
  }

  /** 恢复: the clock runs again and the due dates move by the days it stood still. */
  async resume(actor: Actor, id: string, ctx: RequestContext) {
    await this.suspension.resume(actor, id, ctx);
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  /**
   * The application if the actor may read it (the rule of `get`, shared with material files):
   * the applicant sees their own; officers of its organisations and those with a task in it.
   * Anyone else gets a 404 and learns nothing.
   */
  async readable(
    actor: Actor,
    id: string,
  ): Promise<{ app: store.ApplicationRow; tasks: TaskRow[]; isApplicant: boolean }> {
    const app = await store.findApplication(this.db, id);
    if (!app) throw notFound();
    const allTasks = app.processInstanceId
      ? await this.deps.workflow.tasksOf(this.db, app.processInstanceId)
      : [];
    const tasks = allTasks.filter((t) => t.status === 'open');
    const isApplicant = app.applicantAccountId === actor.id;
    // officers of its organisations, and of any department that had a step in it (会签)
    const isOfficer =
      actor.kind === 'staff' &&
      (actor.organisationId === app.organisationId ||
        actor.organisationId === app.acceptingOrganisationId ||
        allTasks.some((t) => mayReadTask(actor, t)));
    if (!isApplicant && !isOfficer) throw notFound();
    return { app, tasks, isApplicant };
  }

  /** The applicant sees their own; officers of its organisations and those with a task in it. */
  async get(actor: Actor, id: string): Promise<Application> {
    const { app, tasks, isApplicant } = await this.readable(actor, id);
    const [events, bundle, certificateMaterials] = await Promise.all([
      store.eventsOf(this.db, id),
      app.bundleApplicationId
        ? bundleStore.findBundleApplication(this.db, app.bundleApplicationId)
        : undefined,
      // 免提交: verified at read time; an officer's read goes through the authorisation
      this.deps.certificates?.applicationMaterials(
        actor,
        { id },
        isApplicant ? 'applicant' : 'officer',
      ),
    ]);
    const names = await this.organisationNames([
      app.organisationId,
      ...events.flatMap((e) => (e.actorOrganisationId ? [e.actorOrganisationId] : [])),
    ]);
    return {
      id: app.id,
      applicationNo: app.applicationNo,
      itemCode: app.itemCode,
      itemName: app.itemName,
      listId: app.listId,
      listVersionId: app.listVersionId,
      organisationId: app.organisationId,
      organisationName: names.get(app.organisationId) ?? '',
      regionCode: app.regionCode,
      channel: app.channel,
      status: app.status,
      applicantKind: app.applicantKind,
      applicantName: applicantNameFor(app, isApplicant),
      delivery: {
        ...this.filing.deliveryView(app.deliveryMethod, app.deliveryAddressSealed, isApplicant),
        deliveredAt: app.deliveredAt?.toISOString() ?? null,
        trackingNo: typeof app.delivery?.trackingNo === 'string' ? app.delivery.trackingNo : null,
      },
      formData: JSON.parse(this.deps.fieldCrypto.decrypt(app.formSealed)) as Record<
        string,
        unknown
      >,
      submittedAt: app.submittedAt.toISOString(),
      acceptedAt: app.acceptedAt?.toISOString() ?? null,
      dueDate: app.dueDate,
      statutoryDueDate: app.statutoryDueDate,
      completedAt: app.completedAt?.toISOString() ?? null,
      decisionReason: app.decisionReason,
      supplement: app.supplement,
      supplementCount: app.supplementCount,
      pendingMaterials: app.pendingMaterials,
      suspension:
        app.suspendedAt && app.suspensionKind
          ? {
              kind: app.suspensionKind,
              reason: app.suspensionReason ?? '',
              since: app.suspendedAt.toISOString(),
            }
          : null,
      suspendedWorkingDays: app.suspendedWorkingDays,
      currentSteps: tasks.map((t) => ({
        taskId: t.id,
        name: t.name,
        nodeId: t.nodeId,
        dueDate: t.dueDate,
        mine: mayWorkOn(actor, t),
      })),
      timeline: events.map((e) => ({
        event: e.event,
        title: e.title,
        at: e.at.toISOString(),
        by: e.actorOrganisationId ? (names.get(e.actorOrganisationId) ?? null) : null,
        detail: e.detail,
      })),
      bundle:
        bundle && app.bundleStage !== null
          ? {
              id: bundle.id,
              applicationNo: bundle.applicationNo,
              bundleName: bundle.bundleName,
              stage: app.bundleStage,
            }
          : null,
      ...(certificateMaterials ? { certificateMaterials } : {}),
    };
  }

  /** 办件查询: public, by number and the applicant's exact name; anything else is a 404. */
  async progress(query: ProgressQuery): Promise<Progress> {
    const app = await store.findByNumber(this.db, query.no);
    if (!app || app.applicantName !== query.name.trim()) throw notFound();
    const [events, names] = await Promise.all([
      store.eventsOf(this.db, app.id),
      this.organisationNames([app.organisationId]),
    ]);
    return {
      applicationNo: app.applicationNo,
      itemName: app.itemName,
      organisationName: names.get(app.organisationId) ?? '',
      status: app.status,
      submittedAt: app.submittedAt.toISOString(),
      dueDate: app.dueDate,
      steps: events.map((e) => ({ title: e.title, at: e.at.toISOString() })),
    };
  }

  // -------------------------------------------------------------------------------------------

  private async applicant(actor: Actor): Promise<Me> {
    assertApplicant(actor);
    return this.deps.identity.me(actor);
  }

  private version(versionId: string): Promise<ImplementationListVersion> {
    return this.filing.version(versionId);
  }

  private assertForm(version: ImplementationListVersion, data: unknown, path: string): void {
    this.filing.assertForm(version, data, path);
  }

  /** An officer's change on the open task of a step: visibility and the task checked first. */
  private onTask(
    actor: Actor,
    id: string,
    nodeId: string,
    ctx: RequestContext,
    change: ApplyTaskChange,
  ): Promise<void> {
    return this.change(actor, id, ctx, async (tx, app) =>
      change(tx, app, await this.taskOf(tx, app, actor, (t) => t.nodeId === nodeId)),
    );
  }

  private async taskOf(
    tx: Executor,
    app: store.ApplicationRow,
    actor: Actor,
    match: (t: TaskRow) => boolean,
  ): Promise<TaskRow> {
    if (actor.kind !== 'staff') throw notFound();
    const tasks = app.processInstanceId
      ? await this.deps.workflow.openTasksOf(tx, app.processInstanceId)
      : [];
    const mine = tasks.filter((t) => mayWorkOn(actor, t));
    const task = mine.find(match);
    if (!task) {
      // officers of the application's organisations learn that the step is not open; others
      // learn nothing
      const involved =
        actor.organisationId === app.organisationId ||
        actor.organisationId === app.acceptingOrganisationId ||
        mine.length > 0;
      if (!involved) throw notFound();
      throw new ConflictError('step-not-open', 'this step is not open for you on this application');
    }
    return task;
  }

  /** One change: the application row locked, the change, a timeline entry and an audit record. */
  private async change(
    actor: Actor,
    id: string,
    ctx: RequestContext,
    apply: ApplyChange,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      // a bundle member's change may move its bundle on (see StatusListener): the bundle's lock
      // comes first, as in every change of a bundle, so that concurrent changes cannot deadlock
      const member = await store.findApplication(tx, id);
      if (member?.bundleApplicationId) {
        await bundleStore.lockBundleApplication(tx, member.bundleApplicationId);
      }
      const app = await store.lockApplication(tx, id);
      if (!app) throw notFound();
      const result = await apply(tx, app);
      await this.event(tx, id, actor, result.event, result.detail, result.title);
      await result.followUp?.();
      await recordAudit(tx, {
        actor,
        action: result.audit,
        targetType: 'application',
        targetId: id,
        summary: { applicationNo: app.applicationNo, ...result.detail },
        requestId: ctx.requestId,
      });
      await publishEvent(
        tx,
        `application.${result.event}`,
        { applicationId: id, applicationNo: app.applicationNo, ...result.detail },
        ctx.requestId,
      );
      const after = await store.findApplication(tx, id);
      if (after && after.status !== app.status) {
        if (after.status === 'approved' || after.status === 'denied') {
          // 办结: told once, whichever step brought it
          await publishEvent(
            tx,
            'application.completed',
            { applicationId: id, applicationNo: app.applicationNo, outcome: after.status },
            ctx.requestId,
          );
        }
        for (const listener of this.statusListeners) {
          await listener(tx, { before: app, after, actor }, ctx);
        }
      }
    });
  }

  private event(
    tx: Executor,
    applicationId: string,
    actor: Actor,
    event: string,
    detail: Record<string, unknown>,
    title?: string,
  ) {
    return this.filing.event(tx, applicationId, actor, event, detail, title);
  }

  private async organisationNames(ids: string[]): Promise<Map<string, string>> {
    const organisations = await this.deps.directory.findOrganisationsByIds(ids);
    return new Map(organisations.map((o) => [o.id, o.name]));
  }
}
