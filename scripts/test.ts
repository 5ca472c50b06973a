/**
 * `npm test`: every unit and API test against real PostgreSQL — the server named by
 * TEST_DATABASE_URL, or one embedded server started for the run. One migrated template
 * database is made first; each test file then clones its own database from it.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../apps/server/src/kernel/db/embedded.js';
import { runMigrations } from '../apps/server/src/kernel/db/migrate.js';

const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = ['packages', 'apps/server/src']
    .flatMap((d) => findTests(path.join(root, d)))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    process.stderr.write('no test files matched\n');
    return 1;
  }

  let embedded: EmbeddedServer | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-test-'));
    // as root the server runs as `postgres`, which must reach the directory
    fs.chmodSync(tmp, 0o755);
    process.stdout.write(`starting an embedded PostgreSQL for the tests in ${tmp}\n`);
    embedded = await startEmbeddedPostgres({ clusterDir: path.join(tmp, 'pg') });
    adminUrl = embedded.url('postgres');
  } else {
    process.stdout.write(`testing on TEST_DATABASE_URL (${new URL(adminUrl).host})\n`);
  }
  const template = `zt_template_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let code = 1;
  try {
    await admin.query(`CREATE DATABASE ${template}`);
    const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 });
    await runMigrations(pool);
    await pool.end();

    code = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=zt-source',
          '--import',
          'tsx',
          '--test',
          '--test-reporter=spec',
          `--test-concurrency=${Math.max(2, os.availableParallelism())}`,
          ...files,
        ],
        {
          cwd: root,
          stdio: 'inherit',
          env: { ...process.env, ZT_TEST_ADMIN_URL: adminUrl, ZT_TEST_TEMPLATE: template },
        },
      );
      child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
  } finally {
    // leftover per-file databases of crashed test files go with the template
    const left = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2',
      [`${template}_%`, template],
    );
    for (const { datname } of left.rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `test run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
