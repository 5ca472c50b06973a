import type { Application, ImplementationListVersion } from '@zhengtong/contracts';
import { Card, Descriptions, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useT, type Translate } from '../shared/i18n/LocaleProvider';
import { formFieldsOf, isUsableSchema } from './formSchema';

const ReadonlyApplicationForm = lazy(() =>
  import('./ReadonlyApplicationForm').then((module) => ({
    default: module.ReadonlyApplicationForm,
  })),
);

interface FormDataCardProps {
  application: Application;
  /** the list's version in force, whose form schema lays the data out; null when unavailable */
  version: ImplementationListVersion | null;
  /** the list is still loading */
  pending: boolean;
}

/**
 * 申请表: what the applicant filled in, read-only — laid out by the list's form schema, or as
 * plain entries when there is no schema to read. Entries the schema does not name are listed
 * after it, so nothing the applicant sent is hidden.
 */
export function FormDataCard({ application, version, pending }: FormDataCardProps) {
  const t = useT();
  const schema = version?.elements.form.schema;
  const usable = isUsableSchema(schema);
  const named = new Set(formFieldsOf(schema).map((field) => field.name));
  const others = Object.entries(application.formData).filter(([name]) => !named.has(name));

  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.app.formData')}</h2>}
    >
      {pending && <LoadingBlock />}
      {!pending && usable && version && (
        <Suspense fallback={<LoadingBlock />}>
          <ReadonlyApplicationForm
            schema={version.elements.form.schema}
            uiSchema={version.elements.form.uiSchema}
            formData={application.formData}
          />
        </Suspense>
      )}
      {!pending && !usable && (
        <Typography.Paragraph type="secondary">{t('workbench.app.noSchema')}</Typography.Paragraph>
      )}
      {!pending && others.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={usable ? t('workbench.app.otherEntries') : undefined}
          items={others.map(([name, value]) => ({
            key: name,
            label: name,
            children: entryText(value, t),
          }))}
        />
      )}
      {!pending && Object.keys(application.formData).length === 0 && (
        <Typography.Paragraph type="secondary">{t('workbench.app.formEmpty')}</Typography.Paragraph>
      )}
    </Card>
  );
}

function entryText(value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('workbench.yes') : t('workbench.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
