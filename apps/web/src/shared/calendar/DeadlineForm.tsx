import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, InputNumber, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { addWorkingDaysQuery } from '../api/calendar';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { useFormatDate, useT } from '../i18n/LocaleProvider';
import { fromIsoDate, toIsoDate, todayInShanghai } from './dates';

interface DeadlineValues {
  acceptedOn: Dayjs;
  limitDays: number;
}

// 行政许可法 第四十二条: a licence decision is due within 20 days; the usual statutory limit.
const defaultLimitDays = 20;
const presetLimits = [5, 10, 15, 20, 30];

/** 受理日期 + 时限 (working days) → 办结日期, counted from the day after acceptance. */
export function DeadlineForm() {
  const t = useT();
  const [form] = Form.useForm<DeadlineValues>();
  const [params, setParams] = useState<{ from: string; days: number }>();
  const query = useQuery({
    ...addWorkingDaysQuery(params?.from ?? '', params?.days ?? 0),
    enabled: params !== undefined,
  });

  return (
    <div className="zt-calc">
      <Form<DeadlineValues>
        form={form}
        layout="vertical"
        initialValues={{ acceptedOn: todayInShanghai(), limitDays: defaultLimitDays }}
        onFinish={(values) =>
          setParams({ from: toIsoDate(values.acceptedOn), days: values.limitDays })
        }
        className="zt-calc-form"
      >
        <Form.Item
          name="acceptedOn"
          label={t('deadline.acceptedOn')}
          rules={[{ required: true, message: t('deadline.acceptedOnRequired') }]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item
          name="limitDays"
          label={t('deadline.limitDays')}
          rules={[{ required: true, message: t('deadline.limitDaysRequired') }]}
          extra={t('deadline.limitDaysHint')}
        >
          <InputNumber
            min={0}
            max={3650}
            precision={0}
            // The presets and the arrow keys step the value; antd's spin buttons are English-only.
            controls={false}
            suffix={t('unit.workingDays')}
            className="zt-limit-days"
          />
        </Form.Item>
        <Space
          wrap
          size="small"
          className="zt-presets"
          role="group"
          aria-label={t('deadline.presets')}
        >
          <Typography.Text type="secondary">{t('deadline.presets')}</Typography.Text>
          {presetLimits.map((days) => (
            <Button key={days} size="small" onClick={() => form.setFieldValue('limitDays', days)}>
              {days}
            </Button>
          ))}
        </Space>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            // Delayed: an answer in a few ms would flash a spinner (and antd can leave it stuck).
            loading={query.isFetching ? { delay: 300 } : false}
          >
            {t('deadline.calculate')}
          </Button>
        </Form.Item>
      </Form>
      <div className="zt-calc-result" aria-live="polite">
        {params === undefined && (
          <Typography.Paragraph type="secondary">{t('deadline.prompt')}</Typography.Paragraph>
        )}
        {params && query.isPending && <LoadingBlock />}
        {params && query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {params && query.data && (
          <DeadlineResult
            from={params.from}
            days={params.days}
            due={query.data.date}
            uncoveredYears={query.data.uncoveredYears}
          />
        )}
      </div>
    </div>
  );
}

function DeadlineResult({
  from,
  days,
  due,
  uncoveredYears,
}: {
  from: string;
  days: number;
  due: string;
  uncoveredYears: number[];
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const dueDate = fromIsoDate(due);
  const calendarDays = dueDate.diff(fromIsoDate(from), 'day');
  return (
    <div className="zt-calc-answer">
      <Typography.Text type="secondary">{t('deadline.dueOn')}</Typography.Text>
      <p className="zt-calc-figure">
        <time dateTime={due}>{formatDate(dueDate, 'longDate')}</time>
      </p>
      <Typography.Paragraph type="secondary">
        {t('deadline.explain', {
          from: formatDate(fromIsoDate(from), 'date'),
          days,
          calendarDays,
        })}
      </Typography.Paragraph>
      {uncoveredYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('deadline.uncovered', { years: uncoveredYears.join('、') })}
        />
      )}
    </div>
  );
}
