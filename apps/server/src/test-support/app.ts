import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.js';
import { loadConfig } from '../kernel/config.js';
import type { Kernel } from '../kernel/context.js';
import { openRuntime } from '../kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../seed/index.js';
import { seedDemoApplications } from '../seed/demo-applications.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  kernel: Kernel;
  /** closes the app and the runtime and opens new ones on the same database and data dir */
  restart: () => Promise<void>;
  /** closes the app, the runtime and drops the database */
  close: () => Promise<void>;
}

/**
 * The real app on a fresh database of its own: reference regions loaded, demo directory and
 * accounts seeded unless `demo: false`; the demo catalogue only with `catalogue: true` (slow).
 * Background loops are off; tests drive them explicitly.
 */
export async function createTestApp(
  options: {
    demo?: boolean;
    catalogue?: boolean;
    /** the demo applications in every state (needs the catalogue) */
    applications?: boolean;
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-app-'));
  const config = loadConfig({
    ...options.env,
    DATABASE_URL: database.url,
    ZT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  });
  const log = pino({ level: 'silent' });
  const open = async () => {
    const runtime = await openRuntime(config, log);
    await loadReferenceData(runtime.kernel, log);
    if (options.demo !== false) {
      await seedDemoData(runtime.kernel, log, { catalogue: options.catalogue ?? false });
    }
    const app = await buildApp({ kernel: runtime.kernel, webDist: undefined, logger: false });
    await app.ready();
    if (options.applications) await seedDemoApplications(app, log);
    return { runtime, app };
  };
  let current = await open();
  const shut = async () => {
    await current.app.close();
    await current.runtime.close();
  };
  const t: TestApp = {
    app: current.app,
    kernel: current.runtime.kernel,
    restart: async () => {
      await shut();
      current = await open();
      t.app = current.app;
      t.kernel = current.runtime.kernel;
    },
    close: async () => {
      await shut();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
