import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Organisation,
  OrganisationList,
  OrganisationListQuery,
  Problem,
  Region,
  RegionCode,
  RegionList,
  RegionListQuery,
  ServiceWindowList,
} from '@zhengtong/contracts';
import type { DirectoryService } from './service.js';

const problems = { 400: Problem, 404: Problem, 422: Problem };

export const directoryRoutes: FastifyPluginAsyncTypebox<{ service: DirectoryService }> = async (
  app,
  { service },
) => {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['directory'],
        summary: 'List regions: the children of `parent`, or the province when omitted',
        querystring: RegionListQuery,
        response: { 200: RegionList, ...problems },
      },
    },
    (req) => service.listRegions(req.actor, req.query.parent),
  );

  app.get(
    '/regions/:code',
    {
      schema: {
        tags: ['directory'],
        summary: 'One region by its GB/T 2260 code',
        params: Type.Object({ code: RegionCode }),
        response: { 200: Region, ...problems },
      },
    },
    (req) => service.getRegion(req.actor, req.params.code),
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['directory'],
        summary: 'List organisations, optionally of a region (and its subtree) and of a kind',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList, ...problems },
      },
    },
    (req) => service.listOrganisations(req.actor, req.query),
  );

  app.get(
    '/organisations/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'One organisation',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Organisation, ...problems },
      },
    },
    (req) => service.getOrganisation(req.actor, req.params.id),
  );

  app.get(
    '/organisations/:id/windows',
    {
      schema: {
        tags: ['directory'],
        summary: 'The windows of a service hall',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ServiceWindowList, ...problems },
      },
    },
    (req) => service.listServiceWindows(req.actor, req.params.id),
  );
};
