import { useQuery } from '@tanstack/react-query';
import type { ErrorSchema } from '@rjsf/utils';
import type { DeliveryChoice, ResolvedBundle } from '@zhengtong/contracts';
import { Alert, App, Card, Descriptions, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { useSubmitBundleApplication } from '../../shared/api/bundle-applications';
import { resolvedBundleQuery } from '../../shared/api/catalog';
import type { Session } from '../../shared/api/identity';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
import { MaterialsTable } from '../catalog/MaterialsTable';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { bundlesPath } from '../catalog/serviceSearch';
import { useProvinceCities } from '../catalog/useProvinceCities';
import { ApplicantOnly } from './ApplicantOnly';
import { ApplicationForm, type FormData } from './ApplicationForm';
import {
  deliveryChoice,
  DeliveryChoiceFields,
  deliveryField,
  hasDeliveryErrors,
  showDeliveryErrors,
  type DeliveryValues,
} from './DeliveryChoiceFields';
import { serverFormErrors } from './formErrors';
import { forgetIdempotencyKey, idempotencyKeyFor } from './idempotency';
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
      <Unavailable
        title={t('bundleApply.notFound.title')}
        detail={t('bundleApply.notFound.detail')}
        to={bundlesPath}
        action={t('bundleApply.toBundles')}
      />
    );
  }
  if (!validRegion) {
    return (
      <Unavailable
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
      <Unavailable
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

interface UnavailableProps {
  title: string;
  detail: string;
  to: string;
  action: string;
}

function Unavailable({ title, detail, to, action }: UnavailableProps) {
  usePageTitle(title);
  return (
    <Result
      status="warning"
      title={<h1 className="zt-result-title">{title}</h1>}
      subTitle={detail}
      extra={
        <LinkButton type="primary" to={to}>
          {action}
        </LinkButton>
      }
    />
  );
}

function BundleApplyView({ resolved, me }: { resolved: ResolvedBundle; me: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { bundle, regionCode } = resolved;
  const draftTarget = `bundle:${bundle.code}:${regionCode}`;
  const mutation = useSubmitBundleApplication();
  const [deliveryForm] = Form.useForm<DeliveryValues>();
  const [formData, setFormData] = useState<FormData>({});
  // 预填: the empty fields that are the applicant's identity, filled once the page opens
  const prefill = useFormPrefill(
    { bundle: bundle.code, region: regionCode },
    formData,
    setFormData,
  );
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => idempotencyKeyFor(draftTarget));
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
    setExtraErrors(undefined);
    let delivery: DeliveryChoice;
    try {
      delivery = deliveryChoice(await deliveryForm.validateFields());
    } catch {
      void message.error(t('bundleApply.fixDelivery'));
      document.getElementById('zt-bundle-delivery')?.scrollIntoView({ block: 'center' });
      return;
    }
    mutation.mutate(
      {
        body: { bundleCode: bundle.code, regionCode, formData: data, delivery },
        idempotencyKey,
      },
      {
        onSuccess: (created) => {
          forgetIdempotencyKey(draftTarget);
          void message.success({
            content: t('bundleApply.submitted', { no: created.applicationNo }),
            duration: 8,
          });
          void navigate(`/me/bundle-applications/${encodeURIComponent(created.id)}`);
        },
        onError: (error) => {
          setExtraErrors(serverFormErrors(error, t).extraErrors);
          showDeliveryErrors(deliveryForm, error);
          // the key filed something else before (an earlier attempt went through after all):
          // a new key for what is on the form now
          if (isApiError(error) && error.code === 'idempotency-key-reused') {
            forgetIdempotencyKey(draftTarget);
            setIdempotencyKey(idempotencyKeyFor(draftTarget));
          }
        },
      },
    );
  };

  const change = (data: FormData) => {
    if (extraErrors && JSON.stringify(data) !== JSON.stringify(formData)) {
      setExtraErrors(undefined);
    }
    setFormData(data);
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

        <Card
          id="zt-bundle-delivery"
          className="zt-card"
          title={
            <Typography.Title level={2} id="zt-bundle-delivery-heading" className="zt-card-heading">
              {t('bundleApply.delivery')}
            </Typography.Title>
          }
        >
          <section aria-labelledby="zt-bundle-delivery-heading">
            <Typography.Paragraph type="secondary">
              {t('bundleApply.deliveryHint')}
            </Typography.Paragraph>
            <DeliveryChoiceFields
              form={deliveryForm}
              name="bundleDelivery"
              disabled={mutation.isPending}
            />
          </section>
        </Card>

        <Card
          className="zt-card"
          title={
            <Typography.Title level={2} id="zt-bundle-form-heading" className="zt-card-heading">
              {t('bundleApply.form')}
            </Typography.Title>
          }
        >
          <section aria-labelledby="zt-bundle-form-heading" className="zt-stack">
            <PrefillNote prefill={prefill} />
            {wrongKind && (
              <Alert
                type="warning"
                showIcon
                title={
                  applyingAs === 'person'
                    ? t('apply.wrongKind.forEnterprises')
                    : t('apply.wrongKind.forPeople')
                }
                description={t('apply.wrongKind.detail')}
              />
            )}
            {mutation.isError && (
              <SubmitError error={mutation.error} placed={extraErrors !== undefined} />
            )}
            <ApplicationForm
              id="zt-bundle-apply-form"
              schema={resolved.form.schema}
              uiSchema={resolved.form.uiSchema}
              formData={formData}
              onChange={change}
              onSubmit={(data) => void submit(data)}
              extraErrors={extraErrors}
              submitText={t('bundleApply.submit')}
              submitting={mutation.isPending}
            />
          </section>
        </Card>
      </div>
    </div>
  );
}

/** Why the submit failed: on the fields when it can, else here. */
function SubmitError({ error, placed }: { error: unknown; placed: boolean }) {
  const t = useT();
  const unplaced = serverFormErrors(error, t).unplaced.filter(
    (fieldError) => deliveryField(fieldError.path) === undefined,
  );
  if (isApiError(error) && error.code === 'idempotency-key-reused') {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title={t('apply.replayed.title')}
        description={
          <>
            {t('apply.replayed.detail')}{' '}
            <Link to="/me/applications">{t('apply.replayed.mine')}</Link>
          </>
        }
      />
    );
  }
  if ((placed || hasDeliveryErrors(error)) && unplaced.length === 0) {
    return <Alert type="error" showIcon role="alert" title={t('apply.fixFields')} />;
  }
  return <ApiErrorAlert error={error} />;
}
