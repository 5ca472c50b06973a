import { useQuery } from '@tanstack/react-query';
import type { ResolvedBundle } from '@zhengtong/contracts';
import { Alert, App, Card, Descriptions, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { useSubmitBundleApplication } from '../../shared/api/bundle-applications';
import { resolvedBundleQuery } from '../../shared/api/catalog';
import type { Session } from '../../shared/api/identity';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { MaterialsTable } from '../catalog/MaterialsTable';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { bundlesPath } from '../catalog/serviceSearch';
import { useProvinceCities } from '../catalog/useProvinceCities';
import { ApplicantOnly } from './ApplicantOnly';
import type { FormData } from './ApplicationForm';
import { ApplyFormCard, ApplyUnavailable, DeliveryCard, useApplyForm } from './ApplyParts';
import { PrefillNote, useFormPrefill } from './prefill';
import '../catalog/catalog.css';
import './applications.css';

const codePattern = /^[a-z][a-z0-9-]{2,63}$/;
const regionPattern = /^\d{6}$/;

/** Where the 一件事 guide of a bundle is, in a region when one is known. */
function guidePath(code: string, region?: string): string {
  const path = `/services/bundles/${encodeURIComponent(code)}`;
  return region ? `${path}?region=${encodeURIComponent(region)}` : path;
}

/**
 * 一件事申报 (/apply/bundle/:code?region=): the bundle resolved in the region — its items by
 * stage, one set of materials, one form — and the choice of how the results are delivered.
 */
export function BundleApplyPage() {
  const t = useT();
  return (
    <ApplicantOnly title={t('bundleApply.title')}>
      {(me) => <ApplyForBundle me={me} />}
    </ApplicantOnly>
  );
}

function ApplyForBundle({ me }: { me: Session }) {
  const t = useT();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const region = params.get('region') ?? '';
  const validCode = codePattern.test(code);
  const validRegion = regionPattern.test(region);
  const query = useQuery({
    ...resolvedBundleQuery(code, region),
    enabled: validCode && validRegion,
  });

  if (!validCode || (isApiError(query.error) && query.error.code === 'bundle-not-found')) {
    return (
      <ApplyUnavailable
        title={t('bundleApply.notFound.title')}
        detail={t('bundleApply.notFound.detail')}
        to={bundlesPath}
        action={t('bundleApply.toBundles')}
      />
    );
  }
  if (!validRegion) {
    return (
      <ApplyUnavailable
        title={t('bundleApply.noRegion.title')}
        detail={t('bundleApply.noRegion.detail')}
        to={guidePath(code)}
        action={t('bundleApply.readGuide')}
      />
    );
  }
  // a 404 for the region or a 422: some member has no list in force there
  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 422)) {
    return (
      <ApplyUnavailable
        title={t('bundleApply.unavailable.title')}
        detail={t('bundleApply.unavailable.detail')}
        to={guidePath(code, region)}
        action={t('bundleApply.readGuide')}
      />
    );
  }
  if (query.isError) {
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending) return <LoadingBlock label={t('bundleApply.loading')} />;
  // another bundle or region is a new visit of the form (a new Idempotency-Key)
  return <BundleApplyView key={`${code}:${region}`} resolved={query.data} me={me} />;
}

function BundleApplyView({ resolved, me }: { resolved: ResolvedBundle; me: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { bundle, regionCode } = resolved;
  const draftTarget = `bundle:${bundle.code}:${regionCode}`;
  const mutation = useSubmitBundleApplication();
  const form = useApplyForm({
    keyTarget: draftTarget,
    deliveryCardId: 'zt-bundle-delivery',
    fixDeliveryText: t('bundleApply.fixDelivery'),
  });
  // 预填: the empty fields that are the applicant's identity, filled once the page opens
  const prefill = useFormPrefill(
    { bundle: bundle.code, region: regionCode },
    form.formData,
    form.setFormData,
  );
  const { province, cities } = useProvinceCities();
  const regionName =
    [province, ...(cities ?? [])].find((candidate) => candidate?.code === regionCode)?.name ??
    regionCode;
  const applyingAs = me.actingFor ? 'enterprise' : 'person';
  const wrongKind = bundle.applicantKind !== applyingAs;
  const itemNames = new Map(resolved.members.map((member) => [member.itemCode, member.itemName]));
  const stages = [...new Set(resolved.members.map((member) => member.stage))].sort((a, b) => a - b);
  const hasUploads = resolved.materials.some((material) => material.source === 'upload');

  const submit = async (data: FormData) => {
    const delivery = await form.startSubmit();
    if (!delivery) return;
    mutation.mutate(
      {
        body: { bundleCode: bundle.code, regionCode, formData: data, delivery },
        idempotencyKey: form.idempotencyKey,
      },
      {
        onSuccess: (created) => {
          form.filed();
          void message.success({
            content: t('bundleApply.submitted', { no: created.applicationNo }),
            duration: 8,
          });
          void navigate(`/me/bundle-applications/${encodeURIComponent(created.id)}`);
        },
        onError: form.failed,
      },
    );
  };

  return (
    <div className="zt-apply-page">
      <PortalBreadcrumb
        crumbs={[
          { label: t('catalog.bundles.title'), to: bundlesPath },
          { label: bundle.name, to: guidePath(bundle.code, regionCode) },
          { label: t('bundleApply.title') },
        ]}
      />
      <PageHeading
        title={t('bundleApply.heading', { name: bundle.name })}
        description={t('bundleApply.description')}
      />
      <div className="zt-stack">
        <Card className="zt-card">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'region', label: t('bundleApply.region'), children: regionName },
              {
                key: 'promised',
                label: t('bundleApply.promised'),
                children: t('bundleApply.promisedDays', { days: resolved.promisedLimitDays }),
              },
              {
                key: 'items',
                label: t('bundleApply.items'),
                span: 'filled',
                children: (
                  <ul className="zt-plain-list">
                    {stages.map((stage) => (
                      <li key={stage}>
                        {t('bundleApply.stageItems', {
                          stage,
                          items: resolved.members
                            .filter((member) => member.stage === stage)
                            .map((member) => `${member.itemName}（${member.organisationName}）`)
                            .join(t('catalog.listSeparator')),
                        })}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                key: 'applicant',
                label: t('apply.applicant'),
                children: me.actingFor
                  ? t('apply.applicantFor', { enterprise: me.actingFor.name, name: me.name })
                  : me.name,
              },
            ]}
          />
          <Typography.Paragraph className="zt-alert-text">
            <Link to={guidePath(bundle.code, regionCode)}>{t('bundleApply.readGuide')}</Link>
          </Typography.Paragraph>
        </Card>

        <Card
          className="zt-card"
          title={
            <Typography.Title level={2} className="zt-card-heading">
              {t('bundleApply.materials')}
            </Typography.Title>
          }
        >
          <MaterialsTable
            materials={resolved.materials}
            itemNames={itemNames}
            caption={t('bundleApply.materials')}
          />
          {hasUploads && (
            <Alert
              type="info"
              showIcon
              className="zt-apply-note"
              title={t('bundleApply.materialsLater')}
            />
          )}
        </Card>

        <DeliveryCard
          id="zt-bundle-delivery"
          title={t('bundleApply.delivery')}
          hint={t('bundleApply.deliveryHint')}
          name="bundleDelivery"
          form={form.deliveryForm}
          disabled={mutation.isPending}
        />

        <ApplyFormCard
          headingId="zt-bundle-form-heading"
          formId="zt-bundle-apply-form"
          title={t('bundleApply.form')}
          submitText={t('bundleApply.submit')}
          notes={<PrefillNote prefill={prefill} />}
          wrongKind={wrongKind ? applyingAs : undefined}
          form={resolved.form}
          state={form}
          submission={mutation}
          onSubmit={(data) => void submit(data)}
        />
      </div>
    </div>
  );
}
