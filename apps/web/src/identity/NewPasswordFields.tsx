import { Form, Input } from 'antd';
import { useT } from '../shared/i18n/LocaleProvider';
import { PasswordStrengthHint } from './PasswordStrengthHint';

/**
 * A new password with its strength under it, then the same typed again (`confirmPassword`).
 * Goes inside a Form.
 */
export function NewPasswordFields({ name, label }: { name: string; label: string }) {
  const t = useT();
  const password = Form.useWatch<string | undefined>(name);
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={<PasswordStrengthHint password={password} />}
        rules={[
          { required: true, message: t('password.required') },
          { min: 8, message: t('password.tooShort', { min: 8 }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue(name)) {
                throw new Error(t('password.mismatch'));
              }
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
