import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@zhengtong/contracts';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  createWebhook,
  messageKindsQuery,
  messagingKeys,
  rotateWebhookSecret,
  updateWebhook,
  webhooksQuery,
} from '../../shared/api/messaging';
import { FormModal } from '../../shared/components/FormModal';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';

interface Values {
  url: string;
  kinds: string[];
  description?: string;
}

/** 部门系统推送: a department admin's endpoints of its organisation's systems. */
export function WebhooksPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const query = useQuery(webhooksQuery());
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: messagingKeys.webhooks });
  const toggle = useMutation({
    mutationFn: (e: WebhookEndpoint) => updateWebhook(e.id, { active: !e.active }),
    onSuccess: refresh,
  });
  const rotate = useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: (e) => {
      setSecret(e);
      refresh();
    },
  });

  const columns: TableColumnsType<WebhookEndpoint> = [
    {
      title: t('messagingAdmin.webhooks.url'),
      dataIndex: 'url',
      render: (url: string, e) => (
        <>
          <span className="zt-code zt-break">{url}</span>
          {e.description && <span className="zt-subline zt-muted">{e.description}</span>}
        </>
      ),
    },
    {
      title: t('messagingAdmin.webhooks.kinds'),
      dataIndex: 'kinds',
      render: (kinds: string[]) => (
        <Space size={[4, 4]} wrap>
          {kinds.map((k) => (
            <Tag key={k} className="zt-code">
              {k}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('staff.status'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? (
          <Tag color="green">{t('messagingAdmin.webhooks.active')}</Tag>
        ) : (
          <Tag>{t('messagingAdmin.webhooks.disabled')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, e) => (
        <Space>
          <Button size="small" onClick={() => toggle.mutate(e)}>
            {e.active ? t('messagingAdmin.webhooks.disable') : t('messagingAdmin.webhooks.enable')}
          </Button>
          <Popconfirm
            title={t('messagingAdmin.webhooks.rotateConfirm')}
            okText={t('messagingAdmin.webhooks.rotate')}
            cancelText={t('common.cancel')}
            onConfirm={() => rotate.mutate(e.id)}
          >
            <Button size="small">{t('messagingAdmin.webhooks.rotate')}</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('messagingAdmin.webhooks.title')}
        description={t('messagingAdmin.webhooks.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('messagingAdmin.webhooks.create')}
          </Button>
        }
      />
      {secret && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="zt-note"
          title={t('messagingAdmin.webhooks.secretOnce')}
          description={
            <Typography.Text copyable className="zt-code zt-break">
              {secret.secret}
            </Typography.Text>
          }
          closable
          onClose={() => setSecret(undefined)}
        />
      )}
      <Card className="zt-card">
        <QueryTable<WebhookEndpoint>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('messagingAdmin.webhooks.title')}
          emptyText={t('messagingAdmin.webhooks.none')}
        />
      </Card>
      <CreateWebhookModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(e) => {
          setSecret(e);
          refresh();
        }}
      />
    </>
  );
}

function CreateWebhookModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (e: WebhookEndpointWithSecret) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const kinds = useQuery({ ...messageKindsQuery(), enabled: open });
  return (
    <FormModal
      open={open}
      title={t('messagingAdmin.webhooks.create')}
      okText={t('messagingAdmin.webhooks.create')}
      onCancel={onClose}
      form={form}
      name="createWebhook"
      fields={['url', 'kinds', 'description']}
      submit={(values) =>
        createWebhook({
          url: values.url.trim(),
          kinds: values.kinds,
          ...(values.description?.trim() ? { description: values.description.trim() } : {}),
        })
      }
      onSubmitted={(created) => {
        form.resetFields();
        onCreated(created);
        onClose();
      }}
    >
      <Form.Item
        name="url"
        label={t('messagingAdmin.webhooks.url')}
        rules={[
          { required: true, message: t('messagingAdmin.webhooks.url') },
          { pattern: /^https?:\/\/\S+$/, message: t('messagingAdmin.webhooks.url') },
        ]}
      >
        <Input className="zt-code" placeholder="https://" maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="kinds"
        label={t('messagingAdmin.webhooks.kinds')}
        rules={[{ required: true, message: t('messagingAdmin.webhooks.kinds') }]}
      >
        <Select
          mode="multiple"
          loading={kinds.isPending}
          options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: k.kind }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('messagingAdmin.webhooks.descriptionField')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
