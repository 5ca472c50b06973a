import crypto from 'node:crypto';
import type { Me, ServiceItemDetail } from '@zhengtong/contracts';
import { createAjv } from '../../apps/server/src/kernel/json-schema.js';
import {
  DEMO_ENTERPRISE,
  DEMO_PEOPLE,
  DEMO_PERSON_PASSWORD,
  DEMO_STAFF_PASSWORD,
} from '../../apps/server/src/modules/identity/demo-accounts.js';
import { withCompanionPool } from '../lib/db.js';
import {
  checkTarget,
  firstErrors,
  measured,
  measuredSamples,
  withBaseline,
} from '../lib/measure.js';
import type { Measurement, ScenarioResult, TargetCheck } from '../lib/results.js';
import { postJson, signIn } from '../lib/sessions.js';
import {
  ReplayPlan,
  replayConcurrently,
  statementCounts,
  withCapture,
  type CapturedStep,
} from '../lib/sql-floor.js';
import type { Target } from '../lib/target.js';
import { LIFECYCLE_STEPS, lifecycle, type LifecycleParams } from './lifecycle-flow.js';
import type { Scenario, ScenarioOptions } from './types.js';

/**
 * 建设用地规划许可证核发 of 郑州市自然资源和规划局: a free 承诺件 (no fee, so no payment step)
 * whose result is a document (no certificate to sign), filed online by an enterprise. The demo
 * has a window officer and an approver for that bureau.
 */
const ITEM = 'XK00800001000';
const REGION = '410100';
const WINDOW = 'zz-nr-window';
const APPROVER = 'zz-nr-approver';
/** the form as an applicant fills it (投资项目代码 follows its national pattern) */
const FORM = {
  projectName: '郑州政通压测产业园建设项目',
  projectCode: '2026-410105-70-01-000001',
  projectAddress: '郑州市金水区花园路 1 号',
  landArea: 12_000,
};
const TARGET_PER_SEC = 200;
const TARGET_SHARE = 0.5;
const TARGET_STEP_P99_MS = 50;

/** The list to apply under, checked to be what the scenario assumes, and a valid form for it. */
async function chooseList(baseUrl: string) {
  const res = await fetch(new URL(`/api/v1/catalog/items/${ITEM}`, baseUrl));
  if (res.status !== 200) throw new Error(`item ${ITEM}: ${res.status}; is the catalogue seeded?`);
  const detail = (await res.json()) as ServiceItemDetail;
  const list = detail.lists.find((l) => l.regionCode === REGION && l.published);
  const elements = list?.published?.elements;
  if (!list || !elements) throw new Error(`no published list of ${ITEM} in ${REGION}`);
  const problems = [
    elements.fees.free ? '' : 'it has fees',
    elements.processDefinitionKey === 'promised-case' ? '' : 'it is not a 承诺件',
    elements.result.kind === 'certificate' ? 'its result is a certificate' : '',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`the list of ${ITEM} no longer suits: ${problems.join(', ')}`);
  if (!createAjv().validate(elements.form.schema, FORM)) {
    throw new Error(`the form of ${ITEM} changed: the scenario's answers no longer fit it`);
  }
  return { listId: list.id, formData: FORM, organisation: list.organisationName };
}

/** 李四, legal representative of the demo enterprise, signed in and acting for it. */
async function enterpriseApplicant(baseUrl: string): Promise<string> {
  const cookie = await signIn(baseUrl, DEMO_PEOPLE[1].idNumber, DEMO_PERSON_PASSWORD);
  const me = (await (
    await fetch(new URL('/api/v1/identity/me', baseUrl), { headers: { cookie } })
  ).json()) as Me;
  const enterprise = me.enterprises[0];
  if (!enterprise) throw new Error('the demo applicant acts for no enterprise');
  await postJson(baseUrl, '/api/v1/identity/acting-for', cookie, { enterpriseId: enterprise.id });
  return cookie;
}

async function runLifecycle(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl, load } = target;
  const count = o.count ?? (o.smoke ? 5 : 3_000);
  const concurrency = o.concurrency ?? 32;
  const chosen = await chooseList(baseUrl);
  const params: LifecycleParams = {
    listId: chosen.listId,
    formData: chosen.formData,
    applicant: await enterpriseApplicant(baseUrl),
    window: await signIn(baseUrl, WINDOW, DEMO_STAFF_PASSWORD),
    approver: await signIn(baseUrl, APPROVER, DEMO_STAFF_PASSWORD),
    run: `bench-lifecycle-${crypto.randomUUID()}`,
  };
  const job = {
    kind: 'flow' as const,
    baseUrl,
    module: new URL('./lifecycle-flow.ts', import.meta.url).href,
    params,
    concurrency,
    requestTimeoutMs: 30_000,
    deadlineMs: o.deadlineMs,
  };
  const warmUp = await load.run({
    ...job,
    params: { ...params, run: `${params.run}-warm-up` },
    count: o.smoke ? 1 : concurrency * 2,
  });
  if (warmUp.samples.every((s) => !s.ok)) {
    throw new Error(`no application went through: ${firstErrors(warmUp.samples).join('; ')}`);
  }

  // what one application sends to PostgreSQL, step by step: the floor replayed below
  const captured: CapturedStep[] = [];
  await withCapture(app.kernel.db.pool, (capture) =>
    lifecycle(
      async (step, url, cookie, body, headers = {}) => {
        const { step: s, response } = await capture.inject(
          app,
          step,
          { method: 'POST', url, headers: { cookie, ...headers }, payload: body as object },
          step === 'submit' ? 201 : 200,
        );
        captured.push(s);
        return response.json();
      },
      params,
      -1,
    ),
  );
  // its Idempotency-Key is unique per submission, like the ids it created
  const plan = new ReplayPlan(captured, [`${params.run}--1`]);

  o.log(`${count} applications submit → accept → review → approve, ${concurrency} at a time`);
  const http = await load.run({ ...job, count });
  return withCompanionPool(app, async (pool) => {
    const bounds = { count, concurrency, deadlineMs: o.deadlineMs };
    await replayConcurrently(pool, plan, { ...bounds, count: o.smoke ? 1 : concurrency * 2 });
    o.log(`the SQL floor: the same statements replayed ${count} times through pg`);
    const floor = await replayConcurrently(pool, plan, bounds);
    const floorWhat = (what: string) =>
      `${what}: the statements it sent, replayed through pg (same transactions), in process`;
    const measurements: Record<string, Measurement> = {
      application: withBaseline(
        'complete applications (submit → accept → review → approve) over HTTP',
        measured(http),
        floorWhat('the four steps'),
        measured(floor.report),
      ),
    };
    for (const step of LIFECYCLE_STEPS) {
      measurements[step] = withBaseline(
        `step ${step} (POST, HTTP)`,
        measuredSamples(http.steps[step] ?? [], http.wallMs),
        floorWhat(step),
        measuredSamples(floor.report.steps[step] ?? [], floor.report.wallMs),
      );
    }
    const app$ = measurements.application!;
    const targets: TargetCheck[] = [
      checkTarget({
        name: 'complete applications',
        measurement: 'application',
        m: app$,
        measured: app$.opsPerSec,
        comparison: '≥',
        target: TARGET_PER_SEC,
        unit: 'applications/s',
      }),
      checkTarget({
        name: 'share of the SQL floor',
        measurement: 'application',
        m: app$,
        measured: app$.baseline!.share,
        comparison: '≥',
        target: TARGET_SHARE,
        unit: '× the floor',
      }),
      ...LIFECYCLE_STEPS.map((step) =>
        checkTarget({
          name: `${step} p99`,
          measurement: step,
          m: measurements[step]!,
          measured: measurements[step]!.p99Ms,
          comparison: '<',
          target: TARGET_STEP_P99_MS,
          unit: 'ms',
        }),
      ),
    ];
    return {
      scale: { applications: count },
      concurrency,
      measurements,
      targets,
      details: {
        item: ITEM,
        organisation: chosen.organisation,
        officers: { window: WINDOW, approver: APPROVER },
        applicant: `${DEMO_PEOPLE[1].name} for ${DEMO_ENTERPRISE.name}`,
        statementsPerApplication: statementCounts(captured),
        statementsPerStep: Object.fromEntries(captured.map((s) => [s.name, statementCounts([s])])),
        freshValuesPerReplay: plan.freshValues,
        errorsSample: firstErrors(http.samples),
        firstFloorError: floor.firstError ?? null,
        notes:
          'the floor replays the request path only: the outbox deliveries and the audit sealing that follow in the background are not in it (they share the cores during the HTTP run)',
      },
    };
  });
}

export const lifecycleScenario: Scenario = {
  name: 'lifecycle',
  description:
    'applications completed end to end over HTTP (submit, accept, review, approve) beside the SQL they cause replayed through pg',
  needs: { catalogue: true },
  run: runLifecycle,
};
