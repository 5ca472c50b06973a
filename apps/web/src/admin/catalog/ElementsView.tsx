import { useQuery } from '@tanstack/react-query';
import type {
  ImplementationElements,
  ImplementationListVersion,
  ListMetrics,
  Material,
} from '@zhengtong/contracts';
import {
  Card,
  Descriptions,
  Empty,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { certificateTypesQuery } from '../../shared/api/catalog';
import { useFormatDate, useLocale } from '../../shared/i18n/LocaleProvider';
import dayjs from 'dayjs';
import { StatusTag, useRegionWindows } from './CatalogFields';
import {
  channelKey,
  collectAtKey,
  crossRegionScopeKey,
  formatYuan,
  handlingKindKey,
  lifeEventKey,
  materialFormKey,
  materialSourceKey,
  onlineDepthKey,
  onSiteVisitsKey,
  processDefinitionKey,
  processDefinitionKeys,
  requirementKey,
} from './labels';

function useCertificateTypeName(): (code: string) => string {
  const query = useQuery(certificateTypesQuery());
  return (code) => query.data?.items.find((type) => type.code === code)?.name ?? code;
}

function processLabel(key: string, t: ReturnType<typeof useLocale>['t']): string {
  const known = processDefinitionKeys.find((candidate) => candidate === key);
  return known ? `${t(processDefinitionKey[known])}（${key}）` : key;
}

/** The six-mosts figures of one version (环节, 材料, 时限, 收费, 跑动, 网办). */
export function MetricsView({ metrics }: { metrics: ListMetrics }) {
  const { t, locale } = useLocale();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'steps', label: t('catalogAdmin.metrics.steps'), children: metrics.steps },
        {
          key: 'materials',
          label: t('catalogAdmin.metrics.materials'),
          children: t('catalogAdmin.metrics.materialsDetail', {
            total: metrics.materials,
            certificate: metrics.materialsByCertificate,
            sharedData: metrics.materialsBySharedData,
            submit: metrics.materialsToSubmit,
          }),
        },
        {
          key: 'limit',
          label: t('catalogAdmin.metrics.limit'),
          children: t('catalogAdmin.metrics.limitDetail', {
            promised: metrics.promisedLimitDays,
            statutory: metrics.statutoryLimitDays,
            compression:
              metrics.compressionPercent === null ? '—' : `${metrics.compressionPercent}%`,
          }),
        },
        {
          key: 'fee',
          label: t('catalogAdmin.metrics.fee'),
          children:
            metrics.feeFen === 0
              ? t('catalogAdmin.fee.freeYes')
              : formatYuan(metrics.feeFen, locale),
        },
        {
          key: 'visits',
          label: t('catalogAdmin.el.onSiteVisits'),
          children: t(onSiteVisitsKey[metrics.onSiteVisits as 0 | 1 | 2]),
        },
        {
          key: 'depth',
          label: t('catalogAdmin.el.onlineDepth'),
          children: t(onlineDepthKey[metrics.onlineDepth as 1 | 2 | 3 | 4]),
        },
        {
          key: 'immediate',
          label: t('catalogAdmin.el.handlingKind'),
          children: t(handlingKindKey[metrics.immediate ? 'immediate' : 'promised']),
        },
      ]}
    />
  );
}

/** Who did what to a version, and when. */
export function VersionFacts({ version }: { version: ImplementationListVersion }) {
  const { t } = useLocale();
  const formatDate = useFormatDate();
  const when = (value: string | null) => (value ? formatDate(dayjs(value), 'date') : '—');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        {
          key: 'status',
          label: t('catalogAdmin.lists.status'),
          children: (
            <span>
              <StatusTag status={version.status} /> v{version.version}
            </span>
          ),
        },
        {
          key: 'created',
          label: t('catalogAdmin.version.createdAt'),
          children: when(version.createdAt),
        },
        {
          key: 'submitted',
          label: t('catalogAdmin.version.submittedAt'),
          children: when(version.submittedAt),
        },
        {
          key: 'published',
          label: t('catalogAdmin.version.publishedAt'),
          children: when(version.publishedAt),
        },
        ...(version.retiredAt
          ? [
              {
                key: 'retired',
                label: t('catalogAdmin.version.retiredAt'),
                children: when(version.retiredAt),
              },
            ]
          : []),
        ...(version.reviewNote
          ? [
              {
                key: 'note',
                label: t('catalogAdmin.version.reviewNote'),
                span: 'filled' as const,
                children: version.reviewNote,
              },
            ]
          : []),
      ]}
    />
  );
}

/** A version's elements read-only, laid out as the service guide will show them. */
export function ElementsView({
  elements,
  regionCode,
}: {
  elements: ImplementationElements;
  regionCode: string;
}) {
  const { t, locale } = useLocale();
  const certificateName = useCertificateTypeName();
  const windows = useRegionWindows(regionCode);
  const listSeparator = t('catalogAdmin.listSeparator');

  const materialColumns: TableColumnsType<Material> = [
    {
      title: t('catalogAdmin.material.name'),
      dataIndex: 'name',
      render: (name: string, material) => (
        <>
          {name}
          <span className="zt-subline zt-muted zt-code">{material.key}</span>
        </>
      ),
    },
    {
      title: t('catalogAdmin.material.requirement'),
      dataIndex: 'requirement',
      render: (requirement: Material['requirement'], material) => (
        <>
          {t(requirementKey[requirement])}
          {material.condition && <span className="zt-subline zt-muted">{material.condition}</span>}
        </>
      ),
    },
    {
      title: t('catalogAdmin.material.form'),
      dataIndex: 'form',
      render: (form: Material['form'], material) =>
        `${t(materialFormKey[form])} × ${material.copies}`,
    },
    {
      title: t('catalogAdmin.material.source'),
      dataIndex: 'source',
      render: (source: Material['source'], material) => (
        <>
          <Tag color={source === 'upload' ? 'default' : 'green'}>
            {t(materialSourceKey[source])}
          </Tag>
          {material.certificateTypeCode && (
            <span className="zt-subline">{certificateName(material.certificateTypeCode)}</span>
          )}
          {material.sharedDataResource && (
            <span className="zt-subline">{material.sharedDataResource}</span>
          )}
        </>
      ),
    },
  ];

  const basic = [
    {
      key: 'kind',
      label: t('catalogAdmin.el.handlingKind'),
      children: t(handlingKindKey[elements.handlingKind]),
    },
    {
      key: 'limits',
      label: t('catalogAdmin.section.limits'),
      children: t('catalogAdmin.lists.limitDays', {
        promised: elements.promisedLimitDays,
        statutory: elements.statutoryLimitDays,
      }),
    },
    {
      key: 'visits',
      label: t('catalogAdmin.el.onSiteVisits'),
      children: t(onSiteVisitsKey[elements.onSiteVisits as 0 | 1 | 2]),
    },
    {
      key: 'depth',
      label: t('catalogAdmin.el.onlineDepth'),
      children: t(onlineDepthKey[elements.onlineDepth as 1 | 2 | 3 | 4]),
    },
    {
      key: 'scope',
      label: t('catalogAdmin.el.crossRegionScope'),
      children: t(crossRegionScopeKey[elements.crossRegionScope]),
    },
    {
      key: 'pending',
      label: t('catalogAdmin.el.allowsPendingMaterials'),
      children: elements.allowsPendingMaterials ? t('catalogAdmin.yes') : t('catalogAdmin.no'),
    },
    {
      key: 'events',
      label: t('catalogAdmin.el.lifeEvents'),
      children:
        elements.lifeEvents.map((event) => t(lifeEventKey[event])).join(listSeparator) || '—',
    },
    {
      key: 'conditions',
      label: t('catalogAdmin.el.acceptanceConditions'),
      span: 'filled' as const,
      children: (
        <Typography.Paragraph className="zt-break">
          {elements.acceptanceConditions || '—'}
        </Typography.Paragraph>
      ),
    },
  ];

  const contact = [
    {
      key: 'consult',
      label: t('catalogAdmin.el.consultationPhone'),
      children: elements.consultationPhone ?? '—',
    },
    {
      key: 'complain',
      label: t('catalogAdmin.el.complaintPhone'),
      children: elements.complaintPhone ?? '—',
    },
    { key: 'address', label: t('catalogAdmin.el.address'), children: elements.address ?? '—' },
    {
      key: 'hours',
      label: t('catalogAdmin.el.officeHours'),
      children: elements.officeHours ?? '—',
    },
  ];

  return (
    <div className="zt-stack">
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.section.basic')}</h2>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={basic} />
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.el.materials')}</h2>}
      >
        <Table<Material>
          rowKey="key"
          size="small"
          columns={materialColumns}
          dataSource={elements.materials}
          pagination={false}
          locale={{ emptyText: t('catalogAdmin.material.none') }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.el.fees')}</h2>}
      >
        {elements.fees.free || elements.fees.items.length === 0 ? (
          <p>{t('catalogAdmin.fee.freeYes')}</p>
        ) : (
          <ul className="zt-plain-list">
            {elements.fees.items.map((item, index) => (
              <li key={`${index}:${item.name}`}>
                {item.name}：{formatYuan(item.amountFen, locale)}（{t(collectAtKey[item.collectAt])}
                ）<span className="zt-subline zt-muted">{item.legalBasis}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.section.process')}</h2>}
      >
        <p>
          {t('catalogAdmin.el.processDefinitionKey')}：
          {processLabel(elements.processDefinitionKey, t)}
        </p>
        {elements.steps.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalogAdmin.step.none')} />
        ) : (
          <Steps
            orientation="vertical"
            size="small"
            current={-1}
            items={elements.steps.map((step) => ({
              title: step.name,
              content: [
                step.limitDays !== undefined
                  ? t('catalogAdmin.step.limit', { days: step.limitDays })
                  : undefined,
                step.description,
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
          />
        )}
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.section.channels')}</h2>}
      >
        <Space size={[4, 4]} wrap>
          {elements.channels.map((channel) => (
            <Tag key={channel}>{t(channelKey[channel])}</Tag>
          ))}
        </Space>
        <ul className="zt-plain-list">
          {elements.serviceWindowIds.map((id) => (
            <li key={id}>{windows.labels.get(id) ?? id}</li>
          ))}
        </ul>
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.el.result')}</h2>}
      >
        <p>
          {elements.result.kind === 'certificate'
            ? `${t('catalogAdmin.result.certificate')}：${elements.result.certificateTypeCode ? certificateName(elements.result.certificateTypeCode) : '—'}`
            : `${t('catalogAdmin.result.document')}：${elements.result.name ?? '—'}`}
        </p>
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.el.form')}</h2>}
      >
        <pre className="zt-code zt-break">{JSON.stringify(elements.form.schema, null, 2)}</pre>
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.el.faqs')}</h2>}
      >
        {elements.faqs.length === 0 ? (
          <p className="zt-muted">{t('catalogAdmin.faq.none')}</p>
        ) : (
          <dl>
            {elements.faqs.map((faq, index) => (
              <div key={`${index}:${faq.question}`}>
                <dt>
                  <strong>{faq.question}</strong>
                </dt>
                <dd>{faq.answer}</dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <Card
        className="zt-card"
        title={<h2 className="zt-card-heading">{t('catalogAdmin.section.contact')}</h2>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={contact} />
      </Card>
    </div>
  );
}
