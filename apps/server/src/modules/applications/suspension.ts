import type { SuspendBody } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { CalendarService } from '../../kernel/calendar/service.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { ConflictError } from '../../kernel/errors.js';
import type { ApplicationChanges } from './changes.js';
import type { RequestContext } from './filing.js';
import * as store from './store.js';

export interface SuspensionDeps {
  changes: ApplicationChanges;
  calendar: CalendarService;
}

/** 挂起 / 恢复: special procedures stop the clock of an accepted application. */
export class ApplicationSuspension {
  constructor(private readonly deps: SuspensionDeps) {}

  /** 挂起: an officer with a step on the accepted application stops its clock. */
  async suspend(actor: Actor, id: string, body: SuspendBody, ctx: RequestContext) {
    await this.deps.changes.change(actor, id, ctx, async (tx, app) => {
      await this.deps.changes.taskOf(tx, app, actor, (t) => t.nodeId !== 'accept');
      if (app.status !== 'accepted') {
        throw new ConflictError(
          'not-accepted',
          `an application that is ${app.status} is not in process`,
        );
      }
      if (app.suspendedAt)
        throw new ConflictError('already-suspended', 'the clock already stands still');
      await store.updateApplication(tx, id, {
        suspendedAt: this.deps.changes.now(),
        suspensionKind: body.kind,
        suspensionReason: body.reason,
      });
      return {
        event: 'suspended',
        audit: 'applications.suspend',
        detail: { kind: body.kind, reason: body.reason },
      };
    });
  }

  /**
   * 恢复: the clock runs again; both due dates move by the working days in (suspended day,
   * today] — the days the special procedure took.
   */
  async resume(actor: Actor, id: string, ctx: RequestContext) {
    await this.deps.changes.change(actor, id, ctx, async (tx, app) => {
      await this.deps.changes.taskOf(tx, app, actor, (t) => t.nodeId !== 'accept');
      if (!app.suspendedAt) throw new ConflictError('not-suspended', 'the clock is running');
      const { workingDays } = await this.deps.calendar.workingDaysBetween(
        toShanghaiDate(app.suspendedAt),
        toShanghaiDate(this.deps.changes.now()),
      );
      const days = Math.max(0, workingDays);
      const [due, statutory] = await Promise.all([
        app.dueDate ? this.deps.calendar.addWorkingDays(app.dueDate, days) : undefined,
        app.statutoryDueDate
          ? this.deps.calendar.addWorkingDays(app.statutoryDueDate, days)
          : undefined,
      ]);
      await store.updateApplication(tx, id, {
        suspendedAt: null,
        suspensionKind: null,
        suspensionReason: null,
        suspendedWorkingDays: app.suspendedWorkingDays + days,
        dueDate: due?.date ?? null,
        statutoryDueDate: statutory?.date ?? null,
      });
      return {
        event: 'resumed',
        audit: 'applications.resume',
        detail: { days, dueDate: due?.date ?? null },
      };
    });
  }
}
