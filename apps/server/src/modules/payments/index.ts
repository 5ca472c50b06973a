import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../kernel/actor.js';
import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import { registerRecurringJob } from '../../kernel/events/recurring.js';
import { FeeOrders } from './fees.js';
import { Reconciler } from './reconciliation.js';
import { paymentsRoutes } from './routes.js';
import { PaymentsService } from './service.js';
import { Settlement } from './settlement.js';
import { SimulatedGateway } from './simulated-gateway.js';

export {
  FeeOrders,
  feesDue,
  type FeeApplication,
  type FeeCloseReason,
  type FeeStage,
} from './fees.js';
export type { PaymentGateway } from './gateway.js';
export { PaymentsService } from './service.js';
export { Reconciler } from './reconciliation.js';
export { Settlement } from './settlement.js';
export { SimulatedGateway } from './simulated-gateway.js';

/** The poll that asks the gateway about trades left pending (a lost notification), each minute. */
export const POLL_JOB = 'payments.poll-pending';
const POLL_EVERY_MS = 60_000;
/** 对账 of yesterday (Asia/Shanghai), daily at 00:00 UTC = 08:00 in Shanghai. */
export const RECONCILE_JOB = 'payments.reconcile-daily';
const RECONCILE_EVERY_MS = 86_400_000;

export interface Payments {
  service: PaymentsService;
  /** the applications module's FeesPort */
  fees: FeeOrders;
  settlement: Settlement;
  reconciler: Reconciler;
  /** the built-in gateway, when it is the one configured */
  simulator: SimulatedGateway | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    payments: Payments;
  }
}

/**
 * 统一支付: fee orders of applications, a payment gateway (the simulated one built in), callbacks
 * applied exactly once, the poll for pending trades, refunds, receipts, revenue and 对账.
 * Registered before the applications module, which calls `fees` inside its transactions.
 */
export const paymentsModule = fp(
  async (app: FastifyInstance) => {
    const { kernel } = app;
    const db = kernel.db.orm;
    const config = kernel.config.payments;
    const log = app.log.child({ module: 'payments' });
    const simulator = new SimulatedGateway({
      db,
      log,
      settings: {
        ...config.simulated,
        secret: loadSimulatorSecret(kernel.config.dataDir, config.simulated.secret),
      },
    });
    simulator.register(kernel.jobs);
    const settlement = new Settlement({ db, gateway: simulator, log });
    settlement.register(kernel.jobs);
    const reconciler = new Reconciler({ db, gateway: simulator });
    const service = new PaymentsService({
      db,
      settlement,
      directory: app.directory,
      publicUrl: kernel.config.publicUrl,
      attemptMinutes: config.attemptMinutes,
    });
    await registerRecurringJob(kernel.jobs, db, {
      kind: POLL_JOB,
      everyMs: POLL_EVERY_MS,
      run: async () => {
        const settled = await settlement.pollPending();
        if (settled > 0) log.info({ settled }, 'settled pending payments by asking the gateway');
      },
    });
    await registerRecurringJob(kernel.jobs, db, {
      kind: RECONCILE_JOB,
      everyMs: RECONCILE_EVERY_MS,
      run: async () => {
        const yesterday = toShanghaiDate(new Date(Date.now() - RECONCILE_EVERY_MS));
        const report = await reconciler.run(systemActor('payments-reconciliation'), yesterday);
        (report.status === 'balanced' ? log.info : log.warn).call(
          log,
          { date: yesterday, status: report.status, matched: report.matched },
          'daily reconciliation',
        );
      },
    });
    app.decorate('payments', {
      service,
      fees: new FeeOrders({ settlement }),
      settlement,
      reconciler,
      simulator,
    });
    await app.register(paymentsRoutes, {
      prefix: '/api/v1/payments',
      service,
      settlement,
      reconciler,
      simulator,
    });
  },
  { name: 'payments', dependencies: ['kernel', 'directory', 'identity'] },
);

/**
 * The simulated gateway's secret from ZT_PAYMENT_SIM_SECRET, or generated once into the data
 * directory (mode 0600), like the field key.
 */
function loadSimulatorSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'keys', 'payment-sim.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return fs.readFileSync(file, 'utf8').trim();
  }
}
