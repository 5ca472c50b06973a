import { useQuery } from '@tanstack/react-query';
import type { Revenue } from '@zhengtong/contracts';
import {
  Alert,
  Card,
  DatePicker,
  Form,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { revenueQuery, yuan } from '../../shared/api/payments';
import { fromIsoDate, todayInShanghai, toIsoDate } from '../../shared/calendar/dates';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { OrganisationSelect } from '../OrganisationSelect';
import '../../portal/payments/payments.css';

type DayRow = Revenue['byDay'][number];
type CodeRow = Revenue['byCode'][number];

/**
 * 非税收入 (/admin/payments/revenue): a department's fees by day and by 非税收入项目编码, from the
 * ledger. Staff see their own department; a province admin may pick any.
 */
export function RevenuePage() {
  const t = useT();
  const { me } = useSession();
  const provinceAdmin = me?.roles.includes('provinceAdmin') ?? false;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const organisationId = (provinceAdmin ? picked : undefined) ?? me?.organisationId ?? '';
  const today = todayInShanghai();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const from = toIsoDate(range[0]);
  const to = toIsoDate(range[1]);
  const query = useQuery(revenueQuery(organisationId, from, to));

  const figures = <Row extends DayRow | CodeRow>(): TableColumnsType<Row> => [
    {
      key: 'received',
      title: t('payments.revenue.received'),
      align: 'right',
      render: (_, r) => <span className="zt-money">{yuan(r.receivedFen)}</span>,
    },
    {
      key: 'refunded',
      title: t('payments.revenue.refundedCol'),
      align: 'right',
      render: (_, r) => <span className="zt-money">{yuan(r.refundedFen)}</span>,
    },
    {
      key: 'net',
      title: t('payments.revenue.net'),
      align: 'right',
      render: (_, r) => <strong className="zt-money">{yuan(r.netFen)}</strong>,
    },
    {
      key: 'payments',
      title: t('payments.revenue.payments'),
      dataIndex: 'payments',
      align: 'right',
    },
    { key: 'refunds', title: t('payments.revenue.refunds'), dataIndex: 'refunds', align: 'right' },
  ];

  return (
    <>
      <PageHeading
        title={t('payments.revenue.title')}
        description={t('payments.revenue.description')}
      />
      <Card className="zt-card">
        <Form layout="inline" className="zt-filter-bar">
          {provinceAdmin && (
            <Form.Item label={t('payments.revenue.organisation')} htmlFor="zt-revenue-org">
              <OrganisationSelect
                id="zt-revenue-org"
                value={organisationId || undefined}
                onChange={setPicked}
                className="zt-select-wide"
              />
            </Form.Item>
          )}
          <Form.Item label={t('payments.revenue.range')}>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(next) => {
                if (next?.[0] && next[1]) setRange([next[0], next[1]]);
              }}
            />
          </Form.Item>
        </Form>
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {query.isPending && organisationId !== '' && <LoadingBlock />}
        {query.data && (
          <Space direction="vertical" className="zt-stack" size="large">
            <Alert
              type={query.data.total.payments > 0 ? 'success' : 'info'}
              showIcon
              title={
                <span data-testid="revenue-total">
                  {query.data.organisationName}：
                  {t('payments.revenue.total', {
                    received: yuan(query.data.total.receivedFen),
                    refunded: yuan(query.data.total.refundedFen),
                    net: yuan(query.data.total.netFen),
                  })}
                </span>
              }
            />
            <Typography.Title level={2} className="zt-section-title">
              {t('payments.revenue.byDay')}
            </Typography.Title>
            <Table<DayRow>
              size="small"
              rowKey="date"
              pagination={false}
              dataSource={query.data.byDay}
              locale={{ emptyText: t('payments.revenue.empty') }}
              caption={<span className="zt-visually-hidden">{t('payments.revenue.byDay')}</span>}
              columns={[
                {
                  key: 'date',
                  title: t('payments.revenue.date'),
                  render: (_, r) => fromIsoDate(r.date).format('YYYY-MM-DD'),
                },
                ...figures<DayRow>(),
              ]}
            />
            <Typography.Title level={2} className="zt-section-title">
              {t('payments.revenue.byCode')}
            </Typography.Title>
            <Table<CodeRow>
              size="small"
              rowKey={(r) => r.nonTaxRevenueCode ?? ''}
              pagination={false}
              dataSource={query.data.byCode}
              locale={{ emptyText: t('payments.revenue.empty') }}
              caption={<span className="zt-visually-hidden">{t('payments.revenue.byCode')}</span>}
              columns={[
                {
                  key: 'code',
                  title: t('payments.code'),
                  render: (_, r) => r.nonTaxRevenueCode ?? t('payments.revenue.noCode'),
                },
                { key: 'name', title: t('payments.item'), dataIndex: 'itemName' },
                ...figures<CodeRow>(),
              ]}
            />
          </Space>
        )}
      </Card>
    </>
  );
}
