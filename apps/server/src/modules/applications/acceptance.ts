import type {
  AcceptBody,
  ProblemFieldError,
  RefuseBody,
  RequestSupplementBody,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { CalendarService } from '../../kernel/calendar/service.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { ConflictError, UnprocessableError } from '../../kernel/errors.js';
import type { DirectoryService } from '../directory/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { completion, resultNoOf, type ApplicationChanges } from './changes.js';
import type { ApplicationFiling, RequestContext } from './filing.js';
import * as store from './store.js';

export interface AcceptanceDeps {
  changes: ApplicationChanges;
  filing: ApplicationFiling;
  calendar: CalendarService;
  workflow: WorkflowService;
  directory: DirectoryService;
}

/**
 * The window officer's decisions on a submitted application, on the open task of the `accept`
 * step: 受理 (with 容缺受理 and 会签), 不予受理, 补正 (一次性告知).
 */
export class ApplicationAcceptance {
  constructor(private readonly deps: AcceptanceDeps) {}

  async accept(actor: Actor, id: string, body: AcceptBody, ctx: RequestContext) {
    await this.deps.changes.onTask(actor, id, 'accept', ctx, async (tx, app, task) => {
      if (app.status !== 'submitted') {
        throw new ConflictError(
          'not-acceptable',
          `an application that is ${app.status} cannot be accepted`,
        );
      }
      const version = await this.deps.filing.version(app.listVersionId);
      const pending = body.pendingMaterials ?? [];
      if (pending.length > 0) {
        if (!version.elements.allowsPendingMaterials) {
          throw new UnprocessableError(
            'no-pending-materials',
            'this service does not allow 容缺受理',
            [{ path: '/body/pendingMaterials', message: '该事项不支持容缺受理' }],
          );
        }
        const keys = new Set(version.elements.materials.map((m) => m.key));
        const unknown = pending.filter((k) => !keys.has(k));
        if (unknown.length > 0) {
          throw new UnprocessableError(
            'unknown-material',
            `no such material: ${unknown.join(', ')}`,
            unknown.map((k) => ({ path: '/body/pendingMaterials', message: `无此材料：${k}` })),
          );
        }
      }
      const consulted = body.consultedOrganisationIds ?? [];
      if (consulted.length > 0) {
        const found = await this.deps.directory.findOrganisationsByIds(consulted);
        const departments = new Set(found.filter((o) => o.kind === 'department').map((o) => o.id));
        const problems = consulted.flatMap((c, i) =>
          departments.has(c) && c !== app.organisationId
            ? []
            : [
                {
                  path: `/body/consultedOrganisationIds/${i}`,
                  message: '会签部门应为实施机构以外的部门',
                },
              ],
        );
        if (problems.length > 0) {
          throw new UnprocessableError('invalid-consulted', 'not departments to consult', problems);
        }
      }
      // 缴费: a fee due before 受理 is paid first (不予受理 stays possible)
      await this.deps.filing.fees?.assertPaid(tx, id, 'beforeAcceptance');
      const today = toShanghaiDate(this.deps.changes.now());
      const [due, statutory] = await Promise.all([
        this.deps.calendar.addWorkingDays(today, version.elements.promisedLimitDays),
        this.deps.calendar.addWorkingDays(today, version.elements.statutoryLimitDays),
      ]);
      await this.deps.workflow.engine.completeTask(tx, task.id, actor.id, {
        acceptance: 'accepted',
        consultedOrganisationIds: consulted,
      });
      // 即办件: the process ends with the acceptance, which is the decision (当场办结)
      const instance = await this.deps.workflow.findInstance(tx, app.processInstanceId ?? '');
      const completedNow = instance?.status === 'completed';
      await store.updateApplication(tx, id, {
        status: completedNow ? 'approved' : 'accepted',
        acceptedAt: this.deps.changes.now(),
        dueDate: due.date,
        statutoryDueDate: statutory.date,
        pendingMaterials: pending,
        ...(completedNow ? completion(app, 'approved', this.deps.changes.now()) : {}),
      });
      // the fee due before the result is issued (准予, 制证) is ordered now
      if (!completedNow) {
        await this.deps.filing.openFees(tx, actor, app, version, 'beforeIssuing', ctx);
      }
      return {
        ...(completedNow
          ? {
              followUp: () =>
                this.deps.filing.event(tx, id, actor, 'approved', { atAcceptance: true }),
            }
          : {}),
        event: 'accepted',
        audit: 'applications.accept',
        detail: { dueDate: due.date, ...(pending.length > 0 ? { pendingMaterials: pending } : {}) },
      };
    });
  }

  async refuse(actor: Actor, id: string, body: RefuseBody, ctx: RequestContext) {
    await this.deps.changes.onTask(actor, id, 'accept', ctx, async (tx, app, task) => {
      if (app.status !== 'submitted' && app.status !== 'supplementRequested') {
        throw new ConflictError(
          'not-refusable',
          `an application that is ${app.status} cannot be refused`,
        );
      }
      await this.deps.workflow.engine.completeTask(tx, task.id, actor.id, {
        acceptance: 'refused',
        refuseReason: body.reason,
      });
      await store.updateApplication(tx, id, {
        status: 'refused',
        decisionReason: body.reason,
        completedAt: this.deps.changes.now(),
        resultNo: resultNoOf(app.applicationNo, 'refused'),
        supplement: null,
      });
      await this.deps.filing.closeFees(tx, actor, id, 'refused', ctx);
      return { event: 'refused', audit: 'applications.refuse', detail: { reason: body.reason } };
    });
  }

  /** 补正: one notice with every item; a second request on the same application is flagged. */
  async requestSupplement(
    actor: Actor,
    id: string,
    body: RequestSupplementBody,
    ctx: RequestContext,
  ) {
    await this.deps.changes.onTask(actor, id, 'accept', ctx, async (tx, app) => {
      if (app.status !== 'submitted') {
        throw new ConflictError(
          'supplement-pending',
          app.status === 'supplementRequested'
            ? 'a supplement request is open: list everything in one notice (一次性告知)'
            : `an application that is ${app.status} takes no supplement request`,
        );
      }
      const version = await this.deps.filing.version(app.listVersionId);
      const keys = new Set(version.elements.materials.map((m) => m.key));
      const problems: ProblemFieldError[] = body.items.flatMap((item, i) =>
        item.materialKey !== undefined && !keys.has(item.materialKey)
          ? [{ path: `/body/items/${i}/materialKey`, message: `无此材料：${item.materialKey}` }]
          : [],
      );
      if (problems.length > 0)
        throw new UnprocessableError('unknown-material', 'no such material', problems);
      const count = app.supplementCount + 1;
      await store.updateApplication(tx, id, {
        status: 'supplementRequested',
        supplement: body.items,
        supplementCount: count,
      });
      return {
        event: 'supplementRequested',
        audit: 'applications.request-supplement',
        detail: { items: body.items, count, ...(count > 1 ? { repeated: true } : {}) },
      };
    });
  }
}
