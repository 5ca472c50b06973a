import type {
  ImplementationList,
  ImplementationListPage,
  ImplementationListQuery,
  ImplementationListVersion,
  ListVersionHistory,
  Organisation,
  ProblemFieldError,
  ServiceItem,
  ServiceItemBody,
  ServiceItemDetail,
  ServiceItemPatch,
  ServiceItemSearchQuery,
  ServiceItemSearchResult,
  ServiceWindow,
  SixMostsQuery,
  SixMostsReport,
  Satisfaction,
} from '@zhengtong/contracts';
import { ITEM_TYPES, SECTORS, parseServiceItemCode } from '@zhengtong/gb';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { uniqueViolation } from '../../kernel/db/errors.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isCatalogAdmin, listScope, mayWriteItem, mayWriteList, type Owned } from './access.js';
import { aggregateSixMosts } from './six-mosts.js';
import { pinyinInitials, queryTerms, searchTextOf } from './search-text.js';
import * as store from './store.js';
import { toItem, toList, toVersion, type Names } from './views.js';
import { ListWorkflow } from './list-workflow.js';

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
export const isUniqueViolation = (e: unknown, constraint: string): boolean =>
  uniqueViolation(e) === constraint;

/**
 * 政务服务事项管理: the basic catalogue, implementation lists with their publication workflow
 * (draft → submitted → published → superseded | retired), search and the six-mosts figures.
 */
/** Ratings counted for one group of the six mosts. */
export interface RatingCounts {
  ratings: number;
  satisfied: number;
}

/** Ratings per group key (organisation id, region code or basic item code), within regions. */
export type SatisfactionSource = (
  groupBy: 'organisation' | 'region' | 'item',
  regionCodes: readonly string[] | undefined,
) => Promise<Map<string, RatingCounts>>;

function satisfactionOf(counts: readonly (RatingCounts | undefined)[]): Satisfaction {
  const ratings = counts.reduce((s, c) => s + (c?.ratings ?? 0), 0);
  const satisfied = counts.reduce((s, c) => s + (c?.satisfied ?? 0), 0);
  return {
    ratings,
    satisfied,
    satisfactionRate: ratings === 0 ? null : Math.round((satisfied / ratings) * 10_000) / 10_000,
  };
}

export class CatalogService {
  /** the publication workflow of implementation lists */
  readonly workflow: ListWorkflow;
  private satisfactionSource: SatisfactionSource | undefined;

  constructor(
    readonly db: Drizzle,
    readonly directory: CatalogDirectory,
    readonly certificateTypes: CertificateTypeLookup,
  ) {
    this.workflow = new ListWorkflow(this);
  }

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

  /**
   * An item's own facts — who may apply, its legal basis — without its lists or counts: for
   * filing and documents against a list already in force (one primary-key read; the detail
   * view reads every published list of the item).
   */
  async itemFacts(
    code: string,
  ): Promise<{ applicantKinds: readonly string[]; legalBasis: string } | undefined> {
    const row = await store.findItemByCode(this.db, code);
    return row ? { applicantKinds: row.applicantKinds, legalBasis: row.legalBasis } : undefined;
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

  /**
   * A version by id for readers: one that was ever in force is public (a filed application is
   * bound to it); drafts and submissions only for those who manage the list.
   */
  async readVersion(actor: Actor, id: string): Promise<ImplementationListVersion> {
    const row = await store.findVersion(this.db, id);
    const notFound = new NotFoundError('version-not-found', 'no such list version');
    if (!row) throw notFound;
    if (row.status === 'draft' || row.status === 'submitted') {
      const list = await store.findList(this.db, row.listId);
      if (!list || !(await this.mayWrite(actor, list))) throw notFound;
    }
    return toVersion(row);
  }

  /** The published lists whose completion issues a certificate of the type. */
  listsIssuingCertificate(typeCode: string) {
    return store.listsIssuingCertificate(this.db, typeCode);
  }

  /** A version by id, whatever its status: what an application filed under it reads. */
  async getVersion(id: string) {
    const row = await store.findVersion(this.db, id);
    return row ? toVersion(row) : undefined;
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
    const ratings =
      (await this.satisfactionSource?.(groupBy, regionCodes)) ?? new Map<string, RatingCounts>();
    const result: SixMostsReport['rows'] = [...groups].map(([key, g]) => ({
      key,
      name: g.name,
      metrics: aggregateSixMosts(g.metrics),
      satisfaction: satisfactionOf([ratings.get(key)]),
    }));
    result.sort((a, b) => a.key.localeCompare(b.key));
    return {
      total: aggregateSixMosts(rows.map((r) => r.metrics)),
      totalSatisfaction: satisfactionOf([...ratings.values()]),
      rows: result,
    };
  }

  /**
   * Where the satisfaction beside the six mosts comes from: the evaluation module (好差评)
   * registers itself here, being registered after the catalogue.
   */
  setSatisfactionSource(source: SatisfactionSource): void {
    this.satisfactionSource = source;
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
