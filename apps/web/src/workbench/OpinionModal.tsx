import type { Application } from '@zhengtong/contracts';
import { Form, Input } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { completeStep } from './api';
import type { StepModalProps } from './stepModal';

interface OpinionValues {
  opinion: string;
}

const fields = ['opinion'];

/** 审查意见 / 会签意见: the officer's opinion completes their step. */
export function OpinionModal({
  open,
  application,
  taskId,
  stepName,
  onClose,
  onDone,
}: StepModalProps & { taskId: string; stepName: string }) {
  const t = useT();
  const [form] = Form.useForm<OpinionValues>();
  return (
    <FormModal<OpinionValues, Application>
      open={open}
      title={t('workbench.opinion.title', { step: stepName, no: application.applicationNo })}
      okText={t('workbench.opinion.submit')}
      onCancel={onClose}
      form={form}
      name={`stepOpinion-${taskId}`}
      fields={fields}
      submit={(values) => completeStep(application.id, taskId, { opinion: values.opinion.trim() })}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <Form.Item
        name="opinion"
        label={t('workbench.opinion.opinion')}
        extra={t('workbench.opinion.hint')}
        rules={[{ required: true, whitespace: true, message: t('workbench.opinion.required') }]}
      >
        <Input.TextArea rows={5} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
