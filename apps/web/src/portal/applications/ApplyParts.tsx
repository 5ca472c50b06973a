import type { ErrorSchema } from '@rjsf/utils';
import type { DeliveryChoice } from '@zhengtong/contracts';
import { Alert, App, Card, Form, Result, Typography, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { usePageTitle } from '../../shared/components/usePageTitle';
import { useT } from '../../shared/i18n/LocaleProvider';
import { LinkButton } from '../catalog/LinkButton';
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

// What the two apply pages share (网上申报 of one item and 一件事申报 of a bundle): the page shown
// when there is nothing to apply for, the state of the form with its delivery choice and its
// Idempotency-Key, and the delivery and form cards.

interface ApplyUnavailableProps {
  title: string;
  detail: string;
  /** where to go instead, and what that link says */
  to: string;
  action: string;
}

/** Nothing to apply for here: why, and a way on. */
export function ApplyUnavailable({ title, detail, to, action }: ApplyUnavailableProps) {
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

interface ApplyFormOptions {
  /** what the Idempotency-Key is kept under (see idempotency.ts) */
  keyTarget: string;
  /** the delivery card's id, scrolled to when its fields are wrong, and what the applicant is told then */
  deliveryCardId: string;
  fixDeliveryText: string;
}

/**
 * The answers of an apply form, the server's field errors on them, the delivery choice and the
 * Idempotency-Key of the submit; what a submit does before it posts and after it fails.
 */
export function useApplyForm({ keyTarget, deliveryCardId, fixDeliveryText }: ApplyFormOptions) {
  const t = useT();
  const { message } = App.useApp();
  const [deliveryForm] = Form.useForm<DeliveryValues>();
  const [formData, setFormData] = useState<FormData>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => idempotencyKeyFor(keyTarget));

  /** Clears the last errors; the delivery chosen, or undefined (and the applicant told) when it is wrong. */
  const startSubmit = async (): Promise<DeliveryChoice | undefined> => {
    setExtraErrors(undefined);
    try {
      return deliveryChoice(await deliveryForm.validateFields());
    } catch {
      void message.error(fixDeliveryText);
      document.getElementById(deliveryCardId)?.scrollIntoView({ block: 'center' });
      return undefined;
    }
  };

  /** Filed: the next visit files a new application. */
  const filed = () => forgetIdempotencyKey(keyTarget);

  /** The server's errors onto the fields where they belong. */
  const failed = (error: Error) => {
    setExtraErrors(serverFormErrors(error, t).extraErrors);
    showDeliveryErrors(deliveryForm, error);
    // the key filed something else before (an earlier attempt went through after all):
    // a new key for what is on the form now
    if (isApiError(error) && error.code === 'idempotency-key-reused') {
      forgetIdempotencyKey(keyTarget);
      setIdempotencyKey(idempotencyKeyFor(keyTarget));
    }
  };

  const change = (data: FormData) => {
    if (extraErrors && JSON.stringify(data) !== JSON.stringify(formData)) {
      setExtraErrors(undefined);
    }
    setFormData(data);
  };

  return {
    deliveryForm,
    formData,
    setFormData,
    extraErrors,
    setExtraErrors,
    idempotencyKey,
    startSubmit,
    filed,
    failed,
    change,
  };
}

export type ApplyFormState = ReturnType<typeof useApplyForm>;

interface DeliveryCardProps {
  id: string;
  title: string;
  hint: string;
  /** the delivery form's name, which prefixes the ids of its fields */
  name: string;
  form: FormInstance<DeliveryValues>;
  disabled: boolean;
}

/** 结果送达: how the results are to reach the applicant. */
export function DeliveryCard({ id, title, hint, name, form, disabled }: DeliveryCardProps) {
  const headingId = `${id}-heading`;
  return (
    <Card
      id={id}
      className="zt-card"
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>
        <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
        <DeliveryChoiceFields form={form} name={name} disabled={disabled} />
      </section>
    </Card>
  );
}

interface ApplyFormCardProps {
  headingId: string;
  formId: string;
  title: string;
  submitText: string;
  /** actions in the card's head */
  extra?: ReactNode;
  /** the page's notes above the warnings: pre-filled fields, drafts */
  notes: ReactNode;
  /** the kind of applicant applying when the service is for the other kind, else undefined */
  wrongKind: 'person' | 'enterprise' | undefined;
  form: { schema: Record<string, unknown>; uiSchema: Record<string, unknown> };
  state: ApplyFormState;
  submission: { isPending: boolean; isError: boolean; error: unknown };
  onSubmit: (data: FormData) => void;
}

/** 申请表: the form with what stands above it — notes, the wrong-kind warning, the submit's failure. */
export function ApplyFormCard({
  headingId,
  formId,
  title,
  submitText,
  extra,
  notes,
  wrongKind,
  form,
  state,
  submission,
  onSubmit,
}: ApplyFormCardProps) {
  const t = useT();
  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {title}
        </Typography.Title>
      }
      extra={extra}
    >
      <section aria-labelledby={headingId} className="zt-stack">
        {notes}
        {wrongKind && (
          <Alert
            type="warning"
            showIcon
            title={
              wrongKind === 'person'
                ? t('apply.wrongKind.forEnterprises')
                : t('apply.wrongKind.forPeople')
            }
            description={t('apply.wrongKind.detail')}
          />
        )}
        {submission.isError && (
          <SubmitError error={submission.error} placed={state.extraErrors !== undefined} />
        )}
        <ApplicationForm
          id={formId}
          schema={form.schema}
          uiSchema={form.uiSchema}
          formData={state.formData}
          onChange={state.change}
          onSubmit={onSubmit}
          extraErrors={state.extraErrors}
          submitText={submitText}
          submitting={submission.isPending}
        />
      </section>
    </Card>
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
