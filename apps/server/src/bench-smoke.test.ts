import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from './test-support/app.js';
import { FAST_ARGON2 } from './test-support/identity.js';

/*
 * The benchmark harness (bench/, outside this package) run as a smoke test: the certificates
 * scenario with --smoke through the same runner `npm run bench` uses, against this test's own
 * database. bench/ is loaded at run time so this package's build does not take it in.
 */

interface Measurement {
  what: string;
  count: number;
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  baseline?: { opsPerSec: number };
}
interface BenchModule {
  RESULTS_DIR: string;
  runBench: (options: {
    argv: string[];
    appFactory: () => Promise<{ app: FastifyInstance; close: () => Promise<void> }>;
    log: (line: string) => void;
  }) => Promise<{
    file: string;
    result: {
      scenario: string;
      smoke: boolean;
      postgres: string;
      machine: { cpus: number };
      scale: Record<string, number>;
      measurements: Record<string, Measurement>;
      targets: { name: string; target: number; measured: number; met: boolean }[];
    };
  }>;
}

const runner = new URL('../../../bench/run.ts', import.meta.url).href;

/** name → size and mtime of every file under dir (empty when it does not exist) */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }).map(String)) {
    const stat = fs.statSync(path.join(dir, name));
    out[name] = `${stat.size}:${stat.mtimeMs}`;
  }
  return out;
}

describe('bench: the certificates scenario, --smoke', () => {
  it('issues and verifies over HTTP beside the sm-crypto-v2 baseline, writing only to a temp dir', async () => {
    const bench = (await import(runner)) as BenchModule;
    const before = snapshot(bench.RESULTS_DIR);
    const lines: string[] = [];
    const { result, file } = await bench.runBench({
      argv: ['certificates', '--smoke', '--count', '5', '--verify-count', '10'],
      appFactory: async () => {
        const t = await createTestApp({ env: FAST_ARGON2 });
        return { app: t.app, close: t.close };
      },
      log: (line) => lines.push(line),
    });
    try {
      assert.equal(result.scenario, 'certificates');
      assert.equal(result.smoke, true);
      assert.match(result.postgres, /^PostgreSQL \d+/);
      assert.ok(result.machine.cpus >= 1);
      assert.deepEqual(result.scale, { issue: 5, verify: 10 });
      for (const key of ['issue', 'verify']) {
        const m = result.measurements[key];
        assert.ok(m, `no ${key} measurement`);
        assert.equal(m.errors, 0, `${key}: ${m.errors} errors`);
        for (const n of [m.opsPerSec, m.p50Ms, m.p95Ms, m.p99Ms, m.baseline?.opsPerSec]) {
          assert.ok(typeof n === 'number' && Number.isFinite(n) && n > 0, `${key}: ${n}`);
        }
        assert.ok(m.p50Ms <= m.p95Ms && m.p95Ms <= m.p99Ms);
      }
      assert.equal(result.measurements.issue!.count, 5);
      assert.equal(result.measurements.verify!.count, 10);
      assert.deepEqual(
        result.targets.map((t) => [t.name, t.target]),
        [
          ['issued', 300],
          ['verified', 300],
        ],
      );
      assert.ok(lines.length > 0, 'the runner said what it was doing');

      // a smoke run's result goes to a temporary directory, never into bench/results
      assert.ok(file.startsWith(os.tmpdir()), file);
      assert.ok(fs.existsSync(file));
      assert.ok(fs.existsSync(path.join(path.dirname(file), 'README.md')));
      assert.deepEqual(snapshot(bench.RESULTS_DIR), before, 'bench/results was written to');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
