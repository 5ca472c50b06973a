import type { TaskComment, TaskCommentBody, WorkflowTask } from '@zhengtong/contracts';
import { Form, Input } from 'antd';
import { FormModal } from '../shared/components/FormModal';
import { useT } from '../shared/i18n/LocaleProvider';
import { commentOnTask } from './api';

const fields = ['text'];

/** 备注: a note on the task for the other officers; the applicant does not see it. */
export function CommentModal({
  open,
  task,
  onClose,
  onDone,
}: {
  open: boolean;
  task: WorkflowTask;
  onClose: () => void;
  onDone: (comment: TaskComment) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TaskCommentBody>();
  return (
    <FormModal<TaskCommentBody, TaskComment>
      open={open}
      title={t('workbench.comment.title', { step: task.name })}
      okText={t('workbench.comment.submit')}
      onCancel={onClose}
      form={form}
      name={`commentTask-${task.id}`}
      fields={fields}
      submit={(values) => commentOnTask(task.id, { text: values.text.trim() })}
      onSubmitted={(comment) => {
        form.resetFields();
        onDone(comment);
      }}
    >
      <p className="zt-alert-text zt-muted">{t('workbench.comment.hint')}</p>
      <Form.Item
        name="text"
        label={t('workbench.comment.text')}
        rules={[{ required: true, whitespace: true, message: t('workbench.comment.required') }]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
