import type { FeeItem, ImplementationListVersion } from '@zhengtong/contracts';
import { Descriptions, Table, Tag, type DescriptionsProps, type TableColumnsType } from 'antd';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import {
  collectAtKey,
  formatFen,
  formatPercent,
  handlingKindKey,
  onlineDepthKey,
  scopeKey,
  visitsKey,
} from './labels';

interface GuideFactsProps {
  version: ImplementationListVersion;
}

/** The guide's key facts in one strip: time limits, visits, online depth, fees, scope. */
export function GuideFacts({ version }: GuideFactsProps) {
  const { t, locale } = useLocale();
  const { elements, metrics } = version;
  const days = (value: number) =>
    value === 0 ? t('catalog.fact.sameDay') : t('catalog.fact.days', { days: value });
  const compression = metrics.compressionPercent;

  const items: DescriptionsProps['items'] = [
    {
      key: 'handlingKind',
      label: t('catalog.fact.handlingKind'),
      children: t(handlingKindKey[elements.handlingKind]),
    },
    {
      key: 'statutory',
      label: t('catalog.fact.statutory'),
      children: days(elements.statutoryLimitDays),
    },
    {
      key: 'promised',
      label: t('catalog.fact.promised'),
      children: (
        <span className="zt-fact">
          <strong className="zt-fact-figure">{days(elements.promisedLimitDays)}</strong>
          {compression !== null && compression > 0 && (
            <Tag color="green">
              {t('catalog.fact.compression', { percent: formatPercent(compression, locale) })}
            </Tag>
          )}
        </span>
      ),
    },
    {
      key: 'visits',
      label: t('catalog.fact.visits'),
      children: (
        <Tag
          color={
            elements.onSiteVisits === 0 ? 'green' : elements.onSiteVisits === 1 ? 'blue' : 'default'
          }
        >
          {t(visitsKey(elements.onSiteVisits))}
        </Tag>
      ),
    },
    {
      key: 'onlineDepth',
      label: t('catalog.fact.onlineDepth'),
      children: (
        <span className="zt-fact">
          {t(onlineDepthKey(elements.onlineDepth))}
          <span className="zt-muted">
            {t('catalog.onlineDepth.level', { level: elements.onlineDepth })}
          </span>
        </span>
      ),
    },
    {
      key: 'fees',
      label: t('catalog.fact.fees'),
      children:
        elements.fees.free || elements.fees.items.length === 0 ? (
          <Tag color="green">{t('catalog.fees.free')}</Tag>
        ) : (
          t('catalog.fees.total', { amount: formatFen(metrics.feeFen, locale) })
        ),
    },
    {
      key: 'scope',
      label: t('catalog.fact.scope'),
      children: t(scopeKey[elements.crossRegionScope]),
    },
    {
      key: 'pendingMaterials',
      label: t('catalog.fact.pendingMaterials'),
      children: elements.allowsPendingMaterials
        ? t('catalog.pendingMaterials.yes')
        : t('catalog.pendingMaterials.no'),
    },
  ];

  return (
    <Descriptions
      className="zt-facts"
      bordered
      layout="vertical"
      size="small"
      column={{ xs: 2, sm: 2, md: 4, lg: 4, xl: 4, xxl: 8 }}
      items={items}
    />
  );
}

/** 收费标准: each fee with its amount, legal basis and when it is paid. */
export function FeesTable({ items }: { items: readonly FeeItem[] }) {
  const { t, locale } = useLocale();
  const columns: TableColumnsType<FeeItem> = [
    { key: 'name', title: t('catalog.fees.name'), dataIndex: 'name' },
    {
      key: 'amount',
      title: t('catalog.fees.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_value, fee) => formatFen(fee.amountFen, locale),
    },
    { key: 'basis', title: t('catalog.fees.basis'), dataIndex: 'legalBasis' },
    {
      key: 'collectAt',
      title: t('catalog.fees.collectAt'),
      dataIndex: 'collectAt',
      render: (_value, fee) => t(collectAtKey[fee.collectAt]),
    },
  ];
  return (
    <Table<FeeItem>
      rowKey={(fee) => fee.name}
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      caption={<span className="zt-visually-hidden">{t('catalog.guide.fees')}</span>}
      scroll={{ x: 'max-content' }}
    />
  );
}
