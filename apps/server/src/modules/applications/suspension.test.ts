import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import { createPerson, createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';
import { ApplicationsService } from './service.js';

// Time limits run in working days from acceptance and stop while a special procedure (挂起)
// lasts. The service runs here on a clock the test moves through 国庆 2025 and its 调休.
describe('application deadlines across a holiday with 调休 and a suspension', () => {
  let t: TestApp;
  let service: ApplicationsService;
  let clock = new Date('2025-09-30T02:00:00Z'); // 10:00 in Shanghai
  let listId: string;
  let citizen: Actor;
  let window: Actor;
  let approver: Actor;

  /** the actor of a real session, as the HTTP layer would build it */
  const actorOf = async (cookie: string): Promise<Actor> =>
    t.app.identity.actorForToken(cookie.slice('zt_session='.length));

  const staffActor = async (roles: string[], organisation: string): Promise<Actor> =>
    actorOf(await loginAs(t, await createStaff(t, { roles, organisationId: organisation })));

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    service = new ApplicationsService({
      db: t.kernel.db.orm,
      fieldCrypto: t.kernel.fieldCrypto,
      calendar: t.kernel.calendar,
      catalog: t.app.catalog,
      workflow: t.app.workflow,
      directory: t.app.directory,
      identity: t.app.identity.service,
      now: () => clock,
    });
    const zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    listId = await createPublishedList(
      t,
      await createTestItem(t, { applicantKinds: ['person'] }),
      zzMarket,
      validElements({ statutoryLimitDays: 20, promisedLimitDays: 10 }),
    );
    citizen = await actorOf(await loginAs(t, await createPerson(t)));
    window = await staffActor(['windowOfficer'], zzMarket);
    approver = await staffActor(['approver'], zzMarket);
  });
  after(() => t.close());

  it('moves both due dates by the working days a special procedure took', async () => {
    const { application } = await service.submit(
      citizen,
      { listId, formData: { reason: '跨节假日' } },
      'deadline-key-0001',
      {},
    );
    const accepted = await service.accept(window, application.id, {}, {});
    // accepted on Tue 2025-09-30: 10 working days skip 10-01…10-08 and count the 调休
    // Saturday 10-11: 10-09, 10-10, 10-11, 10-13 … 10-17, 10-20, 10-21
    assert.equal(accepted.dueDate, '2025-10-21');
    // 20 working days: … 10-21 (10), 10-22 … 10-24, 10-27 … 10-31, 11-03, 11-04 (20)
    assert.equal(accepted.statutoryDueDate, '2025-11-04');

    // 现场勘验 from Fri 10-10 to Mon 10-13: the clock stood still on 10-11 (调休) and 10-13
    clock = new Date('2025-10-10T03:00:00Z');
    const suspended = await service.suspend(
      approver,
      application.id,
      { kind: 'siteInspection', reason: '需现场核查经营场所' },
      {},
    );
    assert.equal(suspended.suspension?.kind, 'siteInspection');
    const step = suspended.currentSteps[0]!;
    await assert.rejects(
      service.step(approver, application.id, step.taskId, { opinion: '挂起中' }, {}),
      (e: { code?: string }) => e.code === 'suspended',
    );
    await assert.rejects(
      service.suspend(approver, application.id, { kind: 'hearing', reason: '再挂起' }, {}),
      (e: { code?: string }) => e.code === 'already-suspended',
    );

    clock = new Date('2025-10-13T08:00:00Z');
    const resumed = await service.resume(approver, application.id, {});
    assert.equal(resumed.suspension, null);
    assert.equal(resumed.suspendedWorkingDays, 2);
    assert.equal(resumed.dueDate, '2025-10-23');
    assert.equal(resumed.statutoryDueDate, '2025-11-06');
    assert.deepEqual(
      resumed.timeline.map((e) => e.title),
      ['申报', '受理', '挂起（特殊环节）', '恢复办理'],
    );
    assert.equal(resumed.timeline[3]?.detail.days, 2);

    // a suspension within one day costs nothing
    clock = new Date('2025-10-14T01:00:00Z');
    await service.suspend(
      approver,
      application.id,
      { kind: 'expertReview', reason: '专家评审' },
      {},
    );
    clock = new Date('2025-10-14T09:00:00Z');
    const sameDay = await service.resume(approver, application.id, {});
    assert.equal(sameDay.dueDate, '2025-10-23');
    assert.equal(sameDay.suspendedWorkingDays, 2);

    // the window officer has no step in processing and cannot suspend
    await assert.rejects(
      service.suspend(window, application.id, { kind: 'other', reason: '窗口挂起' }, {}),
      (e: { code?: string }) => e.code === 'step-not-open',
    );
  });
});
