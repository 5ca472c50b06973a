import { generateForm } from '@rjsf/antd';
import type { ErrorSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Button } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';
import { transformFormErrors } from './formErrors';

export type FormData = Record<string, unknown>;

/** The antd-themed RJSF form, typed for a form's answers. */
const Form = generateForm<FormData>();

interface ApplicationFormProps {
  /** the list version's form: a JSON Schema and an RJSF UI schema */
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  formData: FormData;
  onChange: (formData: FormData) => void;
  onSubmit: (formData: FormData) => void;
  /** the server's field errors */
  extraErrors: ErrorSchema | undefined;
  submitText: string;
  submitting: boolean;
  /** an id for the form element, so that headings can name it */
  id: string;
}

/**
 * 申请表: the list's JSON Schema form. The server validates it with the same schema and its
 * field errors come back onto the fields (`extraErrors`). The browser does not validate: Ajv
 * compiles schemas with `new Function`, which the Content-Security-Policy (script-src 'self',
 * no 'unsafe-eval') rightly forbids, so RJSF's validation would fail to run at all.
 */
export function ApplicationForm({
  schema,
  uiSchema,
  formData,
  onChange,
  onSubmit,
  extraErrors,
  submitText,
  submitting,
  id,
}: ApplicationFormProps) {
  const t = useT();
  const transformErrors = useMemo(
    () => (errors: Parameters<typeof transformFormErrors>[0]) => transformFormErrors(errors, t),
    [t],
  );
  return (
    <Form
      id={id}
      className="zt-application-form"
      schema={schema}
      uiSchema={uiSchema}
      validator={validator}
      formData={formData}
      onChange={(event) => onChange(event.formData ?? {})}
      onSubmit={(event) => onSubmit(event.formData ?? {})}
      extraErrors={extraErrors}
      transformErrors={transformErrors}
      showErrorList={false}
      focusOnFirstError
      noValidate
      noHtml5Validate
      disabled={submitting}
    >
      <Button type="primary" htmlType="submit" loading={submitting}>
        {submitText}
      </Button>
    </Form>
  );
}
