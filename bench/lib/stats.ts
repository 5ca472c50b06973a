/** Latency and throughput figures of one measured thing. */
export interface Measured {
  /** requests (or operations) attempted */
  count: number;
  /** successful operations per second of wall time */
  opsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** operations never started because the phase's time was up (not errors) */
  skipped?: number;
  wallMs: number;
}

/** The nearest-rank percentile (0 < p ≤ 100) of sorted values; 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const round = (n: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Summarises per-operation latencies (ms) measured over `wallMs`. */
export function summarise(latencies: readonly number[], errors: number, wallMs: number): Measured {
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = latencies.length - errors;
  return {
    count: latencies.length,
    opsPerSec: wallMs > 0 ? round((ok * 1000) / wallMs, 1) : 0,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    errors,
    wallMs: round(wallMs, 1),
  };
}
