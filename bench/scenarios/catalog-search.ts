import { seedCatalogueLists } from '../lib/bulk-catalogue.js';
import { withCompanionPool } from '../lib/db.js';
import { firstErrors, measured, runConcurrent, withBaseline } from '../lib/measure.js';
import type { ScenarioResult } from '../lib/results.js';
import { ReplayPlan, replaySteps, statementCounts, withCapture } from '../lib/sql-floor.js';
import type { Target } from '../lib/target.js';
import type { Scenario, ScenarioOptions } from './types.js';

const LISTS = 5_000;
const REQUESTS = 5_000;
/** what people type: Chinese keywords and pinyin initials (yyzz 营业执照, bdc 不动产, sbk 社保卡) */
const QUERIES = ['出生', '营业执照', '不动产', '社保卡', '食品经营许可', 'yyzz', 'bdc', 'sbk'];

async function runCatalogSearch(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl, load } = target;
  const seeded = await seedCatalogueLists(app, o.count ?? (o.smoke ? 300 : LISTS), o.log);
  const count = o.smoke ? 30 : REQUESTS;
  const concurrency = o.concurrency ?? 8;
  // the portal's search, everywhere and in a region (郑州, and the first region seeded here)
  const regions = [undefined, '410100', ...seeded.regionCodes.slice(0, 1)];
  const paths = QUERIES.flatMap((q) =>
    regions.map(
      (region) =>
        `/api/v1/catalog/items?q=${encodeURIComponent(q)}${region ? `&region=${region}` : ''}&page=1&pageSize=20`,
    ),
  );

  // what each search sends to PostgreSQL: the raw-SQL baseline
  const captured = await withCapture(app.kernel.db.pool, async (capture) => {
    const steps = [];
    for (const url of paths) {
      steps.push((await capture.inject(app, 'search', { method: 'GET', url })).step);
    }
    return steps;
  });
  const plans = captured.map((step) => new ReplayPlan([step]));

  const job = {
    baseUrl,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
    concurrency,
    requestTimeoutMs: 10_000,
    expectStatus: 200,
  };
  return withCompanionPool(app, async (pool) => {
    const bounds = { count, concurrency, deadlineMs: o.deadlineMs };
    const replay = (n: number) =>
      runConcurrent({ ...bounds, count: n }, (i, step) =>
        replaySteps(pool, plans[i % plans.length]!.statements(), step),
      );
    const warm = o.smoke ? paths.length : paths.length * 10;
    await load.run({ ...job, count: warm, deadlineMs: o.deadlineMs });
    await replay(warm);
    o.log(`${count} searches over ${seeded.lists} lists, ${concurrency} at a time`);
    const http = await load.run({ ...job, count, deadlineMs: o.deadlineMs });
    const raw = await replay(count);
    const m = withBaseline(
      'GET /api/v1/catalog/items?q=… (keyword or pinyin initials, with and without a region)',
      measured(http),
      'the statements each search sent (region lookups, LIKE search, item rows, list counts), replayed one after another through pg, in process',
      measured(raw.report),
    );
    return {
      scale: { lists: seeded.lists, distinctSearches: paths.length, requests: count },
      concurrency,
      measurements: { search: m },
      targets: [],
      details: {
        queries: QUERIES,
        regions: regions.map((r) => r ?? 'none'),
        seeding: seeded,
        statementsOfAllSearches: statementCounts(captured),
        errorsSample: firstErrors(http.samples),
        firstReplayError: raw.firstError ?? null,
        notes:
          'the issue states no target for search; the baseline replays the SQL one statement after another, while the service runs its two region lookups together',
      },
    };
  });
}

export const catalogSearchScenario: Scenario = {
  name: 'catalog-search',
  description:
    'Chinese keyword and pinyin-initials search over the catalogue scaled to 5,000 implementation lists, beside its SQL alone',
  needs: { catalogue: true },
  run: runCatalogSearch,
};
