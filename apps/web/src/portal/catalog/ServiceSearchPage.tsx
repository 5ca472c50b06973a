import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import {
  ENTERPRISE_LIFE_EVENTS,
  ITEM_TYPE_VALUES,
  PERSON_LIFE_EVENTS,
  type ApplicantKind,
  type LifeEvent,
  type ServiceItem,
  type ServiceItemSearchResult,
} from '@zhengtong/contracts';
import { Button, Card, Empty, Form, Input, Pagination, Select, Tabs, Typography } from 'antd';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { serviceItemSearchQuery } from '../../shared/api/catalog';
import { organisationsQuery } from '../../shared/api/directory';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { CitySelect } from './CitySelect';
import { ItemTypeTag } from './ItemTypeTag';
import { applicantKindKey, itemTypeName, lifeEventKey } from './labels';
import { LifeEventChips } from './LifeEventChips';
import { PortalBreadcrumb } from './PortalBreadcrumb';
import {
  clearedFilters,
  isFiltered,
  lifeEventsOf,
  readServiceSearch,
  searchPageSize,
  serviceSearchHref,
  writeServiceSearch,
  type ServiceSearch,
} from './serviceSearch';
import { useProvinceCities } from './useProvinceCities';
import './catalog.css';

type KindTab = ApplicantKind | 'all';

/** 事项搜索 (/services): find a service by words, applicant, life event, place and department. */
export function ServiceSearchPage() {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const search = readServiceSearch(params);
  // Any change but paging starts again at the first page.
  const update = (patch: Partial<ServiceSearch>) =>
    setParams(writeServiceSearch({ ...search, page: 1, ...patch }));
  const linkTo = (patch: Partial<ServiceSearch>) =>
    serviceSearchHref({ ...search, page: 1, ...patch });

  const query = useQuery({
    ...serviceItemSearchQuery({
      q: search.q,
      applicantKind: search.kind,
      lifeEvent: search.lifeEvent,
      region: search.region,
      organisation: search.organisation,
      itemType: search.itemType,
      page: search.page,
      pageSize: searchPageSize,
    }),
    placeholderData: keepPreviousData,
  });

  const kindTab: KindTab = search.kind ?? 'all';
  const changeKind = (key: string) => {
    const kind = key === 'person' || key === 'enterprise' ? key : undefined;
    const keepEvent = search.lifeEvent && lifeEventsOf(kind).includes(search.lifeEvent);
    update({ kind, lifeEvent: keepEvent ? search.lifeEvent : undefined });
  };

  return (
    <>
      <PortalBreadcrumb crumbs={[{ label: t('catalog.search.title') }]} />
      <PageHeading
        title={t('catalog.search.title')}
        description={t('catalog.search.description')}
      />
      <div className="zt-stack">
        <Card className="zt-card">
          <div role="search" aria-label={t('catalog.search.filters')}>
            <SearchBox
              q={search.q}
              loading={query.isFetching}
              onSearch={(q) => update({ q: q.trim() || undefined })}
            />
            <Tabs
              className="zt-search-tabs"
              activeKey={kindTab}
              onChange={changeKind}
              aria-label={t('catalog.kind.tabs')}
              items={(['all', 'person', 'enterprise'] as const).map((key) => ({
                key,
                label: t(`catalog.kind.${key}`),
              }))}
            />
            <div className="zt-stack">
              {(kindTab === 'all' || kindTab === 'person') && (
                <TopicRow
                  label={t(
                    kindTab === 'all' ? 'catalog.filter.personEvents' : 'catalog.filter.lifeEvent',
                  )}
                  events={PERSON_LIFE_EVENTS}
                  search={search}
                  linkTo={linkTo}
                  withAny={kindTab !== 'all'}
                />
              )}
              {(kindTab === 'all' || kindTab === 'enterprise') && (
                <TopicRow
                  label={t(
                    kindTab === 'all'
                      ? 'catalog.filter.enterpriseEvents'
                      : 'catalog.filter.lifeEvent',
                  )}
                  events={ENTERPRISE_LIFE_EVENTS}
                  search={search}
                  linkTo={linkTo}
                  withAny={kindTab !== 'all'}
                />
              )}
            </div>
            <Filters search={search} update={update} />
          </div>
        </Card>
        <Results
          search={search}
          query={query}
          onPage={(page) => {
            setParams(writeServiceSearch({ ...search, page }));
            document.getElementById('zt-results')?.scrollIntoView({ block: 'start' });
          }}
          onClear={() => update(clearedFilters)}
        />
      </div>
    </>
  );
}

interface SearchBoxProps {
  q: string | undefined;
  loading: boolean;
  onSearch: (q: string) => void;
}

function SearchBox({ q, loading, onSearch }: SearchBoxProps) {
  const t = useLocale().t;
  const inputId = useId();
  const [text, setText] = useState(q ?? '');
  // A new URL (the back button, a link) puts its words in the box; typing keeps the focus.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    setText(q ?? '');
  }
  return (
    <div className="zt-search-box">
      <label htmlFor={inputId} className="zt-visually-hidden">
        {t('catalog.search.label')}
      </label>
      <Input.Search
        id={inputId}
        size="large"
        type="search"
        enterKeyHint="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t('catalog.search.placeholder')}
        enterButton={t('catalog.search.submit')}
        maxLength={50}
        allowClear
        loading={loading}
        onSearch={onSearch}
      />
    </div>
  );
}

interface TopicRowProps {
  label: string;
  events: readonly LifeEvent[];
  search: ServiceSearch;
  linkTo: (patch: Partial<ServiceSearch>) => string;
  withAny: boolean;
}

function TopicRow({ label, events, search, linkTo, withAny }: TopicRowProps) {
  const selected = events.some((event) => event === search.lifeEvent)
    ? search.lifeEvent
    : undefined;
  return (
    <div className="zt-filter-row">
      <span className="zt-filter-row-label" aria-hidden>
        {label}
      </span>
      <LifeEventChips
        label={label}
        events={events}
        selected={selected}
        withAny={withAny}
        linkTo={(lifeEvent) => linkTo({ lifeEvent })}
      />
    </div>
  );
}

interface FiltersProps {
  search: ServiceSearch;
  update: (patch: Partial<ServiceSearch>) => void;
}

/** Where (province or city), which department, which type of item. */
function Filters({ search, update }: FiltersProps) {
  const { t, locale } = useLocale();
  const { province } = useProvinceCities();
  const departmentRegion = search.region ?? province?.code;
  const departments = useQuery({
    ...organisationsQuery({ region: departmentRegion, kind: 'department' }),
    enabled: departmentRegion !== undefined,
  });

  return (
    <Form layout="vertical" className="zt-search-filters" component="div">
      <Form.Item label={t('catalog.filter.region')} htmlFor="zt-search-region">
        <CitySelect
          id="zt-search-region"
          className="zt-filter-select"
          includeProvince
          allowClear
          placeholder={t('catalog.filter.wholeProvince')}
          value={search.region}
          // the departments belong to the region; another region's are not in the list
          onChange={(region) => update({ region, organisation: undefined })}
        />
      </Form.Item>
      <Form.Item label={t('catalog.filter.department')} htmlFor="zt-search-department">
        <Select<string>
          id="zt-search-department"
          className="zt-filter-department"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('catalog.filter.allDepartments')}
          loading={departments.isFetching}
          value={search.organisation}
          onChange={(organisation) => update({ organisation: organisation ?? undefined })}
          options={(departments.data?.items ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label={t('catalog.filter.itemType')} htmlFor="zt-search-type">
        <Select<string>
          id="zt-search-type"
          className="zt-filter-select"
          allowClear
          placeholder={t('catalog.filter.allItemTypes')}
          value={search.itemType}
          onChange={(itemType) => {
            const known = ITEM_TYPE_VALUES.find((value) => value === itemType);
            update({ itemType: known });
          }}
          options={ITEM_TYPE_VALUES.map((type) => ({
            value: type,
            label: itemTypeName(type, locale),
          }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      {isFiltered(search) && (
        <Button onClick={() => update(clearedFilters)}>{t('catalog.filter.clear')}</Button>
      )}
    </Form>
  );
}

interface ResultsProps {
  search: ServiceSearch;
  query: UseQueryResult<ServiceItemSearchResult>;
  onPage: (page: number) => void;
  onClear: () => void;
}

function Results({ search, query, onPage, onClear }: ResultsProps) {
  const { t } = useLocale();
  const headingId = useId();
  if (query.isError && !query.data) {
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending) return <LoadingBlock label={t('catalog.results.loading')} />;

  const { items, total, page, pageSize } = query.data;
  return (
    <Card className="zt-card" id="zt-results">
      <section aria-labelledby={headingId} aria-busy={query.isPlaceholderData}>
        <Typography.Title level={2} id={headingId} className="zt-card-heading" aria-live="polite">
          {search.q
            ? t('catalog.results.countFor', { q: search.q, total })
            : t('catalog.results.count', { total })}
        </Typography.Title>
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <Typography.Paragraph strong>{t('catalog.results.none')}</Typography.Paragraph>
                <Typography.Paragraph type="secondary">
                  {t('catalog.results.noneHint')}
                </Typography.Paragraph>
              </>
            }
          >
            {isFiltered(search) && <Button onClick={onClear}>{t('catalog.filter.clear')}</Button>}
          </Empty>
        ) : (
          <ol
            className={query.isPlaceholderData ? 'zt-results zt-stale' : 'zt-results'}
            aria-label={t('catalog.results.label')}
          >
            {items.map((item) => (
              <ResultItem key={item.id} item={item} q={search.q} />
            ))}
          </ol>
        )}
        {total > pageSize && (
          <nav aria-label={t('catalog.results.pagination')}>
            <Pagination
              className="zt-pagination"
              current={page}
              pageSize={pageSize}
              total={total}
              onChange={onPage}
              showSizeChanger={false}
            />
          </nav>
        )}
      </section>
    </Card>
  );
}

function ResultItem({ item, q }: { item: ServiceItem; q: string | undefined }) {
  const { t } = useLocale();
  return (
    <li className="zt-result">
      <div className="zt-result-main">
        <h3 className="zt-result-name">
          <Link to={`/services/${item.code}`}>
            <Highlighted text={item.name} words={q} />
          </Link>
          <ItemTypeTag type={item.itemType} />
        </h3>
        <ul className="zt-result-meta">
          <li>
            {t('catalog.meta', { label: t('catalog.item.code'), value: '' })}
            <span className="zt-code">{item.code}</span>
          </li>
          <li>
            {t('catalog.meta', {
              label: t('catalog.item.competent'),
              value: item.competentOrganisationName,
            })}
          </li>
          <li>
            {t('catalog.meta', {
              label: t('catalog.item.applicantKinds'),
              value: item.applicantKinds
                .map((kind) => t(applicantKindKey[kind]))
                .join(t('catalog.listSeparator')),
            })}
          </li>
          {item.lifeEvents.length > 0 && (
            <li>
              {t('catalog.meta', {
                label: t('catalog.item.lifeEvents'),
                value: item.lifeEvents
                  .map((event) => t(lifeEventKey[event]))
                  .join(t('catalog.listSeparator')),
              })}
            </li>
          )}
        </ul>
      </div>
      <div className="zt-result-side">
        <Typography.Text type={item.publishedListCount > 0 ? undefined : 'secondary'}>
          {item.publishedListCount > 0
            ? t('catalog.item.listCount', { count: item.publishedListCount })
            : t('catalog.item.noList')}
        </Typography.Text>
      </div>
    </li>
  );
}

/** The name with the searched words marked, when they appear in it as typed. */
function Highlighted({ text, words }: { text: string; words: string | undefined }) {
  const at = words ? text.toLowerCase().indexOf(words.toLowerCase()) : -1;
  if (!words || at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + words.length)}</mark>
      {text.slice(at + words.length)}
    </>
  );
}
