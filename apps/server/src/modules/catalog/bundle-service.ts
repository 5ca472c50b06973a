import type { Bundle, BundleBody, BundleList, ResolvedBundle } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { mayWriteBundles } from './access.js';
import { mergeBundle } from './bundle-merge.js';
import {
  isUniqueViolation,
  requireSignedIn,
  type CatalogService,
  type RequestContext,
} from './service.js';
import * as store from './store.js';
import { toBundle } from './views.js';

const bundleNotFound = (code: string) =>
  new NotFoundError('bundle-not-found', `no bundle with code ${code}`);

/**
 * 一件事一次办: bundles of items applied for as one. Resolving a bundle in a region picks each
 * member's list there (or in the nearest ancestor region) and merges forms and materials.
 */
export class BundleService {
  constructor(private readonly catalog: CatalogService) {}

  private get db() {
    return this.catalog.db;
  }

  async list(_actor: Actor): Promise<BundleList> {
    const rows = await store.listBundles(this.db);
    const names = await this.itemNames(rows.flatMap((r) => r.members.map((m) => m.itemCode)));
    return { items: rows.map((r) => toBundle(r, names)) };
  }

  async get(_actor: Actor, code: string): Promise<Bundle> {
    const row = await store.findBundle(this.db, code);
    if (!row) throw bundleNotFound(code);
    return toBundle(row, await this.itemNames(row.members.map((m) => m.itemCode)));
  }

  async resolve(actor: Actor, code: string, regionCode: string): Promise<ResolvedBundle> {
    const bundle = await this.get(actor, code);
    const ancestors = await this.catalog.directory.regionAncestors(regionCode);
    if (ancestors.length === 0) {
      throw new NotFoundError('region-not-found', `no region with code ${regionCode}`);
    }
    const items = await store.findItemsByCodes(
      this.db,
      bundle.members.map((m) => m.itemCode),
    );
    const itemByCode = new Map(items.map((i) => [i.code, i]));
    const lists = await store.publishedListsOf(
      this.db,
      items.map((i) => i.id),
      ancestors,
    );
    const rank = new Map(ancestors.map((code, i) => [code, i]));
    const members = [];
    const missing: string[] = [];
    for (const m of bundle.members) {
      const item = itemByCode.get(m.itemCode);
      const candidates = lists
        .filter((l) => l.itemId === item?.id)
        .sort((a, b) => (rank.get(a.regionCode) ?? 99) - (rank.get(b.regionCode) ?? 99));
      const chosen = candidates[0];
      if (!item || !chosen) {
        missing.push(m.itemCode);
        continue;
      }
      members.push({ member: m, item, list: chosen });
    }
    if (missing.length > 0) {
      throw new UnprocessableError(
        'bundle-not-offered',
        `the bundle is not offered in ${regionCode}: no published list of ${missing.join(', ')}`,
        missing.map((c) => ({ path: `/members/${c}`, message: '该地区无已发布的实施清单' })),
      );
    }
    const names = await this.catalog.namesOf(members.map((m) => m.list));
    const merged = mergeBundle(
      members.map(({ member, item, list }) => ({
        itemCode: item.code,
        itemName: item.name,
        stage: member.stage,
        elements: list.version.elements,
      })),
    );
    return {
      bundle,
      regionCode,
      members: members.map(({ member, item, list }) => ({
        itemCode: item.code,
        itemName: item.name,
        stage: member.stage,
        listId: list.id,
        listVersionId: list.version.id,
        organisationName: names.organisations.get(list.organisationId) ?? '',
        promisedLimitDays: list.version.elements.promisedLimitDays,
        statutoryLimitDays: list.version.elements.statutoryLimitDays,
      })),
      ...merged,
    };
  }

  async create(actor: Actor, body: BundleBody, ctx: RequestContext): Promise<Bundle> {
    this.assertMayWrite(actor);
    await this.checkMembers(body);
    const id = newId();
    try {
      await this.db.transaction(async (tx) => {
        await store.insertBundle(tx, id, body);
        await recordAudit(tx, {
          actor,
          action: 'catalog.bundle.create',
          targetType: 'bundle',
          targetId: id,
          summary: { code: body.code, name: body.name, members: body.members },
          requestId: ctx.requestId,
        });
      });
    } catch (e) {
      if (isUniqueViolation(e, 'catalog_bundle_code_key')) {
        throw new ConflictError('bundle-code-taken', `bundle code ${body.code} is taken`, [
          { path: '/body/code', message: '编码已存在' },
        ]);
      }
      throw e;
    }
    return this.get(actor, body.code);
  }

  async update(actor: Actor, code: string, body: BundleBody, ctx: RequestContext): Promise<Bundle> {
    this.assertMayWrite(actor);
    const row = await store.findBundle(this.db, code);
    if (!row) throw bundleNotFound(code);
    if (body.code !== code) {
      throw new UnprocessableError('bundle-code-immutable', 'the code of a bundle cannot change', [
        { path: '/body/code', message: '编码不可修改' },
      ]);
    }
    await this.checkMembers(body);
    await this.db.transaction(async (tx) => {
      await store.updateBundle(tx, code, body);
      await recordAudit(tx, {
        actor,
        action: 'catalog.bundle.update',
        targetType: 'bundle',
        targetId: row.id,
        summary: { code, name: body.name, members: body.members },
        requestId: ctx.requestId,
      });
    });
    return this.get(actor, code);
  }

  private assertMayWrite(actor: Actor): void {
    requireSignedIn(actor);
    if (!mayWriteBundles(actor)) {
      throw new ForbiddenError('bundle-write-denied', 'only the province admin manages bundles');
    }
  }

  private async checkMembers(body: BundleBody): Promise<void> {
    const codes = body.members.map((m) => m.itemCode);
    const items = await store.findItemsByCodes(this.db, codes);
    const known = new Set(items.map((i) => i.code));
    const problems = body.members.flatMap((m, i) => {
      if (!known.has(m.itemCode))
        return [{ path: `/body/members/${i}/itemCode`, message: '事项不存在' }];
      if (codes.indexOf(m.itemCode) !== i) {
        return [{ path: `/body/members/${i}/itemCode`, message: '事项重复' }];
      }
      const item = items.find((x) => x.code === m.itemCode);
      if (item && !item.applicantKinds.includes(body.applicantKind)) {
        return [{ path: `/body/members/${i}/itemCode`, message: '事项的服务对象与一件事不符' }];
      }
      return [];
    });
    const stages = [...new Set(body.members.map((m) => m.stage))].sort((a, b) => a - b);
    if (stages.some((s, i) => s !== i + 1)) {
      problems.push({ path: '/body/members', message: '阶段应从 1 起连续编号' });
    }
    if (problems.length > 0) {
      throw new UnprocessableError('invalid-bundle', 'the bundle is not valid', problems);
    }
  }

  private async itemNames(codes: string[]): Promise<Map<string, string>> {
    const items = await store.findItemsByCodes(this.db, [...new Set(codes)]);
    return new Map(items.map((i) => [i.code, i.name]));
  }
}
