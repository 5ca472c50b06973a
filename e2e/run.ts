// `npm run test:e2e`: the browser journeys (e2e/journeys/*.e2e.ts) against a fresh platform.
// Starts Zhengtong as `npm start` does (building what is not built yet) on an embedded database
// in a temporary data directory and a free port, waits for /readyz, runs every journey with the
// node:test runner, stops the server and removes the directory. With ZT_E2E_URL set it runs the
// journeys against that server instead (its ZT_PUBLIC_URL must be that address: the certificate
// QR codes and the OIDC issuer carry it). ZT_E2E_PORT picks the port.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const journeysDir = path.join(import.meta.dirname, 'journeys');
/** the first start builds the server and the web app and initialises the cluster */
const READY_WITHIN_MS = 10 * 60_000;

const journeys = fs
  .readdirSync(journeysDir)
  .filter((name) => name.endsWith('.e2e.ts'))
  .sort()
  .map((name) => path.join(journeysDir, name));

let server: ChildProcess | undefined;
let dataDir: string | undefined;

async function main(): Promise<number> {
  const external = process.env.ZT_E2E_URL;
  const url = external ?? (await startServer());
  console.log(`e2e: ${journeys.length} journeys against ${url}`);
  const started = Date.now();
  const code = await run(
    process.execPath,
    ['--conditions=zt-source', '--import', 'tsx', '--test', '--test-reporter=spec', ...journeys],
    { ...process.env, ZT_E2E_URL: url },
  );
  console.log(`e2e: journeys took ${Math.round((Date.now() - started) / 1000)} s`);
  return code;
}

async function startServer(): Promise<string> {
  const port = Number(process.env.ZT_E2E_PORT ?? (await freePort()));
  const url = `http://127.0.0.1:${port}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-e2e-'));
  // as root, PostgreSQL runs as `postgres`, which must reach the cluster directory
  fs.chmodSync(dataDir, 0o755);
  const log = path.join(dataDir, 'server.log');
  const out = fs.openSync(log, 'a');
  console.log(`e2e: starting Zhengtong on ${url} (data ${dataDir})`);
  // the embedded database with the demo data, whatever the calling shell has set
  const { DATABASE_URL: _database, ...env } = process.env;
  server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...env,
      ZT_DEMO: 'true',
      ZT_DATA_DIR: path.join(dataDir, 'zt'),
      PORT: String(port),
      HOST: '127.0.0.1',
      ZT_PUBLIC_URL: url,
    },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()));
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (await ready(url)) return url;
    const stopped = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
    ]);
    if (stopped) {
      server = undefined;
      throw new Error(`the server exited before it was ready:\n${tail(log)}`);
    }
  }
  throw new Error(`the server was not ready within ${READY_WITHIN_MS / 1000} s:\n${tail(log)}`);
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Stops the server we started (SIGTERM, then SIGKILL) and removes its data directory. */
async function cleanUp(failed: boolean): Promise<void> {
  const running = server;
  server = undefined;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) {
    if (failed)
      console.log(`e2e: server log (last lines)\n${tail(path.join(dataDir, 'server.log'), 30)}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp(true).finally(() => process.exit(130)));
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp(code !== 0);
}
process.exit(code);
