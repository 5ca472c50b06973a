import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/kernel/config.js';
import { openRuntime } from '../../apps/server/src/kernel/runtime.js';
import { loadReferenceData, seedDemoData } from '../../apps/server/src/seed/index.js';
import type { LoadDriver } from './load.js';

/** A built, ready Zhengtong app with the demo data, and how to shut it and its database down. */
export interface AppHandle {
  app: FastifyInstance;
  close: () => Promise<void>;
}

/** What a scenario needs seeded besides the demo directory, accounts and seals. */
export interface AppNeeds {
  /** the demo catalogue (items, lists, bundles): slow to seed, so only when asked */
  catalogue: boolean;
}

/** Builds the app under test; the runner makes it listen on loopback. */
export type AppFactory = (needs: AppNeeds) => Promise<AppHandle>;

/** What the scenarios drive: the app listening on loopback, and the load driver process. */
export interface Target {
  app: FastifyInstance;
  baseUrl: string;
  load: LoadDriver;
}

/**
 * A database of its own for one run on the server `databaseUrl` names: `<database>_<label>`,
 * created fresh (an older one of that name, left by an interrupted run, is dropped first) and
 * dropped afterwards. CREATE/DROP DATABASE go through the server's `postgres` database, so the
 * user needs CREATEDB, and the database the URL names need not exist.
 */
export async function scratchDatabase(
  databaseUrl: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(databaseUrl);
  const prefix = decodeURIComponent(base.pathname.replace(/^\//, '')) || 'zt_bench';
  const name = `${prefix}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    try {
      await client.connect();
      await client.query(sql);
    } catch (err) {
      throw new Error(
        `cannot ${sql.split(' ').slice(0, 2).join(' ')} ${name} on ${base.host} (through its "postgres" database; CREATEDB is needed): ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Zhengtong as main.ts starts it, on a fresh data dir: the embedded PostgreSQL, or a scratch
 * database (see scratchDatabase) on the server `databaseUrl` names. Demo data is always seeded
 * (the scenarios sign in as demo staff); request logging is off so it does not flood the output.
 */
export function defaultAppFactory(databaseUrl: string | undefined, label: string): AppFactory {
  return async (needs) => {
    const database = databaseUrl ? await scratchDatabase(databaseUrl, label) : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-'));
    // as root the embedded server runs as `postgres`, which must reach the directory
    fs.chmodSync(dataDir, 0o755);
    const cleanUp = async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    };
    const config = loadConfig({
      ZT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ZT_DEMO: 'true',
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
    const log = pino({ level: 'warn' });
    let runtime;
    try {
      runtime = await openRuntime(config, log);
    } catch (err) {
      await cleanUp();
      throw err;
    }
    try {
      await loadReferenceData(runtime.kernel, log);
      await seedDemoData(runtime.kernel, log, { catalogue: needs.catalogue });
      const app = await buildApp({ kernel: runtime.kernel, webDist: undefined, logger: false });
      await app.ready();
      runtime.startBackground();
      const opened = runtime;
      return {
        app,
        close: async () => {
          await app.close();
          await opened.close();
          await cleanUp();
        },
      };
    } catch (err) {
      await runtime.close();
      await cleanUp();
      throw err;
    }
  };
}
