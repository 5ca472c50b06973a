import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import type { ChangePasswordBody } from '@zhengtong/contracts';
import { changePassword, identityKeys } from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { useT } from '../shared/i18n/LocaleProvider';
import { showFieldErrors } from '../shared/identity/formErrors';
import { NewPasswordFields } from './NewPasswordFields';

type PasswordValues = ChangePasswordBody & { confirmPassword: string };

/** 修改密码 */
export function PasswordCard() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordValues>();
  const [otherError, setOtherError] = useState<unknown>();
  const mutation = useMutation({
    mutationFn: changePassword,
    onMutate: () => setOtherError(undefined),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('me.passwordChanged'));
      void queryClient.invalidateQueries({ queryKey: identityKeys.me });
    },
    onError: (error) => {
      if (!showFieldErrors(form, error, ['currentPassword', 'newPassword'], t))
        setOtherError(error);
    },
  });

  return (
    <Card className="zt-card" title={<h2 className="zt-card-heading">{t('me.password')}</h2>}>
      {otherError !== undefined && (
        <div className="zt-note">
          <ApiErrorAlert error={otherError} />
        </div>
      )}
      <Form<PasswordValues>
        name="changePassword"
        form={form}
        layout="vertical"
        onFinish={({ currentPassword, newPassword: next }) =>
          mutation.mutate({ currentPassword, newPassword: next })
        }
      >
        <Form.Item
          name="currentPassword"
          label={t('me.currentPassword')}
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t('me.newPassword')} />
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('me.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
