import { useQuery } from '@tanstack/react-query';
import type { ReconciliationLine, ReconciliationReport } from '@zhengtong/contracts';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  reconciliationQuery,
  reconciliationsQuery,
  useReconcile,
  yuan,
} from '../../shared/api/payments';
import { fromIsoDate, todayInShanghai, toIsoDate } from '../../shared/calendar/dates';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { useDateTexts } from '../../portal/applications/dates';
import '../../portal/payments/payments.css';

const sections = ['missingLocally', 'missingAtGateway', 'amountDiffers', 'statusDiffers'] as const;

/** 对账 (/admin/payments/reconciliations): run a day, read its report, the recent runs. */
export function ReconciliationPage() {
  const t = useT();
  const dates = useDateTexts();
  const [day, setDay] = useState<Dayjs>(todayInShanghai().subtract(1, 'day'));
  const [shown, setShown] = useState('');
  const reconcile = useReconcile();
  const list = useQuery(reconciliationsQuery());
  const report = useQuery(reconciliationQuery(shown));
  const current = reconcile.data?.date === shown ? reconcile.data : report.data;

  return (
    <>
      <PageHeading
        title={t('payments.reconciliation.title')}
        description={t('payments.reconciliation.description')}
      />
      <Card className="zt-card">
        <Form
          layout="inline"
          className="zt-filter-bar"
          onFinish={() => reconcile.mutate(toIsoDate(day), { onSuccess: (r) => setShown(r.date) })}
        >
          <Form.Item label={t('payments.reconciliation.date')}>
            <DatePicker
              allowClear={false}
              value={day}
              onChange={(next) => next && setDay(next)}
              disabledDate={(d) => d.isAfter(todayInShanghai(), 'day')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={reconcile.isPending}>
            {t('payments.reconciliation.run')}
          </Button>
        </Form>
        {reconcile.isError && <ApiErrorAlert error={reconcile.error} />}
        {current && <ReportView report={current} />}
        {shown && report.isError && !current && <ApiErrorAlert error={report.error} />}
      </Card>
      <Card className="zt-card" title={t('payments.reconciliation.recent')}>
        <QueryTable
          query={list}
          rowKey="date"
          caption={t('payments.reconciliation.recent')}
          emptyText={t('payments.reconciliation.empty')}
          columns={[
            {
              key: 'date',
              title: t('payments.reconciliation.date'),
              render: (_, r) => fromIsoDate(r.date).format('YYYY-MM-DD'),
            },
            {
              key: 'status',
              title: t('payments.receipt.status'),
              render: (_, r) => (
                <Tag color={r.status === 'balanced' ? 'green' : 'red'}>
                  {t(`payments.reconciliation.status.${r.status}`)}
                </Tag>
              ),
            },
            {
              key: 'mismatches',
              title: t('payments.reconciliation.mismatches'),
              dataIndex: 'mismatches',
            },
            { key: 'ranAt', title: '', render: (_, r) => dates.dateTime(r.ranAt) },
            {
              key: 'open',
              title: '',
              render: (_, r) => (
                <Button type="link" onClick={() => setShown(r.date)}>
                  {t('payments.reconciliation.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

function ReportView({ report }: { report: ReconciliationReport }) {
  const t = useT();
  const dates = useDateTexts();
  const columns: TableColumnsType<ReconciliationLine> = [
    {
      key: 'kind',
      title: t('payments.reconciliation.kind'),
      render: (_, l) => t(`payments.reconciliation.kind.${l.kind}`),
    },
    { key: 'reference', title: t('payments.reconciliation.reference'), dataIndex: 'reference' },
    { key: 'order', title: t('payments.orderNo'), render: (_, l) => l.orderNo ?? '—' },
    {
      key: 'local',
      title: t('payments.reconciliation.local'),
      render: (_, l) => `${l.localFen === null ? '—' : yuan(l.localFen)} ${l.localStatus ?? ''}`,
    },
    {
      key: 'gateway',
      title: t('payments.reconciliation.gateway'),
      render: (_, l) =>
        `${l.gatewayFen === null ? '—' : yuan(l.gatewayFen)} ${l.gatewayStatus ?? ''}`,
    },
  ];
  const { local, gateway } = report.totals;
  return (
    <div className="zt-stack" data-testid="reconciliation-report">
      <Alert
        type={report.status === 'balanced' ? 'success' : 'error'}
        showIcon
        title={`${report.date} · ${t(`payments.reconciliation.status.${report.status}`)} · ${t('payments.reconciliation.matched', { count: report.matched })}`}
        description={
          <>
            <div>
              {t('payments.reconciliation.totals', {
                localIn: yuan(local.paymentsFen),
                localOut: yuan(local.refundsFen),
                gatewayIn: yuan(gateway.paymentsFen),
                gatewayOut: yuan(gateway.refundsFen),
              })}
            </div>
            <div>
              {t('payments.reconciliation.runs', {
                runs: report.runs,
                at: dates.dateTime(report.ranAt),
              })}
            </div>
          </>
        }
      />
      {sections.map((section) => (
        <section key={section}>
          <Typography.Title level={2} className="zt-section-title">
            {t(`payments.reconciliation.${section}` as MessageKey)} ({report[section].length})
          </Typography.Title>
          <Table
            size="small"
            rowKey={(l) => `${l.kind}:${l.reference}`}
            pagination={false}
            dataSource={report[section]}
            columns={columns}
            locale={{ emptyText: t('payments.reconciliation.none') }}
            caption={
              <span className="zt-visually-hidden">
                {t(`payments.reconciliation.${section}` as MessageKey)}
              </span>
            }
          />
        </section>
      ))}
    </div>
  );
}
