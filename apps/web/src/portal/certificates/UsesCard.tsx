import { useQuery } from '@tanstack/react-query';
import type { CertificateUse } from '@zhengtong/contracts';
import { Card, Typography, type TableColumnsType } from 'antd';
import { usesQuery } from '../../shared/api/certificates';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useDateTexts } from '../applications/dates';

/** 用证记录: each time a department read or used the certificate, newest as the server orders. */
export function UsesCard({ certificateId }: { certificateId: string }) {
  const t = useT();
  const dates = useDateTexts();
  const query = useQuery(usesQuery(certificateId));

  const columns: TableColumnsType<CertificateUse> = [
    { title: t('uses.at'), dataIndex: 'at', render: (at: string) => dates.dateTime(at) },
    {
      title: t('uses.organisation'),
      dataIndex: 'organisationName',
      render: (name: string | null) => name ?? '—',
    },
    { title: t('uses.purpose'), dataIndex: 'purpose' },
    {
      title: t('uses.application'),
      dataIndex: 'applicationId',
      render: (id: string | null) => (id ? <span className="zt-code">{id}</span> : '—'),
    },
    {
      title: t('uses.basis'),
      dataIndex: 'authorisationId',
      render: (id: string | null) => (id ? t('uses.basis.authorised') : t('uses.basis.other')),
    },
  ];

  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} className="zt-card-heading">
          {t('uses.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">{t('uses.description')}</Typography.Paragraph>
      <QueryTable<CertificateUse>
        query={query}
        rowKey={(use) => `${use.at}:${use.authorisationId ?? ''}:${use.purpose}`}
        columns={columns}
        caption={t('uses.title')}
        emptyText={t('uses.none')}
      />
    </Card>
  );
}
