import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { organisationsQuery } from '../shared/api/directory';
import {
  createOidcClient,
  disableOidcClient,
  identityKeys,
  oidcClientsQuery,
  type OidcClient,
  type OidcClientCreated,
} from '../shared/api/identity';
import { FormModal } from '../shared/components/FormModal';
import { PageHeading } from '../shared/components/PageHeading';
import { QueryTable } from '../shared/components/QueryTable';
import { useT } from '../shared/i18n/LocaleProvider';

/** the departments of the province: the ones a department system may issue certificates for */
const DEPARTMENTS = { region: '410000', subtree: true, kind: 'department' } as const;

/**
 * A client's registered scope limits what it may ask for: a client that also signs people in
 * keeps the SSO scopes beside the API scope.
 */
const SSO_SCOPES = ['openid', 'offline_access', 'profile', 'phone', 'organisation', 'roles'];
const ISSUE_SCOPE = 'certificates:issue';

function useDepartmentNames(): Map<string, string> {
  const departments = useQuery(organisationsQuery(DEPARTMENTS));
  return useMemo(
    () => new Map((departments.data?.items ?? []).map((o) => [o.id, o.name])),
    [departments.data],
  );
}

function isDisabled(client: OidcClient): boolean {
  return client.disabledAt !== null;
}

/** OIDC 客户端: the department systems that sign their users in through 政通. */
export function OidcClientsPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const query = useQuery(oidcClientsQuery());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<OidcClientCreated>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: identityKeys.oidcClients });
  const disable = useMutation({ mutationFn: disableOidcClient, onSuccess: refresh });
  const departmentNames = useDepartmentNames();

  const columns: TableColumnsType<OidcClient> = [
    {
      title: t('oidcClients.name'),
      dataIndex: 'name',
      render: (name: string, client) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{client.clientId}</span>
        </>
      ),
    },
    {
      title: t('oidcClients.redirectUris'),
      dataIndex: 'redirectUris',
      render: (uris: string[]) => (
        <ul className="zt-plain-list">
          {uris.map((uri) => (
            <li key={uri} className="zt-code zt-break">
              {uri}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t('oidcClients.grantTypes'),
      dataIndex: 'grantTypes',
      render: (grantTypes: string[], client) => (
        <>
          <Space size={[4, 4]} wrap>
            {grantTypes.map((grantType) => (
              <Tag key={grantType} className="zt-code">
                {grantType}
              </Tag>
            ))}
          </Space>
          {client.organisationId && client.scope?.split(' ').includes(ISSUE_SCOPE) && (
            <span className="zt-subline zt-muted">
              {t('oidcClients.issuesFor', {
                name: departmentNames.get(client.organisationId) ?? client.organisationId,
              })}
            </span>
          )}
        </>
      ),
    },
    {
      title: t('staff.status'),
      key: 'status',
      render: (_value, client) =>
        isDisabled(client) ? (
          <Tag>{t('staff.status.disabled')}</Tag>
        ) : (
          <Tag color="green">{t('staff.status.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, client) =>
        !isDisabled(client) && (
          <Popconfirm
            title={t('oidcClients.disableConfirm', { name: client.name })}
            okText={t('staff.disable')}
            cancelText={t('common.cancel')}
            onConfirm={() => disable.mutate(client.clientId)}
          >
            <Button size="small" danger>
              {t('staff.disable')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('admin.oidcClients.title')}
        description={t('admin.oidcClients.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('oidcClients.create')}
          </Button>
        }
      />
      {created && <ClientSecret client={created} onDone={() => setCreated(undefined)} />}
      <Card className="zt-card">
        <QueryTable<OidcClient>
          query={query}
          rowKey="clientId"
          columns={columns}
          caption={t('admin.oidcClients.title')}
          emptyText={t('oidcClients.none')}
        />
      </Card>
      <CreateClientModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(client) => {
          setCreated(client);
          refresh();
        }}
      />
    </>
  );
}

/** The secret exists in plain text only in this answer; the server keeps a hash. */
function ClientSecret({ client, onDone }: { client: OidcClientCreated; onDone: () => void }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      className="zt-note"
      title={t('oidcClients.secretOnce', { name: client.name })}
      description={
        <Descriptions column={1} size="small">
          <Descriptions.Item label="client_id">
            <Typography.Text copyable className="zt-code">
              {client.clientId}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="client_secret">
            <Typography.Text
              copyable={{ tooltips: [t('oidcClients.copy'), t('oidcClients.copied')] }}
              className="zt-code zt-break"
            >
              {client.clientSecret}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      }
      action={
        <Button size="small" onClick={onDone}>
          {t('oidcClients.secretSaved')}
        </Button>
      }
    />
  );
}

interface ClientValues {
  clientId?: string;
  name: string;
  redirectUris: string;
  postLogoutRedirectUris?: string;
  clientCredentials: boolean;
  /** the department whose certificates the system issues (client_credentials only) */
  organisationId?: string;
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\s+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function CreateClientModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (client: OidcClientCreated) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ClientValues>();
  const clientCredentials = Form.useWatch('clientCredentials', form);
  const departments = useQuery({ ...organisationsQuery(DEPARTMENTS), enabled: open });

  return (
    <FormModal
      open={open}
      title={t('oidcClients.create')}
      okText={t('oidcClients.createSubmit')}
      onCancel={onClose}
      form={form}
      name="createOidcClient"
      fields={['clientId', 'name', 'redirectUris', 'postLogoutRedirectUris', 'organisationId']}
      initialValues={{ clientCredentials: false }}
      submit={(values) =>
        createOidcClient({
          name: values.name.trim(),
          ...(values.clientId?.trim() ? { clientId: values.clientId.trim() } : {}),
          redirectUris: lines(values.redirectUris),
          postLogoutRedirectUris: lines(values.postLogoutRedirectUris),
          grantTypes: [
            'authorization_code',
            'refresh_token',
            ...(values.clientCredentials ? (['client_credentials'] as const) : []),
          ],
          ...(values.clientCredentials && values.organisationId
            ? {
                scope: [...SSO_SCOPES, ISSUE_SCOPE].join(' '),
                organisationId: values.organisationId,
              }
            : {}),
        })
      }
      onSubmitted={(client) => {
        form.resetFields();
        onCreated(client);
        onClose();
      }}
    >
      <Form.Item
        name="name"
        label={t('oidcClients.name')}
        rules={[{ required: true, whitespace: true, message: t('oidcClients.nameRequired') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="clientId"
        label={t('oidcClients.clientId')}
        extra={t('oidcClients.clientIdHint')}
        rules={[
          { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('oidcClients.clientIdFormat') },
        ]}
      >
        <Input maxLength={64} className="zt-code" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="redirectUris"
        label={t('oidcClients.redirectUris')}
        extra={t('oidcClients.urisHint')}
        rules={[
          { required: true, message: t('oidcClients.redirectUrisRequired') },
          {
            validator: async (_rule, value: string | undefined) => {
              for (const uri of lines(value)) {
                if (!URL.canParse(uri)) throw new Error(t('oidcClients.badUri', { uri }));
              }
            },
          },
        ]}
      >
        <Input.TextArea rows={3} className="zt-code" />
      </Form.Item>
      <Form.Item
        name="postLogoutRedirectUris"
        label={t('oidcClients.postLogoutRedirectUris')}
        extra={t('oidcClients.urisHint')}
      >
        <Input.TextArea rows={2} className="zt-code" />
      </Form.Item>
      <Form.Item name="clientCredentials" valuePropName="checked">
        <Checkbox>{t('oidcClients.clientCredentials')}</Checkbox>
      </Form.Item>
      {clientCredentials && (
        <Form.Item
          name="organisationId"
          label={t('oidcClients.issuesForLabel')}
          extra={t('oidcClients.issuesForHint')}
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={departments.isPending}
            options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
