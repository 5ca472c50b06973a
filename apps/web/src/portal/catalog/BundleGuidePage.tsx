import { useQuery } from '@tanstack/react-query';
import type { Bundle, ResolvedBundle } from '@zhengtong/contracts';
import {
  Alert,
  Card,
  Result,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useId } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { bundleQuery, resolvedBundleQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { CitySelect } from './CitySelect';
import { formFields, type FormField } from './formFields';
import { GuideSection } from './GuideSection';
import { visitsKey } from './labels';
import { BundleTags } from './BundleTags';
import { LinkButton } from './LinkButton';
import { MaterialsTable } from './MaterialsTable';
import { PortalBreadcrumb } from './PortalBreadcrumb';
import { PrintButton } from './PrintButton';
import { bundlesPath } from './serviceSearch';
import { useProvinceCities } from './useProvinceCities';
import { BundleApplyCallout } from '../applications/BundleApplyCallout';
import './catalog.css';

type Member = ResolvedBundle['members'][number];

/**
 * The members without a list in the region, by name: the problem's errors point at them as
 * `/members/<item code>`.
 */
function missingMembers(bundle: Bundle, error: unknown): string[] {
  if (!isApiError(error)) return [];
  return error.fieldErrors.flatMap((fieldError) => {
    const code = /^\/members\/([A-Z]{2}\d{11})$/.exec(fieldError.path)?.[1];
    const index = bundle.members.findIndex((member) => member.itemCode === code);
    const name = index >= 0 ? bundle.memberNames[index] : undefined;
    return name ? [name] : code ? [code] : [];
  });
}

/**
 * 一件事 guide (/services/bundles/:code?region=): the bundle resolved in a city: its items by
 * stage, the time saved, one set of materials and one form.
 */
export function BundleGuidePage() {
  const t = useT();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { province, cities, error: regionsError } = useProvinceCities();
  const regionParam = params.get('region');
  // Without a choice, the first city (the provincial capital comes first in GB/T 2260 order).
  const region =
    regionParam && /^\d{6}$/.test(regionParam) ? regionParam : (cities?.[0]?.code ?? undefined);
  const regionName =
    [province, ...(cities ?? [])].find((candidate) => candidate?.code === region)?.name ??
    region ??
    '';

  const validCode = /^[a-z][a-z0-9-]{2,63}$/.test(code);
  const bundleResult = useQuery({ ...bundleQuery(code), enabled: validCode });
  const bundle = bundleResult.data;
  const resolved = useQuery({
    ...resolvedBundleQuery(code, region ?? ''),
    enabled: region !== undefined && bundle !== undefined,
  });
  const name = bundle?.name ?? t('catalog.bundles.title');
  usePageTitle(name);
  const breadcrumb = (
    <PortalBreadcrumb
      crumbs={[{ label: t('catalog.bundles.title'), to: bundlesPath }, { label: name }]}
    />
  );

  const notFound =
    !validCode || (isApiError(bundleResult.error) && bundleResult.error.status === 404);
  if (!notFound && bundleResult.isError) {
    return (
      <>
        {breadcrumb}
        <ApiErrorAlert error={bundleResult.error} onRetry={() => void bundleResult.refetch()} />
      </>
    );
  }
  if (!notFound && bundleResult.isPending) {
    return (
      <>
        {breadcrumb}
        <LoadingBlock />
      </>
    );
  }
  if (!bundle) {
    return (
      <>
        {breadcrumb}
        <Result
          status="404"
          title={<h1 className="zt-result-title">{t('catalog.bundle.notFound')}</h1>}
          subTitle={t('catalog.bundle.notFoundDetail', { code })}
          extra={
            <LinkButton type="primary" to={bundlesPath}>
              {t('catalog.bundle.backToBundles')}
            </LinkButton>
          }
        />
      </>
    );
  }

  // A 404 or 422 from resolve: some member has no list in the region (nor above it).
  const unavailable =
    isApiError(resolved.error) && (resolved.error.status === 404 || resolved.error.status === 422);
  const missing = unavailable ? missingMembers(bundle, resolved.error) : [];

  return (
    <div className="zt-guide-page">
      {breadcrumb}
      <PageHeading title={bundle.name} description={bundle.description} extra={<PrintButton />} />
      <div className="zt-stack">
        <Card className="zt-card">
          <div className="zt-bundle-region">
            <label htmlFor="zt-bundle-region">
              <strong>{t('catalog.bundle.region')}</strong>
            </label>
            <span className="zt-no-print">
              <CitySelect
                id="zt-bundle-region"
                value={region}
                onChange={(next) => {
                  if (next) setParams({ region: next }, { replace: true });
                }}
              />
            </span>
            <span className="zt-print-only">{regionName}</span>
            <BundleTags bundle={bundle} />
          </div>
          <Typography.Paragraph type="secondary" className="zt-alert-text zt-no-print">
            {t('catalog.bundle.regionHint')}
          </Typography.Paragraph>
        </Card>
        {unavailable ? (
          <Result
            status="warning"
            title={
              <h2 className="zt-result-title">
                {t('catalog.bundle.unavailable', { region: regionName })}
              </h2>
            }
            subTitle={
              <>
                <p className="zt-alert-text">{t('catalog.bundle.unavailableDetail')}</p>
                {missing.length > 0 && (
                  <p className="zt-alert-text">
                    {t('catalog.bundle.missingItems', {
                      items: missing.join(t('catalog.listSeparator')),
                    })}
                  </p>
                )}
              </>
            }
          />
        ) : resolved.isError ? (
          <ApiErrorAlert error={resolved.error} onRetry={() => void resolved.refetch()} />
        ) : region === undefined && regionsError ? (
          <ApiErrorAlert error={regionsError} />
        ) : resolved.data ? (
          <ResolvedGuide resolved={resolved.data} />
        ) : (
          <LoadingBlock label={t('catalog.bundle.resolving')} />
        )}
      </div>
    </div>
  );
}

function ResolvedGuide({ resolved }: { resolved: ResolvedBundle }) {
  const t = useT();
  const itemNames = new Map(resolved.members.map((member) => [member.itemCode, member.itemName]));
  const saving = resolved.separatePromisedLimitDays - resolved.promisedLimitDays;
  return (
    <>
      <BundleApplyCallout resolved={resolved} />
      <TimeSummary resolved={resolved} saving={saving} />
      <GuideSection id="bundle-stages" title={t('catalog.bundle.stages')}>
        <Stages members={resolved.members} />
      </GuideSection>
      <GuideSection id="bundle-materials" title={t('catalog.bundle.materials')}>
        <Typography.Paragraph>{t('catalog.bundle.materialsHint')}</Typography.Paragraph>
        <MaterialsTable
          materials={resolved.materials}
          itemNames={itemNames}
          caption={t('catalog.bundle.materials')}
        />
      </GuideSection>
      <GuideSection id="bundle-form" title={t('catalog.bundle.form')}>
        <FormPreview resolved={resolved} itemNames={itemNames} />
      </GuideSection>
    </>
  );
}

function TimeSummary({ resolved, saving }: { resolved: ResolvedBundle; saving: number }) {
  const t = useT();
  const headingId = useId();
  return (
    <Card className="zt-card">
      <section aria-labelledby={headingId}>
        <Typography.Title level={2} id={headingId} className="zt-card-heading zt-alert-text">
          {t('catalog.bundle.summary', {
            merged: resolved.promisedLimitDays,
            separate: resolved.separatePromisedLimitDays,
          })}
        </Typography.Title>
        <div className="zt-bundle-summary zt-guide-after-table">
          <Statistic
            title={t('catalog.bundle.merged')}
            value={resolved.promisedLimitDays}
            suffix={t('unit.workingDays')}
            styles={{ content: { color: 'var(--zt-work)' } }}
          />
          <Statistic
            title={t('catalog.bundle.separate')}
            value={resolved.separatePromisedLimitDays}
            suffix={t('unit.workingDays')}
          />
          <Statistic
            title={t('catalog.bundle.statutory')}
            value={resolved.statutoryLimitDays}
            suffix={t('unit.workingDays')}
          />
          <Statistic title={t('catalog.fact.visits')} value={t(visitsKey(resolved.onSiteVisits))} />
          {saving > 0 && (
            <Alert type="success" showIcon title={t('catalog.bundle.saving', { days: saving })} />
          )}
        </div>
      </section>
    </Card>
  );
}

/** Stage 1, then stage 2 …; the items of one stage run in parallel (并联办理). */
function Stages({ members }: { members: readonly Member[] }) {
  const t = useT();
  const stages = [...new Set(members.map((member) => member.stage))].sort((a, b) => a - b);
  const columns: TableColumnsType<Member> = [
    {
      key: 'item',
      title: t('catalog.bundle.member'),
      width: '45%',
      render: (_value, member) => (
        <Link to={`/services/${member.itemCode}?list=${encodeURIComponent(member.listId)}`}>
          {member.itemName}
        </Link>
      ),
    },
    {
      key: 'organisation',
      title: t('catalog.bundle.memberOrganisation'),
      dataIndex: 'organisationName',
      width: '35%',
    },
    {
      key: 'promised',
      title: t('catalog.bundle.memberPromised'),
      dataIndex: 'promisedLimitDays',
      render: (_value, member) =>
        member.promisedLimitDays === 0
          ? t('catalog.fact.sameDay')
          : t('catalog.fact.days', { days: member.promisedLimitDays }),
    },
  ];

  return (
    <Steps
      orientation="vertical"
      size="small"
      // the stages are described, not under way
      current={-1}
      items={stages.map((stage) => {
        const inStage = members.filter((member) => member.stage === stage);
        const longest = Math.max(0, ...inStage.map((member) => member.promisedLimitDays));
        return {
          key: stage,
          status: 'process',
          title: (
            <span className="zt-stage-title">
              {t('catalog.bundle.stage', { stage })}
              {inStage.length > 1 && <Tag color="purple">{t('catalog.bundle.parallel')}</Tag>}
            </span>
          ),
          subTitle:
            longest === 0
              ? t('catalog.fact.sameDay')
              : t('catalog.bundle.stageLimit', { days: longest }),
          content: (
            <Table<Member>
              className="zt-stage-members"
              rowKey="itemCode"
              size="small"
              columns={columns}
              dataSource={inStage}
              pagination={false}
              caption={
                <span className="zt-visually-hidden">{t('catalog.bundle.stage', { stage })}</span>
              }
              tableLayout="fixed"
            />
          ),
        };
      })}
    />
  );
}

interface FormPreviewProps {
  resolved: ResolvedBundle;
  itemNames: ReadonlyMap<string, string>;
}

/** 一表申请: the merged form's fields, each asked once, with the items it serves. */
function FormPreview({ resolved, itemNames }: FormPreviewProps) {
  const t = useT();
  const fields = formFields(resolved.form);
  if (fields.length === 0) {
    return <Typography.Paragraph>{t('catalog.bundle.noFields')}</Typography.Paragraph>;
  }
  const columns: TableColumnsType<FormField> = [
    { key: 'title', title: t('catalog.bundle.field'), dataIndex: 'title' },
    {
      key: 'required',
      title: t('catalog.bundle.fieldRequired'),
      render: (_value, field) =>
        field.required ? (
          <Tag color="volcano">{t('catalog.bundle.required')}</Tag>
        ) : (
          <Tag>{t('catalog.bundle.optional')}</Tag>
        ),
    },
    {
      key: 'usedBy',
      title: t('catalog.bundle.fieldUsedBy'),
      render: (_value, field) => {
        const codes = [...new Set((resolved.fieldMap[field.key] ?? []).map((use) => use.itemCode))];
        return codes.map((code) => itemNames.get(code) ?? code).join(t('catalog.listSeparator'));
      },
    },
  ];
  return (
    <>
      <Typography.Paragraph>{t('catalog.bundle.formHint')}</Typography.Paragraph>
      <Table<FormField>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={fields}
        pagination={false}
        caption={<span className="zt-visually-hidden">{t('catalog.bundle.form')}</span>}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
