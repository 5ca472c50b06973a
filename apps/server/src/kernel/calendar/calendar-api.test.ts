import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CalendarMonth, Problem } from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { anonymousActor, systemActor } from '../actor.js';
import { ForbiddenError, UnauthenticatedError, UnprocessableError } from '../errors.js';

describe('calendar API and overrides', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(() => t.close());

  const get = async <T>(url: string, status = 200) => {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };

  it('adds working days across National Day 2025 (调休 honoured)', async () => {
    assert.deepEqual(await get('/api/v1/calendar/add-working-days?from=2025-09-30&days=5'), {
      date: '2025-10-14',
      uncoveredYears: [],
    });
    assert.deepEqual(
      await get('/api/v1/calendar/working-days-between?from=2025-09-30&to=2025-10-14'),
      {
        workingDays: 5,
      },
    );
  });

  it('shows a month with holidays and 调休 marked', async () => {
    const m = await get<CalendarMonth>('/api/v1/calendar/month?year=2025&month=10');
    assert.equal(m.days.length, 31);
    assert.deepEqual(m.days[0], {
      date: '2025-10-01',
      workingDay: false,
      kind: 'holiday',
      name: '国庆节',
      overridden: false,
    });
    const oct11 = m.days.find((d) => d.date === '2025-10-11');
    assert.equal(oct11?.kind, 'adjustedWorkingDay');
    assert.equal(oct11?.workingDay, true);
    await get<Problem>('/api/v1/calendar/month?year=2025&month=13', 400);
  });

  it('lets an administrator load next year’s notice without a release, audited', async () => {
    // a made-up 2099 notice: 2099-01-01 (Thu) and 2099-01-02 (Fri) off, 2099-01-04 (Sun) worked
    const before = await get<{ date: string }>(
      '/api/v1/calendar/add-working-days?from=2098-12-31&days=1',
    );
    assert.equal(before.date, '2099-01-01');
    await t.kernel.calendar.replaceYearOverrides(systemActor('test'), {
      year: 2099,
      days: [
        { date: '2099-01-01', kind: 'holiday', name: '元旦' },
        { date: '2099-01-02', kind: 'holiday', name: '元旦' },
        { date: '2099-01-04', kind: 'adjustedWorkingDay', name: '元旦' },
      ],
    });
    const after = await get<{ date: string }>(
      '/api/v1/calendar/add-working-days?from=2098-12-31&days=1',
    );
    assert.equal(after.date, '2099-01-04');
    const m = await get<CalendarMonth>('/api/v1/calendar/month?year=2099&month=1');
    assert.equal(m.days[0]?.overridden, true);
    const overrides = await get<{ days: unknown[] }>('/api/v1/calendar/overrides/2099');
    assert.equal(overrides.days.length, 3);
    const audit = await t.kernel.db.pool.query<{ action: string; target_id: string }>(
      "SELECT action, target_id FROM audit_log WHERE action = 'calendar.overrides.replace'",
    );
    assert.deepEqual(audit.rows, [{ action: 'calendar.overrides.replace', target_id: '2099' }]);
    // replacing with an empty list restores the shipped calendar
    await t.kernel.calendar.replaceYearOverrides(systemActor('test'), { year: 2099, days: [] });
    assert.equal(
      (await get<{ date: string }>('/api/v1/calendar/add-working-days?from=2098-12-31&days=1'))
        .date,
      '2099-01-01',
    );
  });

  it('refuses overrides from outsiders and overrides outside the year', async () => {
    const input = {
      year: 2099,
      days: [{ date: '2099-05-01', kind: 'holiday' as const, name: null }],
    };
    await assert.rejects(
      t.kernel.calendar.replaceYearOverrides(anonymousActor, input),
      UnauthenticatedError,
    );
    const citizen = { id: 'p1', kind: 'person' as const, roles: ['citizen'] };
    await assert.rejects(t.kernel.calendar.replaceYearOverrides(citizen, input), ForbiddenError);
    await assert.rejects(
      t.kernel.calendar.replaceYearOverrides(systemActor('t'), {
        year: 2099,
        days: [{ date: '2098-05-01', kind: 'holiday', name: null }],
      }),
      UnprocessableError,
    );
    await assert.rejects(
      t.kernel.calendar.replaceYearOverrides(systemActor('t'), {
        year: 2099,
        days: [
          { date: '2099-05-01', kind: 'holiday', name: null },
          { date: '2099-05-01', kind: 'workday', name: null },
        ],
      }),
      UnprocessableError,
    );
    assert.equal((await t.kernel.calendar.overridesOf(2099)).days.length, 0);
  });
});
