import { useQuery } from '@tanstack/react-query';
import type { ErrorSchema } from '@rjsf/utils';
import type {
  DeliveryChoice,
  ImplementationList,
  ImplementationListVersion,
} from '@zhengtong/contracts';
import { Alert, App, Card, Descriptions, Form, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import type { Session } from '../../shared/api/identity';
import { useSubmitApplication } from '../../shared/api/applications';
import { listDraftTarget } from '../../shared/api/drafts';
import { implementationListQuery, serviceItemQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { minimumOnlineApplyDepth } from '../catalog/labels';
import { LinkButton } from '../catalog/LinkButton';
import { MaterialsTable } from '../catalog/MaterialsTable';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { ApplicantOnly } from './ApplicantOnly';
import { ApplicationForm, type FormData } from './ApplicationForm';
import { CertificateMaterialsChoice, useCertificateChoices } from './CertificateMaterialsChoice';
import {
  deliveryChoice,
  DeliveryChoiceFields,
  deliveryField,
  hasDeliveryErrors,
  showDeliveryErrors,
  type DeliveryValues,
} from './DeliveryChoiceFields';
import { DraftPrompt, DraftSaveError, SaveDraftButton, useFormDraft } from './formDraft';
import { serverFormErrors } from './formErrors';
import { forgetIdempotencyKey, idempotencyKeyFor } from './idempotency';
import { limitText } from './limits';
import { PrefillNote, useFormPrefill } from './prefill';
import '../catalog/catalog.css';
import './applications.css';

type PublishedList = ImplementationList & { published: ImplementationListVersion };

/** 网上申报 (/apply/:listId): the form and materials of a list, filed as a new application. */
export function ApplyPage() {
  const t = useT();
  return <ApplicantOnly title={t('apply.title')}>{(me) => <ApplyForList me={me} />}</ApplicantOnly>;
}

function ApplyForList({ me }: { me: Session }) {
  const t = useT();
  const { listId = '' } = useParams();
  const query = useQuery(implementationListQuery(listId));

  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
    return <Unavailable title={t('apply.notFound.title')} detail={t('apply.notFound.detail')} />;
  }
  if (query.isError) {
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending) return <LoadingBlock label={t('apply.loading')} />;

  const list = query.data;
  if (!list.published) {
    return (
      <Unavailable
        title={t('apply.notPublished.title')}
        detail={t('apply.notPublished.detail')}
        itemCode={list.itemCode}
      />
    );
  }
  if (list.published.elements.onlineDepth < minimumOnlineApplyDepth) {
    return (
      <Unavailable
        title={t('apply.notOnline.title')}
        detail={t('apply.notOnline.detail')}
        itemCode={list.itemCode}
        listId={list.id}
      />
    );
  }
  // a new list (another link) is a new visit of the form
  return <ApplyView key={list.id} list={{ ...list, published: list.published }} me={me} />;
}

interface UnavailableProps {
  title: string;
  detail: string;
  itemCode?: string;
  listId?: string;
}

function Unavailable({ title, detail, itemCode, listId }: UnavailableProps) {
  const t = useT();
  usePageTitle(title);
  const guide = itemCode
    ? `/services/${encodeURIComponent(itemCode)}${listId ? `?list=${encodeURIComponent(listId)}` : ''}`
    : '/services';
  return (
    <Result
      status="warning"
      title={<h1 className="zt-result-title">{title}</h1>}
      subTitle={detail}
      extra={
        <LinkButton type="primary" to={guide}>
          {itemCode ? t('apply.backToGuide') : t('apply.toSearch')}
        </LinkButton>
      }
    />
  );
}

function ApplyView({ list, me }: { list: PublishedList; me: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const elements = list.published.elements;
  const mutation = useSubmitApplication();
  const [deliveryForm] = Form.useForm<DeliveryValues>();
  const [formData, setFormData] = useState<FormData>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => idempotencyKeyFor(list.id));
  const guidePath = `/services/${encodeURIComponent(list.itemCode)}?list=${encodeURIComponent(list.id)}`;
  const uploads = elements.materials.filter((material) => material.source === 'upload').length;
  // 免提交: wallet certificates standing in for the materials a certificate meets
  const certificates = useCertificateChoices(list.id, me, elements.materials);
  // who the service is for (自然人 / 法人), to say so before the server refuses the wrong one
  const item = useQuery(serviceItemQuery(list.itemCode));
  const kinds = item.data?.item.applicantKinds;
  const applyingAs = me.actingFor ? 'enterprise' : 'person';
  const wrongKind = kinds !== undefined && !kinds.includes(applyingAs);
  // 预填: the empty fields that are the applicant's identity, filled once the page opens
  const prefill = useFormPrefill({ listId: list.id }, formData, setFormData);
  // 草稿: the form saved before, offered when the page opens; saved on request
  const draft = useFormDraft(listDraftTarget(list.id), list.itemName, formData, (data) => {
    // a resumed draft wins over what was pre-filled
    prefill.discard();
    setExtraErrors(undefined);
    setFormData(data);
  });

  const submit = async (data: FormData) => {
    setExtraErrors(undefined);
    let delivery: DeliveryChoice;
    try {
      delivery = deliveryChoice(await deliveryForm.validateFields());
    } catch {
      void message.error(t('apply.fixDelivery'));
      document.getElementById('zt-apply-delivery')?.scrollIntoView({ block: 'center' });
      return;
    }
    mutation.mutate(
      {
        body: {
          listId: list.id,
          formData: data,
          delivery,
          ...(certificates.selected.length > 0
            ? { certificateMaterials: certificates.selected }
            : {}),
        },
        idempotencyKey,
      },
      {
        onSuccess: (application) => {
          forgetIdempotencyKey(list.id);
          // the submit discarded the draft of this list
          draft.forget();
          void message.success({
            content: t('apply.submitted', { no: application.applicationNo }),
            duration: 8,
          });
          void navigate(`/me/applications/${encodeURIComponent(application.id)}`);
        },
        onError: (error) => {
          setExtraErrors(serverFormErrors(error, t).extraErrors);
          showDeliveryErrors(deliveryForm, error);
          // the key filed something else before (an earlier attempt went through after all):
          // a new key for what is on the form now
          if (isApiError(error) && error.code === 'idempotency-key-reused') {
            forgetIdempotencyKey(list.id);
            setIdempotencyKey(idempotencyKeyFor(list.id));
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
          { label: t('catalog.search.title'), to: '/services' },
          { label: list.itemName, to: guidePath },
          { label: t('apply.title') },
        ]}
      />
      <PageHeading
        title={t('apply.heading', { item: list.itemName })}
        description={t('apply.description')}
      />
      <div className="zt-stack">
        <Card className="zt-card">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'item', label: t('apply.item'), children: list.itemName },
              {
                key: 'organisation',
                label: t('apply.organisation'),
                children: list.organisationName,
              },
              {
                key: 'promised',
                label: t('apply.promised'),
                children: (
                  <>
                    <strong>{limitText(elements.promisedLimitDays, t)}</strong>
                    <span className="zt-muted">
                      {' '}
                      {t('apply.statutory', {
                        limit: limitText(elements.statutoryLimitDays, t),
                      })}
                    </span>
                  </>
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
            <Link to={guidePath}>{t('apply.readGuide')}</Link>
          </Typography.Paragraph>
        </Card>

        <Card
          className="zt-card"
          title={
            <Typography.Title level={2} className="zt-card-heading">
              {t('apply.materials')}
            </Typography.Title>
          }
        >
          <MaterialsTable materials={elements.materials} caption={t('apply.materials')} />
          <CertificateMaterialsChoice
            materials={elements.materials}
            state={certificates}
            disabled={mutation.isPending}
          />
          {uploads > 0 && (
            <Alert
              type="info"
              showIcon
              className="zt-apply-note"
              title={t('apply.materialsLater')}
            />
          )}
        </Card>

        <Card
          id="zt-apply-delivery"
          className="zt-card"
          title={
            <Typography.Title level={2} id="zt-apply-delivery-heading" className="zt-card-heading">
              {t('apply.delivery')}
            </Typography.Title>
          }
        >
          <section aria-labelledby="zt-apply-delivery-heading">
            <Typography.Paragraph type="secondary">{t('apply.deliveryHint')}</Typography.Paragraph>
            <DeliveryChoiceFields
              form={deliveryForm}
              name="applyDelivery"
              disabled={mutation.isPending}
            />
          </section>
        </Card>

        <Card
          className="zt-card"
          title={
            <Typography.Title level={2} id="zt-apply-form-heading" className="zt-card-heading">
              {t('apply.form')}
            </Typography.Title>
          }
          extra={<SaveDraftButton draft={draft} disabled={mutation.isPending} />}
        >
          <section aria-labelledby="zt-apply-form-heading" className="zt-stack">
            <DraftPrompt draft={draft} />
            <PrefillNote prefill={prefill} />
            <DraftSaveError draft={draft} />
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
              id="zt-apply-form"
              schema={elements.form.schema}
              uiSchema={elements.form.uiSchema}
              formData={formData}
              onChange={change}
              onSubmit={(data) => void submit(data)}
              extraErrors={extraErrors}
              submitText={t('apply.submit')}
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
