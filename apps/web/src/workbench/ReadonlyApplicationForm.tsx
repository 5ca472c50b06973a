import { Form } from '@rjsf/antd';
import type { UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { ConfigProvider, theme } from 'antd';

interface ReadonlyApplicationFormProps {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  formData: Record<string, unknown>;
}

/**
 * The applicant's form as the list's JSON Schema lays it out, read-only. Loaded on demand: the
 * renderer and its validator are large and only this view needs them.
 */
export function ReadonlyApplicationForm({
  schema,
  uiSchema,
  formData,
}: ReadonlyApplicationFormProps) {
  const { token } = theme.useToken();
  return (
    // read-only fields render disabled; their text keeps the normal colour, to be read
    <ConfigProvider theme={{ token: { colorTextDisabled: token.colorText } }}>
      <Form
        schema={schema}
        uiSchema={{ ...(uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
        formData={formData}
        validator={validator}
        readonly
        tagName="div"
        idPrefix="officer-form"
        showErrorList={false}
        noHtml5Validate
      />
    </ConfigProvider>
  );
}
