import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { cashierTradeQuery, useCashierPay, yuan } from '../../shared/api/payments';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useDateTexts } from '../applications/dates';
import './payments.css';

/**
 * 模拟支付网关 · 收银台 (/pay/simulated/:tradeNo?token=…): the built-in gateway's cashier, which a
 * real gateway would host elsewhere. The payer confirms (or fails) the payment; the gateway then
 * notifies the platform by its signed callbacks, and the page returns to where the payer came from.
 */
export function SimulatedCashierPage() {
  const t = useT();
  const dates = useDateTexts();
  const navigate = useNavigate();
  const { tradeNo = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const query = useQuery(cashierTradeQuery(tradeNo, token));
  const pay = useCashierPay(tradeNo);
  const back = (url: string | null) => {
    if (!url) return;
    if (url.startsWith('/')) void navigate(url);
    else window.location.assign(url);
  };

  const body = (() => {
    if (query.isPending) return <LoadingBlock label={t('payments.cashier.loading')} />;
    if (query.isError) {
      return (
        <Result
          status="404"
          title={t('payments.cashier.notFound')}
          extra={<ApiErrorAlert error={query.error} />}
        />
      );
    }
    const trade = query.data;
    if (trade.status !== 'waiting') {
      const success = trade.status === 'success';
      return (
        <Result
          status={success ? 'success' : 'warning'}
          title={
            success
              ? t('payments.cashier.success')
              : trade.status === 'failed'
                ? t('payments.cashier.failed')
                : t('payments.cashier.closed')
          }
          subTitle={`${t('payments.cashier.amount')} ${t('payments.yuan', { amount: yuan(trade.amountFen) })}`}
          extra={
            trade.returnUrl && (
              <Button type="primary" onClick={() => back(trade.returnUrl)}>
                {t('payments.cashier.return')}
              </Button>
            )
          }
        />
      );
    }
    return (
      <div className="zt-stack">
        <div className="zt-cashier-amount" aria-label={t('payments.cashier.amount')}>
          ¥ {yuan(trade.amountFen)}
        </div>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'subject', label: t('payments.cashier.subject'), children: trade.subject },
            { key: 'trade', label: t('payments.cashier.tradeNo'), children: trade.tradeNo },
            { key: 'out', label: t('payments.cashier.outTradeNo'), children: trade.outTradeNo },
            {
              key: 'expires',
              label: t('payments.cashier.expiresAt'),
              children: dates.dateTime(trade.expiresAt),
            },
          ]}
        />
        {pay.isError && <ApiErrorAlert error={pay.error} />}
        <Space wrap>
          <Button
            type="primary"
            size="large"
            loading={pay.isPending}
            onClick={() =>
              pay.mutate(
                { token, outcome: 'success' },
                { onSuccess: (paid) => back(paid.returnUrl) },
              )
            }
          >
            {t('payments.cashier.confirm')}
          </Button>
          <Button
            danger
            disabled={pay.isPending}
            onClick={() => pay.mutate({ token, outcome: 'failure' })}
          >
            {t('payments.cashier.fail')}
          </Button>
        </Space>
      </div>
    );
  })();

  return (
    <div className="zt-cashier">
      <PageHeading title={t('payments.cashier.title')} />
      <Alert type="warning" showIcon title={t('payments.cashier.banner')} />
      <Card className="zt-card">{body}</Card>
    </div>
  );
}
