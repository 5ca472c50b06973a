import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImplementationList } from '@zhengtong/contracts';
import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { notifyApiError } from '../../shared/api/errorNotifier';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';
import { useSession } from '../../shared/identity/session';
import { catalogKeys } from '../../shared/api/catalog';
import { publishList, rejectList, retireList, startDraft, submitList } from './api';
import { catalogCapabilities } from './permissions';
import { hasElementProblems } from './ProblemsAlert';

interface ListActionsProps {
  list: ImplementationList;
  /** the table shows a link to the editor; the editor itself does not */
  showOpen?: boolean;
  size?: 'small' | 'middle';
  /** a 422 listing what the elements lack (submit, publish) */
  onProblems: (error: unknown) => void;
  /** after any change, with the list as the server now has it */
  onChanged?: (list: ImplementationList) => void;
  /** runs before 提交审核 (the editor saves unsaved changes); false stops the submission */
  beforeSubmit?: () => Promise<boolean>;
}

/**
 * The workflow of an implementation list as buttons, each shown only in the state that allows
 * it and to those who may: 新建修订 → 编辑 → 提交审核 → 发布 / 退回, and 废止.
 */
export function ListActions({
  list,
  showOpen = false,
  size = 'small',
  onProblems,
  onChanged,
  beforeSubmit,
}: ListActionsProps) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const can = catalogCapabilities(me);
  const [rejecting, setRejecting] = useState(false);
  const [retiring, setRetiring] = useState(false);

  const write = can.writeList(list);
  const review = can.reviewList(list);
  const pending = list.pending;

  const done = (updated: ImplementationList, note: MessageKey) => {
    void message.success(t(note, { name: updated.itemName }));
    queryClient.setQueryData(catalogKeys.list(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: catalogKeys.all });
    onChanged?.(updated);
  };
  const failed = (error: unknown) => {
    if (hasElementProblems(error)) onProblems(error);
    else if (isApiError(error)) notifyApiError(error);
  };

  const draft = useMutation({
    mutationFn: () => startDraft(list.id),
    onSuccess: (updated) => {
      done(updated, 'catalogAdmin.lists.draftStarted');
      if (showOpen) void navigate(`/admin/catalog/lists/${updated.id}`);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      if (beforeSubmit && !(await beforeSubmit())) return undefined;
      return submitList(list.id);
    },
    onSuccess: (updated) => updated && done(updated, 'catalogAdmin.lists.submitted'),
    onError: failed,
  });
  const publish = useMutation({
    mutationFn: () => publishList(list.id),
    onSuccess: (updated) => done(updated, 'catalogAdmin.lists.published'),
    onError: failed,
  });

  const editable = write && pending?.status === 'draft';
  const editorPath = `/admin/catalog/lists/${list.id}`;
  return (
    <>
      <Space size={4} wrap>
        {showOpen && (
          // an anchor (opens in a new tab on middle click) that navigates inside the app
          <Button
            size={size}
            type={editable ? 'primary' : 'default'}
            href={editorPath}
            onClick={(event) => {
              if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              void navigate(editorPath);
            }}
          >
            {editable ? t('catalogAdmin.edit') : t('catalogAdmin.view')}
          </Button>
        )}
        {write && !pending && list.published && (
          <Button size={size} loading={draft.isPending} onClick={() => draft.mutate()}>
            {t('catalogAdmin.lists.startDraft')}
          </Button>
        )}
        {editable && (
          <Popconfirm
            title={t('catalogAdmin.lists.submitConfirm')}
            okText={t('catalogAdmin.lists.submit')}
            cancelText={t('common.cancel')}
            onConfirm={() => submit.mutate()}
          >
            <Button size={size} loading={submit.isPending}>
              {t('catalogAdmin.lists.submit')}
            </Button>
          </Popconfirm>
        )}
        {review && (
          <>
            <Popconfirm
              title={t('catalogAdmin.lists.publishConfirm', { version: pending?.version ?? '' })}
              okText={t('catalogAdmin.lists.publish')}
              cancelText={t('common.cancel')}
              onConfirm={() => publish.mutate()}
            >
              <Button size={size} type="primary" loading={publish.isPending}>
                {t('catalogAdmin.lists.publish')}
              </Button>
            </Popconfirm>
            <Button size={size} onClick={() => setRejecting(true)}>
              {t('catalogAdmin.lists.reject')}
            </Button>
          </>
        )}
        {write && list.published?.status === 'published' && (
          <Button size={size} danger onClick={() => setRetiring(true)}>
            {t('catalogAdmin.lists.retire')}
          </Button>
        )}
      </Space>
      <TextModal
        open={rejecting}
        title={t('catalogAdmin.lists.rejectTitle', { name: list.itemName })}
        label={t('catalogAdmin.lists.rejectNote')}
        okText={t('catalogAdmin.lists.reject')}
        minLength={1}
        maxLength={1000}
        action={(note) => rejectList(list.id, { note })}
        onClose={() => setRejecting(false)}
        onDone={(updated) => done(updated, 'catalogAdmin.lists.rejected')}
      />
      <TextModal
        open={retiring}
        title={t('catalogAdmin.lists.retireTitle', { name: list.itemName })}
        label={t('catalogAdmin.lists.retireReason')}
        hint={t('catalogAdmin.lists.retireHint')}
        okText={t('catalogAdmin.lists.retire')}
        danger
        minLength={2}
        maxLength={1000}
        action={(reason) => retireList(list.id, { reason })}
        onClose={() => setRetiring(false)}
        onDone={(updated) => done(updated, 'catalogAdmin.lists.retired')}
      />
    </>
  );
}

/** A modal asking for one required text (退回意见, 废止理由) before acting. */
function TextModal({
  open,
  title,
  label,
  hint,
  okText,
  danger = false,
  minLength,
  maxLength,
  action,
  onClose,
  onDone,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  okText: string;
  danger?: boolean;
  minLength: number;
  maxLength: number;
  action: (text: string) => Promise<ImplementationList>;
  onClose: () => void;
  onDone: (list: ImplementationList) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const mutation = useMutation({
    mutationFn: (text: string) => action(text),
    onSuccess: (list) => {
      onDone(list);
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: mutation.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      // one per table row: the form is made when the modal first opens
      destroyOnHidden
    >
      {mutation.isError && (
        <div className="zt-note">
          <ApiErrorAlert error={mutation.error} />
        </div>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values.text.trim())}
      >
        <Form.Item
          name="text"
          label={label}
          extra={hint}
          rules={[
            { required: true, whitespace: true, message: t('catalogAdmin.required') },
            { min: minLength, message: t('catalogAdmin.minLength', { min: minLength }) },
          ]}
        >
          <Input.TextArea rows={4} maxLength={maxLength} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
