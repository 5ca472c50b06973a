import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addCalendarDays } from '../../kernel/calendar/working-days.js';
import { ConfigError, loadConfig } from '../../kernel/config.js';
import { taskDeadline, warningDays } from './deadlines.js';

const open = (dueDate: string | null, warnDate: string | null) => ({
  status: 'open' as const,
  dueDate,
  warnDate,
  completedAt: null,
  updatedAt: new Date('2025-01-01T00:00:00Z'),
});

describe('warning days', () => {
  it('takes the floor of the share, and a step due the day it arrives warns that day', () => {
    assert.equal(warningDays(3, 0.8), 2);
    assert.equal(warningDays(5, 0.8), 4);
    assert.equal(warningDays(10, 0.8), 8);
    assert.equal(warningDays(1, 0.8), 0);
    assert.equal(warningDays(0, 0.8), 0);
    assert.equal(warningDays(20, 1), 20);
  });

  it('lies between 0 and the limit and grows with the limit and the share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (limit, a, b) => {
          const days = warningDays(limit, a);
          assert.ok(Number.isInteger(days) && days >= 0 && days <= limit);
          assert.ok(warningDays(limit + 1, a) >= days);
          assert.ok(warningDays(limit, Math.max(a, b)) >= warningDays(limit, Math.min(a, b)));
        },
      ),
    );
  });
});

describe('task deadline (预警)', () => {
  const today = '2025-10-09';

  it('classifies an open task against today', () => {
    assert.equal(taskDeadline(open(null, null), today), 'noLimit');
    assert.equal(taskDeadline(open('2025-10-13', '2025-10-10'), today), 'onTime');
    assert.equal(taskDeadline(open('2025-10-13', '2025-10-09'), today), 'warning');
    assert.equal(taskDeadline(open('2025-10-09', '2025-10-09'), today), 'warning');
    assert.equal(taskDeadline(open('2025-10-08', '2025-10-01'), today), 'overdue');
    // a task from before warning days warns on its due day
    assert.equal(taskDeadline(open('2025-10-09', null), today), 'warning');
    assert.equal(taskDeadline(open('2025-10-10', null), today), 'onTime');
  });

  it('judges a finished task by the day it was finished in Shanghai', () => {
    const finished = {
      status: 'completed' as const,
      dueDate: '2025-10-09',
      warnDate: '2025-10-08',
      // 2025-10-09 23:30 in Shanghai
      completedAt: new Date('2025-10-09T15:30:00Z'),
      updatedAt: new Date('2025-10-09T15:30:00Z'),
    };
    assert.equal(taskDeadline(finished, '2030-01-01'), 'warning');
    assert.equal(
      taskDeadline({ ...finished, completedAt: new Date('2025-10-09T16:30:00Z') }, '2030-01-01'),
      'overdue',
    );
  });

  it('is overdue exactly after the due day, and warns exactly from the warning day', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addCalendarDays('2025-01-01', n));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 30 }), (todayDay, due, lead) => {
        const warn = addCalendarDays(due, -lead);
        const state = taskDeadline(open(due, warn), todayDay);
        if (todayDay > due) assert.equal(state, 'overdue');
        else if (todayDay >= warn) assert.equal(state, 'warning');
        else assert.equal(state, 'onTime');
      }),
    );
  });
});

describe('ZT_DEADLINE_WARNING_SHARE', () => {
  it('defaults to 0.8 and takes a share from 0.1 to 1', () => {
    assert.equal(loadConfig({}).workflow.deadlineWarningShare, 0.8);
    assert.equal(
      loadConfig({ ZT_DEADLINE_WARNING_SHARE: '0.5' }).workflow.deadlineWarningShare,
      0.5,
    );
    assert.equal(loadConfig({ ZT_DEADLINE_WARNING_SHARE: '1' }).workflow.deadlineWarningShare, 1);
    for (const bad of ['0', '0.05', '1.5', 'most', '-0.5']) {
      assert.throws(
        () => loadConfig({ ZT_DEADLINE_WARNING_SHARE: bad }),
        (err: unknown) =>
          err instanceof ConfigError &&
          err.problems.some((p) => p.startsWith('ZT_DEADLINE_WARNING_SHARE')),
        bad,
      );
    }
  });
});
