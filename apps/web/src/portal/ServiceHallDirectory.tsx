import { EnvironmentOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Organisation } from '@zhengtong/contracts';
import { Card, Collapse, Empty, Form, Pagination, Typography } from 'antd';
import { useId, useState } from 'react';
import { organisationsQuery } from '../shared/api/directory';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { RegionName } from '../shared/directory/RegionName';
import { RegionTreeSelect } from '../shared/directory/RegionTreeSelect';
import { ServiceWindowList } from '../shared/directory/ServiceWindowList';
import { useT } from '../shared/i18n/LocaleProvider';

const pageSize = 8;

/** 找大厅: the service halls of a chosen city or county, each opening onto its windows. */
export function ServiceHallDirectory() {
  const t = useT();
  const headingId = useId();
  const [region, setRegion] = useState<string>();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...organisationsQuery({ region, subtree: true, kind: 'serviceHall' }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {t('portal.halls.title')}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>
        <Typography.Paragraph type="secondary">{t('portal.halls.intro')}</Typography.Paragraph>
        <Form layout="vertical" role="search" aria-label={t('portal.halls.title')}>
          <Form.Item label={t('portal.halls.where')} htmlFor="zt-hall-region">
            <RegionTreeSelect
              id="zt-hall-region"
              className="zt-filter-region"
              value={region}
              onChange={(code) => {
                setRegion(code);
                setPage(1);
              }}
              placeholder={t('portal.halls.wholeProvince')}
            />
          </Form.Item>
        </Form>
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {query.isPending && !query.isError && <LoadingBlock label={t('portal.halls.loading')} />}
        {query.data && (
          <HallList
            halls={query.data.items}
            page={page}
            onPageChange={setPage}
            stale={query.isPlaceholderData}
          />
        )}
      </section>
    </Card>
  );
}

interface HallListProps {
  halls: readonly Organisation[];
  page: number;
  onPageChange: (page: number) => void;
  stale: boolean;
}

function HallList({ halls, page, onPageChange, stale }: HallListProps) {
  const t = useT();
  if (halls.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.halls.none')} />;
  }
  const shown = halls.slice((page - 1) * pageSize, page * pageSize);
  return (
    <div className={stale ? 'zt-stale' : undefined} aria-busy={stale}>
      <Typography.Paragraph>
        {t('portal.halls.count', { count: halls.length })}
      </Typography.Paragraph>
      <Collapse
        accordion
        items={shown.map((hall) => ({
          key: hall.id,
          label: (
            <span className="zt-hall-label">
              <strong>{hall.name}</strong>
              <span className="zt-muted">
                <EnvironmentOutlined aria-hidden /> <RegionName code={hall.regionCode} />
              </span>
            </span>
          ),
          // Collapse renders a panel's content on first open, so windows load on demand.
          children: (
            <ServiceWindowList
              serviceHallId={hall.id}
              activeOnly
              caption={t('portal.halls.windowsOf', { hall: hall.name })}
            />
          ),
        }))}
      />
      {halls.length > pageSize && (
        <Pagination
          className="zt-pagination"
          current={page}
          pageSize={pageSize}
          total={halls.length}
          onChange={onPageChange}
          showSizeChanger={false}
          size="small"
        />
      )}
    </div>
  );
}
