import { useQuery } from '@tanstack/react-query';
import type { ImplementationList, ImplementationListVersion } from '@zhengtong/contracts';
import { Alert, App, Card, Descriptions, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import type { Session } from '../../shared/api/identity';
import { useSubmitApplication } from '../../shared/api/applications';
import { listDraftTarget } from '../../shared/api/drafts';
import { implementationListQuery, serviceItemQuery } from '../../shared/api/catalog';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { minimumOnlineApplyDepth } from '../catalog/labels';
import { MaterialsTable } from '../catalog/MaterialsTable';
import { PortalBreadcrumb } from '../catalog/PortalBreadcrumb';
import { ApplicantOnly } from './ApplicantOnly';
import type { FormData } from './ApplicationForm';
import { ApplyFormCard, ApplyUnavailable, DeliveryCard, useApplyForm } from './ApplyParts';
import { CertificateMaterialsChoice, useCertificateChoices } from './CertificateMaterialsChoice';
import { DraftPrompt, DraftSaveError, SaveDraftButton, useFormDraft } from './formDraft';
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

/** Nothing to apply for: back to the guide of the item (of the list) when known, else to search. */
function Unavailable({ title, detail, itemCode, listId }: UnavailableProps) {
  const t = useT();
  const guide = itemCode
    ? `/services/${encodeURIComponent(itemCode)}${listId ? `?list=${encodeURIComponent(listId)}` : ''}`
    : '/services';
  return (
    <ApplyUnavailable
      title={title}
      detail={detail}
      to={guide}
      action={itemCode ? t('apply.backToGuide') : t('apply.toSearch')}
    />
  );
}

function ApplyView({ list, me }: { list: PublishedList; me: Session }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const elements = list.published.elements;
  const mutation = useSubmitApplication();
  const form = useApplyForm({
    keyTarget: list.id,
    deliveryCardId: 'zt-apply-delivery',
    fixDeliveryText: t('apply.fixDelivery'),
  });
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
  const prefill = useFormPrefill({ listId: list.id }, form.formData, form.setFormData);
  // 草稿: the form saved before, offered when the page opens; saved on request
  const draft = useFormDraft(listDraftTarget(list.id), list.itemName, form.formData, (data) => {
    // a resumed draft wins over what was pre-filled
    prefill.discard();
    form.setExtraErrors(undefined);
    form.setFormData(data);
  });

  const submit = async (data: FormData) => {
    const delivery = await form.startSubmit();
    if (!delivery) return;
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
        idempotencyKey: form.idempotencyKey,
      },
      {
        onSuccess: (application) => {
          form.filed();
          // the submit discarded the draft of this list
          draft.forget();
          void message.success({
            content: t('apply.submitted', { no: application.applicationNo }),
            duration: 8,
          });
          void navigate(`/me/applications/${encodeURIComponent(application.id)}`);
        },
        onError: form.failed,
      },
    );
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

        <DeliveryCard
          id="zt-apply-delivery"
          title={t('apply.delivery')}
          hint={t('apply.deliveryHint')}
          name="applyDelivery"
          form={form.deliveryForm}
          disabled={mutation.isPending}
        />

        <ApplyFormCard
          headingId="zt-apply-form-heading"
          formId="zt-apply-form"
          title={t('apply.form')}
          submitText={t('apply.submit')}
          extra={<SaveDraftButton draft={draft} disabled={mutation.isPending} />}
          notes={
            <>
              <DraftPrompt draft={draft} />
              <PrefillNote prefill={prefill} />
              <DraftSaveError draft={draft} />
            </>
          }
          wrongKind={wrongKind ? applyingAs : undefined}
          form={elements.form}
          state={form}
          submission={mutation}
          onSubmit={(data) => void submit(data)}
        />
      </div>
    </div>
  );
}
