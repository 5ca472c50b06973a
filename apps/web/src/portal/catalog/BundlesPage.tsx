import { useQuery } from '@tanstack/react-query';
import type { ApplicantKind, Bundle } from '@zhengtong/contracts';
import { Card, Col, Empty, Row, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { bundlesQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { BundleTags } from './BundleTags';
import { LinkButton } from './LinkButton';
import { PortalBreadcrumb } from './PortalBreadcrumb';
import { bundlesPath } from './serviceSearch';
import './catalog.css';

/** 一件事一次办 (/services/bundles): every bundle as a card leading to its guide. */
export function BundlesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: ApplicantKind | undefined =
    kindParam === 'person' || kindParam === 'enterprise' ? kindParam : undefined;
  const query = useQuery(bundlesQuery());

  const shown = (query.data?.items ?? []).filter(
    (bundle) => kind === undefined || bundle.applicantKind === kind,
  );

  return (
    <>
      <PortalBreadcrumb crumbs={[{ label: t('catalog.bundles.title') }]} />
      <PageHeading
        title={t('catalog.bundles.title')}
        description={t('catalog.bundles.description')}
      />
      <Tabs
        activeKey={kind ?? 'all'}
        onChange={(key) => setParams(key === 'person' || key === 'enterprise' ? { kind: key } : {})}
        aria-label={t('catalog.kind.tabs')}
        items={(['all', 'person', 'enterprise'] as const).map((key) => ({
          key,
          label: t(key === 'all' ? 'catalog.bundles.all' : `catalog.kind.${key}`),
        }))}
      />
      {query.isError && <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <LoadingBlock label={t('catalog.bundles.loading')} />}
      {query.data &&
        (shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.bundles.none')} />
        ) : (
          <Row gutter={[16, 16]} role="list">
            {shown.map((bundle) => (
              <Col key={bundle.code} xs={24} md={12} xl={8} role="listitem">
                <BundleCard bundle={bundle} />
              </Col>
            ))}
          </Row>
        ))}
    </>
  );
}

function BundleCard({ bundle }: { bundle: Bundle }) {
  const t = useT();
  const to = `${bundlesPath}/${bundle.code}`;
  return (
    <Card className="zt-card zt-bundle-card">
      <Typography.Title level={2} className="zt-bundle-title">
        <Link to={to}>{bundle.name}</Link>
      </Typography.Title>
      <BundleTags bundle={bundle} />
      {bundle.description && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} className="zt-alert-text">
          {bundle.description}
        </Typography.Paragraph>
      )}
      <div>
        <Typography.Text strong>
          {t('catalog.bundles.members', { count: bundle.memberNames.length })}
        </Typography.Text>
        <ol className="zt-bundle-members">
          {bundle.memberNames.map((name, index) => (
            <li key={`${index}-${name}`}>{name}</li>
          ))}
        </ol>
      </div>
      <div>
        <LinkButton
          type="primary"
          ghost
          to={to}
          aria-label={t('catalog.bundles.viewGuideOf', { name: bundle.name })}
        >
          {t('catalog.bundles.viewGuide')}
        </LinkButton>
      </div>
    </Card>
  );
}
