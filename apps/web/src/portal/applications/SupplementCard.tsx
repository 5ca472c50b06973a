import type { ErrorSchema } from '@rjsf/utils';
import type { Application, ApplicationForm as FormSpec, Material } from '@zhengtong/contracts';
import { Alert, App, Card, Typography } from 'antd';
import { useState } from 'react';
import { useResubmitApplication } from '../../shared/api/applications';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import { ApplicationForm, type FormData } from './ApplicationForm';
import { fieldTitle, serverFormErrors } from './formErrors';

interface SupplementCardProps {
  application: Application;
  /** the list's materials and form; undefined when they cannot be had */
  materials: readonly Material[] | undefined;
  form: FormSpec | undefined;
}

/**
 * 补正告知: every item the officer asks to be put right (一次性告知), and the form to send
 * again once the materials are replaced below.
 */
export function SupplementCard({ application, materials, form }: SupplementCardProps) {
  const t = useT();
  const { message } = App.useApp();
  const resubmit = useResubmitApplication(application.id);
  const [formData, setFormData] = useState<FormData>(application.formData);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const items = application.supplement ?? [];
  const materialName = (key: string) =>
    materials?.find((material) => material.key === key)?.name ?? key;

  const submit = (data: FormData) => {
    setExtraErrors(undefined);
    resubmit.mutate(
      { formData: data },
      {
        onSuccess: () => void message.success(t('myApplications.supplement.resubmitted')),
        onError: (error) => setExtraErrors(serverFormErrors(error, t).extraErrors),
      },
    );
  };
  const change = (data: FormData) => {
    if (extraErrors && JSON.stringify(data) !== JSON.stringify(formData)) {
      setExtraErrors(undefined);
    }
    setFormData(data);
  };
  const unplaced = resubmit.isError ? serverFormErrors(resubmit.error, t).unplaced : [];

  return (
    <Card
      className="zt-card zt-supplement"
      title={
        <Typography.Title level={2} id="zt-supplement-heading" className="zt-card-heading">
          {t('myApplications.supplement.title')}
        </Typography.Title>
      }
    >
      <section aria-labelledby="zt-supplement-heading" className="zt-stack">
        <Alert
          type="warning"
          showIcon
          title={t('myApplications.supplement.intro', { count: items.length })}
          description={
            <ol className="zt-supplement-items">
              {items.map((item, index) => (
                <li key={index}>
                  {item.materialKey && (
                    <span className="zt-supplement-subject">
                      {t('myApplications.supplement.material', {
                        name: materialName(item.materialKey),
                      })}
                    </span>
                  )}
                  {item.field && (
                    <span className="zt-supplement-subject">
                      {t('myApplications.supplement.field', {
                        name: form ? fieldTitle(form.schema, item.field) : item.field,
                      })}
                    </span>
                  )}
                  <span className="zt-prewrap">{item.reason}</span>
                </li>
              ))}
            </ol>
          }
        />
        <Typography.Paragraph className="zt-alert-text">
          {t('myApplications.supplement.howTo')}
        </Typography.Paragraph>
        {resubmit.isError &&
          (extraErrors && unplaced.length === 0 ? (
            <Alert type="error" showIcon role="alert" title={t('apply.fixFields')} />
          ) : (
            <ApiErrorAlert error={resubmit.error} />
          ))}
        {form ? (
          <ApplicationForm
            id="zt-resubmit-form"
            schema={form.schema}
            uiSchema={form.uiSchema}
            formData={formData}
            onChange={change}
            onSubmit={submit}
            extraErrors={extraErrors}
            submitText={t('myApplications.supplement.resubmit')}
            submitting={resubmit.isPending}
          />
        ) : (
          <Typography.Paragraph type="secondary">
            {t('myApplications.supplement.noForm')}
          </Typography.Paragraph>
        )}
      </section>
    </Card>
  );
}
