import type {
  Organisation,
  OrganisationList,
  OrganisationListQuery,
  Region,
  RegionList,
  ServiceWindow,
  ServiceWindowList,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import * as store from './store.js';

/**
 * Directory reads are public: regions, organisations and service windows are what a citizen
 * needs to find where to go. Writes are for administrators of the region concerned.
 */
export class DirectoryService {
  constructor(private readonly db: Drizzle) {}

  async getRegion(_actor: Actor, code: string): Promise<Region> {
    const found = await store.findRegion(this.db, code);
    if (!found) throw new NotFoundError('region-not-found', `no region with code ${code}`);
    return found;
  }

  /** Children of `parent`; without a parent, the root(s) of the directory (the province). */
  async listRegions(actor: Actor, parent: string | undefined): Promise<RegionList> {
    if (parent !== undefined) await this.getRegion(actor, parent);
    return { items: await store.listRegionChildren(this.db, parent ?? null) };
  }

  async getOrganisation(_actor: Actor, id: string): Promise<Organisation> {
    const found = await store.findOrganisation(this.db, id);
    if (!found) throw new NotFoundError('organisation-not-found', `no organisation ${id}`);
    return found;
  }

  async listOrganisations(actor: Actor, query: OrganisationListQuery): Promise<OrganisationList> {
    let regionCodes: string[] | undefined;
    if (query.region !== undefined) {
      await this.getRegion(actor, query.region);
      regionCodes = query.subtree
        ? await store.regionSubtreeCodes(this.db, query.region)
        : [query.region];
    }
    return {
      items: await store.listOrganisations(this.db, {
        ...(regionCodes ? { regionCodes } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      }),
    };
  }

  async listServiceWindows(actor: Actor, serviceHallId: string): Promise<ServiceWindowList> {
    const hall = await this.getOrganisation(actor, serviceHallId);
    if (hall.kind !== 'serviceHall') {
      throw new UnprocessableError(
        'not-a-service-hall',
        `${hall.name} is not a service hall and has no windows`,
      );
    }
    return { items: await store.listWindows(this.db, serviceHallId) };
  }

  // Lookups for other modules (no actor: they serve the calling module's own checks).

  findOrganisation(id: string): Promise<Organisation | undefined> {
    return store.findOrganisation(this.db, id);
  }

  findOrganisationsByIds(ids: string[]): Promise<Organisation[]> {
    return store.findOrganisationsByIds(this.db, [...new Set(ids)]);
  }

  /** organisations bound to any of these regions (not their subtrees) */
  organisationsInRegions(codes: string[]): Promise<Organisation[]> {
    return store.listOrganisations(this.db, { regionCodes: [...new Set(codes)] });
  }

  regionNames(codes: string[]): Promise<Map<string, string>> {
    return store.regionNames(this.db, [...new Set(codes)]);
  }

  /** the region and its ancestors, nearest first; empty for an unknown code */
  regionAncestors(code: string): Promise<string[]> {
    return store.regionAncestorCodes(this.db, code);
  }

  regionSubtree(code: string): Promise<string[]> {
    return store.regionSubtreeCodes(this.db, code);
  }

  findServiceWindows(ids: string[]): Promise<(ServiceWindow & { regionCode: string })[]> {
    return store.findWindowsByIds(this.db, [...new Set(ids)]);
  }

  async createOrganisation(
    actor: Actor,
    input: Omit<Organisation, 'id'>,
    requestId?: string,
  ): Promise<Organisation> {
    assertDirectoryAdmin(actor);
    await this.getRegion(actor, input.regionCode);
    if (input.parentId !== null) await this.getOrganisation(actor, input.parentId);
    const created: Organisation = { id: newId(), ...input };
    await this.db.transaction(async (tx) => {
      await store.insertOrganisation(tx, created);
      await recordAudit(tx, {
        actor,
        action: 'directory.organisation.create',
        targetType: 'organisation',
        targetId: created.id,
        summary: { name: created.name, kind: created.kind, regionCode: created.regionCode },
        requestId,
      });
    });
    return created;
  }

  async createServiceWindow(
    actor: Actor,
    input: Omit<ServiceWindow, 'id'>,
    requestId?: string,
  ): Promise<ServiceWindow> {
    assertDirectoryAdmin(actor);
    const hall = await this.getOrganisation(actor, input.serviceHallId);
    if (hall.kind !== 'serviceHall') {
      throw new UnprocessableError('not-a-service-hall', `${hall.name} is not a service hall`);
    }
    if (input.organisationId !== null) await this.getOrganisation(actor, input.organisationId);
    const created: ServiceWindow = { id: newId(), ...input };
    await this.db.transaction(async (tx) => {
      await store.insertWindow(tx, created);
      await recordAudit(tx, {
        actor,
        action: 'directory.window.create',
        targetType: 'serviceWindow',
        targetId: created.id,
        summary: { code: created.code, name: created.name, serviceHallId: created.serviceHallId },
        requestId,
      });
    });
    return created;
  }
}

/**
 * Until the identity module lands only the system itself (CLI, seed) administers the directory;
 * no HTTP write endpoint exists. Province admins will be added here with their jurisdiction.
 */
function assertDirectoryAdmin(actor: Actor): void {
  if (!actor.roles.includes('system')) {
    throw new ForbiddenError(
      'directory-admin-required',
      'only directory administrators may change the directory',
    );
  }
}
