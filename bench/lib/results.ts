import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './environment.js';
import type { Measured } from './stats.js';

/** A measured thing beside its in-process baseline from the same run. */
export interface Measurement extends Measured {
  what: string;
  baseline?: {
    what: string;
    opsPerSec: number;
    count: number;
    p50Ms: number;
    p95Ms?: number;
    p99Ms: number;
    errors?: number;
    /** measured ops/s as a share of the baseline's */
    share: number;
  };
}

export interface TargetCheck {
  name: string;
  measurement: string;
  /** how `measured` must compare with `target` (default ≥) */
  comparison?: '≥' | '≤' | '<';
  target: number;
  unit: string;
  measured: number;
  met: boolean;
  note: string;
}

/** What a scenario reports; the runner adds where and when it ran. */
export interface ScenarioResult {
  scale: Record<string, number>;
  concurrency: number;
  measurements: Record<string, Measurement>;
  targets: TargetCheck[];
  details: Record<string, unknown>;
}

export interface BenchResult extends ScenarioResult {
  scenario: string;
  mode: 'embedded' | 'server';
  smoke: boolean;
  commit: string;
  date: string;
  machine: Machine;
  node: string;
  postgres: string;
}

export function resultFileName(r: Pick<BenchResult, 'scenario' | 'mode'>): string {
  return `${r.scenario}-${r.mode}.json`;
}

export function writeResult(dir: string, result: BenchResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultFileName(result));
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeSummary(dir);
  return file;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A hand-written reading of the results beside them, linked from the summary when present. */
const FINDINGS = 'findings.md';

/** README.md of `dir`: one table row per measurement of every result file there. */
export function writeSummary(dir: string): string {
  const results = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: f,
      r: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as BenchResult,
    }));
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (see [../README.md](../README.md)); do not edit by hand.',
    'ops/s is successful operations per second of wall time; latencies are per operation, in ms;',
    'count is the operations measured (the data scale of each run is in its JSON file, `scale`).',
    'The baseline is measured in the same run (see each scenario in ../README.md).',
    ...(fs.existsSync(path.join(dir, FINDINGS))
      ? [
          '',
          `What the figures say, and which targets are missed and why: [${FINDINGS}](${FINDINGS}).`,
        ]
      : []),
    '',
    '| result | date | commit | machine | PostgreSQL | measured | count | conc. | ops/s | p50 | p95 | p99 | errors | baseline ops/s | baseline p99 | target | met |',
    '|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const { file, r } of results) {
    const pg = /^PostgreSQL (\S+)/.exec(r.postgres)?.[1] ?? r.postgres;
    const box = `${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.totalMemoryGiB} GiB, Node ${r.node}`;
    for (const [key, m] of Object.entries(r.measurements)) {
      const targets = r.targets.filter((t) => t.measurement === key);
      lines.push(
        `| [${file}](${file}) | ${r.date.slice(0, 10)} | ${r.commit.slice(0, 8)} | ${box} | ${pg} | ${m.what} | ${m.count} | ${r.concurrency} | ${fmt(m.opsPerSec)} | ${fmt(m.p50Ms)} | ${fmt(m.p95Ms)} | ${fmt(m.p99Ms)} | ${m.errors} | ${m.baseline ? fmt(m.baseline.opsPerSec) : '–'} | ${m.baseline ? fmt(m.baseline.p99Ms) : '–'} | ${targets.map((t) => `${t.comparison ?? '≥'} ${t.target} ${t.unit}`).join('; ') || '–'} | ${targets.map((t) => (t.met ? 'yes' : 'no')).join('; ') || '–'} |`,
      );
    }
  }
  const notes = results.flatMap(({ file, r }) =>
    r.targets.filter((t) => t.note).map((t) => `- ${file}, ${t.name}: ${t.note}`),
  );
  const scenarioNotes = results.flatMap(({ file, r }) =>
    typeof r.details.notes === 'string' ? [`- ${file}: ${r.details.notes}`] : [],
  );
  if (notes.length + scenarioNotes.length > 0) {
    lines.push('', '## Notes', '', ...scenarioNotes, ...notes);
  }
  const file = path.join(dir, 'README.md');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
