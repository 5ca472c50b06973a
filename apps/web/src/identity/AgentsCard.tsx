import { parseIdNumber } from '@zhengtong/gb';
import type { EnterpriseSummary } from '@zhengtong/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  agentsQuery,
  authoriseAgent,
  identityKeys,
  revokeAgent,
  type Agent,
  type AgentScope,
} from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useFormatDate, useT, type Translate } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';
import { showFieldErrors } from '../shared/identity/formErrors';

const agentScopes = ['apply', 'viewCertificates', 'manageAgents'] as const satisfies AgentScope[];

const scopeKeys: Record<string, MessageKey> = {
  // what the server gives a legal representative: everything
  '*': 'agents.scope.all',
  apply: 'agents.scope.apply',
  viewCertificates: 'agents.scope.viewCertificates',
  manageAgents: 'agents.scope.manageAgents',
};

function scopeLabel(scope: string, t: Translate): string {
  const key = scopeKeys[scope];
  return key ? t(key) : scope;
}

/** 经办人管理: the people an enterprise I represent has authorised, and authorising more. */
export function AgentsCard({ enterprises }: { enterprises: EnterpriseSummary[] }) {
  const t = useT();
  const [enterpriseId, setEnterpriseId] = useState(enterprises[0]?.id ?? '');
  const selected = enterprises.find((enterprise) => enterprise.id === enterpriseId);

  return (
    <Card className="zt-card" title={<h2 className="zt-card-heading">{t('agents.title')}</h2>}>
      {enterprises.length > 1 && (
        <label className="zt-inline-label zt-note">
          <span>{t('agents.enterprise')}</span>
          <Select
            value={enterpriseId}
            onChange={setEnterpriseId}
            options={enterprises.map((enterprise) => ({
              value: enterprise.id,
              label: enterprise.name,
            }))}
            className="zt-filter-region"
          />
        </label>
      )}
      {selected && <AgentList enterprise={selected} />}
    </Card>
  );
}

function AgentList({ enterprise }: { enterprise: EnterpriseSummary }) {
  const t = useT();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const query = useQuery(agentsQuery(enterprise.id));
  const revoke = useMutation({
    mutationFn: (agentId: string) => revokeAgent(enterprise.id, agentId),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: identityKeys.agents(enterprise.id) }),
  });

  const columns: TableColumnsType<Agent> = [
    {
      title: t('agents.name'),
      dataIndex: 'name',
      render: (name: string, agent) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">
            {agent.idNumberMasked ?? agent.phoneMasked}
          </span>
        </>
      ),
    },
    {
      title: t('agents.scope'),
      dataIndex: 'scope',
      render: (scope: string[]) => (
        <Space size={[4, 4]} wrap>
          {scope.map((entry) => (
            <Tag key={entry}>{scopeLabel(entry, t)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('agents.expiresAt'),
      dataIndex: 'expiresAt',
      render: (expiresAt: string) => (
        <time dateTime={expiresAt}>{formatDate(dayjs(expiresAt), 'date')}</time>
      ),
    },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      render: (status: Agent['status']) => (
        <Tag color={status === 'active' ? 'green' : 'default'}>{t(`agents.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, agent) =>
        agent.status === 'active' && (
          <Popconfirm
            title={t('agents.revokeConfirm', { name: agent.name })}
            okText={t('agents.revoke')}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutate(agent.id)}
          >
            <Button size="small" danger>
              {t('agents.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div className="zt-stack">
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && !query.isError && <LoadingBlock />}
      {query.data && (
        <Table<Agent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={query.data.items}
          pagination={false}
          locale={{ emptyText: t('agents.none') }}
          caption={
            <span className="zt-visually-hidden">
              {t('agents.of', { enterprise: enterprise.name })}
            </span>
          }
          scroll={{ x: 'max-content' }}
        />
      )}
      <AuthoriseAgentForm enterpriseId={enterprise.id} />
    </div>
  );
}

interface AuthoriseValues {
  identifyBy: 'idNumber' | 'phone';
  idNumber?: string;
  phone?: string;
  scope: AgentScope[];
  expiresAt: Dayjs;
}

function AuthoriseAgentForm({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AuthoriseValues>();
  const identifyBy = Form.useWatch('identifyBy', form) ?? 'idNumber';
  const [otherError, setOtherError] = useState<unknown>();
  const mutation = useMutation({
    mutationFn: (values: AuthoriseValues) =>
      authoriseAgent(enterpriseId, {
        ...(values.identifyBy === 'idNumber'
          ? { idNumber: (values.idNumber ?? '').trim().toUpperCase() }
          : { phone: (values.phone ?? '').trim() }),
        scope: values.scope,
        expiresAt: values.expiresAt.endOf('day').toISOString(),
      }),
    onMutate: () => setOtherError(undefined),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: identityKeys.agents(enterpriseId) });
    },
    onError: (error) => {
      if (!showFieldErrors(form, error, ['idNumber', 'phone', 'scope', 'expiresAt'], t)) {
        setOtherError(error);
      }
    },
  });

  return (
    <section aria-labelledby={`authorise-${enterpriseId}`}>
      <h3 className="zt-section-title" id={`authorise-${enterpriseId}`}>
        {t('agents.authorise')}
      </h3>
      <Typography.Paragraph type="secondary">{t('agents.authoriseDetail')}</Typography.Paragraph>
      {otherError !== undefined && (
        <div className="zt-note">
          <ApiErrorAlert error={otherError} />
        </div>
      )}
      <Form<AuthoriseValues>
        name="authoriseAgent"
        form={form}
        layout="vertical"
        initialValues={{
          identifyBy: 'idNumber',
          scope: ['apply'],
          expiresAt: dayjs().add(1, 'year'),
        }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="identifyBy" label={t('agents.identifyBy')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'idNumber', label: t('register.idNumber') },
              { value: 'phone', label: t('register.phone') },
            ]}
          />
        </Form.Item>
        {identifyBy === 'idNumber' ? (
          <Form.Item
            name="idNumber"
            label={t('agents.idNumber')}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('register.idNumberRequired') },
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value && !parseIdNumber(value.trim()).ok) {
                    throw new Error(t('register.idNumber.invalid'));
                  }
                },
              },
            ]}
          >
            <Input maxLength={18} className="zt-code" autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item
            name="phone"
            label={t('agents.phone')}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('register.phoneRequired') },
              { pattern: /^1[3-9]\d{9}$/, message: t('register.phoneFormat') },
            ]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="scope"
          label={t('agents.scope')}
          rules={[{ required: true, message: t('agents.scopeRequired') }]}
        >
          <Checkbox.Group
            options={agentScopes.map((scope) => ({ value: scope, label: scopeLabel(scope, t) }))}
          />
        </Form.Item>
        <Form.Item
          name="expiresAt"
          label={t('agents.expiresAt')}
          rules={[{ required: true, message: t('agents.expiresAtRequired') }]}
        >
          <DatePicker allowClear={false} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('agents.authoriseSubmit')}
        </Button>
      </Form>
    </section>
  );
}
