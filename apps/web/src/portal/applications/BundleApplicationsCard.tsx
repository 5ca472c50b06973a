import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BundleApplicationStatus, BundleApplicationSummary } from '@zhengtong/contracts';
import { BUNDLE_APPLICATION_STATUSES } from '@zhengtong/contracts';
import { Card, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { myBundleApplicationsQuery } from '../../shared/api/bundle-applications';
import { FilterBar, SelectFilter } from '../../shared/components/FilterBar';
import { QueryTable } from '../../shared/components/QueryTable';
import { useT } from '../../shared/i18n/LocaleProvider';
import { BundleStatusTag, bundleStatusKey } from './BundleStatusTag';
import { useDateTexts } from './dates';

const pageSize = 10;

const detailPath = (row: BundleApplicationSummary) =>
  `/me/bundle-applications/${encodeURIComponent(row.id)}`;

/** 我的一件事: the applicant's bundle applications, newest first, beside their applications. */
export function BundleApplicationsCard() {
  const t = useT();
  const dates = useDateTexts();
  const [status, setStatus] = useState<BundleApplicationStatus>();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...myBundleApplicationsQuery({ status, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<BundleApplicationSummary> = [
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
      title: t('myBundles.name'),
      dataIndex: 'bundleName',
      render: (name: string, row) => <Link to={detailPath(row)}>{name}</Link>,
    },
    {
      title: t('myApplications.statusColumn'),
      dataIndex: 'status',
      render: (value: BundleApplicationStatus) => <BundleStatusTag status={value} />,
    },
    {
      title: t('myBundles.progress'),
      key: 'progress',
      render: (_value, row) =>
        t('myBundles.progressValue', { done: row.completedMemberCount, total: row.memberCount }),
    },
    {
      title: t('myApplications.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('bundleApplication.dueDate'),
      dataIndex: 'dueDate',
      render: (due: string | null) => dates.date(due),
    },
  ];

  return (
    <Card
      className="zt-card zt-my-bundles"
      title={
        <Typography.Title level={2} id="zt-my-bundles-heading" className="zt-card-heading">
          {t('myBundles.title')}
        </Typography.Title>
      }
    >
      <section aria-labelledby="zt-my-bundles-heading">
        <FilterBar>
          <SelectFilter<BundleApplicationStatus>
            id="zt-my-bundles-status"
            label={t('myApplications.statusColumn')}
            className="zt-filter-kind"
            placeholder={t('myBundles.allStatuses')}
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage(1);
            }}
            options={BUNDLE_APPLICATION_STATUSES.map((value) => ({
              value,
              label: t(bundleStatusKey[value]),
            }))}
          />
        </FilterBar>
        <QueryTable<BundleApplicationSummary>
          query={query}
          rowKey="id"
          columns={columns}
          caption={t('myBundles.title')}
          emptyText={status ? t('myBundles.noneWithStatus') : t('myBundles.none')}
          paging={{ current: page, pageSize, onChange: setPage }}
        />
      </section>
    </Card>
  );
}
