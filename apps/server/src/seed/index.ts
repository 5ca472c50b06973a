import type { Logger } from 'pino';
import { systemActor } from '../kernel/actor.js';
import type { Kernel } from '../kernel/context.js';
import { DirectoryService, loadReferenceRegions } from '../modules/directory/index.js';
import { seedDemoDirectory } from './demo.js';
import { seedDemoOidcClients } from '../modules/identity/oidc/index.js';
import { seedDemoAccounts } from '../modules/identity/demo-accounts.js';

/** Reference data every installation needs (the regions), loaded when missing. */
export async function loadReferenceData(kernel: Kernel, log: Logger): Promise<void> {
  const inserted = await loadReferenceRegions(kernel.db.orm, systemActor('reference-data'));
  if (inserted > 0) log.info({ inserted }, 'loaded the reference regions of Henan');
}

/** Demo data, only ever in demo mode or when asked for by `zhengtong seed`. */
export async function seedDemoData(kernel: Kernel, log: Logger): Promise<void> {
  const seeded = await seedDemoDirectory(new DirectoryService(kernel.db.orm));
  log.info(seeded ? 'seeded the demo directory' : 'demo directory already present');
  await seedDemoAccounts(kernel, log);
  await seedDemoOidcClients(kernel, log);
}
