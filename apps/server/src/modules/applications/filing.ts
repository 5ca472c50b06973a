import crypto from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import type {
  DeliveryChoice,
  DeliveryView,
  Fees,
  ImplementationList,
  ImplementationListVersion,
  MailAddress,
  ProblemFieldError,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  ForbiddenError,
  InputError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import { createAjv } from '../../kernel/json-schema.js';
import type { CatalogService } from '../catalog/index.js';
import type { WorkflowService } from '../workflow/index.js';
import * as store from './store.js';

// What filing an application takes, shared by a single application (申报, 窗口收件) and the
// members of an 一件事 bundle application: the Idempotency-Key, the 办件编号, the form checked
// against the list version, the delivery choice sealed, the row, its process, timeline entry,
// audit record and outbox event.

export interface RequestContext {
  requestId?: string | undefined;
}

/** When a fee is collected (收费环节): before 受理, or before the result is issued. */
export type FeeStage = 'beforeAcceptance' | 'beforeIssuing';

/**
 * What applications need of the payments module (缴费), structurally; each call runs in the
 * caller's transaction, so an order exists exactly when the step that makes it does.
 */
export interface FeesPort {
  /** makes the stage's fee order when the list's fees ask for one then (none for free items) */
  open(
    tx: Executor,
    input: {
      actor: Actor;
      application: {
        id: string;
        applicationNo: string;
        itemName: string;
        applicantAccountId: string;
        enterpriseId: string | null;
        /** the receipt's 缴款人: a person's masked, an enterprise's whole */
        payerName: string;
        organisationId: string;
        /** who accepts it (a service hall for 综合受理): its officers read the orders too */
        acceptingOrganisationId: string;
        regionCode: string;
      };
      stage: FeeStage;
      fees: Fees;
      /** 即办件: accepted and decided at once, so every fee is collected before 受理 */
      immediate: boolean;
      requestId?: string | undefined;
    },
  ): Promise<void>;
  /** 409 fee-unpaid while the stage's order is not paid */
  assertPaid(tx: Executor, applicationId: string, stage: FeeStage): Promise<void>;
  /** the application ends without its result: unpaid orders cancelled, paid ones refunded */
  close(
    tx: Executor,
    input: {
      actor: Actor;
      applicationId: string;
      reason: 'withdrawn' | 'refused' | 'denied' | 'cancelled';
      requestId?: string | undefined;
    },
  ): Promise<void>;
}

/** Who files an application and where it is accepted (申请人, 受理机构). */
export interface Applicant {
  channel: 'online' | 'window';
  applicantAccountId: string;
  applicantKind: 'person' | 'enterprise';
  enterpriseId: string | null;
  applicantName: string;
  acceptingOrganisationId: string;
  regionCode: string;
  filedBy: string | null;
}

/** 结果送达 as stored: the mail address sealed with the field key. */
export interface SealedDelivery {
  deliveryMethod: 'online' | 'mail' | 'pickup';
  deliveryAddressSealed: string | null;
}

export interface ApplicationToFile {
  id: string;
  applicationNo: string;
  list: ImplementationList;
  version: ImplementationListVersion;
  applicant: Applicant;
  formData: Record<string, unknown>;
  delivery: SealedDelivery;
  /** the 一件事 bundle application it is a member of */
  bundle?: { id: string; applicationNo: string; stage: number };
  /**
   * `waiting`: a member of a later stage of a bundle, filed without a process until every
   * member of the stage before is approved (see `startWaiting`)
   */
  status: 'submitted' | 'waiting';
  /** the audit action (applications.submit, applications.file-at-window …) */
  audit: string;
}

/** A field failing a form's JSON Schema: a JSON pointer into the form, and AJV's message. */
export interface FormProblem {
  pointer: string;
  message: string;
}

/** 张三 → 张*；河南政通示范科技有限公司 → 河南************司. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * The applicant's name as a reader sees it: a person's is masked for anyone but the applicant;
 * an enterprise's is public (国家企业信用信息公示) and printed on its licences, so it is shown
 * whole.
 */
export function applicantNameFor(
  applicant: { applicantKind: string; applicantName: string },
  isApplicant: boolean,
): string {
  return isApplicant || applicant.applicantKind === 'enterprise'
    ? applicant.applicantName
    : maskName(applicant.applicantName);
}

export const STEP_TITLES: Record<string, string> = {
  submitted: '申报',
  resubmitted: '补正后重新提交',
  supplementRequested: '补正告知',
  accepted: '受理',
  refused: '不予受理',
  withdrawn: '撤回',
  approved: '办结（准予）',
  denied: '办结（不予许可）',
  suspended: '挂起（特殊环节）',
  delivered: '结果送达',
  returned: '退回重审',
  resumed: '恢复办理',
  waiting: '等待前序事项办结',
  started: '前序事项已办结，转入受理',
  cancelled: '取消办理（一件事未能继续）',
};

/** The key of a submit that was claimed by a concurrent one: answer with what that one filed. */
class RetryAsReplay extends Error {}

export interface FilingDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  workflow: WorkflowService;
  catalog: Pick<CatalogService, 'getVersion'>;
  /** 缴费: fee orders made and checked at the steps the list names; without it none are */
  fees?: FeesPort | undefined;
  now: () => Date;
}

/** The filing steps both kinds of submit share; each runs in the caller's transaction. */
export class ApplicationFiling {
  private readonly ajv = createAjv({ allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly deps: FilingDeps) {}

  /** the payments module's fee orders, when wired */
  get fees(): FeesPort | undefined {
    return this.deps.fees;
  }

  /** Makes the stage's fee order of an application, if its list's fees ask for one then. */
  async openFees(
    tx: Executor,
    actor: Actor,
    app: Pick<
      store.ApplicationRow,
      | 'id'
      | 'applicationNo'
      | 'itemName'
      | 'applicantAccountId'
      | 'enterpriseId'
      | 'applicantKind'
      | 'applicantName'
      | 'organisationId'
      | 'acceptingOrganisationId'
      | 'regionCode'
    >,
    version: ImplementationListVersion,
    stage: FeeStage,
    ctx: RequestContext,
  ): Promise<void> {
    await this.deps.fees?.open(tx, {
      actor,
      application: {
        id: app.id,
        applicationNo: app.applicationNo,
        itemName: app.itemName,
        applicantAccountId: app.applicantAccountId,
        enterpriseId: app.enterpriseId,
        payerName: applicantNameFor(app, false),
        organisationId: app.organisationId,
        acceptingOrganisationId: app.acceptingOrganisationId,
        regionCode: app.regionCode,
      },
      stage,
      fees: version.elements.fees,
      immediate: version.elements.handlingKind === 'immediate',
      requestId: ctx.requestId,
    });
  }

  /** The application ends without its result: its fees are cancelled or refunded. */
  async closeFees(
    tx: Executor,
    actor: Actor,
    applicationId: string,
    reason: 'withdrawn' | 'refused' | 'denied' | 'cancelled',
    ctx: RequestContext,
  ): Promise<void> {
    await this.deps.fees?.close(tx, { actor, applicationId, reason, requestId: ctx.requestId });
  }

  // -------------------------------------------------------------------------------------------
  // Idempotency-Key: a retried submit answers with what the first one filed

  /** The Idempotency-Key header of a submit: 8–100 visible ASCII characters, or a 400. */
  idempotencyKeyOf(key: string | undefined): string {
    if (!key || !/^[\x21-\x7e]{8,100}$/.test(key)) {
      throw new InputError(
        'idempotency-key-required',
        'send an Idempotency-Key header (8–100 visible ASCII characters) with a submit',
        [{ path: '/headers/idempotency-key', message: 'required: 8–100 visible ASCII characters' }],
      );
    }
    return key;
  }

  /** The hash a submit's request is remembered by (the same key with another body is a 422). */
  requestHash(parts: readonly unknown[]): string {
    return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  /** The id filed by an earlier submit with this key, or undefined; 422 when it was another. */
  async earlierSubmission(
    actor: Actor,
    key: string,
    requestHash: string,
    db: Executor = this.deps.db,
  ): Promise<string | undefined> {
    const earlier = await store.findSubmission(db, actor.id, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash) {
      throw new UnprocessableError(
        'idempotency-key-reused',
        'this Idempotency-Key was used for another submission',
      );
    }
    return earlier.applicationId;
  }

  /**
   * Files under the key: one transaction that claims it first and then runs `file`. When a
   * concurrent submit with the same key holds the claim, its id comes back as a replay.
   */
  async underKey(
    actor: Actor,
    key: string,
    requestHash: string,
    target: { kind: 'application' | 'bundle'; id: string },
    file: (tx: Executor, id: string) => Promise<void>,
  ): Promise<{ id: string; replayed: boolean }> {
    try {
      await this.deps.db.transaction(async (tx) => {
        const claimed = await store.claimSubmission(tx, {
          accountId: actor.id,
          idempotencyKey: key,
          requestHash,
          applicationId: target.id,
          target: target.kind,
        });
        if (!claimed) throw new RetryAsReplay();
        await file(tx, target.id);
      });
    } catch (e) {
      if (e instanceof RetryAsReplay) {
        const winner = await this.earlierSubmission(actor, key, requestHash);
        if (!winner) throw e;
        return { id: winner, replayed: true };
      }
      throw e;
    }
    return { id: target.id, replayed: false };
  }

  /**
   * The next 办件编号 of a region today (Asia/Shanghai), taken in a statement of its own before
   * the filing transaction: the region's counter row is locked for that one statement, not for
   * the whole filing (inside it, every submission of a region waited for the one before it to
   * commit). A filing that fails after taking its number leaves a gap: numbers are unique and
   * rising, not gapless.
   */
  nextApplicationNo(regionCode: string): Promise<string> {
    return store.nextApplicationNo(
      this.deps.db,
      regionCode,
      toShanghaiDate(this.deps.now()).replaceAll('-', ''),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Form and delivery

  /** The fields of a form that fail the list version's JSON Schema; empty when it passes. */
  formProblems(version: ImplementationListVersion, data: unknown): FormProblem[] {
    let validate = this.validators.get(version.id);
    if (!validate) {
      validate = this.ajv.compile(version.elements.form.schema);
      this.validators.set(version.id, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => ({
      pointer: `${e.instancePath}${e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : ''}`,
      message: e.message ?? 'invalid',
    }));
  }

  /** Validates a form against the list version's JSON Schema; 422 naming every field. */
  assertForm(version: ImplementationListVersion, data: unknown, path: string): void {
    const problems = this.formProblems(version, data);
    if (problems.length === 0) return;
    throw invalidForm(problems.map((p) => ({ path: `${path}${p.pointer}`, message: p.message })));
  }

  /**
   * 结果送达: online unless chosen otherwise; an address for mail (and only for mail), sealed
   * with the field key because it is personal data.
   */
  sealDelivery(choice: DeliveryChoice | undefined, path: string): SealedDelivery {
    const method = choice?.method ?? 'online';
    if (method === 'mail' && !choice?.address) {
      throw new UnprocessableError('address-required', 'mail delivery needs an address', [
        { path: `${path}/address`, message: '邮寄送达须填写收件人、电话和地址' },
      ]);
    }
    if (method !== 'mail' && choice?.address) {
      throw new UnprocessableError('address-not-needed', 'only mail delivery takes an address', [
        { path: `${path}/address`, message: '仅邮寄送达需要填写地址' },
      ]);
    }
    return {
      deliveryMethod: method,
      deliveryAddressSealed: choice?.address
        ? this.deps.fieldCrypto.encrypt(JSON.stringify(choice.address))
        : null,
    };
  }

  /** The delivery choice as shown: in full to the applicant, name and phone masked to staff. */
  deliveryView(
    method: DeliveryView['method'],
    sealed: string | null,
    isApplicant: boolean,
  ): DeliveryView {
    if (!sealed) return { method, address: null };
    const address = JSON.parse(this.deps.fieldCrypto.decrypt(sealed)) as MailAddress;
    return {
      method,
      address: isApplicant
        ? address
        : {
            recipient: maskName(address.recipient),
            phone: `${address.phone.slice(0, 3)}****${address.phone.slice(7)}`,
            address: address.address,
          },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Rows, processes and what goes with them

  /**
   * Inserts the application and, unless it waits for an earlier stage, starts the process of
   * its list version; with its timeline entry, audit record and (when submitted) outbox event.
   */
  async file(tx: Executor, actor: Actor, a: ApplicationToFile, ctx: RequestContext) {
    await store.insertApplication(tx, {
      id: a.id,
      applicationNo: a.applicationNo,
      listId: a.list.id,
      listVersionId: a.version.id,
      itemCode: a.list.itemCode,
      itemName: a.list.itemName,
      organisationId: a.list.organisationId,
      status: a.status,
      formSealed: this.deps.fieldCrypto.encrypt(JSON.stringify(a.formData)),
      submittedAt: this.deps.now(),
      ...a.applicant,
      ...a.delivery,
      bundleApplicationId: a.bundle?.id ?? null,
      bundleStage: a.bundle?.stage ?? null,
    });
    const bundleDetail = a.bundle
      ? { bundleApplicationNo: a.bundle.applicationNo, stage: a.bundle.stage }
      : {};
    if (a.status === 'submitted') {
      await this.startProcess(tx, actor, {
        id: a.id,
        definitionKey: a.version.elements.processDefinitionKey,
        acceptingOrganisationId: a.applicant.acceptingOrganisationId,
        implementingOrganisationId: a.list.organisationId,
      });
      await this.event(tx, a.id, actor, 'submitted', {
        applicationNo: a.applicationNo,
        channel: a.applicant.channel,
        ...bundleDetail,
      });
      await this.openFees(
        tx,
        actor,
        {
          id: a.id,
          applicationNo: a.applicationNo,
          itemName: a.list.itemName,
          ...a.applicant,
          organisationId: a.list.organisationId,
        },
        a.version,
        'beforeAcceptance',
        ctx,
      );
    } else {
      await this.event(tx, a.id, actor, 'waiting', bundleDetail);
    }
    await recordAudit(tx, {
      actor,
      action: a.audit,
      targetType: 'application',
      targetId: a.id,
      summary: {
        applicationNo: a.applicationNo,
        itemCode: a.list.itemCode,
        listVersionId: a.version.id,
        ...(a.bundle ? { bundleApplicationId: a.bundle.id, stage: a.bundle.stage } : {}),
      },
      requestId: ctx.requestId,
    });
    if (a.status === 'submitted') {
      await publishEvent(
        tx,
        'application.submitted',
        {
          applicationId: a.id,
          applicationNo: a.applicationNo,
          itemCode: a.list.itemCode,
          channel: a.applicant.channel,
          ...(a.bundle ? { bundleApplicationId: a.bundle.id } : {}),
        },
        ctx.requestId,
      );
    }
  }

  /**
   * A waiting bundle member goes to acceptance: its process starts (受理 by its accepting
   * organisation) now that every member of the stage before is approved.
   */
  async startWaiting(tx: Executor, actor: Actor, app: store.ApplicationRow, ctx: RequestContext) {
    if (app.status !== 'waiting') throw new Error(`application ${app.id} is not waiting`);
    const version = await this.version(app.listVersionId);
    await this.startProcess(tx, actor, {
      id: app.id,
      definitionKey: version.elements.processDefinitionKey,
      acceptingOrganisationId: app.acceptingOrganisationId,
      implementingOrganisationId: app.organisationId,
    });
    await store.updateApplication(tx, app.id, { status: 'submitted' });
    await this.event(tx, app.id, actor, 'started', { stage: app.bundleStage });
    await this.openFees(tx, actor, app, version, 'beforeAcceptance', ctx);
    await recordAudit(tx, {
      actor,
      action: 'applications.start-stage',
      targetType: 'application',
      targetId: app.id,
      summary: { applicationNo: app.applicationNo, stage: app.bundleStage },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      'application.submitted',
      {
        applicationId: app.id,
        applicationNo: app.applicationNo,
        itemCode: app.itemCode,
        channel: app.channel,
        bundleApplicationId: app.bundleApplicationId,
      },
      ctx.requestId,
    );
  }

  /**
   * Ends a bundle member that will not be processed: `withdrawn` with its bundle, or
   * `cancelled` when an earlier member failed. Its process, if any, is terminated.
   */
  async close(
    tx: Executor,
    actor: Actor,
    app: store.ApplicationRow,
    status: 'withdrawn' | 'cancelled',
    detail: Record<string, unknown>,
    ctx: RequestContext,
  ) {
    if (app.processInstanceId) {
      await this.deps.workflow.engine.terminate(tx, app.processInstanceId, actor.id, status);
    }
    await store.updateApplication(tx, app.id, {
      status,
      completedAt: this.deps.now(),
      supplement: null,
    });
    await this.closeFees(tx, actor, app.id, status, ctx);
    await this.event(tx, app.id, actor, status, detail);
    await recordAudit(tx, {
      actor,
      action: status === 'withdrawn' ? 'applications.withdraw' : 'applications.cancel',
      targetType: 'application',
      targetId: app.id,
      summary: { applicationNo: app.applicationNo, ...detail },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      `application.${status}`,
      { applicationId: app.id, applicationNo: app.applicationNo, ...detail },
      ctx.requestId,
    );
  }

  /** Appends a timeline entry; staff act as their organisation in the applicant's view. */
  event(
    tx: Executor,
    applicationId: string,
    actor: Actor,
    event: string,
    detail: Record<string, unknown>,
    title?: string,
  ) {
    return store.insertEvent(tx, {
      id: newId(),
      applicationId,
      event,
      title: title ?? STEP_TITLES[event] ?? event,
      actorId: actor.id,
      actorOrganisationId: actor.kind === 'staff' ? (actor.organisationId ?? null) : null,
      detail,
    });
  }

  private async startProcess(
    tx: Executor,
    actor: Actor,
    p: {
      id: string;
      definitionKey: string;
      acceptingOrganisationId: string;
      implementingOrganisationId: string;
    },
  ) {
    const instanceId = await this.deps.workflow.engine.start(tx, {
      definitionKey: p.definitionKey,
      businessKey: p.id,
      variables: {
        applicationId: p.id,
        acceptingOrganisationId: p.acceptingOrganisationId,
        implementingOrganisationId: p.implementingOrganisationId,
        consultedOrganisationIds: [],
      },
      actorId: actor.id,
    });
    await store.updateApplication(tx, p.id, { processInstanceId: instanceId });
  }

  /** The list version an application is bound to. */
  async version(versionId: string): Promise<ImplementationListVersion> {
    const version = await this.deps.catalog.getVersion(versionId);
    if (!version) throw new Error(`list version ${versionId} vanished`);
    return version;
  }
}

/** 422 invalid-form with the failing fields. */
export function invalidForm(errors: ProblemFieldError[]): UnprocessableError {
  return new UnprocessableError(
    'invalid-form',
    'the form does not match what the service asks for',
    errors,
  );
}

/** 422 wrong-applicant-kind: a person applying for an enterprise's service, or the reverse. */
export function wrongApplicantKind(kind: 'person' | 'enterprise'): UnprocessableError {
  return new UnprocessableError(
    'wrong-applicant-kind',
    kind === 'person'
      ? 'this service is for enterprises: act for one first'
      : 'this service is for people: stop acting for the enterprise first',
  );
}

/** Only people (for themselves or an enterprise) apply: 401 for visitors, 403 for others. */
export function assertApplicant(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
  if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
    throw new ForbiddenError('applicants-only', 'only people and enterprises apply');
  }
}
