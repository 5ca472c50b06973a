import type { Application, DeliverBody } from '@zhengtong/contracts';
import { Form, Input } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { deliverApplication } from './api';

const fields = ['trackingNo', 'note'];

interface DeliverModalProps {
  open: boolean;
  application: Application;
  onClose: () => void;
  /** the delivery was recorded; the application as the server now has it */
  onDone: (application: Application) => void;
}

/** 送达: records that the result went out — by mail with its 邮件号, or collected at the window. */
export function DeliverModal({ open, application, onClose, onDone }: DeliverModalProps) {
  const t = useT();
  const [form] = Form.useForm<DeliverBody>();
  const method = application.delivery?.method ?? 'online';
  const address = application.delivery?.address;
  return (
    <FormModal<DeliverBody, Application>
      open={open}
      title={t('workbench.deliver.title', { no: application.applicationNo })}
      okText={t('workbench.deliver.submit')}
      onCancel={onClose}
      form={form}
      name="deliverApplication"
      fields={fields}
      submit={(values) => deliverApplication(application.id, deliverBody(values))}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <p className="zt-alert-text zt-muted">{t(`workbench.deliver.hint.${method}`)}</p>
      {method === 'mail' && address && (
        <p className="zt-alert-text">
          {t('workbench.delivery.to', {
            recipient: address.recipient,
            phone: address.phone,
            address: address.address,
          })}
        </p>
      )}
      {method === 'mail' && (
        <Form.Item
          name="trackingNo"
          label={t('workbench.deliver.trackingNo')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('workbench.deliver.trackingNoRequired'),
            },
            {
              pattern: /^\s*[A-Za-z0-9-]{4,40}\s*$/,
              message: t('workbench.deliver.trackingNoRequired'),
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" className="zt-code" />
        </Form.Item>
      )}
      <Form.Item
        name="note"
        label={t('workbench.deliver.note')}
        extra={t('workbench.deliver.noteHelp')}
      >
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** What the form holds as the API takes it: no empty values. */
function deliverBody(values: DeliverBody): DeliverBody {
  const trackingNo = values.trackingNo?.trim();
  const note = values.note?.trim();
  return {
    ...(trackingNo ? { trackingNo } : {}),
    ...(note ? { note } : {}),
  };
}
