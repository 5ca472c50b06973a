import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LoadReport, LoadSample } from './load-driver.js';
import type { Measurement, TargetCheck } from './results.js';
import { round, summarise, type Measured } from './stats.js';

/**
 * Figures of a load report. Requests the deadline left unsent are reported as `skipped`, or
 * counted as errors with `skippedAreErrors` (a run that must do its whole count).
 */
export function measured(
  report: Pick<LoadReport, 'samples' | 'skipped' | 'wallMs'>,
  skippedAreErrors = false,
): Measured {
  const m = measuredSamples(report.samples, report.wallMs, skippedAreErrors ? report.skipped : 0);
  return report.skipped > 0 && !skippedAreErrors ? { ...m, skipped: report.skipped } : m;
}

export function measuredSamples(samples: LoadSample[], wallMs: number, extraErrors = 0): Measured {
  const m = summarise(
    samples.map((s) => s.ms),
    samples.filter((s) => !s.ok).length,
    wallMs,
  );
  // operations never sent are errors but have no latency and are not in ops/s
  return extraErrors > 0 ? { ...m, errors: m.errors + extraErrors } : m;
}

/** The first few failures of a report, for the result's details. */
export function firstErrors(samples: readonly LoadSample[]): string[] {
  return samples
    .filter((s) => !s.ok)
    .slice(0, 3)
    .map((s) => `${s.status} ${s.error ?? ''}`.trim());
}

/** `count` timed calls of a synchronous `op` in this process, one after another. */
export function loop(count: number, op: () => unknown): Measured {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    op();
    latencies.push(performance.now() - t);
  }
  return summarise(latencies, 0, performance.now() - started);
}

export interface InProcessRun {
  /** one sample per unit of work */
  report: LoadReport;
  /** the first error thrown, if any */
  firstError?: string;
}

/**
 * `count` units of async work in this process, `concurrency` at a time, none started after
 * `deadlineMs`: the in-process counterpart of the load driver, for baselines and for what is
 * driven through a service API rather than HTTP. A unit may report named steps' latencies.
 */
export async function runConcurrent(
  o: { count: number; concurrency: number; deadlineMs: number },
  unit: (i: number, step: (name: string, ms: number) => void) => Promise<unknown>,
): Promise<InProcessRun> {
  const samples: LoadSample[] = [];
  const steps: Record<string, LoadSample[]> = {};
  let next = 0;
  let skipped = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= o.count) return;
      if (performance.now() - started > o.deadlineMs) {
        skipped++;
        continue;
      }
      const t = performance.now();
      try {
        await unit(i, (name, ms) => (steps[name] ??= []).push({ ms, status: 200, ok: true }));
        samples.push({ ms: performance.now() - t, status: 200, ok: true });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        firstError ??= error;
        samples.push({ ms: performance.now() - t, status: 0, ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, o.count)) }, worker));
  return {
    report: { wallMs: performance.now() - started, samples, steps, skipped },
    ...(firstError !== undefined ? { firstError } : {}),
  };
}

/** Times one async call and hands its latency to `step`. */
export async function timed<T>(
  step: (name: string, ms: number) => void,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const t = performance.now();
  const result = await fn();
  step(name, performance.now() - t);
  return result;
}

export function withBaseline(
  what: string,
  m: Measured,
  baselineWhat: string,
  b: Measured,
): Measurement {
  return {
    what,
    ...m,
    baseline: {
      what: baselineWhat,
      opsPerSec: b.opsPerSec,
      count: b.count,
      p50Ms: b.p50Ms,
      p95Ms: b.p95Ms,
      p99Ms: b.p99Ms,
      errors: b.errors,
      share: b.opsPerSec > 0 ? round(m.opsPerSec / b.opsPerSec, 3) : 0,
    },
  };
}

const COMPARE = {
  '≥': (a: number, b: number) => a >= b,
  '≤': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
} as const;

/**
 * A target checked against a measured figure; met only with zero errors in the measurement.
 * Notes when the machine is not the 2-core box the targets are stated for.
 */
export function checkTarget(t: {
  name: string;
  measurement: string;
  m: Measurement;
  measured: number;
  comparison: keyof typeof COMPARE;
  target: number;
  unit: string;
  notes?: string[];
}): TargetCheck {
  const cpus = os.cpus().length;
  const notes = [
    cpus !== 2 ? `measured on ${cpus} cores, the target is for 2` : '',
    t.m.errors > 0 ? `${t.m.errors} errors` : '',
    ...(t.notes ?? []),
  ].filter(Boolean);
  return {
    name: t.name,
    measurement: t.measurement,
    comparison: t.comparison,
    target: t.target,
    unit: t.unit,
    measured: round(t.measured, 3),
    met: COMPARE[t.comparison](t.measured, t.target) && t.m.errors === 0,
    note: notes.join('; '),
  };
}
