import { DELIVERY_METHODS, type DeliveryChoice, type DeliveryMethod } from '@zhengtong/contracts';
import { Form, Input, Radio, type FormInstance } from 'antd';
import { isApiError } from '../../shared/api/ApiError';
import { useT } from '../../shared/i18n/LocaleProvider';

// 结果送达方式: how the applicant wants the result (网上送达 / 邮寄送达 to an address / 窗口自取),
// a small form of its own next to the application form, for one item and for a 一件事 bundle.

export interface DeliveryValues {
  method: DeliveryMethod;
  recipient?: string;
  phone?: string;
  address?: string;
}

/** The delivery form's field a server error on `/body/delivery/…` belongs to. */
export function deliveryField(path: string): keyof DeliveryValues | undefined {
  const rest = /^\/body\/delivery(?:\/(.*))?$/.exec(path)?.[1];
  if (rest === undefined) return undefined;
  if (rest === 'method') return 'method';
  if (rest === 'address/recipient') return 'recipient';
  if (rest === 'address/phone') return 'phone';
  return 'address';
}

/** The server's errors on `/body/delivery/…` put under the delivery form's fields. */
export function showDeliveryErrors(form: FormInstance<DeliveryValues>, error: unknown): void {
  if (!isApiError(error)) return;
  const fields = new Map<keyof DeliveryValues, string[]>();
  for (const fieldError of error.fieldErrors) {
    const field = deliveryField(fieldError.path);
    if (field) fields.set(field, [...(fields.get(field) ?? []), fieldError.message]);
  }
  form.setFields([...fields].map(([name, errors]) => ({ name, errors })));
}

/** Whether the server found something wrong with the delivery choice. */
export function hasDeliveryErrors(error: unknown): boolean {
  return isApiError(error) && error.fieldErrors.some((e) => deliveryField(e.path) !== undefined);
}

/** The delivery form's values as the API takes them: an address for mail only. */
export function deliveryChoice(values: DeliveryValues): DeliveryChoice {
  if (values.method !== 'mail') return { method: values.method };
  return {
    method: 'mail',
    address: {
      recipient: (values.recipient ?? '').trim(),
      phone: (values.phone ?? '').trim(),
      address: (values.address ?? '').trim(),
    },
  };
}

interface DeliveryChoiceFieldsProps {
  form: FormInstance<DeliveryValues>;
  /** the form's name, which prefixes the ids of its fields */
  name: string;
  disabled?: boolean;
}

/** The choice of delivery, with the mailing address when the result is mailed. */
export function DeliveryChoiceFields({ form, name, disabled }: DeliveryChoiceFieldsProps) {
  const t = useT();
  const method = Form.useWatch('method', form) ?? 'online';
  return (
    <Form<DeliveryValues>
      form={form}
      name={name}
      layout="vertical"
      className="zt-application-form"
      initialValues={{ method: 'online' }}
      disabled={disabled}
      // the application form submits; Enter here must not post this one
      onFinish={() => undefined}
    >
      <Form.Item name="method" label={t('apply.delivery')} required>
        <Radio.Group
          options={DELIVERY_METHODS.map((value) => ({
            value,
            label: t(`apply.delivery.${value}`),
          }))}
        />
      </Form.Item>
      {method === 'mail' && (
        <>
          <Form.Item
            name="recipient"
            label={t('apply.delivery.recipient')}
            rules={[
              { required: true, whitespace: true, message: t('apply.delivery.recipientRequired') },
            ]}
          >
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('apply.delivery.phone')}
            rules={[
              { required: true, message: t('apply.delivery.phoneRequired') },
              { pattern: /^1[3-9]\d{9}$/, message: t('apply.delivery.phoneRequired') },
            ]}
          >
            <Input maxLength={11} inputMode="numeric" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('apply.delivery.address')}
            rules={[
              { required: true, whitespace: true, message: t('apply.delivery.addressRequired') },
              { min: 5, message: t('apply.delivery.addressRequired') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount autoComplete="street-address" />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
