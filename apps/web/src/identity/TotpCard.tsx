import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../shared/api/ApiError';
import {
  confirmTotp,
  identityKeys,
  startTotpEnrolment,
  type Session,
} from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { useT } from '../shared/i18n/LocaleProvider';

/** Groups of four, as authenticator apps show a key to type. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * 两步验证 (TOTP). No QR code: no QR library is installed, so the key and the otpauth URI are
 * shown to type or paste into an authenticator app.
 */
export function TotpCard({ me }: { me: Session }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ otp: string }>();
  const [confirmed, setConfirmed] = useState(false);
  const enrolment = useMutation({ mutationFn: startTotpEnrolment });
  const confirmation = useMutation({
    mutationFn: confirmTotp,
    onSuccess: () => {
      setConfirmed(true);
      enrolment.reset();
      void queryClient.invalidateQueries({ queryKey: identityKeys.me });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 400) {
        form.setFields([{ name: 'otp', errors: [t('me.totp.wrongCode')] }]);
      }
    },
  });

  const wrongCodeShown = isApiError(confirmation.error) && confirmation.error.status === 400;

  return (
    <Card className="zt-card" title={<h2 className="zt-card-heading">{t('me.totp')}</h2>}>
      {me.mfaEnabled || confirmed ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined aria-hidden />}
          title={t('me.totp.enabled')}
          description={t('me.totp.enabledDetail')}
        />
      ) : enrolment.data ? (
        <div className="zt-stack">
          <Typography.Paragraph>{t('me.totp.instructions')}</Typography.Paragraph>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('me.totp.secret')}>
              <Typography.Text copyable={{ text: enrolment.data.secret }} className="zt-code">
                {groupSecret(enrolment.data.secret)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('me.totp.uri')}>
              <Typography.Text copyable className="zt-code zt-break">
                {enrolment.data.otpauthUri}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {confirmation.isError && !wrongCodeShown && <ApiErrorAlert error={confirmation.error} />}
          <Form<{ otp: string }>
            name="confirmTotp"
            form={form}
            layout="vertical"
            onFinish={({ otp }) => confirmation.mutate(otp)}
          >
            <Form.Item
              name="otp"
              label={t('me.totp.code')}
              rules={[
                { required: true, message: t('login.otpRequired') },
                { pattern: /^\d{6}$/, message: t('login.otpFormat') },
              ]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                className="zt-otp"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirmation.isPending}>
              {t('me.totp.confirm')}
            </Button>
          </Form>
        </div>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('me.totp.detail')}</Typography.Paragraph>
          {enrolment.isError && (
            <div className="zt-note">
              <ApiErrorAlert error={enrolment.error} />
            </div>
          )}
          <Button type="primary" onClick={() => enrolment.mutate()} loading={enrolment.isPending}>
            {t('me.totp.start')}
          </Button>
        </>
      )}
    </Card>
  );
}
