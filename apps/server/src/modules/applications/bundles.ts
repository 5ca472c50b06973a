import type { ValidateFunction } from 'ajv';
import {
  bundleDraftTarget,
  type BundleApplication,
  type BundleApplicationPage,
  type BundleApplicationPageQuery,
  type BundleMemberApplication,
  type BundleTimelineEntry,
  type ImplementationList,
  type ImplementationListVersion,
  type ProblemFieldError,
  type ResolvedBundle,
  type SubmitBundleBody,
} from '@zhengtong/contracts';
import { anonymousActor, systemActor, type Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import { createAjv } from '../../kernel/json-schema.js';
import type { BundleService, CatalogService } from '../catalog/index.js';
import type { DirectoryService } from '../directory/index.js';
import * as bundleStore from './bundle-store.js';
import { ApplicationDrafts } from './drafts.js';
import {
  applicantNameFor,
  assertApplicant,
  invalidForm,
  wrongApplicantKind,
  type Applicant,
  type RequestContext,
} from './filing.js';
import type { ApplicantLookup, ApplicationsService } from './service.js';
import type { ApplicationRow, EventRow } from './store.js';

export interface BundleApplicationsDeps {
  db: Drizzle;
  fieldCrypto: FieldCrypto;
  applications: ApplicationsService;
  bundles: BundleService;
  catalog: CatalogService;
  directory: DirectoryService;
  identity: ApplicantLookup;
  /** the clock (tests move it); the real one by default */
  now?: () => Date;
}

const notFound = () =>
  new NotFoundError('bundle-application-not-found', 'no such bundle application');

/** Member statuses in which nobody has accepted the member yet (撤回 is still possible). */
const NOT_YET_ACCEPTED: readonly ApplicationRow['status'][] = [
  'submitted',
  'supplementRequested',
  'waiting',
];

/** Titles of the bundle's own timeline entries. */
const BUNDLE_TITLES: Record<string, string> = {
  submitted: '申报（一件事）',
  completed: '一件事全部办结',
  failed: '一件事未能办结',
  withdrawn: '撤回（一件事）',
};

/** A member as it is filed: its list, the version bound, its share of the form. */
interface MemberToFile {
  itemCode: string;
  stage: number;
  list: ImplementationList;
  version: ImplementationListVersion;
  formData: Record<string, unknown>;
}

/**
 * 一件事一次办: one form, one 办件编号 and one acceptance window (综合受理) for the items of a
 * bundle. The submit files one application per member item in the same transaction; members of
 * the first stage go to acceptance at once, later stages wait (`waiting`). As members change
 * (StatusListener of ApplicationsService) the bundle moves on: when every member of a stage is
 * approved the next stage starts; a refusal or denial cancels the waiting members and fails the
 * bundle; when every member is approved the bundle is complete. Officers act on the members
 * through the ordinary application endpoints.
 */
export class BundleApplicationsService {
  private readonly ajv = createAjv({ allErrors: true });
  /** merged-form validators by the form's JSON (a bundle's form changes with its lists) */
  private readonly validators = new Map<string, ValidateFunction>();
  /** who moves a bundle on (starts a stage, cancels the rest): the platform, not the officer */
  private readonly system = systemActor('bundle-applications');

  constructor(private readonly deps: BundleApplicationsDeps) {
    deps.applications.onStatusChange((tx, change, ctx) =>
      this.memberChanged(tx, change.after, change.actor, ctx),
    );
  }

  private get db() {
    return this.deps.db;
  }

  private get filing() {
    return this.deps.applications.filing;
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  // -------------------------------------------------------------------------------------------
  // The applicant

  /**
   * 一件事申报. With an Idempotency-Key like any submit: a retry with the same key and body
   * answers with the same bundle application, another body with the same key is a 422.
   */
  async submit(
    actor: Actor,
    body: SubmitBundleBody,
    idempotencyKey: string | undefined,
    ctx: RequestContext,
  ): Promise<{ bundleApplication: BundleApplication; replayed: boolean }> {
    assertApplicant(actor);
    const me = await this.deps.identity.me(actor);
    const key = this.filing.idempotencyKeyOf(idempotencyKey);
    const requestHash = this.filing.requestHash([
      'bundle',
      body.bundleCode,
      body.regionCode,
      body.formData,
      body.delivery ?? null,
    ]);
    const earlier = await this.filing.earlierSubmission(actor, key, requestHash);
    if (earlier) return { bundleApplication: await this.get(actor, earlier), replayed: true };

    const resolved = await this.resolve(body.bundleCode, body.regionCode);
    const applicantKind = me.actingFor ? 'enterprise' : 'person';
    if (resolved.bundle.applicantKind !== applicantKind) throw wrongApplicantKind(applicantKind);
    const members = await this.membersToFile(resolved, body.formData);
    const delivery = this.filing.sealDelivery(body.delivery, '/body/delivery');
    // 综合受理: the region's service hall accepts every member; without a hall, each member's
    // own department does
    const hall = (await this.deps.directory.organisationsInRegions([body.regionCode])).find(
      (o) => o.kind === 'serviceHall',
    );
    const firstStage = Math.min(...members.map((m) => m.stage));
    const applicant = (list: ImplementationList): Applicant => ({
      channel: 'online',
      applicantAccountId: actor.id,
      applicantKind,
      enterpriseId: me.actingFor?.id ?? null,
      applicantName: me.actingFor?.name ?? me.name,
      acceptingOrganisationId: hall?.id ?? list.organisationId,
      regionCode: list.regionCode,
      filedBy: null,
    });

    // the numbers first, each in a statement of its own (see ApplicationFiling.nextApplicationNo)
    const applicationNo = await this.filing.nextApplicationNo(body.regionCode);
    const memberNumbers: string[] = [];
    for (const m of members)
      memberNumbers.push(await this.filing.nextApplicationNo(m.list.regionCode));
    const filed = await this.filing.underKey(
      actor,
      key,
      requestHash,
      { kind: 'bundle', id: newId() },
      async (tx, id) => {
        const first = members.find((m) => m.stage === firstStage);
        await bundleStore.insertBundleApplication(tx, {
          id,
          applicationNo,
          bundleCode: resolved.bundle.code,
          bundleName: resolved.bundle.name,
          regionCode: body.regionCode,
          acceptingOrganisationId: hall?.id ?? first?.list.organisationId ?? '',
          channel: 'online',
          status: 'inProgress',
          applicantAccountId: actor.id,
          applicantKind,
          enterpriseId: me.actingFor?.id ?? null,
          applicantName: me.actingFor?.name ?? me.name,
          formSealed: this.deps.fieldCrypto.encrypt(JSON.stringify(body.formData)),
          ...delivery,
          promisedLimitDays: resolved.promisedLimitDays,
          submittedAt: this.now(),
        });
        const memberIds: string[] = [];
        for (const [i, m] of members.entries()) {
          const memberId = newId();
          memberIds.push(memberId);
          await this.filing.file(
            tx,
            actor,
            {
              id: memberId,
              applicationNo: memberNumbers[i]!,
              list: m.list,
              version: m.version,
              applicant: applicant(m.list),
              formData: m.formData,
              delivery,
              bundle: { id, applicationNo, stage: m.stage },
              status: m.stage === firstStage ? 'submitted' : 'waiting',
              audit: 'applications.submit',
            },
            ctx,
          );
        }
        await recordAudit(tx, {
          actor,
          action: 'bundle-applications.submit',
          targetType: 'bundle-application',
          targetId: id,
          summary: {
            applicationNo,
            bundleCode: resolved.bundle.code,
            regionCode: body.regionCode,
            memberIds,
          },
          requestId: ctx.requestId,
        });
        await publishEvent(
          tx,
          'bundle-application.submitted',
          {
            bundleApplicationId: id,
            applicationNo,
            bundleCode: resolved.bundle.code,
            memberIds,
          },
          ctx.requestId,
        );
        // 草稿: what the applicant saved of this bundle's form is filed now
        await ApplicationDrafts.discard(
          tx,
          actor.id,
          bundleDraftTarget(resolved.bundle.code, body.regionCode),
        );
      },
    );
    return { bundleApplication: await this.get(actor, filed.id), replayed: filed.replayed };
  }

  /**
   * 撤回: the applicant withdraws the whole bundle while no member has been accepted; every
   * member is withdrawn and its process terminated.
   */
  async withdraw(actor: Actor, id: string, ctx: RequestContext): Promise<BundleApplication> {
    assertApplicant(actor);
    await this.db.transaction(async (tx) => {
      const bundle = await bundleStore.lockBundleApplication(tx, id);
      if (!bundle || bundle.applicantAccountId !== actor.id) throw notFound();
      if (bundle.status !== 'inProgress') {
        throw new ConflictError(
          'cannot-withdraw',
          `a bundle application that is ${bundle.status} cannot be withdrawn`,
        );
      }
      const members = await bundleStore.lockMembers(tx, id);
      if (members.some((m) => !NOT_YET_ACCEPTED.includes(m.status))) {
        throw new ConflictError(
          'cannot-withdraw',
          'a member of the bundle has been accepted: it can no longer be withdrawn',
        );
      }
      for (const m of members) {
        await this.filing.close(
          tx,
          actor,
          m,
          'withdrawn',
          { bundleApplicationNo: bundle.applicationNo },
          ctx,
        );
      }
      await this.finish(tx, actor, bundle, 'withdrawn', {}, ctx);
    });
    return this.get(actor, id);
  }

  async mine(actor: Actor, query: BundleApplicationPageQuery): Promise<BundleApplicationPage> {
    assertApplicant(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { rows, total } = await bundleStore.listByApplicant(this.db, actor.id, {
      ...(query.status ? { status: query.status } : {}),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const members = await bundleStore.membersOf(
      this.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => {
        const own = members.filter((m) => m.bundleApplicationId === r.id);
        return {
          id: r.id,
          applicationNo: r.applicationNo,
          bundleCode: r.bundleCode,
          bundleName: r.bundleName,
          status: r.status,
          submittedAt: r.submittedAt.toISOString(),
          completedAt: r.completedAt?.toISOString() ?? null,
          dueDate: latestDueDate(own),
          memberCount: own.length,
          completedMemberCount: own.filter((m) => m.status === 'approved').length,
        };
      }),
      total,
      page,
      pageSize,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Reads

  /**
   * The applicant sees their own; staff of the accepting organisation (the hall) and of any
   * member's organisation see it too, the applicant's name masked. Anyone else gets a 404.
   */
  async get(actor: Actor, id: string): Promise<BundleApplication> {
    const bundle = await bundleStore.findBundleApplication(this.db, id);
    if (!bundle) throw notFound();
    const members = await bundleStore.membersOf(this.db, [id]);
    const isApplicant = bundle.applicantAccountId === actor.id;
    const organisationId = actor.kind === 'staff' ? actor.organisationId : undefined;
    const isHall =
      organisationId !== undefined && organisationId === bundle.acceptingOrganisationId;
    const isDepartment =
      organisationId !== undefined &&
      members.some(
        (m) => m.organisationId === organisationId || m.acceptingOrganisationId === organisationId,
      );
    if (!isApplicant && !isHall && !isDepartment) throw notFound();

    const events = await bundleStore.eventsOfMany(
      this.db,
      members.map((m) => m.id),
    );
    const organisations = await this.deps.directory.findOrganisationsByIds([
      bundle.acceptingOrganisationId,
      ...members.map((m) => m.organisationId),
      ...events.flatMap((e) => (e.actorOrganisationId ? [e.actorOrganisationId] : [])),
    ]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const memberViews: BundleMemberApplication[] = members.map((m) => ({
      applicationId: m.id,
      applicationNo: m.applicationNo,
      itemCode: m.itemCode,
      itemName: m.itemName,
      organisationName: names.get(m.organisationId) ?? '',
      stage: m.bundleStage ?? 1,
      status: m.status,
      dueDate: m.dueDate,
      completedAt: m.completedAt?.toISOString() ?? null,
    }));
    return {
      id: bundle.id,
      applicationNo: bundle.applicationNo,
      bundleCode: bundle.bundleCode,
      bundleName: bundle.bundleName,
      regionCode: bundle.regionCode,
      acceptingOrganisationName: names.get(bundle.acceptingOrganisationId) ?? '',
      status: bundle.status,
      applicantKind: bundle.applicantKind,
      applicantName: applicantNameFor(bundle, isApplicant),
      submittedAt: bundle.submittedAt.toISOString(),
      completedAt: bundle.completedAt?.toISOString() ?? null,
      promisedLimitDays: bundle.promisedLimitDays,
      dueDate: latestDueDate(members),
      formData:
        isApplicant || isHall
          ? (JSON.parse(this.deps.fieldCrypto.decrypt(bundle.formSealed)) as Record<
              string,
              unknown
            >)
          : {},
      delivery: this.filing.deliveryView(
        bundle.deliveryMethod,
        bundle.deliveryAddressSealed,
        isApplicant,
      ),
      members: memberViews,
      timeline: this.timeline(bundle, members, events, names),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Moving the bundle on

  /**
   * Told of every status change of an application, in its transaction (the bundle row is
   * already locked by it: see ApplicationsService.change).
   */
  private async memberChanged(
    tx: Executor,
    after: ApplicationRow,
    actor: Actor,
    ctx: RequestContext,
  ): Promise<void> {
    if (!after.bundleApplicationId) return;
    const bundle = await bundleStore.lockBundleApplication(tx, after.bundleApplicationId);
    if (!bundle || bundle.status !== 'inProgress') return;
    const members = await bundleStore.membersOf(tx, [bundle.id]);

    if (after.status === 'refused' || after.status === 'denied') {
      // the items after it build on it: they will not be processed
      const cancelled = members.filter((m) => m.status === 'waiting');
      for (const m of cancelled) {
        await this.filing.close(
          tx,
          this.system,
          m,
          'cancelled',
          { bundleApplicationNo: bundle.applicationNo, because: after.applicationNo },
          ctx,
        );
      }
      await this.finish(
        tx,
        actor,
        bundle,
        'failed',
        {
          because: after.applicationNo,
          outcome: after.status,
          cancelled: cancelled.map((m) => m.applicationNo),
        },
        ctx,
      );
      return;
    }

    const approved = (m: ApplicationRow) => m.status === 'approved';
    if (!members.some((m) => m.id === after.id && approved(m))) return;
    const stage = after.bundleStage;
    if (!members.filter((m) => m.bundleStage === stage).every(approved)) return;
    const waiting = members.filter((m) => m.status === 'waiting');
    if (waiting.length > 0) {
      const next = Math.min(...waiting.map((m) => m.bundleStage ?? Number.MAX_SAFE_INTEGER));
      for (const m of waiting.filter((w) => w.bundleStage === next)) {
        await this.filing.startWaiting(tx, this.system, m, ctx);
      }
      return;
    }
    if (members.every(approved)) {
      await this.finish(tx, actor, bundle, 'completed', {}, ctx);
    }
  }

  /** The bundle ends: completed, failed or withdrawn; audited and told (outbox). */
  private async finish(
    tx: Executor,
    actor: Actor,
    bundle: bundleStore.BundleApplicationRow,
    status: 'completed' | 'failed' | 'withdrawn',
    detail: Record<string, unknown>,
    ctx: RequestContext,
  ) {
    await bundleStore.updateBundleApplication(tx, bundle.id, {
      status,
      completedAt: this.now(),
    });
    const verb = { completed: 'complete', failed: 'fail', withdrawn: 'withdraw' }[status];
    await recordAudit(tx, {
      actor,
      action: `bundle-applications.${verb}`,
      targetType: 'bundle-application',
      targetId: bundle.id,
      summary: { applicationNo: bundle.applicationNo, ...detail },
      requestId: ctx.requestId,
    });
    await publishEvent(
      tx,
      `bundle-application.${status}`,
      {
        bundleApplicationId: bundle.id,
        applicationNo: bundle.applicationNo,
        bundleCode: bundle.bundleCode,
        ...detail,
      },
      ctx.requestId,
    );
  }

  // -------------------------------------------------------------------------------------------

  /** The bundle resolved in the region; a bundle or region that does not exist is a 422. */
  private async resolve(code: string, regionCode: string): Promise<ResolvedBundle> {
    try {
      return await this.deps.bundles.resolve(anonymousActor, code, regionCode);
    } catch (e) {
      if (e instanceof NotFoundError && e.code === 'bundle-not-found') {
        throw new UnprocessableError('bundle-not-found', `no bundle with code ${code}`, [
          { path: '/body/bundleCode', message: '一件事不存在' },
        ]);
      }
      if (e instanceof NotFoundError && e.code === 'region-not-found') {
        throw new UnprocessableError('region-not-found', `no region with code ${regionCode}`, [
          { path: '/body/regionCode', message: '行政区划不存在' },
        ]);
      }
      throw e;
    }
  }

  /**
   * Each member's list and bound version, and its form split from the merged one through the
   * field map. The merged form is checked against the merged schema, and each member's share
   * against its own version's schema; a problem is reported at the merged field's path.
   */
  private async membersToFile(
    resolved: ResolvedBundle,
    formData: Record<string, unknown>,
  ): Promise<MemberToFile[]> {
    const mergedProblems = this.mergedFormProblems(resolved, formData);
    if (mergedProblems.length > 0) throw invalidForm(mergedProblems);

    const members: MemberToFile[] = [];
    const notOnline: ProblemFieldError[] = [];
    for (const m of resolved.members) {
      const [list, version] = await Promise.all([
        this.deps.catalog.getList(anonymousActor, m.listId),
        this.deps.catalog.getVersion(m.listVersionId),
      ]);
      if (!version) throw new Error(`list version ${m.listVersionId} vanished`);
      if (version.elements.onlineDepth < 3) {
        notOnline.push({ path: '/body/bundleCode', message: `${m.itemName}暂不支持网上申报` });
      }
      members.push({ itemCode: m.itemCode, stage: m.stage, list, version, formData: {} });
    }
    if (notOnline.length > 0) {
      throw new UnprocessableError(
        'not-online',
        'an item of this bundle cannot be applied for online; apply at a window',
        notOnline,
      );
    }

    // the member's field → the merged field that fills it, to report problems where they are
    const mergedFieldOf = new Map<string, string>();
    const byCode = new Map(members.map((m) => [m.itemCode, m]));
    for (const [merged, uses] of Object.entries(resolved.fieldMap)) {
      for (const use of uses) {
        mergedFieldOf.set(`${use.itemCode}/${use.field}`, merged);
        const member = byCode.get(use.itemCode);
        if (member && Object.hasOwn(formData, merged))
          member.formData[use.field] = formData[merged];
      }
    }
    const problems = new Map<string, ProblemFieldError>();
    for (const m of members) {
      for (const p of this.filing.formProblems(m.version, m.formData)) {
        const [, field = '', ...rest] = p.pointer.split('/');
        const merged = mergedFieldOf.get(`${m.itemCode}/${field}`) ?? field;
        const path = ['/body/formData', merged, ...rest].join('/');
        problems.set(`${path}\n${p.message}`, { path, message: p.message });
      }
    }
    if (problems.size > 0) throw invalidForm([...problems.values()]);
    return members;
  }

  private mergedFormProblems(
    resolved: ResolvedBundle,
    formData: Record<string, unknown>,
  ): ProblemFieldError[] {
    const key = JSON.stringify(resolved.form.schema);
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(resolved.form.schema);
      this.validators.set(key, validate);
    }
    if (validate(formData)) return [];
    return (validate.errors ?? []).map((e) => ({
      path: `/body/formData${e.instancePath}${e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : ''}`,
      message: e.message ?? 'invalid',
    }));
  }

  /**
   * The bundle's own entries (申报, and how it ended) with its members' entries, each named by
   * its item. What the bundle did to every member at once (filing them, withdrawing them) is
   * told once, by the bundle's entry.
   */
  private timeline(
    bundle: bundleStore.BundleApplicationRow,
    members: ApplicationRow[],
    events: EventRow[],
    names: Map<string, string>,
  ): BundleTimelineEntry[] {
    const itemNames = new Map(members.map((m) => [m.id, m.itemName]));
    const own = (event: string, at: Date): BundleTimelineEntry => ({
      event,
      title: BUNDLE_TITLES[event] ?? event,
      at: at.toISOString(),
      by: null,
      detail: { applicationNo: bundle.applicationNo },
      applicationId: null,
      itemName: null,
    });
    const entries: BundleTimelineEntry[] = [own('submitted', bundle.submittedAt)];
    for (const e of events) {
      const filing =
        e.event === 'waiting' ||
        (e.event === 'submitted' && e.detail.bundleApplicationNo !== undefined) ||
        (e.event === 'withdrawn' && bundle.status === 'withdrawn');
      if (filing) continue;
      entries.push({
        event: e.event,
        title: e.title,
        at: e.at.toISOString(),
        by: e.actorOrganisationId ? (names.get(e.actorOrganisationId) ?? null) : null,
        detail: e.detail,
        applicationId: e.applicationId,
        itemName: itemNames.get(e.applicationId) ?? null,
      });
    }
    if (bundle.completedAt && bundle.status !== 'inProgress') {
      entries.push(own(bundle.status, bundle.completedAt));
    }
    return entries;
  }
}

/** The latest 承诺办结日期 among the members accepted so far. */
function latestDueDate(members: readonly ApplicationRow[]): string | null {
  const dates = members.flatMap((m) => (m.dueDate ? [m.dueDate] : []));
  return dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}
