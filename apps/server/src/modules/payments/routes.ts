import { Type } from '@sinclair/typebox';
import type {
  FastifyPluginAsyncTypebox,
  TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import {
  CallbackAck,
  FeeOrder,
  FeeOrderList,
  FeeOrderListQuery,
  IsoDate,
  PaymentAttempt,
  PaymentRefund,
  Problem,
  Receipt,
  ReceiptList,
  ReconciliationBody,
  ReconciliationList,
  ReconciliationReport,
  RefundBody,
  Revenue,
  RevenueQuery,
  SimulatedCashierBody,
  SimulatedCashierQuery,
  SimulatedCashierTrade,
} from '@zhengtong/contracts';
import type { Reconciler } from './reconciliation.js';
import type { PaymentsService } from './service.js';
import type { Settlement } from './settlement.js';
import type { SimulatedGateway } from './simulated-gateway.js';

const problems = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
  503: Problem,
};
const tags = ['payments'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const KeyHeader = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })),
});
/** a notification is small: anything bigger is refused before it is read */
const CALLBACK_BODY_LIMIT = 64 * 1024;

/** 统一支付 under /api/v1/payments. */
export const paymentsRoutes: FastifyPluginAsyncTypebox<{
  service: PaymentsService;
  settlement: Settlement;
  reconciler: Reconciler;
  simulator: SimulatedGateway | undefined;
}> = async (app, { service, settlement, reconciler, simulator }) => {
  const ctx = (req: { id: string }) => ({ requestId: req.id });

  app.get(
    '/orders',
    {
      schema: {
        tags,
        summary: '缴费单: my own (applicants), my department’s (staff), of one application',
        querystring: FeeOrderListQuery,
        response: { 200: FeeOrderList, ...problems },
      },
    },
    (req) => service.listOrders(req.actor, req.query),
  );

  app.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary: 'One fee order, with its open trade and refunds',
        params: Id,
        response: { 200: FeeOrder, ...problems },
      },
    },
    (req) => service.getOrder(req.actor, req.params.id),
  );

  app.post(
    '/orders/:id/pay',
    {
      schema: {
        tags,
        summary:
          '去支付: the order’s open trade and its cashier URL (201 when made now). Send an Idempotency-Key; concurrent clicks share one trade',
        params: Id,
        headers: KeyHeader,
        response: { 200: PaymentAttempt, 201: PaymentAttempt, ...problems },
      },
    },
    async (req, reply) => {
      const { attempt, created } = await service.pay(
        req.actor,
        req.params.id,
        req.headers['idempotency-key'],
        ctx(req),
      );
      return reply.status(created ? 201 : 200).send(attempt);
    },
  );

  app.post(
    '/orders/:id/sync',
    {
      schema: {
        tags,
        summary: 'Asks the gateway about the order’s open trade now (back from the cashier)',
        params: Id,
        response: { 200: FeeOrder, ...problems },
      },
    },
    (req) => service.sync(req.actor, req.params.id),
  );

  app.get(
    '/orders/:id/receipt',
    {
      schema: {
        tags,
        summary: '票据 of a paid order',
        params: Id,
        response: { 200: Receipt, ...problems },
      },
    },
    (req) => service.receipt(req.actor, req.params.id),
  );

  app.post(
    '/orders/:id/refunds',
    {
      schema: {
        tags,
        summary:
          '退款 by the payee department (full or partial, never beyond what was paid); Idempotency-Key',
        params: Id,
        headers: KeyHeader,
        body: RefundBody,
        response: { 200: PaymentRefund, 201: PaymentRefund, ...problems },
      },
    },
    async (req, reply) => {
      const { refund, created } = await service.refund(
        req.actor,
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
        ctx(req),
      );
      return reply.status(created ? 201 : 200).send(refund);
    },
  );

  app.get(
    '/receipts',
    {
      schema: {
        tags,
        summary: '我的票据: receipts of what I paid',
        response: { 200: ReceiptList, ...problems },
      },
    },
    (req) => service.receipts(req.actor),
  );

  app.get(
    '/revenue',
    {
      schema: {
        tags,
        summary:
          '收入: a department’s fees by day and by 非税收入项目编码 (its staff, province admins)',
        querystring: RevenueQuery,
        response: { 200: Revenue, ...problems },
      },
    },
    (req) => service.revenue(req.actor, req.query),
  );

  app.post(
    '/reconciliations',
    {
      schema: {
        tags,
        summary:
          '对账: reconcile a day (Asia/Shanghai) against the gateway’s statement; re-runs replace',
        body: ReconciliationBody,
        response: { 200: ReconciliationReport, ...problems },
      },
    },
    (req) => reconciler.run(req.actor, req.body.date, ctx(req)),
  );

  app.get(
    '/reconciliations',
    {
      schema: {
        tags,
        summary: 'The latest reconciliations',
        response: { 200: ReconciliationList, ...problems },
      },
    },
    (req) => reconciler.list(req.actor),
  );

  app.get(
    '/reconciliations/:date',
    {
      schema: {
        tags,
        summary: 'The reconciliation report of a day',
        params: Type.Object({ date: IsoDate }),
        response: { 200: ReconciliationReport, ...problems },
      },
    },
    (req) => reconciler.get(req.actor, req.params.date),
  );

  // the gateway's notifications: the raw body is what the signature covers
  await app.register(async (plugin) => {
    const callbacks = plugin.withTypeProvider<TypeBoxTypeProvider>();
    callbacks.removeAllContentTypeParsers();
    callbacks.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: CALLBACK_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    callbacks.post(
      '/callbacks/:gateway',
      {
        bodyLimit: CALLBACK_BODY_LIMIT,
        schema: {
          tags,
          summary:
            '支付回调: a gateway’s signed notification; applied once however often it comes (401 when the signature fails)',
          params: Type.Object({ gateway: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }),
          response: { 200: CallbackAck, ...problems, 413: Problem },
        },
      },
      async (req) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const { outcome } = await settlement.receiveCallback(
          req.params.gateway,
          req.headers,
          raw,
          req.id,
        );
        return { code: 'SUCCESS', message: outcome };
      },
    );
  });

  if (simulator) {
    app.get(
      '/simulated-gateway/trades/:tradeNo',
      {
        schema: {
          tags,
          summary: '模拟支付网关: the cashier’s view of a trade (whoever holds its link)',
          params: Type.Object({ tradeNo: Type.String({ maxLength: 64 }) }),
          querystring: SimulatedCashierQuery,
          response: { 200: SimulatedCashierTrade, ...problems },
        },
      },
      async (req) => toCashier(await simulator.cashierTrade(req.params.tradeNo, req.query.token)),
    );

    app.post(
      '/simulated-gateway/trades/:tradeNo/pay',
      {
        schema: {
          tags,
          summary: '模拟支付网关: confirm (or fail) the payment; notifications follow',
          params: Type.Object({ tradeNo: Type.String({ maxLength: 64 }) }),
          body: SimulatedCashierBody,
          response: { 200: SimulatedCashierTrade, ...problems },
        },
      },
      async (req) =>
        toCashier(await simulator.pay(req.params.tradeNo, req.body.token, req.body.outcome)),
    );
  }
};

function toCashier(row: Awaited<ReturnType<SimulatedGateway['cashierTrade']>>) {
  return {
    tradeNo: row.tradeNo,
    outTradeNo: row.outTradeNo,
    subject: row.subject,
    amountFen: row.amountFen,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    returnUrl: row.returnUrl,
  };
}
