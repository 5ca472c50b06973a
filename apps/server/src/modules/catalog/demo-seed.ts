import type { Organisation } from '@zhengtong/contracts';
import type { Logger } from 'pino';
import { systemActor } from '../../kernel/actor.js';
import type { DirectoryService } from '../directory/index.js';
import { BundleService } from './bundle-service.js';
import { DEMO_BUNDLES, DEMO_ITEMS, demoLists } from './demo-catalogue.js';
import type { CatalogService } from './service.js';
import * as store from './store.js';

/**
 * Seeds the demo catalogue (demo mode only): items, their lists for the province, 郑州 and 洛阳,
 * and the bundles. Everything goes through the service — created, submitted by one system actor,
 * published by another — so the seed obeys the publication rules and leaves an audit trail.
 * Does nothing when the catalogue already has items.
 */
export async function seedDemoCatalogue(
  catalog: CatalogService,
  directory: DirectoryService,
  log: Logger,
): Promise<boolean> {
  const existing = await store.searchItems(catalog.db, {
    includeUnpublished: true,
    limit: 1,
    offset: 0,
  });
  if (existing.total > 0) return false;
  const author = systemActor('demo-catalogue-author');
  const reviewer = systemActor('demo-catalogue-reviewer');
  const ctx = {};
  const lists = demoLists();
  const regions = [...new Set(lists.map((l) => l.regionCode).concat('410000'))];
  const organisations = await directory.organisationsInRegions(regions);
  const organisationNamed = (name: string, regionCode?: string): Organisation => {
    const found = organisations.find(
      (o) => o.name === name && (regionCode === undefined || o.regionCode === regionCode),
    );
    if (!found)
      throw new Error(`demo catalogue: no organisation ${name} in ${regionCode ?? 'any region'}`);
    return found;
  };
  const windowIds = await windowIdsByRegion(directory, organisations);

  for (const { competentOrganisation, ...item } of DEMO_ITEMS) {
    await catalog.createItem(
      author,
      { ...item, competentOrganisationId: organisationNamed(competentOrganisation).id },
      ctx,
    );
  }
  for (const l of lists) {
    const organisation = organisationNamed(l.organisation, l.regionCode);
    const serviceWindowIds = l.windowCodes.map((code) => {
      const id = windowIds.get(`${l.regionCode}/${code}`);
      if (!id) throw new Error(`demo catalogue: no window ${code} in ${l.regionCode}`);
      return id;
    });
    const created = await catalog.workflow.createList(
      author,
      {
        itemCode: l.itemCode,
        organisationId: organisation.id,
        elements: { ...l.elements, serviceWindowIds },
      },
      ctx,
    );
    await catalog.workflow.submit(author, created.id, ctx);
    await catalog.workflow.publish(reviewer, created.id, {}, ctx);
  }
  const bundles = new BundleService(catalog);
  for (const b of DEMO_BUNDLES) await bundles.create(author, b, ctx);
  log.info(
    { items: DEMO_ITEMS.length, lists: lists.length, bundles: DEMO_BUNDLES.length },
    'seeded the demo catalogue',
  );
  return true;
}

/** `<region>/<window code>` → window id, for the service halls among the organisations. */
async function windowIdsByRegion(
  directory: DirectoryService,
  organisations: readonly Organisation[],
): Promise<Map<string, string>> {
  const byKey = new Map<string, string>();
  for (const hall of organisations.filter((o) => o.kind === 'serviceHall')) {
    const windows = await directory.listServiceWindows(systemActor('demo-seed'), hall.id);
    for (const w of windows.items) byKey.set(`${hall.regionCode}/${w.code}`, w.id);
  }
  return byKey;
}
