import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { workingDaysBetweenQuery } from '../api/calendar';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { useFormatDate, useT } from '../i18n/LocaleProvider';
import { fromIsoDate, toIsoDate } from './dates';

interface WorkingDaysValues {
  range: [Dayjs, Dayjs];
}

/** How many working days lie between two dates: how much of a time limit is used. */
export function WorkingDaysForm() {
  const t = useT();
  const formatDate = useFormatDate();
  const [params, setParams] = useState<{ from: string; to: string }>();
  const query = useQuery({
    ...workingDaysBetweenQuery(params?.from ?? '', params?.to ?? ''),
    enabled: params !== undefined,
  });

  return (
    <div className="zt-calc">
      <Form<WorkingDaysValues>
        layout="vertical"
        onFinish={({ range }) => setParams({ from: toIsoDate(range[0]), to: toIsoDate(range[1]) })}
        className="zt-calc-form"
      >
        <Form.Item
          name="range"
          label={t('between.range')}
          rules={[{ required: true, message: t('between.rangeRequired') }]}
          extra={t('between.hint')}
        >
          <DatePicker.RangePicker
            placeholder={[t('between.from'), t('between.to')]}
            aria-label={t('between.range')}
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            // Delayed: an answer in a few ms would flash a spinner (and antd can leave it stuck).
            loading={query.isFetching ? { delay: 300 } : false}
          >
            {t('between.calculate')}
          </Button>
        </Form.Item>
      </Form>
      <div className="zt-calc-result" aria-live="polite">
        {params === undefined && (
          <Typography.Paragraph type="secondary">{t('between.prompt')}</Typography.Paragraph>
        )}
        {params && query.isPending && <LoadingBlock />}
        {params && query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {params && query.data && (
          <div className="zt-calc-answer">
            <Typography.Text type="secondary">
              {t('between.resultLabel', {
                from: formatDate(fromIsoDate(params.from), 'date'),
                to: formatDate(fromIsoDate(params.to), 'date'),
              })}
            </Typography.Text>
            <p className="zt-calc-figure">
              {t('between.result', { workingDays: query.data.workingDays })}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
