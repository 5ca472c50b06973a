import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Satisfaction, SixMosts, SixMostsQuery, SixMostsReport } from '@zhengtong/contracts';
import {
  Card,
  Col,
  Form,
  Progress,
  Radio,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
} from 'antd';
import { sixMostsQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { FilterBar } from '../../shared/components/FilterBar';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { RegionField } from './CatalogFields';
import { formatShare, formatYuan, onlineDepthKey, optionsOf } from './labels';

type GroupBy = SixMostsQuery['groupBy'];
type ReportRow = SixMostsReport['rows'][number];

const groupings: readonly GroupBy[] = ['organisation', 'region', 'item'];
const groupKey: Record<GroupBy, MessageKey> = {
  organisation: 'catalogAdmin.sixMosts.byOrganisation',
  region: 'catalogAdmin.sixMosts.byRegion',
  item: 'catalogAdmin.sixMosts.byItem',
};
const depthLevels = [1, 2, 3, 4] as const;

function readQuery(params: URLSearchParams): SixMostsQuery {
  const groupBy = groupings.find((value) => value === params.get('groupBy')) ?? 'organisation';
  const region = params.get('region') ?? undefined;
  return region ? { groupBy, region } : { groupBy };
}

function writeQuery(query: SixMostsQuery): Record<string, string> {
  const params: Record<string, string> = { groupBy: query.groupBy };
  if (query.region) params.region = query.region;
  return params;
}

function share(value: number): number {
  return Math.round(value * 1000) / 10;
}

/** 六个最: 环节最少, 材料最简, 时限最短, 费用最低, 跑动最少, 网办最深 — over published lists. */
export function SixMostsPage() {
  const { t, locale } = useLocale();
  const [query, setQuery] = useUrlFilter(readQuery, writeQuery);
  const report = useQuery({ ...sixMostsQuery(query), placeholderData: keepPreviousData });

  const columns: TableColumnsType<ReportRow> = [
    {
      title: t(groupKey[query.groupBy]),
      dataIndex: 'name',
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    metricColumn('catalogAdmin.sixMosts.lists', (m) => m.lists, String, t, 'descend'),
    metricColumn(
      'catalogAdmin.sixMosts.averageSteps',
      (m) => m.averageSteps,
      (v) => v.toFixed(1),
      t,
    ),
    metricColumn(
      'catalogAdmin.sixMosts.averageMaterialsToSubmit',
      (m) => m.averageMaterialsToSubmit,
      (v) => v.toFixed(1),
      t,
    ),
    metricColumn('catalogAdmin.sixMosts.materials', (m) => m.materials, String, t),
    metricColumn(
      'catalogAdmin.sixMosts.exempt',
      (m) => m.materialsByCertificate + m.materialsBySharedData,
      String,
      t,
    ),
    metricColumn(
      'catalogAdmin.sixMosts.compression',
      (m) => m.compressionPercent ?? -1,
      (v) => (v < 0 ? '—' : `${v.toFixed(1)}%`),
      t,
    ),
    metricColumn('catalogAdmin.sixMosts.immediate', (m) => m.immediateShare, formatShare, t),
    metricColumn('catalogAdmin.sixMosts.free', (m) => m.freeShare, formatShare, t),
    metricColumn(
      'catalogAdmin.sixMosts.averageFee',
      (m) => m.averageFeeFen,
      (v) => formatYuan(Math.round(v), locale),
      t,
    ),
    metricColumn(
      'catalogAdmin.sixMosts.atMostOneVisit',
      (m) => m.atMostOneVisitShare,
      formatShare,
      t,
    ),
    metricColumn('catalogAdmin.sixMosts.zeroVisit', (m) => m.zeroVisitShare, formatShare, t),
    metricColumn('catalogAdmin.sixMosts.fullyOnline', (m) => m.fullyOnlineShare, formatShare, t),
    {
      title: t('catalogAdmin.sixMosts.satisfaction'),
      key: 'satisfaction',
      align: 'right',
      sorter: (a, b) =>
        (a.satisfaction.satisfactionRate ?? -1) - (b.satisfaction.satisfactionRate ?? -1),
      render: (_value, row) => satisfactionText(row.satisfaction, t),
    },
  ];

  return (
    <>
      <PageHeading
        title={t('catalogAdmin.sixMosts.title')}
        description={t('catalogAdmin.sixMosts.description')}
      />
      <Card className="zt-card zt-note">
        <FilterBar>
          <Form.Item label={t('catalogAdmin.sixMosts.groupBy')}>
            <Radio.Group
              optionType="button"
              value={query.groupBy}
              onChange={(event) => setQuery({ ...query, groupBy: event.target.value as GroupBy })}
              options={optionsOf(groupings, groupKey, t)}
            />
          </Form.Item>
          <Form.Item label={t('catalogAdmin.lists.region')} htmlFor="zt-six-region">
            <RegionField
              id="zt-six-region"
              className="zt-filter-region"
              value={query.region}
              placeholder={t('catalogAdmin.sixMosts.wholeProvince')}
              onChange={(region) =>
                setQuery(region ? { ...query, region } : { groupBy: query.groupBy })
              }
            />
          </Form.Item>
        </FilterBar>
        {report.isError && (
          <ApiErrorAlert error={report.error} onRetry={() => void report.refetch()} />
        )}
        {report.isPending && !report.isError && <LoadingBlock />}
        {report.data && (
          <Totals total={report.data.total} satisfaction={report.data.totalSatisfaction} />
        )}
      </Card>
      {report.data && (
        <Card
          className="zt-card"
          title={
            <h2 className="zt-card-heading">
              {t('catalogAdmin.sixMosts.rows', { by: t(groupKey[query.groupBy]) })}
            </h2>
          }
        >
          <Table<ReportRow>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={report.data.rows}
            loading={report.isPlaceholderData}
            locale={{ emptyText: t('catalogAdmin.sixMosts.none') }}
            caption={<span className="zt-visually-hidden">{t('catalogAdmin.sixMosts.title')}</span>}
            scroll={{ x: 'max-content' }}
            pagination={
              report.data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false
            }
          />
        </Card>
      )}
    </>
  );
}

function metricColumn(
  title: MessageKey,
  value: (metrics: SixMosts) => number,
  format: (value: number) => string,
  t: (key: MessageKey) => string,
  defaultSortOrder?: 'ascend' | 'descend',
): TableColumnsType<ReportRow>[number] {
  return {
    title: t(title),
    key: title,
    align: 'right',
    sorter: (a, b) => value(a.metrics) - value(b.metrics),
    defaultSortOrder,
    render: (_value, row) => format(value(row.metrics)),
  };
}

/** 满意度: the rate with the number of ratings it rests on, or — without ratings. */
function satisfactionText(
  s: Satisfaction,
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
): string {
  return s.satisfactionRate === null
    ? '—'
    : t('catalogAdmin.sixMosts.satisfactionValue', {
        rate: formatShare(s.satisfactionRate),
        ratings: s.ratings,
      });
}

function Totals({ total, satisfaction }: { total: SixMosts; satisfaction: Satisfaction }) {
  const { t, locale } = useLocale();
  const cards: {
    key: string;
    title: string;
    value: number | string;
    suffix?: string;
    precision?: number;
    note?: string;
  }[] = [
    { key: 'lists', title: t('catalogAdmin.sixMosts.lists'), value: total.lists },
    {
      key: 'steps',
      title: t('catalogAdmin.sixMosts.averageSteps'),
      value: total.averageSteps,
      precision: 1,
    },
    {
      key: 'materials',
      title: t('catalogAdmin.sixMosts.materials'),
      value: total.materials,
      note: t('catalogAdmin.sixMosts.materialsNote', {
        certificate: total.materialsByCertificate,
        sharedData: total.materialsBySharedData,
        average: total.averageMaterialsToSubmit.toFixed(1),
      }),
    },
    {
      key: 'compression',
      title: t('catalogAdmin.sixMosts.compression'),
      value: total.compressionPercent ?? '—',
      suffix: total.compressionPercent === null ? undefined : '%',
      precision: total.compressionPercent === null ? undefined : 1,
      note: t('catalogAdmin.sixMosts.compressionNote', {
        promised: total.promisedLimitDays,
        statutory: total.statutoryLimitDays,
      }),
    },
    {
      key: 'immediate',
      title: t('catalogAdmin.sixMosts.immediate'),
      value: share(total.immediateShare),
      suffix: '%',
      precision: 1,
    },
    {
      key: 'free',
      title: t('catalogAdmin.sixMosts.free'),
      value: share(total.freeShare),
      suffix: '%',
      precision: 1,
      note: t('catalogAdmin.sixMosts.averageFeeNote', {
        fee: formatYuan(Math.round(total.averageFeeFen), locale),
      }),
    },
    {
      key: 'oneVisit',
      title: t('catalogAdmin.sixMosts.atMostOneVisit'),
      value: share(total.atMostOneVisitShare),
      suffix: '%',
      precision: 1,
    },
    {
      key: 'zeroVisit',
      title: t('catalogAdmin.sixMosts.zeroVisit'),
      value: share(total.zeroVisitShare),
      suffix: '%',
      precision: 1,
    },
    {
      key: 'online',
      title: t('catalogAdmin.sixMosts.fullyOnline'),
      value: share(total.fullyOnlineShare),
      suffix: '%',
      precision: 1,
    },
    {
      key: 'satisfaction',
      title: t('catalogAdmin.sixMosts.satisfaction'),
      value: satisfaction.satisfactionRate === null ? '—' : share(satisfaction.satisfactionRate),
      suffix: satisfaction.satisfactionRate === null ? undefined : '%',
      precision: satisfaction.satisfactionRate === null ? undefined : 1,
      note: t('catalogAdmin.sixMosts.satisfactionNote', { ratings: satisfaction.ratings }),
    },
  ];
  const depthCounts = {
    1: total.onlineDepth.level1,
    2: total.onlineDepth.level2,
    3: total.onlineDepth.level3,
    4: total.onlineDepth.level4,
  };
  const depthTotal = depthLevels.reduce((sum, level) => sum + depthCounts[level], 0);

  return (
    <div className="zt-stack">
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.key} xs={12} md={8} xl={6}>
            <Card size="small">
              <Statistic
                title={card.title}
                value={card.value}
                suffix={card.suffix}
                precision={card.precision}
              />
              {card.note && <span className="zt-subline zt-muted">{card.note}</span>}
            </Card>
          </Col>
        ))}
      </Row>
      <section aria-labelledby="zt-six-depth">
        <h3 className="zt-section-title" id="zt-six-depth">
          {t('catalogAdmin.sixMosts.depthTitle')}
        </h3>
        {depthLevels.map((level) => {
          const count = depthCounts[level];
          const percent = depthTotal === 0 ? 0 : Math.round((count / depthTotal) * 1000) / 10;
          return (
            <Row key={level} gutter={12} align="middle">
              <Col xs={24} sm={6}>
                {t(onlineDepthKey[level])}
              </Col>
              <Col xs={24} sm={18}>
                <Progress
                  percent={percent}
                  format={() => t('catalogAdmin.sixMosts.depthCount', { count, percent })}
                  status="normal"
                  aria-label={t('catalogAdmin.sixMosts.depthAria', {
                    level: t(onlineDepthKey[level]),
                    count,
                    percent,
                  })}
                />
              </Col>
            </Row>
          );
        })}
      </section>
    </div>
  );
}
