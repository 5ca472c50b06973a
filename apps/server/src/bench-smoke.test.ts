import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from './test-support/app.js';
import { FAST_ARGON2 } from './test-support/identity.js';

/*
 * The benchmark harness (bench/, outside this package) run as a smoke test: every scenario with
 * --smoke through the same runner `npm run bench -- --smoke` uses, on one app with the demo
 * catalogue on this test's own database. bench/ is loaded at run time so this package's build
 * does not take it in.
 */

interface Measurement {
  what: string;
  count: number;
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  baseline?: { opsPerSec: number; errors?: number };
}
interface BenchModule {
  RESULTS_DIR: string;
  runBench: (options: {
    argv: string[];
    appFactory: (needs: {
      catalogue: boolean;
    }) => Promise<{ app: FastifyInstance; close: () => Promise<void> }>;
    log: (line: string) => void;
  }) => Promise<
    {
      file: string;
      result: {
        scenario: string;
        smoke: boolean;
        postgres: string;
        machine: { cpus: number };
        scale: Record<string, number>;
        measurements: Record<string, Measurement>;
        targets: { name: string; target: number; measured: number; met: boolean }[];
        details: Record<string, unknown>;
      };
    }[]
  >;
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

const SCENARIOS = [
  'http-floor',
  'db-floor',
  'lifecycle',
  'workflow-engine',
  'workbench-query',
  'certificates',
  'catalog-search',
  'oidc-tokens',
];

describe('bench: every scenario, --smoke', () => {
  it('measures each over HTTP or in process beside its baseline, writing only to a temp dir', async () => {
    const bench = (await import(runner)) as BenchModule;
    const before = snapshot(bench.RESULTS_DIR);
    const lines: string[] = [];
    let built = 0;
    const runs = await bench.runBench({
      argv: ['--smoke'],
      appFactory: async (needs) => {
        built += 1;
        const t = await createTestApp({ env: FAST_ARGON2, catalogue: needs.catalogue });
        return { app: t.app, close: t.close };
      },
      log: (line) => lines.push(line),
    });
    const dir = path.dirname(runs[0]!.file);
    try {
      assert.equal(built, 1, 'a smoke run of every scenario shares one app');
      assert.deepEqual(
        runs.map((r) => r.result.scenario),
        SCENARIOS,
      );
      for (const { result, file } of runs) {
        const name = result.scenario;
        assert.equal(result.smoke, true);
        assert.match(result.postgres, /^PostgreSQL \d+/);
        assert.ok(result.machine.cpus >= 1);
        assert.ok(Object.keys(result.scale).length > 0, `${name}: no scale`);
        assert.ok(Object.keys(result.measurements).length > 0, `${name}: nothing measured`);
        for (const [key, m] of Object.entries(result.measurements)) {
          assert.equal(
            m.errors,
            0,
            `${name} ${key}: ${m.errors} errors ${JSON.stringify(result.details)}`,
          );
          assert.equal(m.baseline?.errors ?? 0, 0, `${name} ${key}: baseline errors`);
          for (const n of [m.opsPerSec, m.p50Ms, m.p95Ms, m.p99Ms]) {
            assert.ok(Number.isFinite(n) && n > 0, `${name} ${key}: ${n}`);
          }
          if (m.baseline) assert.ok(m.baseline.opsPerSec > 0, `${name} ${key}: no baseline`);
          assert.ok(m.p50Ms <= m.p95Ms && m.p95Ms <= m.p99Ms);
        }
        for (const t of result.targets) assert.ok(Number.isFinite(t.measured), `${name} ${t.name}`);
        // a smoke run's results go to a temporary directory, never into bench/results
        assert.ok(file.startsWith(os.tmpdir()), file);
        assert.equal(path.dirname(file), dir);
        assert.ok(fs.existsSync(file));
      }
      const certificates = runs.find((r) => r.result.scenario === 'certificates')!.result;
      assert.deepEqual(certificates.scale, { issue: 5, verify: 10 });
      assert.deepEqual(
        certificates.targets.map((t) => [t.name, t.target]),
        [
          ['issued', 300],
          ['verified', 300],
        ],
      );
      assert.ok(lines.length > 0, 'the runner said what it was doing');
      const summary = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      for (const name of SCENARIOS) assert.ok(summary.includes(`${name}-server.json`), name);
      assert.deepEqual(snapshot(bench.RESULTS_DIR), before, 'bench/results was written to');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
