import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  platform: string;
  release: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: os.platform(),
    release: os.release(),
  };
}

/** HEAD of the repository, or 'unknown' outside a git checkout. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: path.resolve(import.meta.dirname, '..', '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export async function postgresVersion(app: FastifyInstance): Promise<string> {
  const { rows } = await app.kernel.db.pool.query<{ version: string }>('SELECT version()');
  return rows[0]?.version ?? 'unknown';
}
