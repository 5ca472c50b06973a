import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Kernel } from './context.js';
import { PeriodicTask } from './background.js';
import { CalendarService } from './calendar/service.js';
import { sealAuditChain } from './audit/chain.js';
import { loadAuditSigner } from './audit/signing-key.js';
import { openDatabase } from './db/database.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { JobRunner } from './events/jobs.js';
import { OutboxDispatcher } from './events/outbox.js';
import { createMetrics } from './metrics.js';
import { createFieldCrypto, loadFieldKey } from './field-crypto.js';
import { createSm2Signer } from './sm2-signer.js';

export interface Runtime {
  kernel: Kernel;
  /** starts the sealer, the outbox dispatcher and the job runner */
  startBackground: () => void;
  /** stops everything it started, in reverse order */
  close: () => Promise<void>;
}

/**
 * Brings up what the platform stands on, in order: the data directory lock, PostgreSQL
 * (embedded unless DATABASE_URL), the pool, migrations, the kernel services. `close` undoes it.
 */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (err) {
        log.error({ err }, 'error while shutting down');
      }
    }
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const lock = lockDataDir(config.dataDir);
      closers.push(() => lock.release());
      const pgLog = log.child({ component: 'postgres' });
      log.info({ dir: path.join(config.dataDir, 'pg') }, 'starting the embedded PostgreSQL');
      const server: EmbeddedServer = await startEmbeddedPostgres({
        clusterDir: path.join(config.dataDir, 'pg'),
        onLog: (line) => pgLog.debug(line),
      });
      closers.push(() => server.stop());
      databaseUrl = server.url('postgres');
      await ensureDatabase(server, 'zhengtong');
      databaseUrl = server.url('zhengtong');
    }
    const metrics = createMetrics();
    closers.push(() => metrics.close());
    const db = openDatabase(databaseUrl, { metrics });
    closers.push(() => db.close());
    await runMigrations(db.pool);
    const auditSigner = loadAuditSigner(config.dataDir, config.audit.signingKey);
    const dispatcher = new OutboxDispatcher(db.pool, {
      onError: (err, event, subscriber) =>
        log.warn(
          { err, eventId: event.id, topic: event.topic, subscriber },
          'event handler failed',
        ),
    });
    const jobs = new JobRunner(db.pool, {
      onError: (err, job) => log.warn({ err, jobId: job.id, kind: job.kind }, 'job failed'),
    });
    const calendar = new CalendarService(db.orm);
    await calendar.reload();
    const fieldCrypto = createFieldCrypto(loadFieldKey(config.dataDir, config.fieldKey));
    const signer = createSm2Signer(config.signingThreads);
    closers.push(() => signer.close());
    const kernel: Kernel = {
      config,
      db,
      metrics,
      dispatcher,
      jobs,
      auditSigner,
      calendar,
      fieldCrypto,
      signer,
    };

    const onError = (name: string, err: unknown) =>
      log.error({ err, task: name }, 'background task failed');
    const tasks = [
      new PeriodicTask(
        'audit-sealer',
        config.audit.sealIntervalMs,
        () =>
          sealAuditChain(db.pool, {
            signer: auditSigner,
            checkpointEvery: config.audit.checkpointEvery,
          }),
        onError,
      ),
      new PeriodicTask('outbox', 500, () => dispatcher.dispatchOnce(), onError),
      new PeriodicTask('jobs', 1000, () => jobs.runOnce(), onError),
    ];
    let started = false;
    closers.push(async () => {
      if (!started) return;
      await Promise.all(tasks.map((t) => t.stop()));
      // seal what this instance wrote, so a clean stop leaves a fully sealed, signed chain
      await sealAuditChain(db.pool, { signer: auditSigner, forceCheckpoint: true }).catch(
        (err: unknown) => log.warn({ err }, 'final audit seal failed'),
      );
    });
    return {
      kernel,
      startBackground: () => {
        started = true;
        for (const t of tasks) t.start();
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function ensureDatabase(server: EmbeddedServer, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
