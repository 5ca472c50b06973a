import { useQuery } from '@tanstack/react-query';
import type { CaseStatus, RectificationCase, StatsGroupBy, StatsRow } from '@zhengtong/contracts';
import { Card, Form, Segmented, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { evaluationStatsQuery, rectificationCasesQuery } from '../../shared/api/evaluations';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useUrlFilter } from '../../shared/components/useUrlFilter';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { useDateTexts } from '../../portal/applications/dates';
import { levelName } from '../../portal/evaluations/labels';
import { rateColumns } from '../../portal/evaluations/rateColumns';

const groupBys: readonly StatsGroupBy[] = ['organisation', 'item', 'region', 'channel'];

const statusColor: Record<CaseStatus, string> = {
  open: 'orange',
  visited: 'blue',
  rectified: 'cyan',
  closed: 'default',
};

const statusKey: Record<CaseStatus, MessageKey> = {
  open: 'evaluationsAdmin.status.open',
  visited: 'evaluationsAdmin.status.visited',
  rectified: 'evaluationsAdmin.status.rectified',
  closed: 'evaluationsAdmin.status.closed',
};

interface PageFilter {
  tab: 'stats' | 'cases';
  groupBy: StatsGroupBy;
}

const readFilter = (params: URLSearchParams): PageFilter => {
  const groupBy = params.get('groupBy');
  return {
    tab: params.get('tab') === 'cases' ? 'cases' : 'stats',
    groupBy: groupBys.find((value) => value === groupBy) ?? 'organisation',
  };
};
const writeFilter = ({ tab, groupBy }: PageFilter): Record<string, string> => ({
  ...(tab === 'cases' ? { tab } : {}),
  ...(groupBy === 'organisation' ? {} : { groupBy }),
});

/**
 * 好差评统计 (/admin/evaluations): the ratings within the staff member's scope grouped one way
 * or another, and the 差评整改 cases still open.
 */
export function EvaluationsPage() {
  const { t } = useLocale();
  const [filter, setFilter] = useUrlFilter(readFilter, writeFilter);
  return (
    <>
      <PageHeading
        title={t('evaluationsAdmin.title')}
        description={t('evaluationsAdmin.description')}
      />
      <Card className="zt-card">
        <Tabs
          activeKey={filter.tab}
          onChange={(tab) => setFilter({ ...filter, tab: tab === 'cases' ? 'cases' : 'stats' })}
          items={[
            {
              key: 'stats',
              label: t('evaluationsAdmin.tab.stats'),
              children: (
                <StatsTab
                  groupBy={filter.groupBy}
                  onGroupBy={(groupBy) => setFilter({ ...filter, groupBy })}
                />
              ),
            },
            { key: 'cases', label: t('evaluationsAdmin.tab.cases'), children: <CasesTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function StatsTab({
  groupBy,
  onGroupBy,
}: {
  groupBy: StatsGroupBy;
  onGroupBy: (groupBy: StatsGroupBy) => void;
}) {
  const { t, locale } = useLocale();
  const query = useQuery(evaluationStatsQuery(groupBy));
  const columns: TableColumnsType<StatsRow> = [
    {
      title: t('evaluationsAdmin.group'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          {name}
          {row.key && (groupBy === 'item' || groupBy === 'region') && (
            <span className="zt-subline zt-muted zt-code">{row.key}</span>
          )}
        </>
      ),
    },
    ...rateColumns<StatsRow>(t, locale),
    {
      title: t('evaluationsAdmin.cases'),
      key: 'cases',
      align: 'right',
      render: (_value, row) => `${row.closedCases} / ${row.onTimeCases} / ${row.cases}`,
    },
  ];
  return (
    <div className="zt-stack">
      <Form layout="inline" className="zt-filters" role="search" aria-label={t('common.filters')}>
        <Form.Item label={t('evaluationsAdmin.groupBy')}>
          <Segmented<StatsGroupBy>
            value={groupBy}
            onChange={onGroupBy}
            options={groupBys.map((value) => ({
              value,
              label: t(`evaluationsAdmin.groupBy.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
      <QueryTable<StatsRow>
        query={query}
        rowKey={(row) => row.key ?? ''}
        columns={columns}
        caption={t('evaluationsAdmin.title')}
        emptyText={t('evaluationsAdmin.noStats')}
      />
    </div>
  );
}

/** Today in Asia/Shanghai as YYYY-MM-DD, to compare with due days. */
function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function CasesTab() {
  const { t } = useLocale();
  const dates = useDateTexts();
  const query = useQuery({
    ...rectificationCasesQuery(),
    // open cases only, the reply due first
    select: (list) => ({
      items: list.items
        .filter((item) => item.status !== 'closed')
        .sort((a, b) => a.rectifyDueDate.localeCompare(b.rectifyDueDate)),
    }),
  });
  const today = shanghaiToday();
  const due = (date: string, late: boolean) => (
    <Space size={4}>
      {dates.date(date)}
      {late && <Tag color="red">{t('evaluationsAdmin.case.overdue')}</Tag>}
    </Space>
  );
  const columns: TableColumnsType<RectificationCase> = [
    {
      title: t('evaluationsAdmin.case.level'),
      dataIndex: 'level',
      render: (level: number) => <Tag color="red">{levelName(t, level)}</Tag>,
    },
    {
      title: t('evaluationsAdmin.case.comment'),
      dataIndex: 'comment',
      render: (comment: string | null) =>
        comment ? (
          <Typography.Paragraph className="zt-prewrap" ellipsis={{ rows: 2, tooltip: comment }}>
            {comment}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('evaluationsAdmin.case.openedAt'),
      dataIndex: 'openedAt',
      render: (at: string) => dates.dateTime(at),
    },
    {
      title: t('evaluationsAdmin.case.visitDue'),
      dataIndex: 'visitDueDate',
      render: (date: string, row) => due(date, row.status === 'open' && date < today),
    },
    {
      title: t('evaluationsAdmin.case.rectifyDue'),
      dataIndex: 'rectifyDueDate',
      render: (date: string, row) =>
        due(date, (row.status === 'open' || row.status === 'visited') && date < today),
    },
    {
      title: t('evaluationsAdmin.case.status'),
      dataIndex: 'status',
      render: (status: CaseStatus, row) => (
        <Space size={4} wrap>
          <Tag color={statusColor[status]}>{t(statusKey[status])}</Tag>
          {row.escalatedAt && <Tag color="volcano">{t('evaluationsAdmin.case.escalated')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <div className="zt-stack">
      <Typography.Paragraph type="secondary">
        {t('evaluationsAdmin.casesIntro')}
      </Typography.Paragraph>
      <QueryTable<RectificationCase>
        query={query}
        rowKey="id"
        columns={columns}
        caption={t('evaluationsAdmin.tab.cases')}
        emptyText={t('evaluationsAdmin.noCases')}
      />
    </div>
  );
}
