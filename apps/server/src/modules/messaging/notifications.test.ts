import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type {
  Application,
  InboxNotification,
  NotificationPage,
  Problem,
  UnreadCount,
} from '@zhengtong/contracts';
import { publishEvent } from '../../kernel/events/outbox.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { insertCompletedBundle } from '../../test-support/bundles.js';
import { BUNDLE_RATING_NOTE, RATING_INVITATION } from './templates.js';
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

const APPLICATIONS = '/api/v1/applications';
const API = '/api/v1/notifications';

describe('notifications (站内消息)', () => {
  let t: TestApp;
  let listId: string;
  let zzMarket: string;
  let citizen: TestPerson;
  let head: TestStaff;
  const cookie: Record<string, string> = {};
  let keys = 0;

  const call = (who: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(who ? { cookie: cookie[who]! } : {}),
        ...(method === 'POST' && url === APPLICATIONS
          ? { 'idempotency-key': `notify-${++keys}-${Date.now()}` }
          : {}),
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const ok = async <T>(res: Awaited<ReturnType<typeof call>>, status = 200): Promise<T> => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };

  /** Runs the outbox dispatcher until nothing is left (tests run no background loops). */
  const drain = async () => {
    let claimed = 0;
    for (;;) {
      const result = await t.kernel.dispatcher.dispatchOnce();
      assert.equal(result.failed, 0, 'no event handler failed');
      if (result.claimed === 0) return claimed;
      claimed += result.claimed;
    }
  };
  const inbox = async (who: string, query = '') =>
    ok<NotificationPage>(await call(who, 'GET', `${API}${query}`));
  const ofKind = async (who: string, kind: string) =>
    (await inbox(who, '?pageSize=100')).items.filter((n) => n.kind === kind);
  const submit = async (reason: string) => {
    const res = await call('citizen', 'POST', APPLICATIONS, { listId, formData: { reason } });
    return ok<Application>(res, 201);
  };

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    const lyMarket = await organisationId(t, '410300', '洛阳市市场监督管理局');
    listId = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements({
        materials: [
          {
            key: 'applicationForm',
            name: '申请书',
            requirement: 'required',
            form: 'electronic',
            copies: 0,
            source: 'upload',
          },
          {
            key: 'idCard',
            name: '身份证复印件',
            requirement: 'required',
            form: 'electronic',
            copies: 0,
            source: 'upload',
          },
        ],
      }),
    );
    citizen = await createPerson(t);
    cookie.citizen = await loginAs(t, citizen);
    cookie.other = await loginAs(t, await createPerson(t));
    const staff = async (name: string, roles: string[], org: string) => {
      const member = await createStaff(t, { roles, organisationId: org });
      cookie[name] = await loginAs(t, member);
      return member;
    };
    await staff('window', ['windowOfficer'], zzMarket);
    await staff('approver', ['approver'], zzMarket);
    head = await staff('head', ['departmentHead'], zzMarket);
    await staff('secondHead', ['departmentHead', 'approver'], zzMarket);
    await staff('lyHead', ['departmentHead'], lyMarket);
    // events of the setup (catalogue, accounts) are no one's notifications
    await drain();
  });
  after(() => t.close());

  it('tells the applicant the application was submitted, with its number', async () => {
    const app = await submit('申请许可');
    assert.ok((await drain()) > 0);
    const [notice, ...more] = await ofKind('citizen', 'application.submitted');
    assert.equal(more.length, 0);
    assert.ok(notice);
    assert.match(notice.title, /已提交/);
    assert.ok(notice.body.includes(app.applicationNo), notice.body);
    assert.ok(notice.body.includes(app.itemName));
    assert.equal(notice.link, `/me/applications/${app.id}`);
    assert.equal(notice.urgent, 'normal');
    assert.equal(notice.readAt, null);
    assert.deepEqual((await inbox('other')).items, [], 'nobody else hears of it');
    assert.deepEqual((await inbox('window')).items, []);
  });

  it('lists every item of a 补正 notice, and a redelivered event tells it once', async () => {
    const app = await submit('补正用');
    await ok(
      await call('window', 'POST', `${APPLICATIONS}/${app.id}/supplement`, {
        items: [
          { materialKey: 'applicationForm', reason: '申请书缺少签名' },
          { materialKey: 'idCard', reason: '身份证复印件不清晰' },
          { field: 'reason', reason: '申请事由不具体' },
          { reason: '请补充联系电话' },
        ],
      }),
    );
    await drain();
    const notices = (await ofKind('citizen', 'application.supplementRequested')).filter(
      (n) => n.link === `/me/applications/${app.id}`,
    );
    assert.equal(notices.length, 1);
    const body = notices[0]!.body;
    for (const line of [
      '1. 申请材料「申请书」：申请书缺少签名',
      '2. 申请材料「身份证复印件」：身份证复印件不清晰',
      '3. 申请表「申请事由」：申请事由不具体',
      '4. 其他：请补充联系电话',
    ]) {
      assert.ok(body.includes(line), `${line} in\n${body}`);
    }
    assert.ok(body.includes(app.applicationNo));

    // the dispatcher crashed after the handler ran and before it marked the event delivered
    const event = await t.kernel.db.orm.execute<{ id: string }>(
      sql`SELECT id FROM outbox WHERE topic = 'application.supplementRequested'
            AND payload->>'applicationId' = ${app.id}`,
    );
    const eventId = event.rows[0]!.id;
    await t.kernel.db.orm.execute(
      sql`UPDATE outbox SET dispatched_at = NULL, delivered_to = '{}' WHERE id = ${eventId}`,
    );
    assert.equal(await drain(), 1, 'the event was delivered again');
    const rows = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notification WHERE source_event_id = ${eventId}`,
    );
    assert.equal(rows.rows[0]!.n, 1, 'one notification however often the event comes');
  });

  it('tells of acceptance with the due date, and of the decision as urgent', async () => {
    const app = await submit('办结用');
    const accepted = await ok<Application>(
      await call('window', 'POST', `${APPLICATIONS}/${app.id}/accept`, {}),
    );
    const review = accepted.currentSteps[0]!.taskId;
    const reviewed = await ok<Application>(
      await call('approver', 'POST', `${APPLICATIONS}/${app.id}/steps/${review}`, {
        opinion: '材料不符合要求',
      }),
    );
    const decide = reviewed.currentSteps[0]!.taskId;
    await ok(
      await call('approver', 'POST', `${APPLICATIONS}/${app.id}/steps/${decide}`, {
        decision: 'deny',
        reason: '经营场所不符合卫生要求',
      }),
    );
    await drain();
    const mine = (n: InboxNotification) => n.link === `/me/applications/${app.id}`;
    const [acceptance] = (await ofKind('citizen', 'application.accepted')).filter(mine);
    assert.ok(acceptance);
    const [y, m, d] = accepted.dueDate!.split('-');
    assert.ok(
      acceptance.body.includes(`${y}年${Number(m)}月${Number(d)}日`),
      `due date in ${acceptance.body}`,
    );
    const [completion, ...twice] = (await ofKind('citizen', 'application.completed')).filter(mine);
    assert.equal(twice.length, 0);
    assert.ok(completion);
    assert.equal(completion.urgent, 'urgent');
    assert.match(completion.title, /不予许可/);
    assert.ok(completion.body.includes('经营场所不符合卫生要求'), completion.body);
    // every end of an application invites a rating (好差评)
    assert.ok(completion.body.includes(RATING_INVITATION), completion.body);
  });

  it('keeps another account out: it can neither see nor mark a notification (404)', async () => {
    const [notice] = (await inbox('citizen')).items;
    assert.ok(notice);
    const res = await call('other', 'POST', `${API}/${notice.id}/read`);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<Problem>().code, 'notification-not-found');
    assert.equal((await call('head', 'POST', `${API}/${notice.id}/read`)).statusCode, 404);
    assert.equal(
      (await call('citizen', 'POST', `${API}/${crypto.randomUUID()}/read`)).statusCode,
      404,
    );
    assert.equal((await call('citizen', 'POST', `${API}/not-an-id/read`)).statusCode, 400);
    const still = (await inbox('citizen')).items.find((n) => n.id === notice.id);
    assert.equal(still?.readAt, null, 'the failed attempts marked nothing');
    assert.ok(!(await inbox('other')).items.some((n) => n.id === notice.id));
  });

  it('counts unread, marks one read, and marks all read', async () => {
    const before = await ok<UnreadCount>(await call('citizen', 'GET', `${API}/unread-count`));
    const page = await inbox('citizen');
    assert.equal(before.unread, page.unread);
    assert.ok(before.unread >= 4, `unread ${before.unread}`);
    assert.equal(page.total, before.unread, 'nothing read yet');

    const first = page.items[0]!;
    assert.equal((await call('citizen', 'POST', `${API}/${first.id}/read`)).statusCode, 204);
    assert.equal(
      (await call('citizen', 'POST', `${API}/${first.id}/read`)).statusCode,
      204,
      'reading twice is fine',
    );
    const after = await ok<UnreadCount>(await call('citizen', 'GET', `${API}/unread-count`));
    assert.equal(after.unread, before.unread - 1);
    const unreadOnly = await inbox('citizen', '?unreadOnly=true&pageSize=100');
    assert.equal(unreadOnly.total, after.unread);
    assert.ok(unreadOnly.items.every((n) => n.readAt === null));
    assert.ok(!unreadOnly.items.some((n) => n.id === first.id));
    const read = (await inbox('citizen', '?pageSize=100')).items.find((n) => n.id === first.id);
    assert.ok(read?.readAt);

    const paged = await inbox('citizen', '?pageSize=2&page=2');
    assert.equal(paged.items.length, 2);
    assert.equal(paged.page, 2);
    assert.notEqual(paged.items[0]!.id, page.items[0]!.id);

    assert.equal((await call('citizen', 'POST', `${API}/read-all`)).statusCode, 204);
    assert.deepEqual(await ok(await call('citizen', 'GET', `${API}/unread-count`)), {
      unread: 0,
    });
    const all = await inbox('citizen', '?pageSize=100');
    assert.equal(all.unread, 0);
    assert.equal(all.total, page.total, 'read-all deletes nothing');
    assert.ok(all.items.every((n) => n.readAt !== null));
  });

  it('sends a 督办 escalation to the heads of that department and nobody else', async () => {
    const app = await submit('督办用');
    await drain();
    const event = await publishEvent(t.kernel.db.orm, 'workflow.task.escalated', {
      taskId: crypto.randomUUID(),
      instanceId: crypto.randomUUID(),
      businessKey: app.id,
      name: '受理',
      candidateOrganisationId: zzMarket,
      dueDate: '2030-01-02',
    });
    await drain();
    for (const who of ['head', 'secondHead']) {
      const [notice, ...more] = await ofKind(who, 'workflow.task.escalated');
      assert.equal(more.length, 0, who);
      assert.ok(notice, who);
      assert.equal(notice.urgent, 'urgent');
      assert.equal(notice.link, `/workbench/applications/${app.id}`);
      assert.match(notice.title, /督办/);
      assert.ok(notice.body.includes(app.applicationNo), notice.body);
      assert.ok(notice.body.includes('2030年1月2日'), notice.body);
    }
    for (const who of ['lyHead', 'approver', 'window', 'citizen', 'other']) {
      assert.deepEqual(await ofKind(who, 'workflow.task.escalated'), [], who);
    }
    // every recipient is a head of that department (the demo accounts have one too)
    const rows = await t.kernel.db.orm.execute<{ account_id: string; head: boolean }>(
      sql`SELECT n.account_id, EXISTS (
            SELECT 1 FROM staff_profile s JOIN role_assignment r ON r.account_id = s.account_id
             WHERE s.account_id::text = n.account_id AND s.organisation_id = ${zzMarket}
               AND r.role = 'departmentHead' AND r.revoked_at IS NULL) AS head
            FROM notification n WHERE n.source_event_id = ${event}`,
    );
    assert.ok(rows.rows.length >= 2);
    assert.ok(
      rows.rows.every((r) => r.head),
      JSON.stringify(rows.rows),
    );
    assert.ok(rows.rows.some((r) => r.account_id === head.accountId));
  });

  it('tells the applicant of an 一件事 bundle application', async () => {
    const { id: bundleId, applicationNo } = await insertCompletedBundle(t, {
      applicantAccountId: citizen.accountId,
      applicantName: citizen.name,
      acceptingOrganisationId: zzMarket,
    });
    await publishEvent(t.kernel.db.orm, 'bundle-application.completed', {
      bundleApplicationId: bundleId,
    });
    await drain();
    const [notice] = await ofKind('citizen', 'bundle-application.completed');
    assert.ok(notice);
    assert.equal(notice.link, `/me/bundle-applications/${bundleId}`);
    assert.equal(notice.urgent, 'urgent');
    assert.ok(notice.body.includes('出生一件事'));
    assert.ok(notice.body.includes(applicationNo));

    // a member's end points to the bundle, which is rated as a whole, instead of inviting a
    // rating of the member (its rating is refused with 409 rate-the-bundle)
    const member = await submit('一件事成员');
    await t.kernel.db.orm.execute(
      sql`UPDATE application SET bundle_application_id = ${bundleId} WHERE id = ${member.id}`,
    );
    await publishEvent(t.kernel.db.orm, 'application.completed', {
      applicationId: member.id,
      outcome: 'approved',
    });
    await drain();
    const [memberEnd] = (await ofKind('citizen', 'application.completed')).filter(
      (n) => n.link === `/me/applications/${member.id}`,
    );
    assert.ok(memberEnd);
    assert.ok(
      memberEnd.body.includes(BUNDLE_RATING_NOTE.replace('{bundleName}', '出生一件事')),
      memberEnd.body,
    );
    assert.ok(!memberEnd.body.includes(RATING_INVITATION), memberEnd.body);
  });

  it('drops an event about something that does not exist instead of retrying it', async () => {
    await publishEvent(t.kernel.db.orm, 'application.accepted', {
      applicationId: crypto.randomUUID(),
    });
    await publishEvent(t.kernel.db.orm, 'workflow.task.escalated', {
      businessKey: 'not-an-application',
      name: '审查',
      candidateOrganisationId: 'not-an-organisation',
    });
    assert.equal(await drain(), 2);
    const stuck = await t.kernel.db.orm.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`,
    );
    assert.equal(stuck.rows[0]!.n, 0);
  });

  it('is for signed-in accounts only', async () => {
    for (const [method, url] of [
      ['GET', API],
      ['GET', `${API}/unread-count`],
      ['POST', `${API}/${crypto.randomUUID()}/read`],
      ['POST', `${API}/read-all`],
    ] as const) {
      const res = await call(undefined, method, url);
      assert.equal(res.statusCode, 401, `${method} ${url}`);
    }
    // staff have an inbox too
    await ok(await call('window', 'GET', `${API}/unread-count`));
    const bad = await call('citizen', 'GET', `${API}?pageSize=1000`);
    assert.equal(bad.statusCode, 400);
  });
});
