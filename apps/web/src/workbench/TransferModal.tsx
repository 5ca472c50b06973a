import { useQuery } from '@tanstack/react-query';
import type { TransferTaskBody, WorkflowTask } from '@zhengtong/contracts';
import { Alert, Form, Input, Select } from 'antd';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { taskCandidatesQuery, transferTask } from './api';

const fields = ['toAccountId', 'reason'];

/** 转办: hand the task to a colleague of the organisation who holds its role, with the reason. */
export function TransferModal({
  open,
  task,
  onClose,
  onDone,
}: {
  open: boolean;
  task: WorkflowTask;
  onClose: () => void;
  onDone: (task: WorkflowTask) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TransferTaskBody>();
  const candidates = useQuery({ ...taskCandidatesQuery(task.id), enabled: open });
  const options = (candidates.data?.items ?? []).map((c) => ({
    value: c.accountId,
    label: c.name,
  }));
  return (
    <FormModal<TransferTaskBody, WorkflowTask>
      open={open}
      title={t('workbench.transfer.title', { step: task.name })}
      okText={t('workbench.transfer.submit')}
      onCancel={onClose}
      form={form}
      name={`transferTask-${task.id}`}
      fields={fields}
      submit={(values) =>
        transferTask(task.id, { toAccountId: values.toAccountId, reason: values.reason.trim() })
      }
      onSubmitted={(updated) => {
        form.resetFields();
        onDone(updated);
      }}
    >
      <p className="zt-alert-text zt-muted">{t('workbench.transfer.hint')}</p>
      {candidates.isError && (
        <ApiErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />
      )}
      {candidates.data?.items.length === 0 && (
        <Alert className="zt-note" type="info" showIcon title={t('workbench.transfer.nobody')} />
      )}
      <Form.Item
        name="toAccountId"
        label={t('workbench.transfer.to')}
        rules={[{ required: true, message: t('workbench.transfer.toRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={candidates.isPending}
          options={options}
          placeholder={t('workbench.transfer.toPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('workbench.transfer.reason')}
        rules={[
          { required: true, whitespace: true, message: t('workbench.transfer.reasonRequired') },
          { min: 2, message: t('workbench.transfer.reasonRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
