import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  FeeOrder,
  FeeOrderList,
  PaymentAttempt,
  PaymentRefund,
  Receipt,
  ReceiptList,
  ReconciliationList,
  ReconciliationReport,
  Revenue,
  SimulatedCashierBody,
  SimulatedCashierTrade,
} from '@zhengtong/contracts';
import { apiGet, apiPost, postWithIdempotencyKey } from './client';

// 统一支付: an application's fee orders, paying (去支付 → the gateway's cashier), receipts, a
// department's revenue and the reconciliation reports; and the simulated gateway's cashier.

const base = '/api/v1/payments';
const enc = encodeURIComponent;

export const paymentKeys = {
  all: ['payments'] as const,
  orders: (applicationId: string) => ['payments', 'orders', applicationId] as const,
  receipts: ['payments', 'receipts'] as const,
  receipt: (orderId: string) => ['payments', 'receipt', orderId] as const,
  revenue: (organisationId: string, from: string, to: string) =>
    ['payments', 'revenue', organisationId, from, to] as const,
  reconciliations: ['payments', 'reconciliations'] as const,
  reconciliation: (date: string) => ['payments', 'reconciliations', date] as const,
  cashier: (tradeNo: string) => ['payments', 'cashier', tradeNo] as const,
};

/** The fee orders of one of my applications. */
export function applicationOrdersQuery(applicationId: string) {
  return queryOptions({
    queryKey: paymentKeys.orders(applicationId),
    queryFn: ({ signal }) =>
      apiGet<FeeOrderList>(`${base}/orders`, { query: { applicationId }, signal }),
  });
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const payKeyPrefix = 'zt.pay.idempotencyKey.';

/**
 * The Idempotency-Key of 去支付 for an order, kept for the visit: a retry after a network
 * failure sends the same key and gets the same trade.
 */
function payKeyFor(orderId: string): string {
  try {
    const kept = sessionStorage.getItem(payKeyPrefix + orderId);
    if (kept) return kept;
    const key = randomKey();
    sessionStorage.setItem(payKeyPrefix + orderId, key);
    return key;
  } catch {
    return randomKey();
  }
}

/** Forgets the key once the trade is over, so paying again (after a failure) is a new trade. */
export function forgetPayKey(orderId: string): void {
  try {
    sessionStorage.removeItem(payKeyPrefix + orderId);
  } catch {
    // nothing kept
  }
}

/** 去支付: the order's open trade, with the cashier to send the payer to. */
export function usePayOrder() {
  return useMutation({
    mutationFn: (orderId: string) =>
      postWithIdempotencyKey<PaymentAttempt>(
        `${base}/orders/${enc(orderId)}/pay`,
        {},
        payKeyFor(orderId),
      ),
  });
}

/**
 * 退款 by the payee department's officer (full or partial). `key` is the Idempotency-Key of one
 * refund: kept while its dialog is open, so a retry after a lost answer refunds once.
 */
export function refundOrder(
  orderId: string,
  body: { amountFen: number; reason: string },
  key: string,
): Promise<PaymentRefund> {
  return postWithIdempotencyKey<PaymentRefund>(`${base}/orders/${enc(orderId)}/refunds`, body, key);
}

/** A fresh Idempotency-Key. */
export function newIdempotencyKey(): string {
  return randomKey();
}

/** Back from the cashier: ask the gateway now instead of waiting for its notification. */
export function useSyncOrder(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orderId: string) =>
      apiPost<FeeOrder>(`${base}/orders/${enc(orderId)}/sync`, undefined, { silent: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentKeys.orders(applicationId) }),
  });
}

export function receiptsQuery() {
  return queryOptions({
    queryKey: paymentKeys.receipts,
    queryFn: ({ signal }) => apiGet<ReceiptList>(`${base}/receipts`, { signal }),
  });
}

export function receiptQuery(orderId: string) {
  return queryOptions({
    queryKey: paymentKeys.receipt(orderId),
    queryFn: ({ signal }) =>
      apiGet<Receipt>(`${base}/orders/${enc(orderId)}/receipt`, { signal, silent: true }),
  });
}

export function revenueQuery(organisationId: string, from: string, to: string) {
  return queryOptions({
    queryKey: paymentKeys.revenue(organisationId, from, to),
    queryFn: ({ signal }) =>
      apiGet<Revenue>(`${base}/revenue`, {
        query: { organisationId, from, to },
        signal,
        silent: true,
      }),
    enabled: organisationId !== '',
  });
}

export function reconciliationsQuery() {
  return queryOptions({
    queryKey: paymentKeys.reconciliations,
    queryFn: ({ signal }) => apiGet<ReconciliationList>(`${base}/reconciliations`, { signal }),
  });
}

export function reconciliationQuery(date: string) {
  return queryOptions({
    queryKey: paymentKeys.reconciliation(date),
    queryFn: ({ signal }) =>
      apiGet<ReconciliationReport>(`${base}/reconciliations/${enc(date)}`, {
        signal,
        silent: true,
      }),
    enabled: date !== '',
  });
}

/** 对账: reconcile a day now (a re-run replaces the report). */
export function useReconcile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      apiPost<ReconciliationReport>(`${base}/reconciliations`, { date }),
    onSuccess: (report) => {
      queryClient.setQueryData(paymentKeys.reconciliation(report.date), report);
      void queryClient.invalidateQueries({ queryKey: paymentKeys.reconciliations });
    },
  });
}

/** The simulated gateway's cashier: the trade behind a cashier link. */
export function cashierTradeQuery(tradeNo: string, token: string) {
  return queryOptions({
    queryKey: paymentKeys.cashier(tradeNo),
    queryFn: ({ signal }) =>
      apiGet<SimulatedCashierTrade>(`${base}/simulated-gateway/trades/${enc(tradeNo)}`, {
        query: { token },
        signal,
        silent: true,
      }),
  });
}

export function useCashierPay(tradeNo: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SimulatedCashierBody) =>
      apiPost<SimulatedCashierTrade>(`${base}/simulated-gateway/trades/${enc(tradeNo)}/pay`, body, {
        silent: true,
      }),
    onSuccess: (trade) => queryClient.setQueryData(paymentKeys.cashier(tradeNo), trade),
  });
}

/** 8000 → "80.00": fen as 元 with two decimals, in integers (no float rounding). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
