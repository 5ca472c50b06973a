import { useQuery } from '@tanstack/react-query';
import type { FeeOrder, FeeOrderStatus } from '@zhengtong/contracts';
import { Alert, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  applicationOrdersQuery,
  forgetPayKey,
  usePayOrder,
  useSyncOrder,
  yuan,
} from '../../shared/api/payments';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { DetailSection } from '../applications/ApplicationPageShell';
import { useDateTexts } from '../applications/dates';
import './payments.css';

export const orderStatusColor: Record<FeeOrderStatus, string> = {
  unpaid: 'orange',
  paid: 'green',
  cancelled: 'default',
  refunded: 'purple',
  'partially-refunded': 'blue',
};

export const orderStatusKey = (status: FeeOrderStatus) => `payments.status.${status}` as MessageKey;

/**
 * 缴费 on the applicant's application page: each fee order with its items (元, two decimals,
 * 非税收入项目编码), its status, 去支付 to the gateway's cashier, and the receipt once paid. Back
 * from the cashier (`?order=`) the gateway is asked at once; while a trade is open the card
 * refreshes itself.
 */
export function FeeCard({ applicationId }: { applicationId: string }) {
  const t = useT();
  const query = useQuery({
    ...applicationOrdersQuery(applicationId),
    refetchInterval: (q) =>
      q.state.data?.items.some((o) => o.status === 'unpaid' && o.openAttempt) ? 2000 : false,
  });
  const sync = useSyncOrder(applicationId);
  const [params, setParams] = useSearchParams();
  const returned = params.get('order');
  const synced = useRef(false);
  useEffect(() => {
    if (!returned || synced.current) return;
    synced.current = true;
    sync.mutate(returned, {
      onSettled: () => {
        forgetPayKey(returned);
        setParams(
          (current) => {
            current.delete('order');
            return current;
          },
          { replace: true },
        );
      },
    });
  }, [returned, sync, setParams]);

  if (query.isError) {
    return (
      <DetailSection id="zt-fees" title={t('payments.card.title')}>
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </DetailSection>
    );
  }
  if (query.isPending) return <LoadingBlock label={t('payments.card.loading')} />;
  const orders = query.data.items;
  if (orders.length === 0) return null;
  return (
    <DetailSection id="zt-fees" title={t('payments.card.title')}>
      <Typography.Paragraph type="secondary">{t('payments.card.intro')}</Typography.Paragraph>
      {sync.isPending && <Alert type="info" showIcon title={t('payments.checking')} />}
      <div className="zt-stack">
        {[...orders]
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
          .map((order) => (
            <FeeOrderView key={order.id} order={order} />
          ))}
      </div>
    </DetailSection>
  );
}

function FeeOrderView({ order }: { order: FeeOrder }) {
  const t = useT();
  const dates = useDateTexts();
  const navigate = useNavigate();
  const pay = usePayOrder();
  const goPay = () =>
    pay.mutate(order.id, {
      onSuccess: (attempt) => {
        const url = attempt.cashierUrl;
        if (!url) return;
        // the simulated gateway's cashier is a page of this site; a real one is elsewhere
        if (url.startsWith('/')) void navigate(url);
        else window.location.assign(url);
      },
    });
  const refunds = order.refunds;
  return (
    <section className="zt-fee-order" aria-label={`${t('payments.orderNo')} ${order.orderNo}`}>
      <Space wrap className="zt-fee-order-head">
        <Typography.Text strong>{t(`payments.stage.${order.stage}`)}</Typography.Text>
        <Tag color={orderStatusColor[order.status]}>{t(orderStatusKey(order.status))}</Tag>
        <Typography.Text type="secondary">
          {t('payments.orderNo')} {order.orderNo}
        </Typography.Text>
      </Space>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, index) => String(index)}
        dataSource={order.items}
        caption={<span className="zt-visually-hidden">{t('payments.item')}</span>}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('payments.item'), dataIndex: 'name' },
          {
            key: 'amount',
            title: t('payments.amount'),
            align: 'right',
            render: (_, item) => <span className="zt-money">{yuan(item.amountFen)}</span>,
          },
          {
            key: 'code',
            title: t('payments.code'),
            render: (_, item) => item.nonTaxRevenueCode ?? '—',
          },
          {
            key: 'basis',
            title: t('payments.legalBasis'),
            dataIndex: 'legalBasis',
            className: 'zt-fee-basis',
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('payments.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong className="zt-money" data-testid="fee-total">
                {yuan(order.totalFen)}
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={2} />
          </Table.Summary.Row>
        )}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'payee', label: t('payments.payee'), children: order.payeeOrganisationName },
          ...(order.paidAt
            ? [
                {
                  key: 'paidAt',
                  label: t('payments.paidAt'),
                  children: dates.dateTime(order.paidAt),
                },
              ]
            : []),
        ]}
      />
      {refunds.map((r) => (
        <Alert
          key={r.id}
          type={r.status === 'succeeded' ? 'success' : 'info'}
          showIcon
          title={
            r.status === 'succeeded'
              ? t('payments.refund.done', { amount: yuan(r.amountFen), reason: r.reason })
              : t('payments.refund.pending', { amount: yuan(r.amountFen) })
          }
        />
      ))}
      {order.status === 'unpaid' && (
        <div className="zt-fee-actions">
          <Alert
            type="warning"
            showIcon
            title={t(`payments.unpaidWarning.${order.stage}`)}
            description={order.openAttempt ? t('payments.pendingNote') : undefined}
          />
          <Button type="primary" onClick={goPay} loading={pay.isPending}>
            {pay.isPending ? t('payments.paying') : t('payments.pay')}
            {' · '}
            {t('payments.yuan', { amount: yuan(order.totalFen) })}
          </Button>
          {pay.isError && <ApiErrorAlert error={pay.error} />}
        </div>
      )}
      {order.receiptNo && (
        <Link to={`/me/receipts/${encodeURIComponent(order.id)}`}>{t('payments.viewReceipt')}</Link>
      )}
    </section>
  );
}
