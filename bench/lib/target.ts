import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/kernel/config.js';
import { openRuntime } from '../../apps/server/src/kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../apps/server/src/seed/index.js';

/** A built, ready Zhengtong app with the demo data, and how to shut it and its database down. */
export interface AppHandle {
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** Builds the app under test; the runner makes it listen on loopback. */
export type AppFactory = () => Promise<AppHandle>;

/** What the scenarios drive: the app listening on loopback. */
export interface Target {
  app: FastifyInstance;
  baseUrl: string;
}

/**
 * Zhengtong as main.ts starts it, on a fresh data dir: the embedded PostgreSQL, or
 * `databaseUrl` (which should name an empty database). Demo data is always seeded (the
 * scenarios sign in as demo staff); request logging is off so it does not flood the output.
 */
export function defaultAppFactory(databaseUrl: string | undefined): AppFactory {
  return async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-'));
    // as root the embedded server runs as `postgres`, which must reach the directory
    fs.chmodSync(dataDir, 0o755);
    const config = loadConfig({
      ZT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ZT_DEMO: 'true',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const log = pino({ level: 'warn' });
    const runtime = await openRuntime(config, log);
    try {
      await loadReferenceData(runtime.kernel, log);
      await seedDemoData(runtime.kernel, log, { catalogue: false });
      const app = await buildApp({ kernel: runtime.kernel, webDist: undefined, logger: false });
      await app.ready();
      runtime.startBackground();
      return {
        app,
        close: async () => {
          await app.close();
          await runtime.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await runtime.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  };
}
