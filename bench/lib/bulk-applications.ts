/**
 * Bulk seeding of applications for the data-scale scenarios: `n` applications (10k, 100k, 1M)
 * inserted with INSERT … SELECT over generate_series, not through the API (1M applications
 * over HTTP would take hours). Each application gets what the API would have left behind for
 * the workbench and the stores: its `application` row, its 承诺件 `workflow_instance`, the
 * `workflow_task` rows of the steps it went through (受理, 审查, 决定) and, while open, the
 * `workflow_token` where it waits. Not written: events, history, audit, outbox.
 *
 * The spread, by a fixed permutation of the row number: 10 % open (3 % waiting for 受理, 1 %
 * 补正, 4 % at 审查, 2 % at 决定), 80 % approved, 4 % denied, 3 % refused, 3 % withdrawn.
 * Open steps are due from 5 days ago to 19 days ahead (some overdue, as in life); applications
 * were filed over the last two years (open ones in the last three weeks). They go to the
 * departments of the demo directory, weighted by region (郑州 heaviest) and three times as
 * many to each market-regulation bureau (enterprise registration is most of the volume).
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { DEMO_ITEMS } from '../../apps/server/src/modules/catalog/demo-catalogue.js';
import { withSeedingClient } from './db.js';

const REGION_WEIGHT: Record<string, number> = {
  '410000': 1,
  '410100': 4,
  '410300': 3,
  '410105': 1,
  '410311': 1,
  '419001': 1,
};
const MARKET_BUREAU = /市场监督管理局$/;
const BATCH = 50_000;

/** (stage, step, order, status): the tasks an application at a stage has */
const TASKS_BY_STAGE = `(VALUES
  ('submitted', 'accept', 1, 'open'), ('supplementRequested', 'accept', 1, 'open'),
  ('review', 'accept', 1, 'completed'), ('review', 'review', 2, 'open'),
  ('decide', 'accept', 1, 'completed'), ('decide', 'review', 2, 'completed'),
  ('decide', 'decide', 3, 'open'),
  ('approved', 'accept', 1, 'completed'), ('approved', 'review', 2, 'completed'),
  ('approved', 'decide', 3, 'completed'),
  ('denied', 'accept', 1, 'completed'), ('denied', 'review', 2, 'completed'),
  ('denied', 'decide', 3, 'completed'),
  ('refused', 'accept', 1, 'completed'), ('withdrawn', 'accept', 1, 'cancelled')
) AS t(stage, node, ord, status)`;

const OPEN_STAGES = `('submitted', 'supplementRequested', 'review', 'decide')`;

export interface SeededApplications {
  applications: number;
  openTasks: number;
  tasks: number;
  organisations: number;
  ms: number;
}

export async function seedApplications(
  app: FastifyInstance,
  n: number,
  log: (line: string) => void,
): Promise<SeededApplications> {
  const started = performance.now();
  const run = `bench-${Date.now().toString(36)}`;
  const form = app.kernel.fieldCrypto.encrypt(
    JSON.stringify({
      enterpriseName: '河南政通压测科技有限公司',
      address: '郑州市金水区花园路 1 号',
    }),
  );
  const items = DEMO_ITEMS.slice(0, 20);
  return withSeedingClient(app, async (db) => {
    const definition = await db.query<{ id: string }>(
      `SELECT id FROM workflow_definition WHERE key = 'promised-case' ORDER BY version DESC LIMIT 1`,
    );
    if (!definition.rows[0]) throw new Error('the promised-case process is not deployed');
    const organisations = await weightedDepartments(db);
    // 办件编号 sequences after those of any applications already there (an earlier seeding)
    const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM application');
    const offset = existing.rows[0]!.n;
    const weight = organisations.length;
    log(`bulk seeding ${n} applications over ${new Set(organisations).size} departments`);

    // what each application is: its department, stage and filing time
    await db.query(`CREATE TEMP TABLE bench_app (
      g int PRIMARY KEY, org uuid NOT NULL, region text NOT NULL, stage text NOT NULL,
      submitted_at timestamptz NOT NULL)`);
    await db.query(
      `INSERT INTO bench_app
       SELECT g, o.id, o.region_code, s.stage,
              now() - interval '1 day'
                - CASE WHEN s.stage IN ${OPEN_STAGES} THEN (g % 20) ELSE 20 + g % 700 END
                  * interval '1 day'
                - (g % 86400) * interval '1 second'
         FROM generate_series(0, $1::int - 1) g
         JOIN organisation o ON o.id = ($2::uuid[])[1 + ((g::bigint * 104729 + 7) % $3::int)::int]
         CROSS JOIN LATERAL (SELECT CASE
              WHEN b < 30 THEN 'submitted' WHEN b < 40 THEN 'supplementRequested'
              WHEN b < 80 THEN 'review' WHEN b < 100 THEN 'decide'
              WHEN b < 900 THEN 'approved' WHEN b < 940 THEN 'denied'
              WHEN b < 970 THEN 'refused' ELSE 'withdrawn' END AS stage
             FROM (SELECT (g::bigint * 7919 + 13) % 1000 AS b) x) s`,
      [n, organisations, weight],
    );
    // time-ordered like the app's own ids (UUIDv7: milliseconds first), so rows go to the end
    // of their key indexes instead of all over them; the rest tells the kinds of row apart
    const base = Date.now() - n;
    const id = (kind: string, extra = '') =>
      `(lpad(to_hex(${base}::bigint + a.g), 12, '0') || substr(md5('${run}:${kind}:' || a.g${extra}), 1, 20))::uuid`;
    const ranges = Array.from({ length: Math.ceil(n / BATCH) }, (_, i) => [
      i * BATCH,
      Math.min(n, (i + 1) * BATCH) - 1,
    ]);
    const batched = async (table: string, sql: string, params: unknown[] = []) => {
      for (const [lo, hi] of ranges) {
        await db.query(`${sql} AND a.g BETWEEN ${lo} AND ${hi}`, params);
      }
      log(`  ${table}: done (${Math.round(performance.now() - started)} ms)`);
    };

    await batched(
      'workflow_instance',
      `INSERT INTO workflow_instance (id, definition_id, business_key, status, variables,
         started_at, ended_at, updated_at)
       SELECT ${id('i')}, $1, ${id('a')}::text,
              CASE WHEN a.stage IN ${OPEN_STAGES} THEN 'active'
                   WHEN a.stage = 'withdrawn' THEN 'terminated' ELSE 'completed' END,
              jsonb_build_object('implementingOrganisationId', a.org,
                'acceptingOrganisationId', a.org, 'consultedOrganisationIds', '[]'::jsonb),
              a.submitted_at,
              CASE WHEN a.stage IN ${OPEN_STAGES} THEN NULL ELSE a.submitted_at + interval '5 days' END,
              a.submitted_at
         FROM bench_app a WHERE true`,
      [definition.rows[0].id],
    );
    await batched(
      'application',
      `INSERT INTO application (id, application_no, list_id, list_version_id, item_code,
         item_name, organisation_id, accepting_organisation_id, region_code, channel, status,
         applicant_account_id, applicant_kind, applicant_name, form_sealed, process_instance_id,
         submitted_at, accepted_at, due_date, statutory_due_date, completed_at, created_at,
         updated_at)
       SELECT ${id('a')},
              a.region || to_char(a.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
                || lpad(((a.g + $4::int) % 1000000)::text, 6, '0'),
              md5(a.org::text || ':list:' || a.g % 20)::uuid,
              md5(a.org::text || ':version:' || a.g % 20)::uuid,
              ($2::text[])[1 + a.g % 20], ($3::text[])[1 + a.g % 20],
              a.org, a.org, a.region,
              CASE WHEN a.g % 5 = 0 THEN 'window' ELSE 'online' END,
              CASE WHEN a.stage IN ('review', 'decide') THEN 'accepted' ELSE a.stage END,
              md5('${run}:person:' || a.g % 50000)::uuid::text, 'person',
              '压测申请人' || a.g % 50000, $1, ${id('i')}, a.submitted_at,
              CASE WHEN a.stage IN ('submitted', 'supplementRequested', 'withdrawn') THEN NULL
                   ELSE a.submitted_at + interval '1 hour' END,
              CASE WHEN a.stage IN ('submitted', 'supplementRequested', 'withdrawn') THEN NULL
                   ELSE (a.submitted_at + interval '10 days')::date END,
              CASE WHEN a.stage IN ('submitted', 'supplementRequested', 'withdrawn') THEN NULL
                   ELSE (a.submitted_at + interval '20 days')::date END,
              CASE WHEN a.stage IN ${OPEN_STAGES} THEN NULL
                   ELSE a.submitted_at + interval '5 days' END,
              a.submitted_at, a.submitted_at
         FROM bench_app a WHERE true`,
      [form, items.map((i) => i.code), items.map((i) => i.name), offset],
    );
    await batched(
      'workflow_token',
      `INSERT INTO workflow_token (id, instance_id, node_id, state, created_at)
       SELECT ${id('k')}, ${id('i')},
              CASE a.stage WHEN 'review' THEN 'review' WHEN 'decide' THEN 'decide' ELSE 'accept' END,
              'waiting', a.submitted_at
         FROM bench_app a WHERE a.stage IN ${OPEN_STAGES}`,
    );
    await batched(
      'workflow_task',
      `INSERT INTO workflow_task (id, instance_id, token_id, node_id, name, business_key,
         candidate_role, candidate_organisation_id, status, due_date, warn_date, outcome,
         completed_at, created_at, updated_at)
       SELECT ${id('t', " || ':' || t.ord")}, ${id('i')}, ${id('k')}, t.node,
              CASE t.node WHEN 'accept' THEN '受理' WHEN 'review' THEN '审查' ELSE '决定' END,
              ${id('a')}::text,
              CASE t.node WHEN 'accept' THEN 'windowOfficer' ELSE 'approver' END,
              a.org::text, t.status, d.due, d.due - 1,
              CASE WHEN t.status = 'completed' THEN '{}'::jsonb END,
              CASE WHEN t.status = 'completed' THEN a.submitted_at + t.ord * interval '1 day' END,
              a.submitted_at + (t.ord - 1) * interval '1 day',
              a.submitted_at + t.ord * interval '1 day'
         FROM bench_app a JOIN ${TASKS_BY_STAGE} ON t.stage = a.stage
         CROSS JOIN LATERAL (SELECT CASE WHEN t.status = 'open'
              THEN current_date + (a.g % 25 - 5)
              ELSE (a.submitted_at + t.ord * interval '1 day')::date END AS due) d
        WHERE true`,
    );
    log('  analysing');
    for (const table of ['application', 'workflow_instance', 'workflow_token', 'workflow_task']) {
      await db.query(`VACUUM ANALYZE ${table}`);
    }
    const counts = await db.query<{ open: number; tasks: number }>(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*)::int AS tasks
         FROM workflow_task`,
    );
    return {
      applications: n + offset,
      openTasks: counts.rows[0]!.open,
      tasks: counts.rows[0]!.tasks,
      organisations: new Set(organisations).size,
      ms: Math.round(performance.now() - started),
    };
  });
}

/** Department ids, each repeated by its weight (region, and ×3 for market regulation). */
async function weightedDepartments(db: pg.PoolClient): Promise<string[]> {
  const { rows } = await db.query<{ id: string; region_code: string; name: string }>(
    `SELECT id, region_code, name FROM organisation WHERE kind = 'department' ORDER BY name`,
  );
  const out: string[] = [];
  for (const o of rows) {
    const w = (REGION_WEIGHT[o.region_code] ?? 1) * (MARKET_BUREAU.test(o.name) ? 3 : 1);
    for (let i = 0; i < w; i++) out.push(o.id);
  }
  if (out.length === 0) throw new Error('no departments: is the demo directory seeded?');
  return out;
}
