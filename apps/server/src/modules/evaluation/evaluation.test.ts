import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  Appeal,
  Application,
  ApplicationEvaluationState,
  Evaluation,
  EvaluationSession,
  EvaluationStats,
  Problem,
  PublicStats,
  RectificationCase,
  SixMostsReport,
} from '@zhengtong/contracts';
import { anonymousActor, type Actor } from '../../kernel/actor.js';
import { ConfigError, loadConfig } from '../../kernel/config.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import {
  createPerson,
  createStaff,
  FAST_ARGON2,
  loginAs,
  type TestPerson,
  type TestStaff,
} from '../../test-support/identity.js';
import { findApplication, findBundleApplication } from '../applications/index.js';
import { CASE_ESCALATION_JOB, EvaluationService, SESSION_MINUTES } from './index.js';

const APPLICATIONS = '/api/v1/applications';
const API = '/api/v1/evaluations';

describe('好差评: ratings, 差评整改, 申诉复核, statistics', () => {
  let t: TestApp;
  let zzMarket: string;
  let lyMarket: string;
  let zzImmediate: string;
  let zzPromised: string;
  let lyImmediate: string;
  let lyItem: string;
  let citizen: TestPerson;
  const staff: Record<string, TestStaff> = {};
  const cookie: Record<string, string> = {};
  let keys = 0;

  type Method = 'GET' | 'POST';
  const call = (who: string | undefined, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(who ? { cookie: cookie[who]! } : {}),
        ...(method === 'POST' && url === APPLICATIONS
          ? { 'idempotency-key': `evaluation-${++keys}-${Date.now()}` }
          : {}),
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async <T>(res: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };
  const fails = (res: Awaited<ReturnType<typeof call>>, status: number, code?: string) => {
    assert.equal(res.statusCode, status, res.body);
    if (code) assert.equal(res.json<Problem>().code, code);
  };

  const submit = async (listId: string, who = 'citizen') =>
    ok<Application>(
      await call(who, 'POST', APPLICATIONS, { listId, formData: { reason: '办事' } }),
      201,
    );
  /** A 即办件 filed and accepted: completed (approved) at acceptance. */
  const completed = async (listId: string, window = 'window', who = 'citizen') => {
    const app = await submit(listId, who);
    const done = await ok<Application>(
      await call(window, 'POST', `${APPLICATIONS}/${app.id}/accept`, {}),
    );
    assert.equal(done.status, 'approved');
    return done;
  };
  const rate = (who: string | undefined, applicationId: string, body: unknown) =>
    call(who, 'POST', `${API}/applications/${applicationId}`, body);

  /** The service on a moved clock, as the module builds it. */
  const serviceAt = (at: Date) =>
    new EvaluationService({
      db: t.kernel.db.orm,
      calendar: t.kernel.calendar,
      directory: t.app.directory,
      findApplication,
      findBundleApplication,
      settings: { ...t.kernel.config.evaluation, sessionMinutes: SESSION_MINUTES },
      now: () => at,
    });
  const staffActor = (who: TestStaff, roles: string[]): Actor => ({
    id: who.accountId,
    kind: 'staff',
    accountKind: 'staff',
    roles,
    organisationId: who.organisationId,
    jurisdiction: who.jurisdiction,
  });
  const count = async (query: ReturnType<typeof sql>) =>
    (await t.kernel.db.orm.execute<{ n: number }>(query)).rows[0]!.n;

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    const zzLand = await organisationId(t, '410100', '郑州市自然资源和规划局');
    const immediate = validElements({
      handlingKind: 'immediate',
      statutoryLimitDays: 0,
      promisedLimitDays: 0,
      processDefinitionKey: 'immediate-case',
    });
    zzImmediate = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      immediate,
    );
    zzPromised = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
    );
    lyItem = await createTestItem(t, { applicantKinds: ['person'] });
    lyImmediate = await createPublishedList(t, lyItem, lyMarket, immediate);
    citizen = await createPerson(t);
    cookie.citizen = await loginAs(t, citizen);
    cookie.other = await loginAs(t, await createPerson(t));
    const member = async (name: string, roles: string[], org?: string) => {
      staff[name] = await createStaff(t, { roles, ...(org ? { organisationId: org } : {}) });
      cookie[name] = await loginAs(t, staff[name]);
    };
    await member('window', ['windowOfficer'], zzMarket);
    await member('lyWindow', ['windowOfficer'], lyMarket);
    await member('zzAdmin', ['departmentAdmin'], zzMarket);
    await member('landAdmin', ['departmentAdmin'], zzLand);
    await member('provinceAdmin', ['provinceAdmin']);
  });
  after(() => t.close());

  it('一事一评: the applicant rates a completed or refused application once', async () => {
    const app = await submit(zzImmediate);
    const before = await ok<ApplicationEvaluationState>(
      await call('citizen', 'GET', `${API}/applications/${app.id}`),
    );
    assert.equal(before.state, 'notYet');
    fails(await rate('citizen', app.id, { level: 5 }), 409, 'application-not-completed');

    await ok(await call('window', 'POST', `${APPLICATIONS}/${app.id}/accept`, {}));
    const open = await ok<ApplicationEvaluationState>(
      await call('citizen', 'GET', `${API}/applications/${app.id}`),
    );
    assert.equal(open.state, 'open');
    assert.ok(open.closesAt);

    fails(await rate('other', app.id, { level: 5 }), 404, 'application-not-found');
    fails(await rate(undefined, app.id, { level: 5 }), 401);
    fails(await rate('window', app.id, { level: 5 }), 403);
    fails(await rate('citizen', app.id, { level: 6 }), 400);
    fails(await rate('citizen', app.id, { level: 5, comment: '长'.repeat(501) }), 400);
    // 服务态度 is a dimension of the window, not of the online service
    fails(
      await rate('citizen', app.id, { level: 5, dimensions: { attitude: 5 } }),
      422,
      'dimension-not-of-channel',
    );

    const rated = await ok<Evaluation>(
      await rate('citizen', app.id, {
        level: 5,
        dimensions: { efficiency: 5, guideAccuracy: 4, convenience: 5, usability: 4 },
        comment: '办事很快',
      }),
      201,
    );
    assert.equal(rated.kind, 'perCase');
    assert.equal(rated.channel, 'online');
    assert.equal(rated.levelName, '非常满意');
    assert.equal(rated.bad, false);
    assert.equal(rated.caseId, null, 'a good rating opens no case');
    assert.deepEqual(rated.dimensions, {
      efficiency: 5,
      guideAccuracy: 4,
      convenience: 5,
      usability: 4,
    });
    assert.equal(rated.organisationId, zzMarket);
    fails(await rate('citizen', app.id, { level: 1 }), 409, 'application-already-evaluated');
    const state = await ok<ApplicationEvaluationState>(
      await call('citizen', 'GET', `${API}/applications/${app.id}`),
    );
    assert.equal(state.state, 'rated');
    assert.equal(state.evaluation?.id, rated.id);
    // the stranger does not learn it exists
    fails(await call('other', 'GET', `${API}/applications/${app.id}`), 404);
    fails(await call('other', 'GET', `${API}/${rated.id}`), 404);
    fails(await call('lyWindow', 'GET', `${API}/${rated.id}`), 404);
    assert.equal(
      (await ok<Evaluation>(await call('window', 'GET', `${API}/${rated.id}`))).id,
      rated.id,
    );

    // 不予受理 is rated too
    const refused = await submit(zzPromised);
    await ok(
      await call('window', 'POST', `${APPLICATIONS}/${refused.id}/refuse`, {
        reason: '不属于本机关职权范围',
      }),
    );
    await ok<Evaluation>(await rate('citizen', refused.id, { level: 3 }), 201);

    // the window closes ZT_EVALUATION_WINDOW_DAYS (30) days after completion
    const late = await completed(zzImmediate);
    const days = t.kernel.config.evaluation.windowDays;
    assert.equal(days, 30);
    const afterWindow = new Date(Date.parse(late.completedAt!) + (days * 86_400 + 60) * 1000);
    const person: Actor = { id: citizen.accountId, kind: 'person', roles: [] };
    await assert.rejects(serviceAt(afterWindow).rateApplication(person, late.id, { level: 4 }), {
      code: 'evaluation-window-closed',
    });

    const audit = await count(
      sql`SELECT count(*)::int AS n FROM audit_log
           WHERE action = 'evaluation.submit' AND target_id = ${rated.id}`,
    );
    assert.equal(audit, 1);
    const events = await count(
      sql`SELECT count(*)::int AS n FROM outbox
           WHERE topic = 'evaluation.submitted' AND payload->>'evaluationId' = ${rated.id}`,
    );
    assert.equal(events, 1);
  });

  it('一次一评: the token of a window session rates it once, without signing in', async () => {
    fails(await call(undefined, 'POST', `${API}/sessions`, {}), 401);
    fails(await call('citizen', 'POST', `${API}/sessions`, {}), 403);
    const session = await ok<EvaluationSession>(
      await call('window', 'POST', `${API}/sessions`, {}),
      201,
    );
    assert.ok(session.token.length >= 16);
    const minutes = (Date.parse(session.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 59 && minutes <= 60, `expires in an hour, not ${minutes} min`);

    fails(
      await call(undefined, 'POST', `${API}/sessions/rating`, {
        token: 'x'.repeat(32),
        level: 5,
      }),
      404,
      'session-not-found',
    );
    fails(
      await call(undefined, 'POST', `${API}/sessions/rating`, {
        token: session.token,
        level: 5,
        dimensions: { usability: 5 },
      }),
      422,
    );
    const rated = await ok<Evaluation>(
      await call(undefined, 'POST', `${API}/sessions/rating`, {
        token: session.token,
        level: 4,
        dimensions: { efficiency: 4, serviceQuality: 5, attitude: 5 },
      }),
      201,
    );
    assert.equal(rated.kind, 'perVisit');
    assert.equal(rated.channel, 'onSite');
    assert.equal(rated.sessionId, session.id);
    assert.equal(rated.organisationId, zzMarket);
    fails(
      await call(undefined, 'POST', `${API}/sessions/rating`, { token: session.token, level: 1 }),
      409,
      'session-already-evaluated',
    );

    // an hour later the session may no longer be rated
    const officer = staffActor(staff.window!, ['windowOfficer']);
    const opened = await serviceAt(new Date()).openSession(officer, {});
    const later = new Date(Date.now() + (SESSION_MINUTES + 1) * 60_000);
    await assert.rejects(
      serviceAt(later).rateSession(anonymousActor, { token: opened.token, level: 5 }),
      { code: 'session-expired' },
    );
  });

  let holidayCase: RectificationCase;

  it('a 差评 on 2025-09-30 is due for 回访 on 10-09 and for reply on 10-28 (国庆 and 调休)', async () => {
    // 10:00 in Beijing on the last working day before the National Day holiday (Oct 1–8)
    const at = new Date('2025-09-30T02:00:00Z');
    const svc = serviceAt(at);
    const session = await svc.openSession(staffActor(staff.window!, ['windowOfficer']), {});
    const rated = await svc.rateSession(anonymousActor, {
      token: session.token,
      level: 1,
      comment: '等候时间太长',
    });
    assert.equal(rated.bad, true);
    assert.ok(rated.caseId, 'a 差评 opens a case');
    holidayCase = await ok<RectificationCase>(
      await call('window', 'GET', `${API}/cases/${rated.caseId}`),
    );
    assert.equal(holidayCase.status, 'open');
    assert.equal(holidayCase.organisationId, zzMarket);
    const visit = await t.kernel.calendar.addWorkingDays('2025-09-30', 1);
    const rectify = await t.kernel.calendar.addWorkingDays('2025-09-30', 15);
    assert.equal(holidayCase.visitDueDate, visit.date);
    assert.equal(holidayCase.rectifyDueDate, rectify.date);
    // Oct 1–8 rest; Sat Oct 11 is worked (调休): 15 working days end on Tue Oct 28, not Oct 29
    assert.equal(holidayCase.visitDueDate, '2025-10-09');
    assert.equal(holidayCase.rectifyDueDate, '2025-10-28');

    const opened = await count(
      sql`SELECT count(*)::int AS n FROM outbox
           WHERE topic = 'evaluation.case.opened' AND payload->>'caseId' = ${holidayCase.id}`,
    );
    assert.equal(opened, 1);
    // staff of another organisation do not see the case; the province admin reads but not acts
    fails(await call('lyWindow', 'GET', `${API}/cases/${holidayCase.id}`), 404);
    fails(
      await call('lyWindow', 'POST', `${API}/cases/${holidayCase.id}/visit`, { note: '回访' }),
      404,
    );
    fails(await call('citizen', 'GET', `${API}/cases/${holidayCase.id}`), 404);
    await ok(await call('provinceAdmin', 'GET', `${API}/cases/${holidayCase.id}`));
    fails(
      await call('provinceAdmin', 'POST', `${API}/cases/${holidayCase.id}/visit`, { note: 'x' }),
      403,
    );
    const mine = await ok<{ items: RectificationCase[] }>(
      await call('window', 'GET', `${API}/cases?status=open`),
    );
    assert.ok(mine.items.some((c) => c.id === holidayCase.id));
    const theirs = await ok<{ items: RectificationCase[] }>(
      await call('lyWindow', 'GET', `${API}/cases`),
    );
    assert.ok(!theirs.items.some((c) => c.id === holidayCase.id));
  });

  it('escalates a late case once (督办), through the durable job', async () => {
    const runJob = async () => {
      await t.kernel.db.orm.execute(
        sql`UPDATE job SET run_at = now() WHERE kind = ${CASE_ESCALATION_JOB} AND status = 'pending'`,
      );
      await t.kernel.jobs.runOnce();
    };
    await runJob();
    const escalated = await ok<RectificationCase>(
      await call('window', 'GET', `${API}/cases/${holidayCase.id}`),
    );
    assert.ok(escalated.escalatedAt, 'the 2025 case is long overdue');
    await runJob();
    assert.equal(await t.app.evaluation.escalateOverdue(), 0, 'nothing left to escalate');
    const again = await ok<RectificationCase>(
      await call('window', 'GET', `${API}/cases/${holidayCase.id}`),
    );
    assert.equal(again.escalatedAt, escalated.escalatedAt, 'escalated once');
    const events = await count(
      sql`SELECT count(*)::int AS n FROM outbox
           WHERE topic = 'evaluation.case.escalated' AND payload->>'caseId' = ${holidayCase.id}`,
    );
    assert.equal(events, 1);
    const audits = await count(
      sql`SELECT count(*)::int AS n FROM audit_log
           WHERE action = 'evaluation.case.escalate' AND target_id = ${holidayCase.id}`,
    );
    assert.equal(audits, 1);
    const listed = await ok<{ items: RectificationCase[] }>(
      await call('window', 'GET', `${API}/cases?escalated=true`),
    );
    assert.deepEqual(
      listed.items.map((c) => c.id),
      [holidayCase.id],
    );
  });

  it('差评整改: 回访, reply, one follow-up rating, close — each audited', async () => {
    const app = await completed(zzImmediate);
    const bad = await ok<Evaluation>(
      await rate('citizen', app.id, { level: 2, comment: '指南与实际要求不一致' }),
      201,
    );
    const caseId = bad.caseId!;
    const path = `${API}/cases/${caseId}`;
    const c = await ok<RectificationCase>(await call('citizen', 'GET', path));
    assert.equal(c.status, 'open');
    fails(
      await call('citizen', 'POST', `${path}/follow-up`, { level: 5 }),
      409,
      'case-not-replied',
    );
    fails(await call('window', 'POST', `${path}/reply`, { reply: '已整改' }), 409);
    fails(await call('window', 'POST', `${path}/close`, {}), 409);

    const visited = await ok<RectificationCase>(
      await call('window', 'POST', `${path}/visit`, {
        note: '电话回访，申请人反映指南材料清单有误',
      }),
    );
    assert.equal(visited.status, 'visited');
    assert.ok(visited.visitedAt);
    fails(await call('window', 'POST', `${path}/visit`, { note: '再次' }), 409);

    const replied = await ok<RectificationCase>(
      await call('window', 'POST', `${path}/reply`, { reply: '已更正办事指南材料清单并致歉' }),
    );
    assert.equal(replied.status, 'rectified');
    assert.equal(replied.reply, '已更正办事指南材料清单并致歉');

    fails(await call('other', 'POST', `${path}/follow-up`, { level: 5 }), 404);
    const followUp = await ok<Evaluation>(
      await call('citizen', 'POST', `${path}/follow-up`, { level: 4, comment: '问题已解决' }),
      201,
    );
    assert.equal(followUp.kind, 'followUp');
    assert.equal(followUp.caseId, caseId);
    assert.equal(followUp.applicationId, app.id);
    fails(
      await call('citizen', 'POST', `${path}/follow-up`, { level: 5 }),
      409,
      'case-already-followed-up',
    );
    // the first rating stays the application's rating
    fails(await rate('citizen', app.id, { level: 5 }), 409);

    const closed = await ok<RectificationCase>(
      await call('window', 'POST', `${path}/close`, { note: '申请人满意' }),
    );
    assert.equal(closed.status, 'closed');
    assert.equal(closed.closeReason, 'rectified');
    assert.equal(closed.followUpEvaluationId, followUp.id);

    const actions = (
      await t.kernel.db.orm.execute<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE target_id = ${caseId} ORDER BY occurred_at, id`,
      )
    ).rows.map((r) => r.action);
    assert.deepEqual(actions.sort(), [
      'evaluation.case.close',
      'evaluation.case.followUp',
      'evaluation.case.open',
      'evaluation.case.reply',
      'evaluation.case.visit',
    ]);
    const updates = await count(
      sql`SELECT count(*)::int AS n FROM outbox
           WHERE topic = 'evaluation.case.updated' AND payload->>'caseId' = ${caseId}`,
    );
    assert.equal(updates, 4);
  });

  it('申诉复核: decided by a reviewer of another organisation, never by the appealing one', async () => {
    const app = await completed(zzImmediate);
    const bad = await ok<Evaluation>(await rate('citizen', app.id, { level: 1 }), 201);
    const good = await ok<Evaluation>(
      await rate('citizen', (await completed(zzImmediate)).id, { level: 5 }),
      201,
    );
    const body = { ground: 'malicious', reasons: '评价内容与本办件无关，系恶意差评' };
    fails(await call('window', 'POST', `${API}/${good.id}/appeal`, body), 422, 'not-appealable');
    fails(await call('lyWindow', 'POST', `${API}/${bad.id}/appeal`, body), 404);
    fails(await call('citizen', 'POST', `${API}/${bad.id}/appeal`, body), 403);
    const appeal = await ok<Appeal>(
      await call('window', 'POST', `${API}/${bad.id}/appeal`, body),
      201,
    );
    assert.equal(appeal.status, 'pending');
    fails(await call('window', 'POST', `${API}/${bad.id}/appeal`, body), 409, 'already-appealed');

    const decision = { decision: 'upheld', note: '经核实系恶意差评' };
    const decide = (who: string) =>
      call(who, 'POST', `${API}/appeals/${appeal.id}/decision`, decision);
    // the appealing organisation's own admin: 403; staff elsewhere without the role: 404
    fails(await decide('zzAdmin'), 403, 'reviewer-of-another-organisation');
    fails(await decide('window'), 403);
    fails(await decide('lyWindow'), 404);
    const pending = await ok<{ items: Appeal[] }>(
      await call('landAdmin', 'GET', `${API}/appeals?status=pending`),
    );
    assert.ok(
      pending.items.some((a) => a.id === appeal.id),
      'the reviewer sees it',
    );

    const upheld = await ok<Appeal>(await decide('landAdmin'));
    assert.equal(upheld.status, 'upheld');
    fails(await decide('provinceAdmin'), 409, 'appeal-decided');
    const excluded = await ok<Evaluation>(await call('window', 'GET', `${API}/${bad.id}`));
    assert.ok(excluded.excludedAt);
    const c = await ok<RectificationCase>(
      await call('window', 'GET', `${API}/cases/${bad.caseId}`),
    );
    assert.equal(c.status, 'closed');
    assert.equal(c.closeReason, 'appealUpheld');
    const audits = await count(
      sql`SELECT count(*)::int AS n FROM audit_log
           WHERE action IN ('evaluation.appeal.file', 'evaluation.appeal.decide')
             AND target_id = ${appeal.id}`,
    );
    assert.equal(audits, 2);
  });

  it('statistics on a hand-made set in 洛阳, and 结果公开', async () => {
    // 洛阳市市场监督管理局: 5, 3, 2 (case closed on time), 1 (case open), 1 (appeal upheld)
    const rated: Evaluation[] = [];
    for (const level of [5, 3, 2, 1, 1]) {
      const app = await completed(lyImmediate, 'lyWindow');
      rated.push(await ok<Evaluation>(await rate('citizen', app.id, { level }), 201));
    }
    const closedCase = `${API}/cases/${rated[2]!.caseId}`;
    await ok(await call('lyWindow', 'POST', `${closedCase}/visit`, { note: '已回访' }));
    await ok(await call('lyWindow', 'POST', `${closedCase}/reply`, { reply: '已整改' }));
    await ok(await call('lyWindow', 'POST', `${closedCase}/close`, {}));
    const appeal = await ok<Appeal>(
      await call('lyWindow', 'POST', `${API}/${rated[4]!.id}/appeal`, {
        ground: 'mistaken',
        reasons: '申请人误评',
      }),
      201,
    );
    await ok(
      await call('provinceAdmin', 'POST', `${API}/appeals/${appeal.id}/decision`, {
        decision: 'upheld',
        note: '申请人确认误评',
      }),
    );

    const expected = {
      volume: 4,
      satisfied: 2,
      bad: 2,
      cases: 2,
      closedCases: 1,
      onTimeCases: 1,
      satisfactionRate: 0.5,
      badRate: 0.5,
      rectificationRate: 0.5,
      onTimeRectificationRate: 0.5,
    };
    const byOrg = await ok<EvaluationStats>(
      await call('lyWindow', 'GET', `${API}/stats?groupBy=organisation`),
    );
    assert.deepEqual(byOrg.items, [{ key: lyMarket, name: '洛阳市市场监督管理局', ...expected }]);
    const byItem = await ok<EvaluationStats>(
      await call('lyWindow', 'GET', `${API}/stats?groupBy=item`),
    );
    assert.deepEqual(byItem.items, [{ key: lyItem, name: `测试事项${lyItem}`, ...expected }]);
    const byRegion = await ok<EvaluationStats>(
      await call('lyWindow', 'GET', `${API}/stats?groupBy=region`),
    );
    assert.equal(byRegion.items.length, 1);
    assert.equal(byRegion.items[0]!.key, '410300');
    assert.equal(byRegion.items[0]!.name, '洛阳市');
    const future = await ok<EvaluationStats>(
      await call('lyWindow', 'GET', `${API}/stats?groupBy=organisation&from=2099-01-01`),
    );
    assert.deepEqual(future.items, []);

    // the province admin sees every organisation and both channels
    const byChannel = await ok<EvaluationStats>(
      await call('provinceAdmin', 'GET', `${API}/stats?groupBy=channel`),
    );
    assert.deepEqual(byChannel.items.map((r) => r.key).sort(), ['onSite', 'online']);
    const all = await ok<EvaluationStats>(
      await call('provinceAdmin', 'GET', `${API}/stats?groupBy=organisation`),
    );
    assert.deepEqual(all.items.map((r) => r.key).sort(), [lyMarket, zzMarket].sort());
    fails(await call('citizen', 'GET', `${API}/stats?groupBy=organisation`), 403);
    fails(await call(undefined, 'GET', `${API}/stats?groupBy=organisation`), 401);

    const published = await ok<PublicStats>(await call(undefined, 'GET', `${API}/public-stats`));
    const ly = published.items.find((r) => r.organisationId === lyMarket);
    assert.deepEqual(ly, {
      organisationId: lyMarket,
      name: '洛阳市市场监督管理局',
      volume: 4,
      satisfactionRate: 0.5,
      badRate: 0.5,
      rectificationRate: 0.5,
      onTimeRectificationRate: 0.5,
    });

    // 满意度 joins the six mosts (public), for the same selection
    const six = await ok<SixMostsReport>(
      await call(undefined, 'GET', '/api/v1/catalog/six-mosts?groupBy=organisation&region=410300'),
    );
    const lyRow = six.rows.find((r) => r.key === lyMarket);
    assert.deepEqual(lyRow?.satisfaction, { ratings: 4, satisfied: 2, satisfactionRate: 0.5 });
    assert.deepEqual(six.totalSatisfaction, { ratings: 4, satisfied: 2, satisfactionRate: 0.5 });
    const zz = await ok<SixMostsReport>(
      await call(undefined, 'GET', '/api/v1/catalog/six-mosts?groupBy=region&region=410100'),
    );
    assert.equal(zz.totalSatisfaction.ratings > 0, true, '郑州 has its own ratings');
    assert.equal(
      zz.rows.some((r) => r.key === '410300'),
      false,
      'a region filter keeps 洛阳 out',
    );
  });
});

describe('好差评 settings', () => {
  it('default to a 30-day window, 回访 in 1 and reply in 15 working days', () => {
    assert.deepEqual(loadConfig({}).evaluation, { windowDays: 30, visitDays: 1, rectifyDays: 15 });
    assert.deepEqual(
      loadConfig({
        ZT_EVALUATION_WINDOW_DAYS: '15',
        ZT_EVALUATION_VISIT_DAYS: '2',
        ZT_EVALUATION_RECTIFY_DAYS: '10',
      }).evaluation,
      { windowDays: 15, visitDays: 2, rectifyDays: 10 },
    );
    assert.throws(() => loadConfig({ ZT_EVALUATION_RECTIFY_DAYS: '0' }), ConfigError);
  });
});
