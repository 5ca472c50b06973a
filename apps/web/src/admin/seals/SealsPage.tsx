import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Seal, SealStatus } from '@zhengtong/contracts';
import {
  Alert,
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
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  certificateKeys,
  changeSeal,
  createSeal,
  revokeSeal,
  sealsQuery,
  type SealAction,
} from '../../shared/api/certificates';
import { FormModal } from '../../shared/components/FormModal';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { useDateTexts } from '../../portal/applications/dates';
import { OrganisationSelect } from '../OrganisationSelect';
import './seals.css';

const statusColor: Record<SealStatus, string> = {
  active: 'green',
  suspended: 'orange',
  revoked: 'red',
  retired: 'default',
};

const statusKey: Record<SealStatus, MessageKey> = {
  active: 'sealsAdmin.status.active',
  suspended: 'sealsAdmin.status.suspended',
  revoked: 'sealsAdmin.status.revoked',
  retired: 'sealsAdmin.status.retired',
};

interface SealFilter {
  organisationId: string | undefined;
}

const readFilter = (params: URLSearchParams): SealFilter => ({
  organisationId: params.get('organisation') ?? undefined,
});
const writeFilter = (filter: SealFilter): Record<string, string> =>
  filter.organisationId ? { organisation: filter.organisationId } : {};

/**
 * 电子印章 (/admin/seals): the seals organisations sign certificates with, by organisation;
 * create, suspend, resume, rotate and revoke. Only public keys exist on this side of the API.
 */
export function SealsPage() {
  const t = useT();
  const dates = useDateTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useUrlFilter(readFilter, writeFilter);
  const query = useQuery(sealsQuery(filter.organisationId));
  const [creating, setCreating] = useState(false);
  const [showing, setShowing] = useState<Seal>();
  const [revoking, setRevoking] = useState<Seal>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: certificateKeys.allSeals });
  const change = useMutation({
    mutationFn: ({ seal, action }: { seal: Seal; action: SealAction }) =>
      changeSeal(seal.id, action),
    onSuccess: (result, { action }) => {
      void message.success(
        action === 'rotate'
          ? t('sealsAdmin.rotated', { keyId: result.keyId })
          : t('sealsAdmin.done'),
      );
      refresh();
    },
  });

  const confirmed = (seal: Seal, action: SealAction, label: MessageKey, confirm: MessageKey) => (
    <Popconfirm
      title={t(confirm, { name: seal.name })}
      okText={t(label)}
      cancelText={t('common.cancel')}
      onConfirm={() => change.mutate({ seal, action })}
    >
      <Button
        size="small"
        loading={
          change.isPending &&
          change.variables.seal.id === seal.id &&
          change.variables.action === action
        }
      >
        {t(label)}
      </Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<Seal> = [
    {
      title: t('sealsAdmin.name'),
      dataIndex: 'name',
      render: (name: string, seal) => (
        <>
          {name}
          <span className="zt-subline zt-muted">{seal.organisationName}</span>
        </>
      ),
    },
    {
      title: t('sealsAdmin.keyId'),
      dataIndex: 'keyId',
      render: (keyId: string) => <span className="zt-code">{keyId}</span>,
    },
    {
      title: t('sealsAdmin.status'),
      dataIndex: 'status',
      render: (status: SealStatus, seal) => (
        <>
          <Tag color={statusColor[status]}>{t(statusKey[status])}</Tag>
          {seal.replacedBy && (
            <span className="zt-subline zt-muted">{t('sealsAdmin.replaced')}</span>
          )}
          {seal.revokeReason && (
            <span className="zt-subline zt-muted">
              {t('sealsAdmin.revokeReasonShown', { reason: seal.revokeReason })}
            </span>
          )}
        </>
      ),
    },
    {
      title: t('sealsAdmin.validity'),
      key: 'validity',
      render: (_value, seal) =>
        seal.validTo
          ? t('sealsAdmin.validityRange', {
              from: dates.dateTime(seal.validFrom),
              to: dates.dateTime(seal.validTo),
            })
          : t('sealsAdmin.validityOpen', { from: dates.dateTime(seal.validFrom) }),
    },
    {
      title: t('sealsAdmin.actions'),
      key: 'actions',
      render: (_value, seal) => (
        <Space size={[4, 4]} wrap>
          <Button size="small" icon={<KeyOutlined aria-hidden />} onClick={() => setShowing(seal)}>
            {t('sealsAdmin.publicKey')}
          </Button>
          {seal.status === 'active' &&
            confirmed(seal, 'suspend', 'sealsAdmin.suspend', 'sealsAdmin.suspendConfirm')}
          {seal.status === 'suspended' &&
            confirmed(seal, 'resume', 'sealsAdmin.resume', 'sealsAdmin.resumeConfirm')}
          {(seal.status === 'active' || seal.status === 'suspended') && (
            <>
              {confirmed(seal, 'rotate', 'sealsAdmin.rotate', 'sealsAdmin.rotateConfirm')}
              <Button size="small" danger onClick={() => setRevoking(seal)}>
                {t('sealsAdmin.revoke')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('sealsAdmin.title')}
        description={t('sealsAdmin.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('sealsAdmin.create')}
          </Button>
        }
      />
      <Card className="zt-card">
        <Form layout="inline" className="zt-filters" role="search" aria-label={t('common.filters')}>
          <Form.Item label={t('sealsAdmin.organisation')} htmlFor="zt-seals-organisation">
            <OrganisationSelect
              id="zt-seals-organisation"
              className="zt-filter-region"
              placeholder={t('sealsAdmin.allOrganisations')}
              value={filter.organisationId}
              onChange={(organisationId) => setFilter({ organisationId })}
            />
          </Form.Item>
        </Form>
        <QueryTable<Seal>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('sealsAdmin.title')}
          emptyText={t('sealsAdmin.none')}
        />
      </Card>
      <CreateSealModal
        open={creating}
        organisationId={filter.organisationId}
        onClose={() => setCreating(false)}
        onCreated={(seal) => {
          setCreating(false);
          void message.success(t('sealsAdmin.created', { name: seal.name }));
          refresh();
        }}
      />
      <RevokeSealModal
        seal={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={() => {
          setRevoking(undefined);
          void message.success(t('sealsAdmin.done'));
          refresh();
        }}
      />
      <PublicKeyModal seal={showing} onClose={() => setShowing(undefined)} />
    </>
  );
}

interface SealValues {
  organisationId: string;
  name: string;
}

function CreateSealModal({
  open,
  organisationId,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** the organisation the list is filtered to, offered first */
  organisationId: string | undefined;
  onClose: () => void;
  onCreated: (seal: Seal) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SealValues>();
  return (
    <FormModal<SealValues, Seal>
      open={open}
      title={t('sealsAdmin.create')}
      okText={t('sealsAdmin.createSubmit')}
      onCancel={onClose}
      form={form}
      name="createSeal"
      fields={['organisationId', 'name']}
      initialValues={{ organisationId }}
      formKey={organisationId ?? ''}
      submit={(values) => createSeal({ organisationId: values.organisationId, name: values.name })}
      onSubmitted={onCreated}
    >
      <Form.Item
        name="organisationId"
        label={t('sealsAdmin.organisation')}
        rules={[{ required: true, message: t('sealsAdmin.organisationRequired') }]}
      >
        <OrganisationSelect />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('sealsAdmin.name')}
        normalize={(value: string) => value.trimStart()}
        rules={[
          { required: true, whitespace: true, message: t('sealsAdmin.nameRequired') },
          { min: 2, max: 100, message: t('sealsAdmin.nameRequired') },
        ]}
      >
        <Input maxLength={100} placeholder={t('sealsAdmin.namePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

function RevokeSealModal({
  seal,
  onClose,
  onRevoked,
}: {
  seal: Seal | undefined;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }, Seal>
      open={seal !== undefined}
      title={t('sealsAdmin.revokeTitle', { name: seal?.name ?? '' })}
      okText={t('sealsAdmin.revokeSubmit')}
      onCancel={onClose}
      form={form}
      name="revokeSeal"
      fields={['reason']}
      formKey={seal?.id}
      submit={(values) => revokeSeal(seal?.id ?? '', values.reason.trim())}
      onSubmitted={onRevoked}
    >
      <Alert type="warning" showIcon className="zt-note" title={t('sealsAdmin.revokeWarning')} />
      <Form.Item
        name="reason"
        label={t('sealsAdmin.revokeReason')}
        rules={[
          { required: true, whitespace: true, message: t('sealsAdmin.revokeReasonRequired') },
          { min: 2, max: 500, message: t('sealsAdmin.revokeReasonRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** The seal's public key, to read and copy (PEM for OpenSSL, the point in hex). */
function PublicKeyModal({ seal, onClose }: { seal: Seal | undefined; onClose: () => void }) {
  const t = useT();
  const copyable = { tooltips: [t('sealsAdmin.copy'), t('sealsAdmin.copied')] };
  return (
    <Modal
      open={seal !== undefined}
      title={t('sealsAdmin.publicKeyTitle', { name: seal?.name ?? '' })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={640}
      destroyOnHidden
    >
      {seal && (
        <Descriptions
          column={1}
          layout="vertical"
          size="small"
          items={[
            {
              key: 'keyId',
              label: t('sealsAdmin.keyId'),
              children: (
                <Typography.Text copyable={copyable} className="zt-code">
                  {seal.keyId}
                </Typography.Text>
              ),
            },
            {
              key: 'pem',
              label: t('sealsAdmin.publicKeyPem'),
              children: (
                <Typography.Paragraph copyable={{ ...copyable, text: seal.publicKeyPem }}>
                  <pre className="zt-pem">{seal.publicKeyPem}</pre>
                </Typography.Paragraph>
              ),
            },
            {
              key: 'hex',
              label: t('sealsAdmin.publicKeyHex'),
              children: (
                <Typography.Text copyable={copyable} className="zt-code zt-break">
                  {seal.publicKeyHex}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
