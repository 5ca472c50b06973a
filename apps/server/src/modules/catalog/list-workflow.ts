import type {
  CreateImplementationListBody,
  ImplementationElements,
  ImplementationList,
  Organisation,
  ProblemFieldError,
  RetireBody,
  ReviewBody,
  UpdateDraftBody,
} from '@zhengtong/contracts';
import { formatImplementationCode } from '@zhengtong/gb';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Executor } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
} from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { newId } from '../../kernel/ids.js';
import { publicationProblems } from './publication-rules.js';
import {
  isUniqueViolation,
  requireSignedIn,
  type CatalogService,
  type RequestContext,
} from './service.js';
import { listMetrics } from './six-mosts.js';
import * as store from './store.js';

const listNotFound = () => new NotFoundError('list-not-found', 'no such implementation list');

/**
 * The publication workflow of implementation lists: draft → submitted → published →
 * superseded | retired, a rejection sending a submission back to draft. Each step locks the
 * list, checks the actor, changes and audits in one transaction.
 */
export class ListWorkflow {
  constructor(private readonly catalog: CatalogService) {}

  // -------------------------------------------------------------------------------------------
  // Implementation lists: the publication workflow

  async createList(
    actor: Actor,
    body: CreateImplementationListBody,
    ctx: RequestContext,
  ): Promise<ImplementationList> {
    requireSignedIn(actor);
    const item = await store.findItemByCode(this.catalog.db, body.itemCode);
    if (!item) {
      throw new UnprocessableError('item-not-found', `no service item ${body.itemCode}`, [
        { path: '/body/itemCode', message: '事项不存在' },
      ]);
    }
    const organisation = await this.catalog.directory.findOrganisation(body.organisationId);
    if (!organisation || organisation.kind === 'serviceHall') {
      throw new UnprocessableError('organisation-not-found', 'no such implementing organisation', [
        { path: '/body/organisationId', message: '实施机构不存在' },
      ]);
    }
    const owned = { organisationId: organisation.id, regionCode: organisation.regionCode };
    if (!(await this.catalog.mayWrite(actor, owned))) {
      throw new ForbiddenError(
        'catalog-list-write-denied',
        'only the implementing department’s admin or the province admin may add this list',
      );
    }
    const id = await this.catalog.db.transaction((tx) =>
      this.insertListWithDraft(tx, actor, item, organisation, body.elements, ctx),
    );
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    return this.catalog.getList(actor, id);
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
    await this.catalog.db.transaction(async (tx) => {
      const list = await store.findList(tx, id, { forUpdate: true });
      if (!list) throw listNotFound();
      if (!(await this.catalog.mayWrite(actor, list))) {
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
      this.catalog.certificateTypes.existingTypeCodes(typeCodes),
      this.catalog.directory.findServiceWindows(elements.serviceWindowIds),
      this.catalog.directory.regionSubtree(list.regionCode),
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
}
