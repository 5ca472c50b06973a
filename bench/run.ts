/**
 * `npm run bench -- <scenario> [--smoke] [--count N] [--verify-count M] [--concurrency C]
 * [--results DIR]`: starts Zhengtong in-process on a fresh data dir (the embedded PostgreSQL, or
 * DATABASE_URL), listening on loopback, runs the scenario against it with the load driven from a
 * separate process, and writes bench/results/<scenario>-<embedded|server>.json and the summary
 * bench/results/README.md. A --smoke run writes into a temporary directory instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { gitCommit, machine, postgresVersion } from './lib/environment.js';
import { writeResult, type BenchResult } from './lib/results.js';
import { defaultAppFactory, type AppFactory } from './lib/target.js';
import { scenarios } from './scenarios/index.js';

export const RESULTS_DIR = path.join(import.meta.dirname, 'results');

export interface BenchOptions {
  /** the command line after `npm run bench --` */
  argv: string[];
  /** builds the app under test (default: main.ts's way, on a fresh data dir) */
  appFactory?: AppFactory;
  /** with the default factory: a server database instead of the embedded one */
  databaseUrl?: string | undefined;
  /** what the result file is named after; default from whether a database URL is used */
  mode?: 'embedded' | 'server';
  /** where results go (default bench/results, or a new temporary directory for --smoke) */
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface BenchRun {
  result: BenchResult;
  file: string;
}

const usage = `usage: npm run bench -- <scenario> [--smoke] [--count N] [--verify-count M] [--concurrency C] [--results DIR]
scenarios: ${Object.keys(scenarios).join(', ')}`;

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return n;
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const { values, positionals } = parseArgs({
    args: options.argv,
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      count: { type: 'string' },
      'verify-count': { type: 'string' },
      concurrency: { type: 'string' },
      results: { type: 'string' },
    },
  });
  const name = positionals[0];
  const scenario = name ? scenarios[name] : undefined;
  if (!scenario || positionals.length > 1) throw new Error(usage);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const smoke = values.smoke;
  const verifyCount = positiveInt('verify-count', values['verify-count']);
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 8;

  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const mode = options.mode ?? (options.appFactory || databaseUrl ? 'server' : 'embedded');
  const resultsDir =
    options.resultsDir ??
    values.results ??
    (smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-smoke-')) : RESULTS_DIR);

  log(`${scenario.name}: starting Zhengtong (${mode} PostgreSQL)`);
  const handle = await (options.appFactory ?? defaultAppFactory(databaseUrl))();
  try {
    const baseUrl = await handle.app.listen({ host: '127.0.0.1', port: 0 });
    const postgres = await postgresVersion(handle.app);
    const outcome = await scenario.run(
      { app: handle.app, baseUrl },
      {
        smoke,
        count: positiveInt('count', values.count),
        counts: verifyCount !== undefined ? { verify: verifyCount } : {},
        concurrency,
        log,
      },
    );
    const result: BenchResult = {
      scenario: scenario.name,
      mode,
      smoke,
      commit: gitCommit(),
      date: new Date().toISOString(),
      machine: machine(),
      node: process.version,
      postgres,
      ...outcome,
    };
    const file = writeResult(resultsDir, result);
    return { result, file };
  } finally {
    await handle.close();
  }
}

function report({ result, file }: BenchRun): string {
  const lines = [`${result.scenario} (${result.mode}), concurrency ${result.concurrency}:`];
  for (const m of Object.values(result.measurements)) {
    lines.push(
      `  ${m.what}: ${m.opsPerSec}/s, p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms, p99 ${m.p99Ms} ms, ${m.errors} errors (${m.count})` +
        (m.baseline ? `; baseline ${m.baseline.opsPerSec}/s (${m.baseline.what})` : ''),
    );
  }
  for (const t of result.targets) {
    lines.push(
      `  target ≥ ${t.target} ${t.unit}: ${t.met ? 'met' : 'MISSED'} (${t.measured})${t.note ? ` – ${t.note}` : ''}`,
    );
  }
  lines.push(`  written to ${file}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBench({ argv: process.argv.slice(2) }).then(
    (run) => {
      process.stdout.write(`${report(run)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(
        `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
