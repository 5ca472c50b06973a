import type { ScenarioResult } from '../lib/results.js';
import type { Target } from '../lib/target.js';

export interface ScenarioOptions {
  smoke: boolean;
  /** --count: the scenario's main scale (undefined: its default) */
  count: number | undefined;
  /** --verify-count and the like: secondary scales by name */
  counts: Record<string, number>;
  concurrency: number;
  log: (line: string) => void;
}

/** One benchmark scenario: drives the target and reports what it measured. */
export interface Scenario {
  name: string;
  description: string;
  run: (target: Target, options: ScenarioOptions) => Promise<ScenarioResult>;
}
