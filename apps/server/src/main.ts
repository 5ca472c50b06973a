import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './kernel/config.js';
import { loggerOptions } from './kernel/logging.js';
import { openRuntime } from './kernel/runtime.js';
import { loadReferenceData, seedDemoData } from './seed/index.js';
import { seedDemoApplications } from './seed/demo-applications.js';

/** apps/web/dist, the same from src/ and dist/. */
export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** config → PostgreSQL → migrations → reference (and demo) data → app → listen; closes in reverse. */
export async function startServer(): Promise<{ close: () => Promise<void>; url: string }> {
  const config = loadConfig();
  const log = pino(loggerOptions(config.logLevel));
  const runtime = await openRuntime(config, log);
  try {
    await loadReferenceData(runtime.kernel, log);
    if (config.demo) await seedDemoData(runtime.kernel, log);
    const app = await buildApp({
      kernel: runtime.kernel,
      webDist: config.webDist ?? defaultWebDist,
    });
    if (config.demo) await seedDemoApplications(app, log);
    runtime.startBackground();
    const url = await app.listen({ port: config.port, host: config.host });
    log.info(
      { url, demo: config.demo, embedded: config.databaseUrl === undefined },
      'Zhengtong is up',
    );
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await app.close();
        await runtime.close();
      })();
      return closing;
    };
    return { close, url };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}
