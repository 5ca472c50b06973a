import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MessageChannel,
  MessageLocale,
  MessagePreferences,
  MessagePreferencesInput,
} from '@zhengtong/contracts';
import { App, Button, Card, Checkbox, Form, Input, Radio, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { messagingKeys, preferencesQuery, savePreferences } from '../api/messaging';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { PageHeading } from '../components/PageHeading';
import { useT } from '../i18n/LocaleProvider';
import { showFieldErrors } from '../identity/formErrors';
import { useInboxAccount } from './useInbox';

interface Values {
  channels: MessageChannel[];
  email: string;
  locale: MessageLocale;
  quiet: [Dayjs, Dayjs] | null;
}

const FIELDS = ['channels', 'email', 'locale', 'quietStart', 'quietEnd'] as const;

/** 消息设置 (/me/notifications/settings): channels, language and quiet hours of my messages. */
export function PreferencesPage() {
  const t = useT();
  const accountId = useInboxAccount();
  const query = useQuery({ ...preferencesQuery(accountId ?? ''), enabled: !!accountId });
  return (
    <>
      <PageHeading
        title={t('notifications.preferences.title')}
        description={t('notifications.preferences.description')}
      />
      <Card className="zt-card">
        {!accountId ? (
          <ApiErrorAlert error={new Error(t('notifications.limited'))} />
        ) : query.isError ? (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        ) : query.data ? (
          <PreferencesForm accountId={accountId} current={query.data} />
        ) : (
          <LoadingBlock />
        )}
      </Card>
    </>
  );
}

/** HH:MM → a time today (dayjs parses no custom formats without its plugin). */
function clock(value: string | null): Dayjs | null {
  const m = value ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  return m ? dayjs().hour(Number(m[1])).minute(Number(m[2])).second(0) : null;
}

function PreferencesForm({
  accountId,
  current,
}: {
  accountId: string;
  current: MessagePreferences;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const channels = Form.useWatch('channels', form) ?? current.channels;
  const save = useMutation({
    mutationFn: (values: Values) => {
      const input: MessagePreferencesInput = {
        channels: values.channels.filter((c) => c !== 'inApp'),
        locale: values.locale,
        quietStart: values.quiet ? values.quiet[0].format('HH:mm') : null,
        quietEnd: values.quiet ? values.quiet[1].format('HH:mm') : null,
        ...(values.email.trim() !== '' ? { email: values.email.trim() } : {}),
      };
      return savePreferences(input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(messagingKeys.preferences(accountId), saved);
      form.setFieldValue('email', '');
      void message.success(t('notifications.preferences.saved'));
    },
    onError: (error) => showFieldErrors(form, error, FIELDS, t),
  });
  const quietStart = clock(current.quietStart);
  const quietEnd = clock(current.quietEnd);

  return (
    <Form<Values>
      form={form}
      name="message-preferences"
      layout="vertical"
      initialValues={{
        channels: current.channels,
        email: '',
        locale: current.locale,
        quiet: quietStart && quietEnd ? [quietStart, quietEnd] : null,
      }}
      onFinish={(values) => save.mutate(values)}
    >
      {save.isError && <ApiErrorAlert error={save.error} />}
      <Form.Item name="channels" label={t('notifications.preferences.channels')}>
        <Checkbox.Group>
          <Space orientation="vertical">
            <Checkbox value="inApp" disabled>
              {t('notifications.preferences.channel.inApp')}
            </Checkbox>
            <Checkbox value="email" disabled={!current.emailAvailable}>
              {t('notifications.preferences.channel.email')}
              {!current.emailAvailable && (
                <span className="zt-muted"> — {t('notifications.preferences.emailOff')}</span>
              )}
            </Checkbox>
            <Checkbox value="sms" disabled={!current.smsAvailable}>
              {t('notifications.preferences.channel.sms')}
              <span className="zt-muted">
                {' — '}
                {current.phone
                  ? t('notifications.preferences.phone', { phone: current.phone })
                  : t('notifications.preferences.noPhone')}
              </span>
            </Checkbox>
          </Space>
        </Checkbox.Group>
      </Form.Item>
      {current.emailAvailable && (
        <Form.Item
          name="email"
          label={t('notifications.preferences.email')}
          extra={
            current.email
              ? t('notifications.preferences.emailKept', { email: current.email })
              : undefined
          }
          rules={[
            { type: 'email', message: t('notifications.preferences.email') },
            {
              required: channels.includes('email') && !current.email,
              message: t('notifications.preferences.email'),
            },
          ]}
        >
          <Input type="email" autoComplete="email" maxLength={254} />
        </Form.Item>
      )}
      <Form.Item name="locale" label={t('notifications.preferences.locale')}>
        <Radio.Group>
          <Radio value="zh-CN">{t('notifications.preferences.locale.zh-CN')}</Radio>
          <Radio value="en">{t('notifications.preferences.locale.en')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="quiet"
        label={t('notifications.preferences.quiet')}
        extra={t('notifications.preferences.quietHelp')}
      >
        <TimePicker.RangePicker
          format="HH:mm"
          order={false}
          allowClear
          placeholder={[
            t('notifications.preferences.quietStart'),
            t('notifications.preferences.quietEnd'),
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('notifications.preferences.save')}
      </Button>
    </Form>
  );
}
