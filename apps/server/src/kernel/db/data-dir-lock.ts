import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../process-alive.js';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `another Zhengtong (pid ${pid}) is already running on the data directory ${dataDir}; ` +
        'stop it first, or start this one with another ZT_DATA_DIR',
    );
    this.name = 'DataDirLockedError';
  }
}

/** lock files this process holds (a pid match alone could be a stale lock from a former life) */
const held = new Set<string>();

/**
 * Claims the data directory for this process with an exclusively created lock file, so that a
 * second Zhengtong on the same directory refuses instead of starting a second PostgreSQL over
 * the same files. A lock left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): { release: () => void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'zhengtong.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      held.add(file);
      return {
        release: () => {
          held.delete(file);
          try {
            if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      const ours = pid === process.pid;
      if (Number.isInteger(pid) && (ours ? held.has(file) : isProcessAlive(pid))) {
        throw new DataDirLockedError(dataDir, pid);
      }
      // stale lock from a process that is gone
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the data directory ${dataDir}`);
}
