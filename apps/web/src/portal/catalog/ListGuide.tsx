import {
  DesktopOutlined,
  GlobalOutlined,
  MailOutlined,
  MobileOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { Channel, ImplementationListVersion, ImplementationList } from '@zhengtong/contracts';
import {
  Anchor,
  Col,
  Collapse,
  Descriptions,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
  type DescriptionsProps,
} from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';
import { FeesTable, GuideFacts } from './GuideFacts';
import { GuideSection } from './GuideSection';
import { GuideWindows } from './GuideWindows';
import { channelKey } from './labels';
import { MaterialsTable } from './MaterialsTable';
import { useCertificateTypeNames } from './useCertificateTypeNames';

const channelIcon: Record<Channel, ReactNode> = {
  online: <GlobalOutlined aria-hidden />,
  window: <ShopOutlined aria-hidden />,
  mobile: <MobileOutlined aria-hidden />,
  selfService: <DesktopOutlined aria-hidden />,
  mail: <MailOutlined aria-hidden />,
};

// Below the sticky top bar (64px) with some air.
const anchorOffset = 80;

interface ListGuideProps {
  list: ImplementationList;
  version: ImplementationListVersion;
}

/** 办事指南 of one implementation list: its published version, section by section. */
export function ListGuide({ list, version }: ListGuideProps) {
  const t = useT();
  const { elements } = version;
  const charged = !elements.fees.free && elements.fees.items.length > 0;

  const sections: { id: string; title: string; content: ReactNode }[] = [
    {
      id: 'guide-facts',
      title: t('catalog.guide.facts'),
      content: <GuideFacts version={version} />,
    },
    {
      id: 'guide-conditions',
      title: t('catalog.guide.conditions'),
      content: (
        <Typography.Paragraph className="zt-prewrap">
          {elements.acceptanceConditions.trim() || t('catalog.guide.noConditions')}
        </Typography.Paragraph>
      ),
    },
    {
      id: 'guide-materials',
      title: t('catalog.guide.materials'),
      content: (
        <MaterialsTable materials={elements.materials} caption={t('catalog.guide.materials')} />
      ),
    },
    {
      id: 'guide-process',
      title: t('catalog.guide.process'),
      content: <ProcessSteps version={version} />,
    },
    {
      id: 'guide-channels',
      title: t('catalog.guide.channels'),
      content: <Channels list={list} version={version} />,
    },
    ...(charged
      ? [
          {
            id: 'guide-fees',
            title: t('catalog.guide.fees'),
            content: <FeesTable items={elements.fees.items} />,
          },
        ]
      : []),
    {
      id: 'guide-result',
      title: t('catalog.guide.result'),
      content: <ResultInfo version={version} />,
    },
    { id: 'guide-faqs', title: t('catalog.guide.faqs'), content: <Faqs version={version} /> },
    {
      id: 'guide-contact',
      title: t('catalog.guide.contact'),
      content: <Contact version={version} />,
    },
  ];

  return (
    <Row gutter={[16, 16]} className="zt-guide">
      <Col xs={24} lg={18} className="zt-stack zt-guide-main">
        {sections.map((section) => (
          <GuideSection key={section.id} id={section.id} title={section.title}>
            {section.content}
          </GuideSection>
        ))}
      </Col>
      <Col xs={0} lg={6} className="zt-guide-side zt-no-print">
        <nav aria-label={t('catalog.guide.contents')}>
          <Typography.Title level={2} className="zt-card-heading zt-guide-contents-title">
            {t('catalog.guide.contents')}
          </Typography.Title>
          <Anchor
            offsetTop={anchorOffset}
            targetOffset={anchorOffset}
            replace
            items={sections.map((section) => ({
              key: section.id,
              href: `#${section.id}`,
              title: section.title,
            }))}
          />
        </nav>
      </Col>
    </Row>
  );
}

function ProcessSteps({ version }: { version: ImplementationListVersion }) {
  const t = useT();
  const steps = version.elements.steps;
  if (steps.length === 0) {
    return <Typography.Paragraph>{t('catalog.guide.noSteps')}</Typography.Paragraph>;
  }
  // Descriptions read best below each other; a short bare sequence fits on one line.
  const vertical = steps.length > 5 || steps.some((step) => step.description);
  return (
    <Steps
      className="zt-process"
      orientation={vertical ? 'vertical' : 'horizontal'}
      titlePlacement={vertical ? undefined : 'vertical'}
      // A guide describes the steps; none of them is under way, so all look alike.
      current={-1}
      items={steps.map((step, index) => ({
        key: `${index}-${step.name}`,
        status: 'process',
        title: step.name,
        subTitle:
          step.limitDays === undefined
            ? undefined
            : step.limitDays === 0
              ? t('catalog.step.immediate')
              : t('catalog.step.limit', { days: step.limitDays }),
        content: step.description,
      }))}
    />
  );
}

function Channels({ list, version }: ListGuideProps) {
  const t = useT();
  const { channels, serviceWindowIds } = version.elements;
  return (
    <div className="zt-stack">
      {channels.length > 0 ? (
        <Space size={[8, 8]} wrap>
          {channels.map((channel) => (
            <Tag key={channel} icon={channelIcon[channel]} className="zt-channel">
              {t(channelKey[channel])}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Paragraph>{t('catalog.channel.none')}</Typography.Paragraph>
      )}
      <div>
        <Typography.Title level={3} className="zt-section-title">
          {t('catalog.guide.windows')}
        </Typography.Title>
        <GuideWindows regionCode={list.regionCode} windowIds={serviceWindowIds} />
      </div>
    </div>
  );
}

function ResultInfo({ version }: { version: ImplementationListVersion }) {
  const t = useT();
  const { result } = version.elements;
  const certificateCode = result.kind === 'certificate' ? result.certificateTypeCode : undefined;
  const certificateName = useCertificateTypeNames(certificateCode !== undefined);
  if (certificateCode === undefined) {
    return (
      <Typography.Paragraph>
        <Tag>{t('catalog.result.document')}</Tag>
        {result.name}
      </Typography.Paragraph>
    );
  }
  return (
    <>
      <Typography.Paragraph>
        <Tag color="green">{t('catalog.result.certificate')}</Tag>
        {certificateName(certificateCode)}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('catalog.result.certificateNote')}
      </Typography.Paragraph>
    </>
  );
}

function Faqs({ version }: { version: ImplementationListVersion }) {
  const t = useT();
  const { faqs } = version.elements;
  if (faqs.length === 0) {
    return <Typography.Paragraph>{t('catalog.guide.noFaqs')}</Typography.Paragraph>;
  }
  return (
    <Collapse
      className="zt-faqs"
      items={faqs.map((faq, index) => ({
        key: String(index),
        label: faq.question,
        // in the page (hidden) from the start, so printing shows every answer
        forceRender: true,
        children: <p className="zt-prewrap zt-alert-text">{faq.answer}</p>,
      }))}
    />
  );
}

function Contact({ version }: { version: ImplementationListVersion }) {
  const t = useT();
  const { consultationPhone, complaintPhone, address, officeHours } = version.elements;
  const notPublished = <span className="zt-muted">{t('catalog.contact.notPublished')}</span>;
  const phone = (value: string | undefined) =>
    value ? <a href={`tel:${value.replace(/[^\d+-]/g, '')}`}>{value}</a> : notPublished;
  const items: DescriptionsProps['items'] = [
    {
      key: 'consultation',
      label: t('catalog.contact.consultation'),
      children: phone(consultationPhone),
    },
    { key: 'complaint', label: t('catalog.contact.complaint'), children: phone(complaintPhone) },
    { key: 'address', label: t('catalog.contact.address'), children: address || notPublished },
    { key: 'hours', label: t('catalog.contact.hours'), children: officeHours || notPublished },
  ];
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />;
}
