import type {
  ImportCellError,
  ImportReport,
  Organisation,
  ProblemFieldError,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { ForbiddenError, UnauthenticatedError, UnprocessableError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { listScope, mayWriteList } from './access.js';
import {
  LIST_COLUMNS,
  SHEETS,
  readListsWorkbook,
  writeListsWorkbook,
  type ImportedList,
} from './excel.js';
import type { CatalogService, RequestContext } from './service.js';
import { listMetrics } from './six-mosts.js';
import * as store from './store.js';

/** Most lists one export holds, and one import may carry. */
export const EXCHANGE_MAX_LISTS = 5000;

const asProblems = (errors: readonly ImportCellError[]): ProblemFieldError[] =>
  errors.map((e) => ({ path: `/${e.sheet}/${e.row}/${e.column}`, message: e.message }));

/**
 * Excel exchange of implementation lists (how provincial staff pass lists around). Export
 * writes the working copy of each list in the admin's scope (the pending version, else the one
 * in force); import turns every row into a draft, all or nothing.
 */
export class ListExchange {
  constructor(private readonly catalog: CatalogService) {}

  async exportLists(
    actor: Actor,
    filter: { organisation?: string | undefined; region?: string | undefined },
  ): Promise<Buffer> {
    const scope = this.scopeOf(actor);
    let regionCodes = await this.catalog.directory.regionSubtree(scope.jurisdiction);
    if (filter.region) {
      const wanted = new Set(await this.catalog.directory.regionSubtree(filter.region));
      regionCodes = regionCodes.filter((c) => wanted.has(c));
    }
    if (
      scope.organisationId &&
      filter.organisation &&
      filter.organisation !== scope.organisationId
    ) {
      regionCodes = [];
    }
    const organisationId = scope.organisationId ?? filter.organisation;
    const rows = await store.allLists(
      this.catalog.db,
      { regionCodes, ...(organisationId ? { organisationId } : {}) },
      EXCHANGE_MAX_LISTS,
    );
    const [versions, names] = await Promise.all([
      store.currentVersions(
        this.catalog.db,
        rows.map((r) => r.id),
      ),
      this.catalog.namesOf(rows),
    ]);
    const sheetRows = rows.flatMap((r) => {
      const mine = versions.filter((v) => v.listId === r.id);
      const working = mine.find((v) => v.status !== 'published') ?? mine[0];
      if (!working) return [];
      return [
        {
          itemCode: r.itemCode,
          itemName: r.itemName,
          organisationName: names.organisations.get(r.organisationId) ?? '',
          regionCode: r.regionCode,
          elements: working.elements,
        },
      ];
    });
    return writeListsWorkbook(sheetRows);
  }

  async importLists(actor: Actor, data: Buffer, ctx: RequestContext): Promise<ImportReport> {
    this.scopeOf(actor);
    const read = await readListsWorkbook(data, { maxRows: EXCHANGE_MAX_LISTS });
    if (!read.ok) throw importRefused(read.errors);
    const lists = read.lists;
    const errors: ImportCellError[] = [];
    const at = (row: number, column: string, message: string) =>
      errors.push({ sheet: SHEETS.lists, row, column, message });

    const db = this.catalog.db;
    const [items, organisations] = await Promise.all([
      store.findItemsByCodes(db, [...new Set(lists.map((l) => l.itemCode))]),
      this.catalog.directory.organisationsInRegions(lists.map((l) => l.regionCode)),
    ]);
    const itemByCode = new Map(items.map((i) => [i.code, i]));
    const organisationOf = (regionCode: string, name: string) =>
      organisations.find(
        (o) => o.regionCode === regionCode && o.name === name && o.kind !== 'serviceHall',
      );
    const ancestorsCache = new Map<string, string[]>();
    const resolved: { sheet: ImportedList; item: store.ItemRow; organisation: Organisation }[] = [];
    for (const l of lists) {
      const item = itemByCode.get(l.itemCode);
      if (!item) at(l.row, LIST_COLUMNS.itemCode, `事项编码 ${l.itemCode} 不在基本目录中`);
      const organisation = organisationOf(l.regionCode, l.organisationName);
      if (!organisation) {
        at(
          l.row,
          LIST_COLUMNS.organisationName,
          `区划 ${l.regionCode} 下没有机构“${l.organisationName}”`,
        );
      } else {
        let ancestors = ancestorsCache.get(organisation.regionCode);
        if (!ancestors) {
          ancestors = await this.catalog.directory.regionAncestors(organisation.regionCode);
          ancestorsCache.set(organisation.regionCode, ancestors);
        }
        const owned = { organisationId: organisation.id, regionCode: organisation.regionCode };
        if (!mayWriteList(actor, owned, ancestors)) {
          at(l.row, LIST_COLUMNS.organisationName, `无权维护“${organisation.name}”的实施清单`);
        }
      }
      if (item && organisation) resolved.push({ sheet: l, item, organisation });
    }
    // lists that exist: a submission under review is not overwritten
    const existing = await Promise.all(
      resolved.map((r) => store.findListByItemAndOrganisation(db, r.item.id, r.organisation.id)),
    );
    const pending = await store.currentVersions(
      db,
      existing.flatMap((e) => (e ? [e.id] : [])),
    );
    resolved.forEach((r, i) => {
      const list = existing[i];
      if (list && pending.some((v) => v.listId === list.id && v.status === 'submitted')) {
        at(r.sheet.row, LIST_COLUMNS.itemCode, '该实施清单有待审核的版本，审核完成前不能导入');
      }
    });
    if (errors.length > 0) throw importRefused(errors.sort((a, b) => a.row - b.row));

    let created = 0;
    let updated = 0;
    await db.transaction(async (tx) => {
      for (const [i, r] of resolved.entries()) {
        const list = existing[i];
        const elements = r.sheet.elements;
        if (!list) {
          await this.catalog.workflow.insertListWithDraft(
            tx,
            actor,
            r.item,
            r.organisation,
            elements,
            ctx,
          );
          created += 1;
          continue;
        }
        await store.findList(tx, list.id, { forUpdate: true });
        const draft = await store.pendingVersion(tx, list.id, { forUpdate: true });
        if (draft?.status === 'submitted') {
          throw new UnprocessableError('list-under-review', 'a list went under review meanwhile');
        }
        if (draft) {
          await store.saveDraft(tx, draft.id, draft.revision, elements, listMetrics(elements));
        } else {
          await store.insertVersion(tx, {
            id: newId(),
            listId: list.id,
            version: await store.nextVersionNumber(tx, list.id),
            status: 'draft',
            elements,
            metrics: listMetrics(elements),
            createdBy: actor.id,
          });
        }
        await recordAudit(tx, {
          actor,
          action: 'catalog.list.update',
          targetType: 'implementationList',
          targetId: list.id,
          summary: { code: list.code, source: 'import', row: r.sheet.row },
          requestId: ctx.requestId,
        });
        updated += 1;
      }
      await recordAudit(tx, {
        actor,
        action: 'catalog.lists.import',
        targetType: 'implementationList',
        targetId: 'import',
        summary: { rows: lists.length, created, updated, bytes: data.length },
        requestId: ctx.requestId,
      });
    });
    return { created, updated, rows: lists.length };
  }

  private scopeOf(actor: Actor) {
    if (actor.kind === 'anonymous')
      throw new UnauthenticatedError('unauthenticated', 'sign in first');
    const scope = listScope(actor);
    if (!scope) {
      throw new ForbiddenError('catalog-admin-required', 'only catalogue admins exchange lists');
    }
    return scope;
  }
}

function importRefused(errors: readonly ImportCellError[]): UnprocessableError {
  return new UnprocessableError(
    'import-refused',
    `nothing was imported: ${errors.length} problem(s) in the workbook`,
    asProblems(errors),
  );
}
