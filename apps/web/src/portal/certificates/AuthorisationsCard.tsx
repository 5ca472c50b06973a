import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Certificate, CertificateAuthorisation } from '@zhengtong/contracts';
import { App, Button, Card, Popconfirm, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  authorisationsQuery,
  certificateKeys,
  withdrawAuthorisation,
} from '../../shared/api/certificates';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { useDateTexts } from '../applications/dates';
import { CreateAuthorisationModal } from './CreateAuthorisationModal';

type AuthorisationStatus = 'active' | 'withdrawn' | 'expired';

function statusOf(authorisation: CertificateAuthorisation): AuthorisationStatus {
  if (authorisation.active) return 'active';
  return authorisation.withdrawnAt ? 'withdrawn' : 'expired';
}

const statusColor: Record<AuthorisationStatus, string> = {
  active: 'green',
  withdrawn: 'default',
  expired: 'orange',
};

const scopeKey: Record<CertificateAuthorisation['scope'], MessageKey> = {
  summary: 'authorisations.scope.summary',
  full: 'authorisations.scope.full',
};

/** 用证授权: which departments may read the certificate, until when; 新建授权 and 撤回. */
export function AuthorisationsCard({ certificate }: { certificate: Certificate }) {
  const t = useT();
  const dates = useDateTexts();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery(authorisationsQuery(certificate.id));
  const [creating, setCreating] = useState(false);
  const refresh = () =>
    void queryClient.invalidateQueries({
      queryKey: certificateKeys.authorisations(certificate.id),
    });
  const withdraw = useMutation({
    mutationFn: (authorisationId: string) => withdrawAuthorisation(certificate.id, authorisationId),
    onSuccess: () => {
      void message.success(t('authorisations.withdrawn'));
      refresh();
    },
  });

  const columns: TableColumnsType<CertificateAuthorisation> = [
    {
      title: t('authorisations.grantee'),
      dataIndex: 'granteeOrganisationName',
    },
    {
      title: t('authorisations.scope'),
      dataIndex: 'scope',
      render: (scope: CertificateAuthorisation['scope']) => t(scopeKey[scope]),
    },
    { title: t('authorisations.purpose'), dataIndex: 'purpose' },
    {
      title: t('authorisations.expiresAt'),
      dataIndex: 'expiresAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('authorisations.status'),
      key: 'status',
      render: (_value, authorisation) => {
        const status = statusOf(authorisation);
        return (
          <>
            <Tag color={statusColor[status]}>{t(`authorisations.status.${status}`)}</Tag>
            {authorisation.withdrawnAt && (
              <span className="zt-subline zt-muted">
                {dates.dateTime(authorisation.withdrawnAt)}
              </span>
            )}
          </>
        );
      },
    },
    {
      title: t('authorisations.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('authorisations.actions'),
      key: 'actions',
      render: (_value, authorisation) =>
        authorisation.active && (
          <Popconfirm
            title={t('authorisations.withdrawConfirm', {
              grantee: authorisation.granteeOrganisationName,
            })}
            okText={t('authorisations.withdraw')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => withdraw.mutate(authorisation.id)}
          >
            <Button
              size="small"
              danger
              loading={withdraw.isPending && withdraw.variables === authorisation.id}
            >
              {t('authorisations.withdraw')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} className="zt-card-heading">
          {t('authorisations.title')}
        </Typography.Title>
      }
      extra={
        certificate.state === 'valid' && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('authorisations.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('authorisations.description')}
      </Typography.Paragraph>
      <QueryTable<CertificateAuthorisation>
        query={query}
        rowKey="id"
        columns={columns}
        caption={t('authorisations.title')}
        emptyText={t('authorisations.none')}
      />
      <CreateAuthorisationModal
        certificateId={certificate.id}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(authorisation) => {
          setCreating(false);
          void message.success(
            t('authorisations.created', { grantee: authorisation.granteeOrganisationName }),
          );
          refresh();
        }}
      />
    </Card>
  );
}
