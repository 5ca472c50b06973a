import type { ResolvedBundle } from '@zhengtong/contracts';
import { Card, Typography } from 'antd';
import { useId } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { useProvinceCities } from '../catalog/useProvinceCities';
import './applications.css';

/** 在线办理: from a bundle's guide in a region to its application form there. */
export function BundleApplyCallout({ resolved }: { resolved: ResolvedBundle }) {
  const t = useT();
  const headingId = useId();
  const { province, cities } = useProvinceCities();
  const region =
    [province, ...(cities ?? [])].find((candidate) => candidate?.code === resolved.regionCode)
      ?.name ?? resolved.regionCode;
  const to = `/apply/bundle/${encodeURIComponent(resolved.bundle.code)}?region=${encodeURIComponent(resolved.regionCode)}`;
  return (
    <Card className="zt-card zt-no-print">
      <section aria-labelledby={headingId} className="zt-bundle-apply-callout">
        <div>
          <Typography.Title level={2} id={headingId} className="zt-card-heading">
            {t('bundleApply.startTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="zt-alert-text">
            {t('bundleApply.startDetail', { region })}
          </Typography.Paragraph>
        </div>
        <LinkButton type="primary" size="large" to={to}>
          {t('bundleApply.start')}
        </LinkButton>
      </section>
    </Card>
  );
}
