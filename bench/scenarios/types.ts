import type { ScenarioResult } from '../lib/results.js';
import type { AppNeeds, Target } from '../lib/target.js';

/** `--scale`: how many applications a bulk-seeded data set holds. */
export const SCALES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type Scale = keyof typeof SCALES;

export interface ScenarioOptions {
  smoke: boolean;
  /** --count: the scenario's main scale (undefined: its default) */
  count: number | undefined;
  /** --verify-count and the like: secondary scales by name */
  counts: Record<string, number>;
  /** --concurrency (undefined: the scenario's default) */
  concurrency: number | undefined;
  /** --scale (undefined: the scenario's default) */
  scale: Scale | undefined;
  /** --duration: the longest any one measured phase may run, in ms */
  deadlineMs: number;
  log: (line: string) => void;
}

/** One benchmark scenario: drives the target and reports what it measured. */
export interface Scenario {
  name: string;
  description: string;
  /** what the app must have seeded besides the demo directory and accounts */
  needs?: Partial<AppNeeds>;
  run: (target: Target, options: ScenarioOptions) => Promise<ScenarioResult>;
}

/** Applications to bulk-seed: `--scale`, else the scenario's default; a smoke run seeds 1,000. */
export function applicationsAt(o: ScenarioOptions, fallback: Scale): number {
  return o.smoke && o.scale === undefined ? 1_000 : SCALES[o.scale ?? fallback];
}
