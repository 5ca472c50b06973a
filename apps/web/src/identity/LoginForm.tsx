import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '@zhengtong/contracts';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../shared/api/ApiError';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { useT } from '../shared/i18n/LocaleProvider';

interface LoginFormProps {
  /** sends the credentials; rejects with the server's ApiError */
  submit: (body: LoginBody) => Promise<unknown>;
  submitLabel?: string;
}

interface CredentialValues {
  username: string;
  password: string;
}

/**
 * Username + password, then the TOTP code when the server answers `otp-required`. A refusal
 * never says whether the account or the password was wrong.
 */
export function LoginForm({ submit, submitLabel }: LoginFormProps) {
  const t = useT();
  const [credentials, setCredentials] = useState<CredentialValues>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();

  async function send(body: LoginBody) {
    setPending(true);
    setError(undefined);
    try {
      await submit(body);
    } catch (caught) {
      if (isApiError(caught) && caught.code === 'otp-required' && !body.otp) {
        setCredentials({ username: body.username, password: body.password });
      } else {
        setError(caught);
      }
    } finally {
      setPending(false);
    }
  }

  const refused = isApiError(error) && error.code === 'invalid-credentials';
  const message = error !== undefined && (
    <div aria-live="assertive">
      {refused ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={credentials ? t('login.invalidOtp') : t('login.invalid')}
          description={credentials ? undefined : t('login.invalidDetail')}
          className="zt-note"
        />
      ) : (
        <div className="zt-note">
          <ApiErrorAlert error={error} />
        </div>
      )}
    </div>
  );

  if (credentials) {
    return (
      <Form<{ otp: string }>
        layout="vertical"
        requiredMark={false}
        onFinish={({ otp }) => void send({ ...credentials, otp })}
      >
        <Typography.Paragraph>{t('login.otpPrompt')}</Typography.Paragraph>
        {message}
        <Form.Item
          name="otp"
          label={t('login.otp')}
          rules={[
            { required: true, message: t('login.otpRequired') },
            { pattern: /^\d{6}$/, message: t('login.otpFormat') },
          ]}
        >
          <Input
            prefix={<SafetyOutlined aria-hidden />}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={pending}>
          {t('login.verify')}
        </Button>
        <Button
          type="link"
          block
          onClick={() => {
            setCredentials(undefined);
            setError(undefined);
          }}
        >
          {t('login.back')}
        </Button>
      </Form>
    );
  }

  return (
    <Form<CredentialValues>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) =>
        void send({ username: values.username.trim(), password: values.password })
      }
    >
      {message}
      <Form.Item
        name="username"
        label={t('login.username')}
        extra={t('login.usernameHint')}
        rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending}>
        {submitLabel ?? t('login.submit')}
      </Button>
    </Form>
  );
}
