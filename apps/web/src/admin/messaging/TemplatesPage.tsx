import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageTemplate, MessageTemplatePreview } from '@zhengtong/contracts';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  messagingKeys,
  previewTemplate,
  resetTemplate,
  saveTemplate,
  templatesQuery,
} from '../../shared/api/messaging';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import { showFieldErrors } from '../../shared/identity/formErrors';

interface Values {
  title: string;
  body: string;
}

/** 消息模板 (province admin): every kind's title and text per language, overrides and defaults. */
export function TemplatesPage() {
  const t = useT();
  const query = useQuery(templatesQuery());
  const [editing, setEditing] = useState<MessageTemplate>();

  const columns: TableColumnsType<MessageTemplate> = [
    {
      title: t('messagingAdmin.templates.kind'),
      dataIndex: 'kind',
      render: (kind: string, tpl) => (
        <>
          <span className="zt-code">{kind}</span>
          {tpl.urgent && (
            <Tag color="red" className="zt-subline">
              {t('messagingAdmin.templates.urgent')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('messagingAdmin.templates.locale'), dataIndex: 'locale' },
    {
      title: t('messagingAdmin.templates.title.field'),
      dataIndex: 'title',
      render: (title: string, tpl) => (
        <>
          {title}
          <span className="zt-subline zt-muted zt-break">{tpl.body}</span>
        </>
      ),
    },
    {
      title: t('staff.status'),
      dataIndex: 'overridden',
      render: (overridden: boolean) =>
        overridden ? (
          <Tag color="blue">{t('messagingAdmin.templates.overridden')}</Tag>
        ) : (
          <Tag>{t('messagingAdmin.templates.default')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, tpl) => (
        <Button size="small" onClick={() => setEditing(tpl)}>
          {t('messagingAdmin.templates.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('messagingAdmin.templates.title')}
        description={t('messagingAdmin.templates.description')}
      />
      <Card className="zt-card">
        <QueryTable<MessageTemplate>
          query={query}
          rowKey={(tpl) => `${tpl.kind}/${tpl.locale}`}
          columns={columns}
          caption={t('messagingAdmin.templates.title')}
          emptyText={t('messagingAdmin.templates.title')}
        />
      </Card>
      {editing && <EditTemplateModal template={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

function EditTemplateModal({
  template,
  onClose,
}: {
  template: MessageTemplate;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<MessageTemplatePreview>();
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: messagingKeys.templates });
    onClose();
  };
  const save = useMutation({
    mutationFn: (values: Values) => saveTemplate(template.kind, template.locale, values),
    onSuccess: () => {
      void message.success(t('messagingAdmin.templates.saved'));
      done();
    },
    onError: (error) => showFieldErrors(form, error, ['title', 'body'], t),
  });
  const reset = useMutation({
    mutationFn: () => resetTemplate(template.kind, template.locale),
    onSuccess: done,
  });
  const show = useMutation({
    mutationFn: (values: Values) => previewTemplate(template.kind, template.locale, values),
    onSuccess: setPreview,
    onError: (error) => showFieldErrors(form, error, ['title', 'body'], t),
  });

  return (
    <Modal
      open
      width={760}
      title={`${template.kind} · ${template.locale}`}
      onCancel={onClose}
      footer={
        <Space>
          {template.overridden && (
            <Popconfirm
              title={t('messagingAdmin.templates.reset')}
              okText={t('messagingAdmin.templates.reset')}
              cancelText={t('common.cancel')}
              onConfirm={() => reset.mutate()}
            >
              <Button danger loading={reset.isPending}>
                {t('messagingAdmin.templates.reset')}
              </Button>
            </Popconfirm>
          )}
          <Button
            loading={show.isPending}
            onClick={() => void form.validateFields().then((v) => show.mutate(v))}
          >
            {t('messagingAdmin.templates.preview')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('messagingAdmin.templates.save')}
          </Button>
        </Space>
      }
    >
      <Descriptions column={1} size="small" className="zt-note">
        <Descriptions.Item label={t('messagingAdmin.templates.variables')}>
          <Space size={[4, 4]} wrap>
            {template.variables.map((v) => (
              <Tag key={v} className="zt-code">{`{${v}}`}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {(save.isError || show.isError) && <ApiErrorAlert error={save.error ?? show.error} />}
      <Form<Values>
        form={form}
        name="editTemplate"
        layout="vertical"
        initialValues={{ title: template.title, body: template.body }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item
          name="title"
          label={t('messagingAdmin.templates.title.field')}
          rules={[{ required: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('messagingAdmin.templates.body')}
          rules={[{ required: true, max: 4000 }]}
        >
          <Input.TextArea rows={6} />
        </Form.Item>
      </Form>
      {preview && (
        <Card size="small" title={preview.title}>
          <div className="zt-break" style={{ whiteSpace: 'pre-wrap' }}>
            {preview.body}
          </div>
        </Card>
      )}
    </Modal>
  );
}
