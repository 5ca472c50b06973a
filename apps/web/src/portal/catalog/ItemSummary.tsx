import type { ServiceItem } from '@zhengtong/contracts';
import { Card, Collapse, Descriptions, Space, Tag, type DescriptionsProps } from 'antd';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { ItemTypeTag } from './ItemTypeTag';
import { applicantKindKey, handlingCaseKey, levelKey, lifeEventKey, sectorName } from './labels';

/** The basic-catalogue facts of an item (基本要素), the same wherever it is implemented. */
export function ItemSummary({ item }: { item: ServiceItem }) {
  const { t, locale } = useLocale();
  const items: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('catalog.item.code'),
      children: <span className="zt-code">{item.code}</span>,
    },
    {
      key: 'type',
      label: t('catalog.item.itemType'),
      children: <ItemTypeTag type={item.itemType} />,
    },
    {
      key: 'competent',
      label: t('catalog.item.competent'),
      children: item.competentOrganisationName,
    },
    { key: 'sector', label: t('catalog.item.sector'), children: sectorName(item.sector, locale) },
    {
      key: 'levels',
      label: t('catalog.item.levels'),
      children: item.levels.map((level) => t(levelKey[level])).join(t('catalog.listSeparator')),
    },
    {
      key: 'applicantKinds',
      label: t('catalog.item.applicantKinds'),
      children: (
        <Space size={[4, 4]} wrap>
          {item.applicantKinds.map((kind) => (
            <Tag key={kind}>{t(applicantKindKey[kind])}</Tag>
          ))}
        </Space>
      ),
    },
  ];
  if (item.handlingCase) {
    items.push({
      key: 'handlingCase',
      label: t('catalog.item.handlingCase'),
      children: t(handlingCaseKey[item.handlingCase]),
    });
  }
  if (item.lifeEvents.length > 0) {
    items.push({
      key: 'lifeEvents',
      label: t('catalog.item.lifeEvents'),
      children: item.lifeEvents
        .map((event) => t(lifeEventKey[event]))
        .join(t('catalog.listSeparator')),
    });
  }

  return (
    <Card className="zt-card">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      <Collapse
        className="zt-legal-basis"
        ghost
        size="small"
        items={[
          {
            key: 'legalBasis',
            label: t('catalog.item.legalBasis'),
            forceRender: true,
            children: <p className="zt-prewrap zt-alert-text">{item.legalBasis}</p>,
          },
        ]}
      />
    </Card>
  );
}
