import Fastify from 'fastify';
import type { LoadRequest } from '../lib/load-driver.js';
import { checkTarget, firstErrors, measured, withBaseline } from '../lib/measure.js';
import type { ScenarioResult } from '../lib/results.js';
import { round } from '../lib/stats.js';
import type { Target } from '../lib/target.js';
import type { Scenario, ScenarioOptions } from './types.js';

/** 企业设立登记: a demo item with lists in several regions, read as the portal reads it */
const CATALOGUE_ITEM = 'XK00100001001';
/** framework and middleware may cost at most this many times the bare route per request */
const TARGET_RATIO = 2;
const PHASE_MS = 10_000;
const WARM_UP_MS = 2_000;

/** A bare Fastify JSON route in this process: the floor Zhengtong's routes are compared with. */
async function bareServer() {
  const bare = Fastify({ logger: false });
  bare.get('/json', async () => ({ status: 'ok' }));
  const url = await bare.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => bare.close() };
}

async function runHttpFloor(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { baseUrl, load } = target;
  const concurrency = o.concurrency ?? 16;
  const count = o.count ?? (o.smoke ? 50 : 1_000_000);
  const phaseMs = o.smoke ? o.deadlineMs : Math.min(PHASE_MS, o.deadlineMs);
  const bare = await bareServer();
  try {
    /** a time-bounded phase: as many requests as the phase allows, after a warm-up */
    const phase = async (what: string, url: string, req: LoadRequest) => {
      const job = { baseUrl: url, requests: [req], concurrency, requestTimeoutMs: 10_000 };
      if (!o.smoke) {
        await load.run({ ...job, count, deadlineMs: WARM_UP_MS, expectStatus: 200 });
      }
      o.log(`${what}: ${concurrency} at a time for ${phaseMs / 1000} s`);
      return load.run({ ...job, count, deadlineMs: phaseMs, expectStatus: 200 });
    };
    const bareRun = await phase('bare Fastify route', bare.url, { method: 'GET', path: '/json' });
    const health = await phase('/healthz', baseUrl, { method: 'GET', path: '/healthz' });
    const catalogue = await phase('catalogue item read', baseUrl, {
      method: 'GET',
      path: `/api/v1/catalog/items/${CATALOGUE_ITEM}`,
    });

    const floor = measured(bareRun);
    const bareWhat = 'a bare Fastify 5 JSON route (logger off) in the same process, same driver';
    const healthz = withBaseline(
      'GET /healthz (every kernel hook: actor, cookies, helmet, metrics, request id)',
      measured(health),
      bareWhat,
      floor,
    );
    const item = withBaseline(
      `GET /api/v1/catalog/items/${CATALOGUE_ITEM} (anonymous; item and its published lists)`,
      measured(catalogue),
      bareWhat,
      floor,
    );
    const ratio = (m: typeof healthz) => (m.opsPerSec > 0 ? floor.opsPerSec / m.opsPerSec : 0);
    return {
      scale: { phaseMs, maxRequestsPerPhase: count },
      concurrency,
      measurements: { healthz, catalogue: item },
      targets: [
        checkTarget({
          name: 'per-request cost of /healthz vs the bare route',
          measurement: 'healthz',
          m: healthz,
          measured: ratio(healthz),
          comparison: '≤',
          target: TARGET_RATIO,
          unit: '× the bare route',
        }),
      ],
      details: {
        bare: floor,
        costRatio: { healthz: round(ratio(healthz)), catalogue: round(ratio(item)) },
        catalogueItem: CATALOGUE_ITEM,
        errorsSample: [...firstErrors(health.samples), ...firstErrors(catalogue.samples)],
        notes:
          'cost ratio = bare ops/s ÷ measured ops/s at the same concurrency. The catalogue read runs SQL, so its ratio is reported without a target. The driver shares the cores: near the bare route it limits both sides, which understates the ratio.',
      },
    };
  } finally {
    await bare.close();
  }
}

export const httpFloorScenario: Scenario = {
  name: 'http-floor',
  description:
    'framework and middleware cost per request: /healthz and a catalogue read beside a bare Fastify route',
  needs: { catalogue: true },
  run: runHttpFloor,
};
