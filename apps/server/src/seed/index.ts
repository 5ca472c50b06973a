import type { Logger } from 'pino';
import { systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { DirectoryService, loadReferenceRegions } from '../modules/directory/index.js';
import { seedDemoDirectory } from './demo.js';
import { seedDemoOidcClients } from '../modules/identity/oidc/index.js';
import { seedDemoAccounts } from '../modules/identity/demo-accounts.js';
import { CatalogService, seedDemoCatalogue } from '../modules/catalog/index.js';
import {
  certificateTypeLookup,
  loadReferenceCertificateTypes,
  seedDemoSeals,
} from '../modules/certificates/index.js';

/** Reference data every installation needs (the regions), loaded when missing. */
export async function loadReferenceData(kernel: Kernel, log: Logger): Promise<void> {
  const inserted = await loadReferenceRegions(kernel.db.orm, systemActor('reference-data'));
  if (inserted > 0) log.info({ inserted }, 'loaded the reference regions of Henan');
  const types = await loadReferenceCertificateTypes(kernel.db.orm);
  if (types > 0) log.info({ inserted: types }, 'loaded the reference certificate types');
}

/** Demo data, only ever in demo mode or when asked for by `zhengtong seed`. */
export async function seedDemoData(
  kernel: Kernel,
  log: Logger,
  options: { catalogue?: boolean } = {},
): Promise<void> {
  const directory = new DirectoryService(kernel.db.orm);
  const seeded = await seedDemoDirectory(directory);
  log.info(seeded ? 'seeded the demo directory' : 'demo directory already present');
  await seedDemoAccounts(kernel, log);
  const departments = await directory.listOrganisations(systemActor('seed'), {
    region: '410100',
    kind: 'department',
  });
  const zzMarket = departments.items.find((o) => o.name === '郑州市市场监督管理局');
  await seedDemoOidcClients(kernel, log, zzMarket?.id);
  await seedDemoSeals(kernel, log);
  if (options.catalogue !== false) {
    const catalog = new CatalogService(
      kernel.db.orm,
      directory,
      certificateTypeLookup(kernel.db.orm),
    );
    const seededCatalogue = await seedDemoCatalogue(catalog, directory, log);
    if (!seededCatalogue) log.info('demo catalogue already present');
  }
}
