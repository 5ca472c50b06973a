import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationStatus, ApplicationSummary } from '@zhengtong/contracts';
import { Card, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { myApplicationsQuery, type MyApplicationsFilter } from '../../shared/api/applications';
import { FilterBar, SelectFilter } from '../../shared/components/FilterBar';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { ApplicantOnly } from './ApplicantOnly';
import { BundleApplicationsCard } from './BundleApplicationsCard';
import { MyDrafts } from './MyDrafts';
import { ApplicationStatusTag } from './ApplicationStatusTag';
import { useDateTexts } from './dates';
import { applicationStatuses, statusKey } from './labels';
import './applications.css';

const pageSize = 20;

function readFilter(params: URLSearchParams): MyApplicationsFilter {
  const status = params.get('status');
  return {
    status: applicationStatuses.find((candidate) => candidate === status),
    page: Math.max(1, Math.floor(Number(params.get('page'))) || 1),
    pageSize,
  };
}

function writeFilter(filter: MyApplicationsFilter): Record<string, string> {
  const params: Record<string, string> = {};
  if (filter.status) params.status = filter.status;
  if (filter.page && filter.page > 1) params.page = String(filter.page);
  return params;
}

/** 我的办件 (/me/applications): the applicant's applications, newest first. */
export function MyApplicationsPage() {
  const t = useT();
  return (
    <ApplicantOnly title={t('myApplications.title')}>{() => <MyApplications />}</ApplicantOnly>
  );
}

function MyApplications() {
  const t = useT();
  const dates = useDateTexts();
  const [filter, setFilter] = useUrlFilter(readFilter, writeFilter);
  const query = useQuery({ ...myApplicationsQuery(filter), placeholderData: keepPreviousData });
  const detailPath = (row: ApplicationSummary) => `/me/applications/${encodeURIComponent(row.id)}`;

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: t('myApplications.no'),
      dataIndex: 'applicationNo',
      render: (no: string, row) => (
        <Link to={detailPath(row)} className="zt-code">
          {no}
        </Link>
      ),
    },
    {
      title: t('myApplications.item'),
      dataIndex: 'itemName',
      render: (name: string, row) => <Link to={detailPath(row)}>{name}</Link>,
    },
    { title: t('myApplications.organisation'), dataIndex: 'organisationName' },
    {
      title: t('myApplications.statusColumn'),
      dataIndex: 'status',
      render: (status: ApplicationStatus) => <ApplicationStatusTag status={status} />,
    },
    {
      title: t('myApplications.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('myApplications.dueDate'),
      dataIndex: 'dueDate',
      render: (due: string | null) => dates.date(due),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('myApplications.title')}
        description={t('myApplications.description')}
        extra={<LinkButton to="/services">{t('myApplications.findService')}</LinkButton>}
      />
      <MyDrafts />
      <Card className="zt-card">
        <FilterBar>
          <SelectFilter<ApplicationStatus>
            id="zt-my-applications-status"
            label={t('myApplications.statusColumn')}
            className="zt-filter-kind"
            placeholder={t('myApplications.allStatuses')}
            value={filter.status}
            onChange={(status) => setFilter({ ...filter, status, page: 1 })}
            options={applicationStatuses.map((status) => ({
              value: status,
              label: t(statusKey[status]),
            }))}
          />
        </FilterBar>
        <QueryTable<ApplicationSummary>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('myApplications.title')}
          emptyText={filter.status ? t('myApplications.noneWithStatus') : t('myApplications.none')}
          paging={{
            current: filter.page,
            pageSize,
            onChange: (page) => setFilter({ ...filter, page }),
          }}
        />
      </Card>
      <BundleApplicationsCard />
    </>
  );
}
