import type { Application, RefuseBody } from '@zhengtong/contracts';
import { Form, Input } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { refuseApplication } from './api';
import type { StepModalProps } from './stepModal';

const fields = ['reason'];

/** 不予受理: ends the application; the applicant reads the reason. */
export function RefuseModal({ open, application, onClose, onDone }: StepModalProps) {
  const t = useT();
  const [form] = Form.useForm<RefuseBody>();
  return (
    <FormModal<RefuseBody, Application>
      open={open}
      title={t('workbench.refuse.title', { no: application.applicationNo })}
      okText={t('workbench.refuse.submit')}
      onCancel={onClose}
      form={form}
      name="refuseApplication"
      fields={fields}
      submit={(values) => refuseApplication(application.id, { reason: values.reason.trim() })}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <p className="zt-alert-text zt-muted">{t('workbench.refuse.hint')}</p>
      <Form.Item
        name="reason"
        label={t('workbench.refuse.reason')}
        rules={[
          { required: true, whitespace: true, message: t('workbench.refuse.reasonRequired') },
          { min: 2, message: t('workbench.refuse.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
