/**
 * `npm run bench -- <scenario|all> [--smoke] [--scale 10k|100k|1m] [--count N] [--concurrency C]
 * [--duration S] [--results DIR]`: starts Zhengtong in-process on a fresh database (the embedded
 * PostgreSQL, or a scratch database on the server DATABASE_URL names), listening on loopback,
 * runs the scenario against it with the load driven from a separate process, and writes
 * bench/results/<scenario>-<embedded|server>.json and the summary bench/results/README.md.
 * `all` runs every scenario, each on an app and database of its own. `--smoke` alone runs every
 * scenario at a tiny scale on one shared app, writing into a temporary directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { gitCommit, machine, postgresVersion } from './lib/environment.js';
import { LoadDriver } from './lib/load.js';
import { writeResult, type BenchResult } from './lib/results.js';
import { defaultAppFactory, type AppFactory, type AppHandle, type AppNeeds } from './lib/target.js';
import { scenarios } from './scenarios/index.js';
import { SCALES, type Scale, type Scenario, type ScenarioOptions } from './scenarios/types.js';

export const RESULTS_DIR = path.join(import.meta.dirname, 'results');

export interface BenchOptions {
  /** the command line after `npm run bench --` */
  argv: string[];
  /** builds the app under test (default: main.ts's way, on a fresh database) */
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

const usage = `usage: npm run bench -- <scenario|all> [--smoke] [--scale 10k|100k|1m] [--count N] [--verify-count M] [--concurrency C] [--duration S] [--results DIR]
       npm run bench -- --smoke        (every scenario, tiny)
scenarios: ${Object.keys(scenarios).join(', ')}`;

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return n;
}

function chosen(positionals: string[], smoke: boolean): Scenario[] {
  const [name, ...rest] = positionals;
  if (rest.length > 0) throw new Error(usage);
  if (name === 'all' || (name === undefined && smoke)) return Object.values(scenarios);
  const scenario = name ? scenarios[name] : undefined;
  if (!scenario) throw new Error(usage);
  return [scenario];
}

const needsOf = (list: Scenario[]): AppNeeds => ({
  catalogue: list.some((s) => s.needs?.catalogue === true),
});

/**
 * Runs the scenarios asked for, one after another, and writes their results. Each gets an app
 * and database of its own, except in a smoke run of several, which share one (seeding the
 * catalogue once keeps it quick).
 */
export async function runBench(options: BenchOptions): Promise<BenchRun[]> {
  const { values, positionals } = parseArgs({
    args: options.argv,
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      scale: { type: 'string' },
      count: { type: 'string' },
      'verify-count': { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      results: { type: 'string' },
    },
  });
  const smoke = values.smoke;
  const list = chosen(positionals, smoke);
  if (values.scale !== undefined && !(values.scale in SCALES)) {
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}\n${usage}`);
  }
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const verifyCount = positiveInt('verify-count', values['verify-count']);
  const scenarioOptions: ScenarioOptions = {
    smoke,
    count: positiveInt('count', values.count),
    counts: verifyCount !== undefined ? { verify: verifyCount } : {},
    concurrency: positiveInt('concurrency', values.concurrency),
    scale: values.scale as Scale | undefined,
    deadlineMs: (positiveInt('duration', values.duration) ?? (smoke ? 15 : 60)) * 1000,
    log,
  };

  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const mode = options.mode ?? (options.appFactory || databaseUrl ? 'server' : 'embedded');
  const resultsDir =
    options.resultsDir ??
    values.results ??
    (smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'zt-bench-smoke-')) : RESULTS_DIR);
  const factory = (label: string) => options.appFactory ?? defaultAppFactory(databaseUrl, label);

  const load = new LoadDriver();
  const runs: BenchRun[] = [];
  const failures: string[] = [];
  let shared: AppHandle | undefined;
  try {
    if (smoke && list.length > 1) {
      log(`starting Zhengtong (${mode} PostgreSQL) for ${list.length} scenarios`);
      shared = await factory('smoke')(needsOf(list));
    }
    for (const scenario of list) {
      if (!shared) log(`${scenario.name}: starting Zhengtong (${mode} PostgreSQL)`);
      let handle: AppHandle | undefined;
      try {
        handle = shared ?? (await factory(scenario.name)(needsOf([scenario])));
        const baseUrl = await listening(handle);
        const postgres = await postgresVersion(handle.app);
        log(`${scenario.name}: ${scenario.description}`);
        const outcome = await scenario.run({ app: handle.app, baseUrl, load }, scenarioOptions);
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
        const run = { result, file: writeResult(resultsDir, result) };
        runs.push(run);
        log(report(run));
      } catch (err) {
        // one scenario failing does not stop the others of a suite
        const why = err instanceof Error ? (err.stack ?? err.message) : String(err);
        failures.push(`${scenario.name}: ${why}`);
        log(`${scenario.name} FAILED: ${why}`);
      } finally {
        if (!shared) await handle?.close();
      }
    }
  } finally {
    await shared?.close();
    await load.close();
  }
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${list.length} scenarios failed:\n${failures.join('\n')}`,
    );
  }
  return runs;
}

/** The app's loopback address, listening first if it is not yet. */
async function listening(handle: AppHandle): Promise<string> {
  const address = handle.app.server.address();
  if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`;
  return handle.app.listen({ host: '127.0.0.1', port: 0 });
}

export function report({ result, file }: BenchRun): string {
  const scale = Object.entries(result.scale)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `${result.scenario} (${result.mode}), concurrency ${result.concurrency}, scale: ${scale}`,
  ];
  for (const m of Object.values(result.measurements)) {
    lines.push(
      `  ${m.what}: ${m.opsPerSec}/s, p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms, p99 ${m.p99Ms} ms, ${m.errors} errors (${m.count})` +
        (m.baseline
          ? `; baseline ${m.baseline.opsPerSec}/s, p99 ${m.baseline.p99Ms} ms (${m.baseline.what})`
          : ''),
    );
  }
  for (const t of result.targets) {
    lines.push(
      `  target ${t.comparison ?? '≥'} ${t.target} ${t.unit}: ${t.met ? 'met' : 'MISSED'} (${t.measured})${t.note ? ` – ${t.note}` : ''}`,
    );
  }
  lines.push(`  written to ${file}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBench({ argv: process.argv.slice(2) }).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
