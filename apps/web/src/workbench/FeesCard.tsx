import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeeOrder } from '@zhengtong/contracts';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  applicationOrdersQuery,
  newIdempotencyKey,
  paymentKeys,
  refundOrder,
  yuan,
} from '../shared/api/payments';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { FormModal } from '../shared/components/FormModal';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { useSession } from '../shared/identity/session';
import { orderStatusColor, orderStatusKey } from '../portal/payments/FeeCard';
import { dateTimeText } from './labels';

/**
 * 缴费 on the officer's application page: the application's fee orders (what is due, paid and
 * refunded, by whom and when) and 退款 for the payee department's officers. The server decides
 * who may refund and how much; the button only offers it while something is left to refund.
 */
export function FeesCard({ applicationId }: { applicationId: string }) {
  const t = useT();
  const query = useQuery(applicationOrdersQuery(applicationId));
  const { me } = useSession();
  const [refunding, setRefunding] = useState<FeeOrder>();
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <Card
        className="zt-card zt-note"
        title={<h2 className="zt-card-heading">{t('workbench.fees.title')}</h2>}
      >
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  }
  const orders = [...query.data.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (orders.length === 0) return null;
  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.fees.title')}</h2>}
    >
      <Typography.Paragraph className="zt-alert-text zt-muted">
        {t('workbench.fees.intro')}
      </Typography.Paragraph>
      <div className="zt-stack">
        {orders.map((order) => (
          <OfficerFeeOrder
            key={order.id}
            order={order}
            // the payee refunds; a service hall accepting for it sees the order only
            onRefund={
              me?.organisationId === order.payeeOrganisationId
                ? () => setRefunding(order)
                : undefined
            }
          />
        ))}
      </div>
      {refunding && (
        <RefundModal
          order={refunding}
          applicationId={applicationId}
          onClose={() => setRefunding(undefined)}
        />
      )}
    </Card>
  );
}

const refundable = (order: FeeOrder) => order.paidFen - order.refundedFen;

function OfficerFeeOrder({ order, onRefund }: { order: FeeOrder; onRefund?: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <section aria-label={t('workbench.fees.order', { orderNo: order.orderNo })}>
      <Space wrap>
        <Typography.Text strong>{t(`payments.stage.${order.stage}`)}</Typography.Text>
        <Tag color={orderStatusColor[order.status]}>{t(orderStatusKey(order.status))}</Tag>
        <Typography.Text type="secondary">
          {t('workbench.fees.order', { orderNo: order.orderNo })}
        </Typography.Text>
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'total', label: t('workbench.fees.total'), children: yuan(order.totalFen) },
          { key: 'paid', label: t('workbench.fees.paid'), children: yuan(order.paidFen) },
          {
            key: 'refunded',
            label: t('workbench.fees.refunded'),
            children: yuan(order.refundedFen),
          },
          { key: 'payer', label: t('workbench.fees.payer'), children: order.payerName },
          ...(order.paidAt
            ? [
                {
                  key: 'paidAt',
                  label: t('workbench.fees.paidAt'),
                  children: dateTimeText(order.paidAt, formatDate, t),
                },
              ]
            : []),
        ]}
      />
      {order.refunds.map((r) => (
        <Typography.Paragraph key={r.id} className="zt-alert-text">
          {r.status === 'succeeded'
            ? t('payments.refund.done', { amount: yuan(r.amountFen), reason: r.reason })
            : t('payments.refund.pending', { amount: yuan(r.amountFen) })}
        </Typography.Paragraph>
      ))}
      {onRefund && refundable(order) > 0 && (
        <Button onClick={onRefund}>{t('workbench.fees.refund')}</Button>
      )}
    </section>
  );
}

interface RefundValues {
  amount: number;
  reason: string;
}

function RefundModal({
  order,
  applicationId,
  onClose,
}: {
  order: FeeOrder;
  applicationId: string;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RefundValues>();
  // one refund, one key: a retry after a lost answer is the same refund
  const [key] = useState(newIdempotencyKey);
  const max = refundable(order);
  return (
    <FormModal<RefundValues, unknown>
      open
      title={t('workbench.fees.refundTitle', { orderNo: order.orderNo })}
      okText={t('workbench.fees.refundSubmit')}
      onCancel={onClose}
      form={form}
      name="refundOrder"
      fields={['reason']}
      initialValues={{ amount: max / 100 }}
      submit={(values) =>
        refundOrder(
          order.id,
          { amountFen: Math.round(values.amount * 100), reason: values.reason.trim() },
          key,
        )
      }
      onSubmitted={(_, values) => {
        void queryClient.invalidateQueries({ queryKey: paymentKeys.orders(applicationId) });
        void message.success(
          t('workbench.fees.refundDone', { amount: yuan(Math.round(values.amount * 100)) }),
        );
        onClose();
      }}
    >
      <Form.Item
        name="amount"
        label={t('workbench.fees.refundAmount')}
        extra={t('workbench.fees.refundAmountHelp', { max: yuan(max) })}
        rules={[{ required: true }]}
      >
        <InputNumber min={0.01} max={max / 100} precision={2} step={1} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('workbench.fees.refundReason')}
        rules={[
          { required: true, whitespace: true, message: t('workbench.fees.refundReasonRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
