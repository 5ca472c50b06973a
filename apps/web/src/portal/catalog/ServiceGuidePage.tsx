import { useQuery } from '@tanstack/react-query';
import type { ImplementationList, ImplementationListVersion } from '@zhengtong/contracts';
import { isServiceItemCode } from '@zhengtong/gb';
import { Card, Descriptions, Empty, Result, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { serviceItemQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { ItemSummary } from './ItemSummary';
import { ItemTypeTag } from './ItemTypeTag';
import { applicantKindKey, minimumOnlineApplyDepth } from './labels';
import { LinkButton } from './LinkButton';
import { ListGuide } from './ListGuide';
import { PortalBreadcrumb } from './PortalBreadcrumb';
import { PrintButton } from './PrintButton';
import './catalog.css';

type PublishedList = ImplementationList & { published: ImplementationListVersion };

const isPublished = (list: ImplementationList): list is PublishedList => list.published !== null;

/** 办事指南 (/services/:code?list=): an item, where it is done, and its published guide there. */
export function ServiceGuidePage() {
  const { t } = useLocale();
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const valid = isServiceItemCode(code);
  const query = useQuery({ ...serviceItemQuery(code), enabled: valid });
  const itemName = query.data?.item.name;
  usePageTitle(itemName ?? t('catalog.guide.title'));
  const breadcrumb = (
    <PortalBreadcrumb
      crumbs={[
        { label: t('catalog.search.title'), to: '/services' },
        { label: itemName ?? t('catalog.guide.title') },
      ]}
    />
  );

  const notFound = !valid || (isApiError(query.error) && query.error.status === 404);
  if (notFound) {
    return (
      <>
        {breadcrumb}
        <Result
          status="404"
          title={<h1 className="zt-result-title">{t('catalog.guide.notFound')}</h1>}
          subTitle={t('catalog.guide.notFoundDetail', { code })}
          extra={
            <LinkButton type="primary" to="/services">
              {t('catalog.guide.backToSearch')}
            </LinkButton>
          }
        />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        {breadcrumb}
        <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (query.isPending) {
    return (
      <>
        {breadcrumb}
        <LoadingBlock label={t('catalog.guide.loading')} />
      </>
    );
  }

  const { item, lists } = query.data;
  const published = lists.filter(isPublished);
  const selected = published.find((list) => list.id === searchParams.get('list')) ?? published[0];
  const selectList = (id: string) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('list', id);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="zt-guide-page">
      {breadcrumb}
      <PageHeading
        title={item.name}
        description={
          <Space size={[4, 4]} wrap>
            <ItemTypeTag type={item.itemType} />
            {item.applicantKinds.map((kind) => (
              <Tag key={kind}>{t(applicantKindKey[kind])}</Tag>
            ))}
            <span className="zt-code zt-muted">{item.code}</span>
          </Space>
        }
        extra={<PrintButton />}
      />
      <div className="zt-stack">
        <ItemSummary item={item} />
        {selected ? (
          <>
            <Implementer lists={published} selected={selected} onSelect={selectList} />
            <ListGuide key={selected.id} list={selected} version={selected.published} />
          </>
        ) : (
          <Card className="zt-card">
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <>
                  <Typography.Paragraph strong>{t('catalog.guide.noLists')}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary">
                    {t('catalog.guide.noListsDetail')}
                  </Typography.Paragraph>
                </>
              }
            />
          </Card>
        )}
      </div>
    </div>
  );
}

interface ImplementerProps {
  lists: readonly PublishedList[];
  selected: PublishedList;
  onSelect: (listId: string) => void;
}

/** 办理地点: which implementing organisation's guide is shown, and the way to apply online. */
function Implementer({ lists, selected, onSelect }: ImplementerProps) {
  const { t, formatDate } = useLocale();
  const version = selected.published;
  const optionLabel = (list: ImplementationList) =>
    t('catalog.guide.implementerOption', {
      region: list.regionName,
      organisation: list.organisationName,
    });
  const online = version.elements.onlineDepth >= minimumOnlineApplyDepth;

  return (
    <Card className="zt-card zt-implementer">
      <div className="zt-implementer-row">
        <div className="zt-implementer-pick">
          {lists.length > 1 ? (
            <>
              <label htmlFor="zt-guide-list" className="zt-field-label">
                <strong>{t('catalog.guide.implementer')}</strong>
              </label>
              <Select<string>
                id="zt-guide-list"
                className="zt-implementer-select zt-no-print"
                value={selected.id}
                onChange={onSelect}
                showSearch={{ optionFilterProp: 'label' }}
                options={lists.map((list) => ({ value: list.id, label: optionLabel(list) }))}
              />
              <span className="zt-print-only">{optionLabel(selected)}</span>
              <Typography.Text type="secondary" className="zt-subline zt-no-print">
                {t('catalog.guide.implementerHint')}
              </Typography.Text>
            </>
          ) : (
            <Typography.Paragraph className="zt-alert-text">
              {t('catalog.guide.implementerIs', { place: optionLabel(selected) })}
            </Typography.Paragraph>
          )}
        </div>
        <div className="zt-implementer-actions zt-no-print">
          {online ? (
            <LinkButton
              type="primary"
              to={`/apply/${encodeURIComponent(selected.id)}`}
              title={t('catalog.guide.onlineAvailable')}
            >
              {t('apply.start')}
            </LinkButton>
          ) : (
            <Typography.Text type="secondary">{t('catalog.guide.notOnline')}</Typography.Text>
          )}
        </div>
      </div>
      <Descriptions
        className="zt-implementer-meta"
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'code',
            label: t('catalog.guide.implementationCode'),
            children: <span className="zt-code">{selected.code}</span>,
          },
          ...(version.publishedAt
            ? [
                {
                  key: 'published',
                  label: t('catalog.guide.title'),
                  children: t('catalog.guide.publishedOn', {
                    version: version.version,
                    date: formatDate(dayjs(version.publishedAt), 'date'),
                  }),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
