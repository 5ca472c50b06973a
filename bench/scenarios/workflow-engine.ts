import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';
import type { FastifyInstance } from 'fastify';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import type pg from 'pg';
import type { Actor } from '../../apps/server/src/kernel/actor.js';
import { DEMO_STAFF_PASSWORD } from '../../apps/server/src/modules/identity/demo-accounts.js';
import { withCompanionPool } from '../lib/db.js';
import {
  checkTarget,
  measured,
  measuredSamples,
  runConcurrent,
  timed,
  withBaseline,
} from '../lib/measure.js';
import type { Measurement, ScenarioResult } from '../lib/results.js';
import { actorOf, signIn } from '../lib/sessions.js';
import type { Target } from '../lib/target.js';
import type { Scenario, ScenarioOptions } from './types.js';

const TARGET_TIMES = 5;
const INSTANCES = 1_000;
const STEPS = ['start', 'accept', 'review', 'decide'] as const;

/**
 * 承诺件 (standard-definitions.ts PROMISED_CASE) as plain BPMN for bpmn-engine: the same
 * nodes and flows, without the zt: attributes it does not read (candidate role and
 * organisation, limit days: Zhengtong's task assignment and deadlines have no counterpart
 * there), conditions as bpmn-engine expressions over boolean variables, and the 制证 service
 * task calling a service that does nothing (for an application without a certificate result
 * Zhengtong's issueCertificate action only looks the application up).
 */
const PLAIN_PROMISED_CASE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="promised-case-definitions"
  targetNamespace="https://zhengtong.dev/processes">
  <process id="promised-case" name="承诺件" isExecutable="true">
    <startEvent id="start" name="申报" />
    <userTask id="accept" name="受理" />
    <exclusiveGateway id="accepted" name="是否受理" default="toRefused" />
    <endEvent id="refused" name="不予受理" />
    <userTask id="review" name="审查" />
    <userTask id="decide" name="决定" />
    <exclusiveGateway id="decided" name="是否准予" default="toDenied" />
    <serviceTask id="issue" name="制证" implementation="\${environment.services.issueCertificate}" />
    <endEvent id="approved" name="准予办结" />
    <endEvent id="denied" name="不予许可" />
    <sequenceFlow id="toAccept" sourceRef="start" targetRef="accept" />
    <sequenceFlow id="toAccepted" sourceRef="accept" targetRef="accepted" />
    <sequenceFlow id="toReview" sourceRef="accepted" targetRef="review">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.accepted}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toRefused" sourceRef="accepted" targetRef="refused" />
    <sequenceFlow id="toDecide" sourceRef="review" targetRef="decide" />
    <sequenceFlow id="toDecided" sourceRef="decide" targetRef="decided" />
    <sequenceFlow id="toIssue" sourceRef="decided" targetRef="issue">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.approve}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toApproved" sourceRef="issue" targetRef="approved" />
    <sequenceFlow id="toReturned" sourceRef="decided" targetRef="review">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.returned}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toDenied" sourceRef="decided" targetRef="denied" />
  </process>
</definitions>`;

const STATE_TABLE = 'bench_bpmn_engine_state';

/** One 承诺件 run through Zhengtong's engine by its service API, as the applications module does. */
function zhengtongInstance(app: FastifyInstance, window: Actor, approver: Actor) {
  const { workflow } = app;
  const orm = app.kernel.db.orm;
  const organisation = window.organisationId!;
  const plan: [(typeof STEPS)[number], Actor, Record<string, unknown>][] = [
    ['accept', window, { acceptance: 'accepted' }],
    ['review', approver, { opinion: '符合条件' }],
    ['decide', approver, { decision: 'approve' }],
  ];
  return async (step: (name: string, ms: number) => void): Promise<string> => {
    const instanceId = await timed(step, 'start', () =>
      orm.transaction((tx) =>
        workflow.engine.start(tx, {
          definitionKey: 'promised-case',
          businessKey: crypto.randomUUID(),
          variables: {
            implementingOrganisationId: organisation,
            acceptingOrganisationId: organisation,
            consultedOrganisationIds: [],
          },
          actorId: window.id,
        }),
      ),
    );
    for (const [name, actor, outcome] of plan) {
      await timed(step, name, async () => {
        const [task] = await workflow.openTasksOf(orm, instanceId);
        if (task?.nodeId !== name) throw new Error(`instance ${instanceId} is not at ${name}`);
        await workflow.complete(actor, task.id, { outcome }, {});
      });
    }
    return instanceId;
  };
}

/** One run of the plain model in bpmn-engine, its state saved to PostgreSQL after each step. */
async function bpmnEngineInstance(pool: pg.Pool) {
  const moddle = await new BpmnModdle().fromXML(PLAIN_PROMISED_CASE);
  // parsed and serialised once, as Zhengtong compiles a definition once at deployment
  const sourceContext = serializer(moddle, TypeResolver(Elements));
  const services = {
    issueCertificate: (_: unknown, next: (err: Error | null, result?: unknown) => void) =>
      next(null, {}),
  };
  const save = (id: string, state: unknown, first: boolean) =>
    pool.query(
      first
        ? `INSERT INTO ${STATE_TABLE} (id, state, updated_at) VALUES ($1, $2, now())`
        : `UPDATE ${STATE_TABLE} SET state = $2, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(state)],
    );
  const plan: [(typeof STEPS)[number], Record<string, unknown>][] = [
    ['accept', { accepted: true }],
    ['review', {}],
    ['decide', { approve: true }],
  ];
  return async (step: (name: string, ms: number) => void): Promise<void> => {
    const id = crypto.randomUUID();
    const listener = new EventEmitter();
    let approved = false;
    listener.on('activity.end', (api: { id: string }) => (approved ||= api.id === 'approved'));
    const engine = new Engine({ name: id, sourceContext, services });
    const execution = await timed(step, 'start', async () => {
      const started = await engine.execute({ listener });
      await save(id, await engine.getState(), true);
      return started;
    });
    for (const [name, variables] of plan) {
      await timed(step, name, async () => {
        const task = execution.getPostponed().find((t) => t.id === name);
        if (!task) throw new Error(`bpmn-engine instance ${id} is not at ${name}`);
        Object.assign(task.environment.variables, variables);
        task.signal();
        await save(id, await engine.getState(), false);
      });
    }
    if (!approved) throw new Error(`bpmn-engine instance ${id} did not end approved`);
  };
}

async function runWorkflowEngine(target: Target, o: ScenarioOptions): Promise<ScenarioResult> {
  const { app, baseUrl } = target;
  const count = o.count ?? (o.smoke ? 5 : INSTANCES);
  const concurrency = o.concurrency ?? 8;
  const bounds = { count, concurrency, deadlineMs: o.deadlineMs };
  const warm = { ...bounds, count: o.smoke ? 1 : 50 };
  const window = await actorOf(app, await signIn(baseUrl, 'zz-window', DEMO_STAFF_PASSWORD));
  const approver = await actorOf(app, await signIn(baseUrl, 'zz-approver', DEMO_STAFF_PASSWORD));

  return withCompanionPool(app, async (pool) => {
    await pool.query(`CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (
      id uuid PRIMARY KEY, state jsonb NOT NULL, updated_at timestamptz NOT NULL)`);
    try {
      const zhengtong = zhengtongInstance(app, window, approver);
      const ids: string[] = [];
      await runConcurrent(warm, (_i, step) => zhengtong(step));
      o.log(`${count} 承诺件 instances through Zhengtong's engine, ${concurrency} at a time`);
      const ours = await runConcurrent(bounds, async (_i, step) => ids.push(await zhengtong(step)));
      const { rows } = await app.kernel.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM workflow_instance WHERE id = ANY($1) AND status = 'completed'`,
        [ids],
      );
      if (rows[0]!.n !== ids.length) {
        throw new Error(`${ids.length - rows[0]!.n} instances did not complete`);
      }

      const theirs = await bpmnEngineInstance(pool);
      await runConcurrent(warm, (_i, step) => theirs(step));
      o.log(`${count} instances through bpmn-engine, state saved after each step`);
      const baseline = await runConcurrent(bounds, (_i, step) => theirs(step));

      const measurements: Record<string, Measurement> = {
        instance: withBaseline(
          '承诺件 instances run to the end (start, 受理, 审查, 决定 准予) through Zhengtong’s engine and service API, in process',
          measured(ours.report),
          'bpmn-engine 25 on the plain model, state (getState JSON) saved to PostgreSQL after each step, in process',
          measured(baseline.report),
        ),
      };
      for (const step of STEPS) {
        measurements[step] = withBaseline(
          `step ${step}`,
          measuredSamples(ours.report.steps[step] ?? [], ours.report.wallMs),
          `bpmn-engine ${step}`,
          measuredSamples(baseline.report.steps[step] ?? [], baseline.report.wallMs),
        );
      }
      const m = measurements.instance!;
      return {
        scale: { instances: count },
        concurrency,
        measurements,
        targets: [
          checkTarget({
            name: 'instances/s vs bpmn-engine',
            measurement: 'instance',
            m,
            measured: m.baseline!.share,
            comparison: '≥',
            target: TARGET_TIMES,
            unit: '× bpmn-engine',
            notes: baseline.report.samples.some((s) => !s.ok) ? ['bpmn-engine runs failed'] : [],
          }),
        ],
        details: {
          bpmnEngineModel: PLAIN_PROMISED_CASE,
          firstError: ours.firstError ?? null,
          firstBpmnEngineError: baseline.firstError ?? null,
          notes:
            'bpmn-engine does not read the zt: extension attributes (candidate role and organisation, limit days) nor run zt:action service tasks, so it runs an equivalent plain model (details.bpmnEngineModel): same nodes and flows, boolean conditions, a no-op service for 制证. Each Zhengtong step is a transaction (tasks, history, outbox events, audit record); each bpmn-engine step is one INSERT or UPDATE of its whole state, with the engine kept in memory between steps (not recovered from the table).',
        },
      };
    } finally {
      await pool.query(`DROP TABLE IF EXISTS ${STATE_TABLE}`);
    }
  });
}

export const workflowEngineScenario: Scenario = {
  name: 'workflow-engine',
  description:
    'the 承诺件 process run to the end through Zhengtong’s engine beside bpmn-engine with its state saved to PostgreSQL',
  run: runWorkflowEngine,
};
