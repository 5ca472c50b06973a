import type {
  CreateImplementationListBody,
  ImplementationElements,
  ImplementationList,
  ImplementationListPage,
  ImplementationListQuery,
  ListVersionHistory,
  Organisation,
  ProblemFieldError,
  RetireBody,
  ReviewBody,
  ServiceItem,
  ServiceItemBody,
  ServiceItemDetail,
  ServiceItemPatch,
  ServiceItemSearchQuery,
  ServiceItemSearchResult,
  ServiceWindow,
  SixMosts,
  SixMostsQuery,
  SixMostsReport,
  UpdateDraftBody,
} from '@zhengtong/contracts';
import { ITEM_TYPES, SECTORS, formatImplementationCode, parseServiceItemCode } from '@zhengtong/gb';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { newId } from '../../kernel/ids.js';
import { isCatalogAdmin, listScope, mayWriteItem, mayWriteList, type Owned } from './access.js';
import { publicationProblems } from './publication-rules.js';
import { aggregateSixMosts, listMetrics } from './six-mosts.js';
import { pinyinInitials, queryTerms, searchTextOf } from './search-text.js';
import * as store from './store.js';
import { toItem, toList, toVersion, type Names } from './views.js';

/** What the catalogue needs of the directory module. */
export interface CatalogDirectory {
  findOrganisation(id: string): Promise<Organisation | undefined>;
  findOrganisationsByIds(ids: string[]): Promise<Organisation[]>;
  organisationsInRegions(codes: string[]): Promise<Organisation[]>;
  regionNames(codes: string[]): Promise<Map<string, string>>;
  regionAncestors(code: string): Promise<string[]>;
  regionSubtree(code: string): Promise<string[]>;
  findServiceWindows(ids: string[]): Promise<(ServiceWindow & { regionCode: string })[]>;
}

/** What the catalogue needs of the certificates module. */
export interface CertificateTypeLookup {
  existingTypeCodes(codes: string[]): Promise<Set<string>>;
}

export interface RequestContext {
  requestId?: string | undefined;
}

const itemNotFound = (code: string) =>
  new NotFoundError('item-not-found', `no service item with code ${code}`);
const listNotFound = () => new NotFoundError('list-not-found', 'no such implementation list');

/** Postgres unique violation on a named constraint. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  const err = e as { code?: string; constraint?: string; cause?: unknown };
  if (err.code === '23505' && err.constraint === constraint) return true;
  return err.cause !== undefined && isUniqueViolation(err.cause, constraint);
}

/**
 * 政务服务事项管理: the basic catalogue, implementation lists with their publication workflow
 * (draft → submitted → published → superseded | retired), search and the six-mosts figures.
 */
export class CatalogService {
  constructor(
    readonly db: Drizzle,
    readonly directory: CatalogDirectory,
    readonly certificateTypes: CertificateTypeLookup,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Basic catalogue

  async searchItems(actor: Actor, query: ServiceItemSearchQuery): Promise<ServiceItemSearchResult> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const terms = queryTerms(query.q ?? '');
    let regionCodes: string[] | undefined;
    if (query.region) {
      // offered in a region: by its own lists, its ancestors' (province-wide) and its subtree's
      const [up, down] = await Promise.all([
        this.directory.regionAncestors(query.region),
        this.directory.regionSubtree(query.region),
      ]);
      regionCodes = [...new Set([...up, ...down])];
    }
    const { rows, total } = await store.searchItems(this.db, {
      ...(terms.length > 0 ? { q: { whole: terms.join(' '), terms } } : {}),
      ...(query.applicantKind ? { applicantKind: query.applicantKind } : {}),
      ...(query.itemType ? { itemType: query.itemType } : {}),
      ...(query.sector ? { sector: query.sector } : {}),
      ...(query.organisation ? { organisationId: query.organisation } : {}),
      ...(regionCodes ? { regionCodes } : {}),
      ...(query.lifeEvent ? { lifeEvent: query.lifeEvent } : {}),
      includeUnpublished: (query.includeUnpublished ?? false) && actor.kind === 'staff',
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: await this.itemViews(rows), total, page, pageSize };
  }

  async getItemDetail(actor: Actor, code: string): Promise<ServiceItemDetail> {
    const row = await store.findItemByCode(this.db, code);
    if (!row) throw itemNotFound(code);
    const [item] = await this.itemViews([row]);
    if (!item) throw itemNotFound(code);
    const lists = await store.allLists(this.db, { itemCode: code, publishedOnly: true }, 1000);
    if (item.publishedListCount === 0 && !isCatalogAdmin(actor)) throw itemNotFound(code);
    return { item, lists: await this.listViews(actor, lists, { showPending: false }) };
  }

  async createItem(actor: Actor, body: ServiceItemBody, ctx: RequestContext): Promise<ServiceItem> {
    requireSignedIn(actor);
    if (!mayWriteItem(actor, body.competentOrganisationId)) {
      throw new ForbiddenError(
        'catalog-item-write-denied',
        'only the province admin or the competent department’s admin may add items',
      );
    }
    await this.checkItem(body);
    const id = newId();
    try {
      await this.db.transaction(async (tx) => {
        await store.insertItem(tx, { id, ...body, ...searchColumns(body) });
        await recordAudit(tx, {
          actor,
          action: 'catalog.item.create',
          targetType: 'serviceItem',
          targetId: id,
          summary: { code: body.code, name: body.name, itemType: body.itemType },
          requestId: ctx.requestId,
        });
      });
    } catch (e) {
      if (isUniqueViolation(e, 'catalog_item_code_key')) {
        throw new ConflictError('item-code-taken', `item code ${body.code} is taken`, [
          { path: '/body/code', message: '事项编码已存在' },
        ]);
      }
      throw e;
    }
    return this.itemView(body.code);
  }

  async updateItem(
    actor: Actor,
    code: string,
    patch: ServiceItemPatch,
    ctx: RequestContext,
  ): Promise<ServiceItem> {
    requireSignedIn(actor);
    const row = await store.findItemByCode(this.db, code);
    if (!row) throw itemNotFound(code);
    const next: ServiceItemBody = {
      code,
      name: patch.name ?? row.name,
      itemType: patch.itemType ?? (row.itemType as ServiceItemBody['itemType']),
      sector: patch.sector ?? (row.sector as ServiceItemBody['sector']),
      competentOrganisationId: patch.competentOrganisationId ?? row.competentOrganisationId,
      legalBasis: patch.legalBasis ?? row.legalBasis,
      levels: patch.levels ?? (row.levels as ServiceItemBody['levels']),
      applicantKinds:
        patch.applicantKinds ?? (row.applicantKinds as ServiceItemBody['applicantKinds']),
      handlingCase: patch.handlingCase !== undefined ? patch.handlingCase : row.handlingCase,
      keywords: patch.keywords ?? row.keywords,
    };
    // both the old and the new competent department's admin must be the actor (or the province)
    if (
      !mayWriteItem(actor, row.competentOrganisationId) ||
      !mayWriteItem(actor, next.competentOrganisationId)
    ) {
      throw new ForbiddenError(
        'catalog-item-write-denied',
        'only the province admin or the competent department’s admin may change this item',
      );
    }
    await this.checkItem(next);
    await this.db.transaction(async (tx) => {
      const { code: _code, ...fields } = next;
      await store.updateItem(tx, row.id, { ...fields, ...searchColumns(next) });
      await recordAudit(tx, {
        actor,
        action: 'catalog.item.update',
        targetType: 'serviceItem',
        targetId: row.id,
        summary: { code, changed: Object.keys(patch) },
        requestId: ctx.requestId,
      });
    });
    return this.itemView(code);
  }

  private async checkItem(body: ServiceItemBody): Promise<void> {
    const problems: ProblemFieldError[] = [];
    const parsed = parseServiceItemCode(body.code);
    if (!parsed.ok) {
      problems.push({ path: '/body/code', message: `事项编码不合规（${parsed.reason}）` });
    } else {
      if (parsed.value.itemType !== body.itemType) {
        problems.push({
          path: '/body/code',
          message: `编码的事项类型 ${ITEM_TYPES[parsed.value.itemType].name} 与事项类型 ${ITEM_TYPES[body.itemType].name} 不一致`,
        });
      }
      if (parsed.value.sector !== body.sector) {
        problems.push({
          path: '/body/code',
          message: `编码的部门类别 ${SECTORS[parsed.value.sector].name} 与部门类别 ${SECTORS[body.sector].name} 不一致`,
        });
      }
    }
    const organisation = await this.directory.findOrganisation(body.competentOrganisationId);
    if (!organisation || organisation.kind !== 'department') {
      problems.push({ path: '/body/competentOrganisationId', message: '主管部门不存在' });
    }
    if (problems.length > 0) {
      throw new UnprocessableError('invalid-item', 'the item is not valid', problems);
    }
  }

  private async itemView(code: string): Promise<ServiceItem> {
    const row = await store.findItemByCode(this.db, code);
    if (!row) throw itemNotFound(code);
    const [view] = await this.itemViews([row]);
    if (!view) throw itemNotFound(code);
    return view;
  }

  private async itemViews(rows: store.ItemRow[]): Promise<ServiceItem[]> {
    const [organisations, facts] = await Promise.all([
      this.directory.findOrganisationsByIds(rows.map((r) => r.competentOrganisationId)),
      store.publishedFactsOfItems(
        this.db,
        rows.map((r) => r.id),
      ),
    ]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    return rows.map((r) => toItem(r, names.get(r.competentOrganisationId) ?? '', facts.get(r.id)));
  }

  // -------------------------------------------------------------------------------------------
  // Implementation lists: reads

  /** Staff view: the lists an admin may manage, with pending versions. */
  async listLists(actor: Actor, query: ImplementationListQuery): Promise<ImplementationListPage> {
    requireSignedIn(actor);
    const scope = listScope(actor);
    if (!scope) {
      throw new ForbiddenError('catalog-admin-required', 'only catalogue admins list drafts');
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    let regionCodes = await this.directory.regionSubtree(scope.jurisdiction);
    if (query.region) {
      const wanted = new Set(await this.directory.regionSubtree(query.region));
      regionCodes = regionCodes.filter((c) => wanted.has(c));
    }
    if (scope.organisationId && query.organisation && query.organisation !== scope.organisationId) {
      return { items: [], total: 0, page, pageSize };
    }
    const organisationId = scope.organisationId ?? query.organisation;
    const { rows, total } = await store.listLists(
      this.db,
      {
        regionCodes,
        ...(organisationId ? { organisationId } : {}),
        ...(query.itemCode ? { itemCode: query.itemCode } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      { limit: pageSize, offset: (page - 1) * pageSize },
    );
    return {
      items: await this.listViews(actor, rows, { showPending: true }),
      total,
      page,
      pageSize,
    };
  }

  /** One list: published content for everyone, the pending version for those who manage it. */
  async getList(actor: Actor, id: string): Promise<ImplementationList> {
    const row = await store.findList(this.db, id);
    if (!row) throw listNotFound();
    const manages = await this.mayWrite(actor, row);
    const [view] = await this.listViews(actor, [row], { showPending: manages });
    if (!view || (!view.published && !manages)) throw listNotFound();
    return view;
  }

  async listVersions(actor: Actor, id: string): Promise<ListVersionHistory> {
    const row = await store.findList(this.db, id);
    if (!row) throw listNotFound();
    const manages = await this.mayWrite(actor, row);
    const versions = await store.versionsOf(this.db, id);
    // the public sees what was ever in force; managers also drafts
    const visible = manages
      ? versions
      : versions.filter(
          (v) => v.status === 'published' || v.status === 'superseded' || v.status === 'retired',
        );
    if (visible.length === 0 && !manages) throw listNotFound();
    return { items: visible.map(toVersion) };
  }

  /** A version by id, whatever its status: what an application filed under it reads. */
  async getVersion(id: string) {
    const row = await store.findVersion(this.db, id);
    return row ? toVersion(row) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Implementation lists: the publication workflow

  async createList(
    actor: Actor,
    body: CreateImplementationListBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    requireSignedIn(actor);
    const item = await store.findItemByCode(this.db, body.itemCode);
    if (!item) {
      throw new UnprocessableError('item-not-found', `no service item ${body.itemCode}`, [
        { path: '/body/itemCode', message: '事项不存在' },
      ]);
    }
    const organisation = await this.directory.findOrganisation(body.organisationId);
    if (!organisation || organisation.kind === 'serviceHall') {
      throw new UnprocessableError('organisation-not-found', 'no such implementing organisation', [
        { path: '/body/organisationId', message: '实施机构不存在' },
      ]);
    }
    const owned = { organisationId: organisation.id, regionCode: organisation.regionCode };
    if (!(await this.mayWrite(actor, owned))) {
      throw new ForbiddenError(
        'catalog-list-write-denied',
        'only the implementing department’s admin or the province admin may add this list',
      );
    }
    const id = await this.db.transaction((tx) =>
      this.insertListWithDraft(tx, actor, item, organisation, body.elements, ctx),
    );
    return this.getList(actor, id);
  }

  /** Inserts a list and its first draft; used by create and import. */
  async insertListWithDraft(
    tx: Executor,
    actor: Actor,
    item: store.ItemRow,
    organisation: Organisation,
    elements: ImplementationElements,
    ctx: RequestContext,
  ): Promise<string> {
    const existing = await store.findListByItemAndOrganisation(tx, item.id, organisation.id);
    if (existing) {
      throw new ConflictError(
        'list-exists',
        `${organisation.name} already has an implementation list of ${item.code}`,
      );
    }
    const sequence = await store.nextListSequence(tx, item.id, organisation.regionCode);
    const id = newId();
    const code = formatImplementationCode(item.code, organisation.regionCode, sequence);
    try {
      await store.insertList(tx, {
        id,
        code,
        itemId: item.id,
        organisationId: organisation.id,
        regionCode: organisation.regionCode,
      });
    } catch (e) {
      if (
        isUniqueViolation(e, 'catalog_list_item_organisation_key') ||
        isUniqueViolation(e, 'catalog_list_code_key')
      ) {
        throw new ConflictError('list-exists', 'the list was created concurrently');
      }
      throw e;
    }
    await store.insertVersion(tx, {
      id: newId(),
      listId: id,
      version: 1,
      status: 'draft',
      elements,
      metrics: listMetrics(elements),
      createdBy: actor.id,
    });
    await recordAudit(tx, {
      actor,
      action: 'catalog.list.create',
      targetType: 'implementationList',
      targetId: id,
      summary: { code, itemCode: item.code, organisationId: organisation.id },
      requestId: ctx.requestId,
    });
    return id;
  }

  /** A new draft copied from the version in force (修订). */
  async newDraft(actor: Actor, id: string, ctx: RequestContext): Promise<ImplementationList> {
    await this.step(
      actor,
      id,
      async (tx, list) => {
        if (await store.pendingVersion(tx, id, { forUpdate: true })) {
          throw new ConflictError('draft-exists', 'the list already has a draft or a submission');
        }
        const published = await store.publishedVersion(tx, id);
        if (!published) {
          throw new ConflictError('nothing-published', 'there is no published version to revise');
        }
        const version = await store.nextVersionNumber(tx, id);
        try {
          await store.insertVersion(tx, {
            id: newId(),
            listId: id,
            version,
            status: 'draft',
            elements: published.elements,
            metrics: published.metrics,
            createdBy: actor.id,
          });
        } catch (e) {
          if (isUniqueViolation(e, 'catalog_list_version_pending_idx')) {
            throw new ConflictError('draft-exists', 'the list already has a draft or a submission');
          }
          throw e;
        }
        return { action: 'catalog.list.revise', summary: { code: list.code, version } };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  async updateDraft(
    actor: Actor,
    id: string,
    body: UpdateDraftBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    await this.step(
      actor,
      id,
      async (tx, list) => {
        const draft = await store.pendingVersion(tx, id, { forUpdate: true });
        if (!draft || draft.status !== 'draft') {
          throw new ConflictError('no-draft', 'the list has no draft to edit');
        }
        const saved = await store.saveDraft(
          tx,
          draft.id,
          body.revision,
          body.elements,
          listMetrics(body.elements),
        );
        if (!saved) {
          throw new ConflictError(
            'stale-draft',
            `the draft was saved by someone else since revision ${body.revision} (now ${draft.revision})`,
          );
        }
        return {
          action: 'catalog.list.update',
          summary: { code: list.code, version: draft.version, revision: saved.revision },
        };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  /** 提交审核: checks the draft as publishing would, so a reviewer gets complete lists only. */
  async submit(actor: Actor, id: string, ctx: RequestContext): Promise<ImplementationList> {
    await this.step(
      actor,
      id,
      async (tx, list) => {
        const draft = await store.pendingVersion(tx, id, { forUpdate: true });
        if (!draft || draft.status !== 'draft') {
          throw new ConflictError('no-draft', 'the list has no draft to submit');
        }
        await this.assertPublishable(list, draft.elements);
        await store.updateVersion(tx, draft.id, {
          status: 'submitted',
          submittedBy: actor.id,
          submittedAt: new Date(),
          reviewNote: null,
        });
        return {
          action: 'catalog.list.submit',
          summary: { code: list.code, version: draft.version },
        };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  /** 审核发布: the submitted version comes into force; the one before it is superseded. */
  async publish(
    actor: Actor,
    id: string,
    body: ReviewBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    await this.step(
      actor,
      id,
      async (tx, list) => {
        const submitted = await store.pendingVersion(tx, id, { forUpdate: true });
        if (!submitted || submitted.status !== 'submitted') {
          throw new ConflictError('not-submitted', 'the list has no version submitted for review');
        }
        if (submitted.submittedBy === actor.id) {
          throw new ForbiddenError(
            'four-eyes',
            'the version must be published by someone other than who submitted it',
          );
        }
        await this.assertPublishable(list, submitted.elements);
        const previous = await store.publishedVersion(tx, id);
        const now = new Date();
        if (previous)
          await store.updateVersion(tx, previous.id, { status: 'superseded', retiredAt: now });
        await store.updateVersion(tx, submitted.id, {
          status: 'published',
          publishedBy: actor.id,
          publishedAt: now,
          reviewNote: body.note ?? null,
        });
        await store.touchList(tx, id);
        await publishEvent(
          tx,
          'catalog.list.published',
          {
            listId: id,
            code: list.code,
            itemCode: list.itemCode,
            versionId: submitted.id,
            version: submitted.version,
            ...(previous ? { supersededVersionId: previous.id } : {}),
          },
          ctx.requestId,
        );
        return {
          action: 'catalog.list.publish',
          summary: { code: list.code, version: submitted.version, note: body.note ?? null },
        };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  /** 退回: the submitted version goes back to draft with the reviewer's note. */
  async reject(
    actor: Actor,
    id: string,
    body: ReviewBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    if (!body.note) {
      throw new UnprocessableError('note-required', 'say why the version goes back', [
        { path: '/body/note', message: '请填写退回理由' },
      ]);
    }
    const note = body.note;
    await this.step(
      actor,
      id,
      async (tx, list) => {
        const submitted = await store.pendingVersion(tx, id, { forUpdate: true });
        if (!submitted || submitted.status !== 'submitted') {
          throw new ConflictError('not-submitted', 'the list has no version submitted for review');
        }
        await store.updateVersion(tx, submitted.id, { status: 'draft', reviewNote: note });
        return {
          action: 'catalog.list.reject',
          summary: { code: list.code, version: submitted.version, note },
        };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  /** 废止: the version in force is withdrawn; filed applications keep reading it. */
  async retire(
    actor: Actor,
    id: string,
    body: RetireBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    await this.step(
      actor,
      id,
      async (tx, list) => {
        const published = await store.publishedVersion(tx, id);
        if (!published) throw new ConflictError('nothing-published', 'there is nothing in force');
        await store.updateVersion(tx, published.id, { status: 'retired', retiredAt: new Date() });
        await publishEvent(
          tx,
          'catalog.list.retired',
          { listId: id, code: list.code, itemCode: list.itemCode, versionId: published.id },
          ctx.requestId,
        );
        return {
          action: 'catalog.list.retire',
          summary: { code: list.code, version: published.version, reason: body.reason },
        };
      },
      ctx,
    );
    return this.getList(actor, id);
  }

  /**
   * One workflow step on a list: the list row is locked, the actor checked, the change made and
   * audited, all in one transaction.
   */
  private async step(
    actor: Actor,
    id: string,
    change: (
      tx: Executor,
      list: store.ListWithItem,
    ) => Promise<{ action: string; summary: Record<string, unknown> }>,
    ctx: RequestContext,
  ): Promise<void> {
    requireSignedIn(actor);
    await this.db.transaction(async (tx) => {
      const list = await store.findList(tx, id, { forUpdate: true });
      if (!list) throw listNotFound();
      if (!(await this.mayWrite(actor, list))) {
        // a list nobody may read yet stays invisible; a public one says why not
        const published = await store.publishedVersion(tx, id);
        if (!published) throw listNotFound();
        throw new ForbiddenError(
          'catalog-list-write-denied',
          'only the implementing department’s admin or the province admin may change this list',
        );
      }
      const { action, summary } = await change(tx, list);
      await recordAudit(tx, {
        actor,
        action,
        targetType: 'implementationList',
        targetId: id,
        summary,
        requestId: ctx.requestId,
      });
    });
  }

  /** Refuses with every problem that stands in the way of publication. */
  async assertPublishable(
    list: { itemCode: string; regionCode: string },
    elements: ImplementationElements,
  ): Promise<void> {
    const problems = await this.publicationProblemsOf(list, elements);
    if (problems.length > 0) {
      throw new UnprocessableError(
        'list-not-publishable',
        `the implementation list cannot be published: ${problems.length} problem(s)`,
        problems,
      );
    }
  }

  async publicationProblemsOf(
    list: { itemCode: string; regionCode: string },
    elements: ImplementationElements,
  ): Promise<ProblemFieldError[]> {
    const typeCodes = [
      ...elements.materials.flatMap((m) => (m.certificateTypeCode ? [m.certificateTypeCode] : [])),
      ...(elements.result.certificateTypeCode ? [elements.result.certificateTypeCode] : []),
    ];
    const [knownCertificateTypes, windows, subtree] = await Promise.all([
      this.certificateTypes.existingTypeCodes(typeCodes),
      this.directory.findServiceWindows(elements.serviceWindowIds),
      this.directory.regionSubtree(list.regionCode),
    ]);
    // a list may name the windows of halls in its region and below it
    const inRegion = new Set(subtree);
    const knownServiceWindowIds = new Set(
      windows.filter((w) => inRegion.has(w.regionCode)).map((w) => w.id),
    );
    return publicationProblems(elements, {
      itemCode: list.itemCode,
      knownCertificateTypes,
      knownServiceWindowIds,
    });
  }

  async mayWrite(actor: Actor, owned: Owned): Promise<boolean> {
    if (!isCatalogAdmin(actor)) return false;
    return mayWriteList(actor, owned, await this.directory.regionAncestors(owned.regionCode));
  }

  async listViews(
    _actor: Actor,
    rows: store.ListWithItem[],
    options: { showPending: boolean },
  ): Promise<ImplementationList[]> {
    const [versions, names] = await Promise.all([
      store.currentVersions(
        this.db,
        rows.map((r) => r.id),
      ),
      this.namesOf(rows),
    ]);
    return rows.map((r) => toList(r, versions, names, options));
  }

  async namesOf(rows: readonly { organisationId: string; regionCode: string }[]): Promise<Names> {
    const [organisations, regions] = await Promise.all([
      this.directory.findOrganisationsByIds(rows.map((r) => r.organisationId)),
      this.directory.regionNames(rows.map((r) => r.regionCode)),
    ]);
    return { organisations: new Map(organisations.map((o) => [o.id, o.name])), regions };
  }

  // -------------------------------------------------------------------------------------------
  // Six mosts

  /** 六个最 over the published lists, in total and grouped (public: 结果公开). */
  async sixMosts(_actor: Actor, query: SixMostsQuery): Promise<SixMostsReport> {
    const regionCodes = query.region ? await this.directory.regionSubtree(query.region) : undefined;
    const rows = await store.publishedMetrics(this.db, regionCodes);
    const groupBy = query.groupBy ?? 'organisation';
    const groups = new Map<string, { name: string; metrics: (typeof rows)[number]['metrics'][] }>();
    const keyOf = (r: (typeof rows)[number]) =>
      groupBy === 'item' ? r.itemCode : groupBy === 'region' ? r.regionCode : r.organisationId;
    for (const r of rows) {
      const key = keyOf(r);
      const group = groups.get(key) ?? { name: groupBy === 'item' ? r.itemName : '', metrics: [] };
      group.metrics.push(r.metrics);
      groups.set(key, group);
    }
    if (groupBy !== 'item') {
      const names = await this.namesOf(
        rows.map((r) => ({ organisationId: r.organisationId, regionCode: r.regionCode })),
      );
      for (const [key, group] of groups) {
        group.name =
          (groupBy === 'region' ? names.regions.get(key) : names.organisations.get(key)) ?? key;
      }
    }
    const result: { key: string; name: string; metrics: SixMosts }[] = [...groups].map(
      ([key, g]) => ({ key, name: g.name, metrics: aggregateSixMosts(g.metrics) }),
    );
    result.sort((a, b) => a.key.localeCompare(b.key));
    return { total: aggregateSixMosts(rows.map((r) => r.metrics)), rows: result };
  }
}

export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') {
    throw new UnauthenticatedError('unauthenticated', 'sign in first');
  }
}

/** The columns keyword search reads, derived from the item. */
function searchColumns(body: ServiceItemBody) {
  const words = [body.name, ...body.keywords];
  return {
    searchText: searchTextOf([
      ...words,
      ITEM_TYPES[body.itemType].name,
      SECTORS[body.sector].name,
      body.code,
    ]),
    pinyinInitials: words
      .map(pinyinInitials)
      .filter((w) => w.length > 0)
      .join(' '),
  };
}
