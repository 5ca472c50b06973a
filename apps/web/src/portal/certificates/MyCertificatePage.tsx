import {
  ArrowLeftOutlined,
  FilePdfOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Certificate } from '@zhengtong/contracts';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { certificateTypesQuery } from '../../shared/api/catalog';
import { certificateLinks, certificateQuery } from '../../shared/api/certificates';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { ApplicantOnly } from '../applications/ApplicantOnly';
import { useDateTexts } from '../applications/dates';
import { LinkButton } from '../catalog/LinkButton';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { AuthorisationsCard } from './AuthorisationsCard';
import { CertificateStateTag } from './CertificateStateTag';
import { identifierPattern } from './labels';
import { certificatePath } from './MyCertificatesPage';
import { UsesCard } from './UsesCard';
import './certificates.css';

/**
 * 证照详情 (/me/certificates/:id): the face (照面信息), validity, issuer and signature; the
 * printable PDF, the signed file and online verification; 用证授权 and 用证记录.
 */
export function MyCertificatePage() {
  const t = useT();
  return <ApplicantOnly title={t('certificates.title')}>{() => <CertificateView />}</ApplicantOnly>;
}

function CertificateView() {
  const t = useT();
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const enterpriseId = searchParams.get('enterprise') ?? undefined;
  const walletPath = enterpriseId
    ? `/me/certificates?enterprise=${encodeURIComponent(enterpriseId)}`
    : '/me/certificates';
  const query = useQuery(certificateQuery(id));
  usePageTitle(query.data?.typeName ?? t('certificates.title'));

  if (query.isPending) return <LoadingBlock label={t('certificate.loading')} />;
  if (query.isError) {
    const status = isApiError(query.error) ? query.error.status : 0;
    if (status === 404 || status === 403) {
      return (
        <Result
          status="404"
          title={<h1 className="zt-result-title">{t('certificate.notFound')}</h1>}
          subTitle={t('certificate.notFoundDetail')}
          extra={
            <LinkButton type="primary" to={walletPath}>
              {t('certificate.back')}
            </LinkButton>
          }
        />
      );
    }
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const certificate = query.data;

  return (
    <>
      <PortalBreadcrumb
        crumbs={[
          { label: t('certificates.title'), to: walletPath },
          { label: certificate.typeName },
        ]}
      />
      <PageHeading
        title={certificate.typeName}
        description={
          <Space wrap>
            <CertificateStateTag state={certificate.state} />
            <span className="zt-code">{certificate.identifier}</span>
          </Space>
        }
        extra={
          <LinkButton to={walletPath} icon={<ArrowLeftOutlined aria-hidden />}>
            {t('certificate.back')}
          </LinkButton>
        }
      />
      <Space wrap className="zt-certificate-actions">
        <Button
          type="primary"
          href={certificateLinks.pdf(certificate.id)}
          target="_blank"
          rel="noopener"
          icon={<FilePdfOutlined aria-hidden />}
        >
          {t('certificate.downloadPdf')}
        </Button>
        <Button
          href={certificateLinks.file(certificate.id)}
          download={`${certificate.identifier}.json`}
          title={t('certificate.downloadFileHint')}
          icon={<FileProtectOutlined aria-hidden />}
        >
          {t('certificate.downloadFile')}
        </Button>
        <LinkButton
          to={certificateLinks.verifyPage(certificate.identifier)}
          icon={<SafetyCertificateOutlined aria-hidden />}
        >
          {t('certificate.verifyOnline')}
        </LinkButton>
      </Space>
      <StateNote certificate={certificate} enterpriseId={enterpriseId} />
      <div className="zt-stack">
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <FaceCard certificate={certificate} />
          </Col>
          <Col xs={24} lg={10} className="zt-stack">
            <BasicsCard certificate={certificate} />
            <SignatureCard certificate={certificate} />
          </Col>
        </Row>
        <AuthorisationsCard certificate={certificate} />
        <UsesCard certificateId={certificate.id} />
      </div>
    </>
  );
}

/** Why a certificate is no longer in force, and where its replacement is. */
function StateNote({
  certificate,
  enterpriseId,
}: {
  certificate: Certificate;
  enterpriseId: string | undefined;
}) {
  const t = useT();
  const dates = useDateTexts();
  if (certificate.state === 'superseded' && certificate.supersededBy) {
    const next = certificate.supersededBy;
    // the contract names the replacement; an identifier opens its verification, an id the wallet
    const to = identifierPattern.test(next)
      ? certificateLinks.verifyPage(next)
      : certificatePath(next, enterpriseId);
    return (
      <Alert
        className="zt-note"
        type="info"
        showIcon
        title={t('certificate.supersededAlert')}
        action={<Link to={to}>{t('certificate.openNew')}</Link>}
      />
    );
  }
  if (certificate.state === 'revoked') {
    return (
      <Alert
        className="zt-note"
        type="error"
        showIcon
        title={t('certificate.revokedAlert', { date: dates.dateTime(certificate.revokedAt) })}
        description={certificate.revokeReason ?? undefined}
      />
    );
  }
  return null;
}

function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} className="zt-card-heading">
          {title}
        </Typography.Title>
      }
    >
      {children}
    </Card>
  );
}

function FaceCard({ certificate }: { certificate: Certificate }) {
  const t = useT();
  const entries = Object.entries(certificate.data);
  // the type's data items name the fields (照面信息 titles)
  const types = useQuery(certificateTypesQuery());
  const properties = types.data?.items.find((ty) => ty.code === certificate.typeCode)?.dataSchema
    ?.properties as Record<string, { title?: unknown }> | undefined;
  const titleOf = (key: string) => {
    const title = properties?.[key]?.title;
    return typeof title === 'string' ? title : key;
  };
  return (
    <SectionCard title={t('certificate.face')}>
      {entries.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('certificate.faceEmpty')}</Typography.Paragraph>
      ) : (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={entries.map(([key, value]) => ({
            key,
            label: titleOf(key),
            children: <DataValue value={value} />,
          }))}
        />
      )}
    </SectionCard>
  );
}

/** A data item as text: lists joined, yes/no for booleans, anything else as JSON. */
function DataValue({ value }: { value: unknown }) {
  const t = useT();
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'boolean') return <>{value ? t('certificate.yes') : t('certificate.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') return <>{String(value)}</>;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) {
    return <>{value.map(String).join('、')}</>;
  }
  return <code className="zt-code zt-break">{JSON.stringify(value)}</code>;
}

function BasicsCard({ certificate }: { certificate: Certificate }) {
  const t = useT();
  const dates = useDateTexts();
  const validity = certificate.validTo
    ? t('verify.validityRange', {
        from: dates.date(certificate.validFrom),
        to: dates.date(certificate.validTo),
      })
    : t('verify.validityOpen', { from: dates.date(certificate.validFrom) });
  return (
    <SectionCard title={t('certificate.basics')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'holder', label: t('certificate.holderName'), children: certificate.holderName },
          {
            key: 'holderId',
            label: t('certificate.holderId'),
            children: <span className="zt-code">{certificate.holderIdMasked}</span>,
          },
          { key: 'issuer', label: t('certificates.issuer'), children: certificate.issuerName },
          { key: 'validity', label: t('certificate.validity'), children: validity },
          {
            key: 'issuedAt',
            label: t('certificates.issuedAt'),
            children: dates.dateTime(certificate.issuedAt),
          },
          {
            key: 'version',
            label: t('certificate.version'),
            children: t('certificate.versionValue', { version: certificate.version }),
          },
        ]}
      />
    </SectionCard>
  );
}

function SignatureCard({ certificate }: { certificate: Certificate }) {
  const t = useT();
  const { signature } = certificate;
  const code = (text: string) => (
    <Typography.Text copyable className="zt-code zt-digest">
      {text}
    </Typography.Text>
  );
  return (
    <SectionCard title={t('certificate.signature')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'algorithm', label: t('certificate.algorithm'), children: signature.algorithm },
          { key: 'keyId', label: t('certificate.keyId'), children: code(signature.keyId) },
          { key: 'digest', label: t('certificate.digest'), children: code(signature.digest) },
          {
            key: 'signerId',
            label: t('certificate.signerId'),
            children: <span className="zt-code">{signature.signerId}</span>,
          },
        ]}
      />
    </SectionCard>
  );
}
