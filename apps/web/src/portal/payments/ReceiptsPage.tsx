import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Receipt } from '@zhengtong/contracts';
import { Button, Card, Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { receiptQuery, receiptsQuery, yuan } from '../../shared/api/payments';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import { ApplicantOnly } from '../applications/ApplicantOnly';
import { useDateTexts } from '../applications/dates';
import { orderStatusColor, orderStatusKey } from './FeeCard';
import './payments.css';

/** 我的票据 (/me/receipts): the receipts of the fees the applicant paid. */
export function ReceiptsPage() {
  const t = useT();
  return <ApplicantOnly title={t('payments.receipts.title')}>{() => <Receipts />}</ApplicantOnly>;
}

function Receipts() {
  const t = useT();
  const dates = useDateTexts();
  const query = useQuery(receiptsQuery());
  const columns: TableColumnsType<Receipt> = [
    {
      key: 'receiptNo',
      title: t('payments.receipts.receiptNo'),
      render: (_, r) => (
        <Link to={`/me/receipts/${encodeURIComponent(r.orderId)}`}>{r.receiptNo}</Link>
      ),
    },
    { key: 'item', title: t('payments.receipt.itemName'), dataIndex: 'itemName' },
    { key: 'payee', title: t('payments.payee'), dataIndex: 'payeeOrganisationName' },
    {
      key: 'total',
      title: t('payments.amount'),
      align: 'right',
      render: (_, r) => <span className="zt-money">{yuan(r.totalFen)}</span>,
    },
    {
      key: 'status',
      title: t('payments.receipt.status'),
      render: (_, r) => <Tag color={orderStatusColor[r.status]}>{t(orderStatusKey(r.status))}</Tag>,
    },
    { key: 'paidAt', title: t('payments.paidAt'), render: (_, r) => dates.dateTime(r.paidAt) },
  ];
  return (
    <>
      <PageHeading
        title={t('payments.receipts.title')}
        description={t('payments.receipts.description')}
      />
      <Card className="zt-card">
        <QueryTable
          query={query}
          rowKey="receiptNo"
          columns={columns}
          caption={t('payments.receipts.title')}
          emptyText={t('payments.receipts.empty')}
        />
      </Card>
    </>
  );
}

/** One receipt (/me/receipts/:orderId), printable. */
export function ReceiptPage() {
  const t = useT();
  return <ApplicantOnly title={t('payments.receipt.title')}>{() => <ReceiptView />}</ApplicantOnly>;
}

function ReceiptView() {
  const t = useT();
  const dates = useDateTexts();
  const { orderId = '' } = useParams();
  const query = useQuery(receiptQuery(orderId));
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <>
        <PageHeading title={t('payments.receipt.notFound')} />
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const r = query.data;
  return (
    <div className="zt-receipt">
      <PageHeading
        title={t('payments.receipt.title')}
        extra={
          <span className="zt-receipt-actions">
            <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
              {t('payments.receipt.print')}
            </Button>
          </span>
        }
      />
      <Card className="zt-card">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'no', label: t('payments.receipts.receiptNo'), children: r.receiptNo },
            { key: 'order', label: t('payments.orderNo'), children: r.orderNo },
            { key: 'app', label: t('payments.receipts.application'), children: r.applicationNo },
            { key: 'item', label: t('payments.receipt.itemName'), children: r.itemName },
            { key: 'payer', label: t('payments.receipt.payer'), children: r.payerName },
            { key: 'payee', label: t('payments.payee'), children: r.payeeOrganisationName },
            { key: 'paidAt', label: t('payments.paidAt'), children: dates.dateTime(r.paidAt) },
            {
              key: 'gateway',
              label: t('payments.receipt.gateway'),
              children:
                r.gateway === 'simulated' ? t('payments.receipt.gateway.simulated') : r.gateway,
            },
            {
              key: 'status',
              label: t('payments.receipt.status'),
              children: (
                <>
                  <Tag color={orderStatusColor[r.status]}>{t(orderStatusKey(r.status))}</Tag>
                  {r.refundedFen > 0 && t('payments.refunded', { amount: yuan(r.refundedFen) })}
                </>
              ),
            },
          ]}
        />
        <Table
          className="zt-receipt-items"
          size="small"
          pagination={false}
          rowKey={(_, index) => String(index)}
          dataSource={r.items}
          caption={<span className="zt-visually-hidden">{t('payments.item')}</span>}
          columns={[
            { key: 'name', title: t('payments.item'), dataIndex: 'name' },
            {
              key: 'code',
              title: t('payments.code'),
              render: (_, i) => i.nonTaxRevenueCode ?? '—',
            },
            {
              key: 'amount',
              title: t('payments.amount'),
              align: 'right',
              render: (_, i) => <span className="zt-money">{yuan(i.amountFen)}</span>,
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('payments.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong className="zt-money">{yuan(r.totalFen)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <p className="zt-receipt-actions">
          <Link to="/me/receipts">{t('payments.receipt.back')}</Link>
        </p>
      </Card>
    </div>
  );
}
