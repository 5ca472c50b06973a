import { isValidCreditCode } from '@zhengtong/gb';
import type { EnterpriseSummary, RegisterEnterpriseBody } from '@zhengtong/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  identityKeys,
  registerEnterprise,
  setActingFor,
  type Session,
} from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { showFieldErrors } from '../shared/identity/formErrors';
import { useSetSession } from '../shared/identity/session';
import dayjs from 'dayjs';

/** 我的企业: the enterprises I represent or act for, switching identity, registering one. */
export function EnterprisesCard({ me }: { me: Session }) {
  const t = useT();
  const setSession = useSetSession();
  const switchIdentity = useMutation({
    mutationFn: setActingFor,
    onSuccess: (next) => setSession(next),
  });

  return (
    <Card className="zt-card" title={<h2 className="zt-card-heading">{t('me.enterprises')}</h2>}>
      {me.enterprises.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('me.enterprises.none')}</Typography.Paragraph>
      ) : (
        <List<EnterpriseSummary>
          dataSource={me.enterprises}
          renderItem={(enterprise) => {
            const acting = me.actingFor?.id === enterprise.id;
            return (
              <List.Item
                actions={[
                  acting ? (
                    <Button
                      key="stop"
                      size="small"
                      onClick={() => switchIdentity.mutate(null)}
                      loading={switchIdentity.isPending}
                    >
                      {t('account.actAsSelf')}
                    </Button>
                  ) : (
                    <Button
                      key="act"
                      size="small"
                      type="primary"
                      onClick={() => switchIdentity.mutate(enterprise.id)}
                      loading={switchIdentity.isPending}
                    >
                      {t('me.enterprises.actFor')}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={8} wrap>
                      <span>{enterprise.name}</span>
                      <Tag>{t(`me.relation.${enterprise.relation}`)}</Tag>
                      {acting && <Tag color="blue">{t('me.enterprises.acting')}</Tag>}
                    </Space>
                  }
                  description={<EnterpriseDetail enterprise={enterprise} />}
                />
              </List.Item>
            );
          }}
        />
      )}
      <RegisterEnterpriseForm />
    </Card>
  );
}

function EnterpriseDetail({ enterprise }: { enterprise: EnterpriseSummary }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <>
      <span className="zt-code">{enterprise.creditCode}</span>
      {enterprise.expiresAt && (
        <span className="zt-subline">
          {t('me.enterprises.expiresAt', {
            date: formatDate(dayjs(enterprise.expiresAt), 'date'),
          })}
        </span>
      )}
    </>
  );
}

function RegisterEnterpriseForm() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RegisterEnterpriseBody>();
  const [otherError, setOtherError] = useState<unknown>();
  const mutation = useMutation({
    mutationFn: registerEnterprise,
    onMutate: () => setOtherError(undefined),
    onSuccess: (created) => {
      form.resetFields();
      void message.success(t('me.enterprises.registered', { name: created.name }));
      void queryClient.invalidateQueries({ queryKey: identityKeys.me });
    },
    onError: (error) => {
      if (!showFieldErrors(form, error, ['name', 'creditCode'], t)) setOtherError(error);
    },
  });

  return (
    <section className="zt-drawer-section" aria-labelledby="register-enterprise">
      <h3 className="zt-section-title" id="register-enterprise">
        {t('me.enterprises.register')}
      </h3>
      <Typography.Paragraph type="secondary">
        {t('me.enterprises.registerDetail')}
      </Typography.Paragraph>
      {otherError !== undefined && (
        <div className="zt-note">
          <ApiErrorAlert error={otherError} />
        </div>
      )}
      <Form<RegisterEnterpriseBody>
        name="registerEnterprise"
        form={form}
        layout="vertical"
        onFinish={({ name, creditCode }) =>
          mutation.mutate({ name: name.trim(), creditCode: creditCode.trim().toUpperCase() })
        }
      >
        <Form.Item
          name="name"
          label={t('me.enterprises.name')}
          rules={[
            { required: true, whitespace: true, message: t('me.enterprises.nameRequired') },
            { min: 2, message: t('me.enterprises.nameRequired') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('organisation.creditCode')}
          validateTrigger="onBlur"
          rules={[
            { required: true, message: t('me.enterprises.creditCodeRequired') },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && !isValidCreditCode(value.trim().toUpperCase())) {
                  throw new Error(t('me.enterprises.creditCodeInvalid'));
                }
              },
            },
          ]}
        >
          <Input maxLength={18} className="zt-code" />
        </Form.Item>
        <Button htmlType="submit" loading={mutation.isPending}>
          {t('me.enterprises.registerSubmit')}
        </Button>
      </Form>
    </section>
  );
}
