/**
 * One application from submission to decision over HTTP, run in the load driver: the
 * applicant submits (申报), the window accepts (受理), the approver reviews (审查) and approves
 * (决定 准予), after which the application is complete (办结). Loaded in the driver process:
 * imports nothing of the server.
 */
import { json, type FlowContext } from '../lib/flow.js';

export interface LifecycleParams {
  listId: string;
  formData: Record<string, unknown>;
  /** session cookies */
  applicant: string;
  window: string;
  approver: string;
  /** Idempotency-Key prefix, unique per run */
  run: string;
}

interface ApplicationView {
  id: string;
  status: string;
  currentSteps: { taskId: string; nodeId: string }[];
}

export const LIFECYCLE_STEPS = ['submit', 'accept', 'review', 'decide'] as const;

/** The four requests of one application, as `send` makes them (HTTP here, inject for the floor). */
export async function lifecycle(
  send: (
    step: (typeof LIFECYCLE_STEPS)[number],
    path: string,
    cookie: string,
    body: unknown,
    headers?: Record<string, string>,
  ) => Promise<ApplicationView>,
  p: LifecycleParams,
  n: number,
): Promise<void> {
  const filed = await send(
    'submit',
    '/api/v1/applications',
    p.applicant,
    { listId: p.listId, formData: p.formData },
    { 'idempotency-key': `${p.run}-${n}` },
  );
  const base = `/api/v1/applications/${filed.id}`;
  const accepted = await send('accept', `${base}/accept`, p.window, {});
  const stepOf = (view: ApplicationView, nodeId: string) => {
    const task = view.currentSteps.find((s) => s.nodeId === nodeId);
    if (!task) throw new Error(`application ${view.id} (${view.status}) has no ${nodeId} step`);
    return task.taskId;
  };
  const reviewed = await send('review', `${base}/steps/${stepOf(accepted, 'review')}`, p.approver, {
    opinion: '材料齐全，符合法定条件',
  });
  const decided = await send('decide', `${base}/steps/${stepOf(reviewed, 'decide')}`, p.approver, {
    decision: 'approve',
  });
  if (decided.status !== 'approved') {
    throw new Error(`application ${decided.id} ended ${decided.status}, not approved`);
  }
}

export async function run(ctx: FlowContext, n: number, params: unknown): Promise<void> {
  await lifecycle(
    async (step, path, cookie, body, headers = {}) =>
      json<ApplicationView>(
        await ctx.request(
          step,
          { method: 'POST', path, headers: { cookie, ...headers }, body },
          step === 'submit' ? 201 : 200,
        ),
      ),
    params as LifecycleParams,
    n,
  );
}
