import { useMutation } from '@tanstack/react-query';
import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useState, type Key, type ReactNode } from 'react';
import { useT } from '../i18n/LocaleProvider';
import { showFieldErrors } from '../identity/formErrors';
import { ApiErrorAlert } from './ApiErrorAlert';

interface FormModalProps<Values, Result> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** closing without saving; the modal forgets the error it showed */
  onCancel: () => void;
  /** the caller's instance, so that it can watch and set fields */
  form: FormInstance<Values>;
  /** the form's name, which prefixes the ids of its fields */
  name: string;
  /** the request's fields that are items of this form: their problems show under the item */
  fields: readonly string[];
  /** sends the valid values; runs as a mutation */
  submit: (values: Values) => Promise<Result>;
  onSubmitted: (result: Result, values: Values) => void;
  initialValues?: FormProps<Values>['initialValues'];
  /** a new key mounts a new form, as for another record */
  formKey?: Key | undefined;
  width?: number;
  children: ReactNode;
}

/**
 * A form in a modal whose OK button submits it. A validation problem from the server shows on the
 * form's fields; any other failure (and problems of fields not on the form) above the form.
 */
export function FormModal<Values, Result>({
  open,
  title,
  okText,
  onCancel,
  form,
  name,
  fields,
  submit,
  onSubmitted,
  initialValues,
  formKey,
  width,
  children,
}: FormModalProps<Values, Result>) {
  const t = useT();
  const [otherError, setOtherError] = useState<unknown>();
  const mutation = useMutation({
    mutationFn: submit,
    onMutate: () => setOtherError(undefined),
    onSuccess: onSubmitted,
    onError: (error) => {
      if (!showFieldErrors(form, error, fields, t)) setOtherError(error);
    },
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        setOtherError(undefined);
        onCancel();
      }}
      width={width}
      destroyOnHidden
      forceRender
    >
      {otherError !== undefined && (
        <div className="zt-note">
          <ApiErrorAlert error={otherError} />
        </div>
      )}
      <Form<Values>
        key={formKey}
        name={name}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => mutation.mutate(values)}
      >
        {children}
      </Form>
    </Modal>
  );
}
