import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CertificateState, CertificateSummary } from '@zhengtong/contracts';
import { Card, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { walletQuery, type WalletFilter } from '../../shared/api/certificates';
import type { Session } from '../../shared/api/identity';
import { FilterBar, SelectFilter } from '../../shared/components/FilterBar';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useT } from '../../shared/i18n/LocaleProvider';
import { ApplicantOnly } from '../applications/ApplicantOnly';
import { useDateTexts } from '../applications/dates';
import { LinkButton } from '../catalog/LinkButton';
import { CertificateStateTag } from './CertificateStateTag';
import { certificateStates } from './labels';
import './certificates.css';

function readFilter(params: URLSearchParams): WalletFilter {
  const state = params.get('state');
  return {
    enterpriseId: params.get('enterprise') ?? undefined,
    state: certificateStates.find((candidate) => candidate === state),
  };
}

function writeFilter(filter: WalletFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.enterpriseId) params.enterprise = filter.enterpriseId;
  if (filter.state) params.state = filter.state;
  return params;
}

/** Where a certificate of the wallet opens; the holder comes along so 返回 lands on the same list. */
export function certificatePath(id: string, enterpriseId?: string): string {
  const path = `/me/certificates/${encodeURIComponent(id)}`;
  return enterpriseId ? `${path}?enterprise=${encodeURIComponent(enterpriseId)}` : path;
}

/** 我的证照 (/me/certificates): the person's own certificates, or an enterprise's they act for. */
export function MyCertificatesPage() {
  const t = useT();
  return (
    <ApplicantOnly title={t('certificates.title')}>
      {(me) => <MyCertificates me={me} />}
    </ApplicantOnly>
  );
}

function MyCertificates({ me }: { me: Session }) {
  const t = useT();
  const dates = useDateTexts();
  const [filter, setFilter] = useUrlFilter(readFilter, writeFilter);
  // an enterprise the person no longer acts for falls back to their own wallet
  const enterpriseId = me.enterprises.some((e) => e.id === filter.enterpriseId)
    ? filter.enterpriseId
    : undefined;
  const query = useQuery({
    ...walletQuery({ enterpriseId, state: filter.state }),
    placeholderData: keepPreviousData,
  });
  const detailPath = (row: CertificateSummary) => certificatePath(row.id, enterpriseId);

  const columns: TableColumnsType<CertificateSummary> = [
    {
      title: t('certificates.name'),
      dataIndex: 'typeName',
      render: (name: string, row) => (
        <>
          <Link to={detailPath(row)}>{name}</Link>
          <span className="zt-subline zt-muted">{row.holderName}</span>
        </>
      ),
    },
    {
      title: t('certificates.identifier'),
      dataIndex: 'identifier',
      render: (identifier: string) => <span className="zt-code">{identifier}</span>,
    },
    { title: t('certificates.issuer'), dataIndex: 'issuerName' },
    {
      title: t('certificates.validTo'),
      dataIndex: 'validTo',
      render: (validTo: string | null) =>
        validTo ? dates.date(validTo) : t('certificates.longTerm'),
    },
    {
      title: t('certificates.stateColumn'),
      dataIndex: 'state',
      render: (state: CertificateState) => <CertificateStateTag state={state} />,
    },
  ];

  return (
    <>
      <PageHeading
        title={t('certificates.title')}
        description={t('certificates.description')}
        extra={
          <LinkButton to="/verify" icon={<SafetyCertificateOutlined aria-hidden />}>
            {t('verify.nav')}
          </LinkButton>
        }
      />
      <Card className="zt-card">
        <FilterBar>
          {me.enterprises.length > 0 && (
            <SelectFilter<string>
              id="zt-certificates-holder"
              label={t('certificates.holder')}
              className="zt-filter-kind"
              placeholder={t('certificates.self')}
              value={enterpriseId}
              onChange={(next) => setFilter({ ...filter, enterpriseId: next })}
              options={me.enterprises.map((enterprise) => ({
                value: enterprise.id,
                label: enterprise.name,
              }))}
            />
          )}
          <SelectFilter<CertificateState>
            id="zt-certificates-state"
            label={t('certificates.stateColumn')}
            className="zt-filter-kind"
            placeholder={t('certificates.allStates')}
            value={filter.state}
            onChange={(state) => setFilter({ ...filter, state })}
            options={certificateStates.map((state) => ({
              value: state,
              label: t(`certificates.state.${state}`),
            }))}
          />
        </FilterBar>
        <QueryTable<CertificateSummary>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('certificates.title')}
          emptyText={filter.state ? t('certificates.noneWithState') : t('certificates.none')}
        />
      </Card>
    </>
  );
}
