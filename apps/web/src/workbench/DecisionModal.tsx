import type { Application, StepBody } from '@zhengtong/contracts';
import { Form, Input, Radio } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { completeStep } from './api';
import type { StepModalProps } from './stepModal';

interface DecisionValues {
  decision: NonNullable<StepBody['decision']>;
  reason?: string;
  legalBasis?: string;
}

const fields = ['decision', 'reason', 'legalBasis'];

/**
 * 决定: 准予 or 不予许可 (with reasons), and the legal basis, completes the application; 退回
 * (with the reason) sends it back to review.
 */
export function DecisionModal({
  open,
  application,
  taskId,
  onClose,
  onDone,
}: StepModalProps & { taskId: string }) {
  const t = useT();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  return (
    <FormModal<DecisionValues, Application>
      open={open}
      title={t('workbench.decision.title', { no: application.applicationNo })}
      okText={t('workbench.decision.submit')}
      onCancel={onClose}
      form={form}
      name={`stepDecision-${taskId}`}
      fields={fields}
      width={600}
      submit={(values) => {
        const body: StepBody = { decision: values.decision };
        const reason = values.reason?.trim();
        const legalBasis = values.decision === 'return' ? undefined : values.legalBasis?.trim();
        if (reason) body.reason = reason;
        if (legalBasis) body.legalBasis = legalBasis;
        return completeStep(application.id, taskId, body);
      }}
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <Form.Item
        name="decision"
        label={t('workbench.decision.decision')}
        rules={[{ required: true, message: t('workbench.decision.decisionRequired') }]}
      >
        <Radio.Group
          options={[
            { value: 'approve', label: t('workbench.decision.approve') },
            { value: 'deny', label: t('workbench.decision.deny') },
            { value: 'return', label: t('workbench.decision.return') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('workbench.decision.reason')}
        extra={
          decision === 'deny'
            ? t('workbench.decision.reasonDenyHint')
            : decision === 'return'
              ? t('workbench.decision.reasonReturnHint')
              : undefined
        }
        dependencies={['decision']}
        rules={[
          {
            required: decision === 'deny' || decision === 'return',
            whitespace: true,
            message: t(
              decision === 'return'
                ? 'workbench.decision.reasonReturnRequired'
                : 'workbench.decision.reasonRequired',
            ),
          },
          { min: 2, message: t('workbench.decision.tooShort') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      {/* a return decides nothing yet: no legal basis to give */}
      <Form.Item
        name="legalBasis"
        label={t('workbench.decision.legalBasis')}
        extra={t('workbench.decision.legalBasisHint')}
        hidden={decision === 'return'}
        rules={[{ min: 2, message: t('workbench.decision.tooShort') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
