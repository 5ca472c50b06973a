import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Bundle,
  BundleBody,
  BundleList,
  CreateImplementationListBody,
  ImplementationList,
  ImplementationListPage,
  ImplementationListQuery,
  ImplementationListVersion,
  ImportReport,
  ListVersionHistory,
  Problem,
  RegionCode,
  ResolveBundleQuery,
  ResolvedBundle,
  RetireBody,
  ReviewBody,
  ServiceItem,
  ServiceItemBody,
  ServiceItemCode,
  ServiceItemDetail,
  ServiceItemPatch,
  ServiceItemSearchQuery,
  ServiceItemSearchResult,
  SixMostsQuery,
  SixMostsReport,
  UpdateDraftBody,
} from '@zhengtong/contracts';
import type { BundleService } from './bundle-service.js';
import type { ListExchange } from './exchange-service.js';
import type { CatalogService } from './service.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest workbook an import accepts (5,000 lists with materials fit in a few MB). */
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
};
const tags = ['catalog'];
const ListId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ItemCodeParams = Type.Object({ code: ServiceItemCode });
const BundleCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9-]{2,63}$' }) });
const ExportQuery = Type.Object({
  organisation: Type.Optional(Type.String({ format: 'uuid' })),
  region: Type.Optional(RegionCode),
});

/**
 * 政务服务事项 under /api/v1/catalog. Reads of published content are public; writes are for
 * the implementing department's admins and the province admin (checked in the services).
 */
export const catalogRoutes: FastifyPluginAsyncTypebox<{
  service: CatalogService;
  bundles: BundleService;
  exchange: ListExchange;
}> = async (app, { service, bundles, exchange }) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  app.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  // -- basic catalogue ---------------------------------------------------------------------

  app.get(
    '/items',
    {
      schema: {
        tags,
        summary: 'Search service items (public): Chinese keywords or pinyin initials, filters',
        querystring: ServiceItemSearchQuery,
        response: { 200: ServiceItemSearchResult, ...problems },
      },
    },
    (req) => service.searchItems(req.actor, req.query),
  );

  app.get(
    '/items/:code',
    {
      schema: {
        tags,
        summary: 'One service item with its published implementation lists (public)',
        params: ItemCodeParams,
        response: { 200: ServiceItemDetail, ...problems },
      },
    },
    (req) => service.getItemDetail(req.actor, req.params.code),
  );

  app.post(
    '/items',
    {
      schema: {
        tags,
        summary: 'Add an item to the basic catalogue',
        body: ServiceItemBody,
        response: { 201: ServiceItem, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createItem(req.actor, req.body, ctx(req))),
  );

  app.patch(
    '/items/:code',
    {
      schema: {
        tags,
        summary: 'Change an item of the basic catalogue (its code stays)',
        params: ItemCodeParams,
        body: ServiceItemPatch,
        response: { 200: ServiceItem, ...problems },
      },
    },
    (req) => service.updateItem(req.actor, req.params.code, req.body, ctx(req)),
  );

  // -- implementation lists ----------------------------------------------------------------

  app.get(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Implementation lists you manage, with drafts and submissions (admins)',
        querystring: ImplementationListQuery,
        response: { 200: ImplementationListPage, ...problems },
      },
    },
    (req) => service.listLists(req.actor, req.query),
  );

  app.get(
    '/lists/export',
    {
      schema: {
        tags,
        summary: 'The lists you manage as an Excel workbook (working copies)',
        querystring: ExportQuery,
        produces: [XLSX_TYPE],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: '.xlsx' }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const data = await exchange.exportLists(req.actor, req.query);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type(XLSX_TYPE)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="implementation-lists-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`实施清单-${stamp}.xlsx`)}`,
        )
        .send(data);
    },
  );

  app.post(
    '/lists/import',
    {
      schema: {
        tags,
        summary:
          'Import lists from an Excel workbook as drafts; any bad cell refuses the whole sheet with every problem',
        consumes: [XLSX_TYPE],
        response: { 200: ImportReport, 413: Problem, 415: Problem, ...problems },
      },
    },
    (req) => exchange.importLists(req.actor, req.body as Buffer, ctx(req)),
  );

  app.post(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Create an implementation list with a first draft',
        body: CreateImplementationListBody,
        response: { 201: ImplementationList, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.workflow.createList(req.actor, req.body, ctx(req))),
  );

  app.get(
    '/lists/:id',
    {
      schema: {
        tags,
        summary: 'One implementation list (public when published; drafts for its managers)',
        params: ListId,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.getList(req.actor, req.params.id),
  );

  app.get(
    '/versions/:id',
    {
      schema: {
        tags,
        summary:
          'One list version by id (public once it was in force: what a filed application is bound to)',
        params: ListId,
        response: { 200: ImplementationListVersion, ...problems },
      },
    },
    (req) => service.readVersion(req.actor, req.params.id),
  );

  app.get(
    '/lists/:id/versions',
    {
      schema: {
        tags,
        summary: 'Versions of a list, newest first',
        params: ListId,
        response: { 200: ListVersionHistory, ...problems },
      },
    },
    (req) => service.listVersions(req.actor, req.params.id),
  );

  app.post(
    '/lists/:id/draft',
    {
      schema: {
        tags,
        summary: 'Start a revision: a draft copied from the version in force',
        params: ListId,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.newDraft(req.actor, req.params.id, ctx(req)),
  );

  app.put(
    '/lists/:id/draft',
    {
      schema: {
        tags,
        summary: 'Save the draft (409 when someone saved since your revision)',
        params: ListId,
        body: UpdateDraftBody,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.updateDraft(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/lists/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit the draft for review (422 lists every problem that blocks publication)',
        params: ListId,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.submit(req.actor, req.params.id, ctx(req)),
  );

  app.post(
    '/lists/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the submitted version (not by its submitter)',
        params: ListId,
        body: ReviewBody,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.publish(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/lists/:id/reject',
    {
      schema: {
        tags,
        summary: 'Send the submitted version back to draft with a note',
        params: ListId,
        body: ReviewBody,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.reject(req.actor, req.params.id, req.body, ctx(req)),
  );

  app.post(
    '/lists/:id/retire',
    {
      schema: {
        tags,
        summary: 'Withdraw the version in force (filed applications keep it)',
        params: ListId,
        body: RetireBody,
        response: { 200: ImplementationList, ...problems },
      },
    },
    (req) => service.workflow.retire(req.actor, req.params.id, req.body, ctx(req)),
  );

  // -- bundles and figures -----------------------------------------------------------------

  app.get(
    '/bundles',
    {
      schema: {
        tags,
        summary: '一件事 bundles (public)',
        response: { 200: BundleList, ...problems },
      },
    },
    (req) => bundles.list(req.actor),
  );

  app.get(
    '/bundles/:code',
    {
      schema: {
        tags,
        summary: 'One bundle (public)',
        params: BundleCodeParams,
        response: { 200: Bundle, ...problems },
      },
    },
    (req) => bundles.get(req.actor, req.params.code),
  );

  app.get(
    '/bundles/:code/resolve',
    {
      schema: {
        tags,
        summary:
          'A bundle as offered in a region: member lists, merged form and materials, computed time (public)',
        params: BundleCodeParams,
        querystring: ResolveBundleQuery,
        response: { 200: ResolvedBundle, ...problems },
      },
    },
    (req) => bundles.resolve(req.actor, req.params.code, req.query.region),
  );

  app.post(
    '/bundles',
    {
      schema: {
        tags,
        summary: 'Create a bundle (province admin)',
        body: BundleBody,
        response: { 201: Bundle, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await bundles.create(req.actor, req.body, ctx(req))),
  );

  app.put(
    '/bundles/:code',
    {
      schema: {
        tags,
        summary: 'Replace a bundle (province admin)',
        params: BundleCodeParams,
        body: BundleBody,
        response: { 200: Bundle, ...problems },
      },
    },
    (req) => bundles.update(req.actor, req.params.code, req.body, ctx(req)),
  );

  app.get(
    '/six-mosts',
    {
      schema: {
        tags,
        summary: '六个最 figures of the published lists, in total and grouped (public)',
        querystring: SixMostsQuery,
        response: { 200: SixMostsReport, ...problems },
      },
    },
    (req) => service.sixMosts(req.actor, req.query),
  );
};
