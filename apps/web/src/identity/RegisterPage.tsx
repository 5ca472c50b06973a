import { parseIdNumber, type IdNumberFailure } from '@zhengtong/gb';
import type { RegisterPersonBody } from '@zhengtong/contracts';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { registerPerson } from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { PageHeading } from '../shared/components/PageHeading';
import { useT } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';
import { showFieldErrors } from '../shared/identity/formErrors';
import { NewPasswordFields } from './NewPasswordFields';

type RegisterValues = RegisterPersonBody & { confirmPassword: string };

const fields = ['name', 'idNumber', 'phone', 'password'] as const;

const idNumberMessages: Record<IdNumberFailure, MessageKey> = {
  length: 'register.idNumber.length',
  charset: 'register.idNumber.charset',
  regionCode: 'register.idNumber.regionCode',
  birthDate: 'register.idNumber.birthDate',
  checkCharacter: 'register.idNumber.checkCharacter',
};

/** 个人注册: real name, citizen ID number (GB 11643), mobile number and password. */
export function RegisterPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const [otherError, setOtherError] = useState<unknown>();
  const mutation = useMutation({
    mutationFn: registerPerson,
    onMutate: () => setOtherError(undefined),
    onError: (error) => {
      if (!showFieldErrors(form, error, fields, t)) setOtherError(error);
    },
  });

  if (mutation.isSuccess) {
    return (
      <div className="zt-auth">
        <PageHeading title={t('register.title')} />
        <Card className="zt-auth-card">
          <Result
            status="success"
            title={t('register.done')}
            subTitle={t('register.doneDetail')}
            extra={
              <Button type="primary" onClick={() => void navigate('/login')}>
                {t('account.signIn')}
              </Button>
            }
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="zt-auth">
      <PageHeading title={t('register.title')} description={t('register.description')} />
      <Card className="zt-auth-card">
        {otherError !== undefined && (
          <div className="zt-note">
            <ApiErrorAlert error={otherError} />
          </div>
        )}
        <Form<RegisterValues>
          form={form}
          layout="vertical"
          onFinish={({ name, idNumber, phone, password: newPassword }) =>
            mutation.mutate({
              name: name.trim(),
              idNumber: idNumber.trim().toUpperCase(),
              phone: phone.trim(),
              password: newPassword,
            })
          }
        >
          <Form.Item
            name="name"
            label={t('register.name')}
            rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}
          >
            <Input autoComplete="name" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('register.idNumber')}
            extra={t('register.idNumberHint')}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('register.idNumberRequired') },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value) return;
                  const result = parseIdNumber(value.trim());
                  if (!result.ok) throw new Error(t(idNumberMessages[result.reason]));
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" className="zt-code" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('register.phone')}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('register.phoneRequired') },
              { pattern: /^1[3-9]\d{9}$/, message: t('register.phoneFormat') },
            ]}
          >
            <Input inputMode="tel" autoComplete="tel" maxLength={11} />
          </Form.Item>
          <NewPasswordFields name="password" label={t('register.password')} />
          <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
            {t('register.submit')}
          </Button>
        </Form>
        <p className="zt-auth-footer">
          {t('register.haveAccount')} <Link to="/login">{t('account.signIn')}</Link>
        </p>
      </Card>
    </div>
  );
}
