import { SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Draft } from '@zhengtong/contracts';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../shared/api/ApiError';
import { draftKeys, draftQuery, useSaveDraft } from '../../shared/api/drafts';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { FormData } from './ApplicationForm';
import { useDateTexts } from './dates';

/** A draft title is at most 200 characters (the server's limit). */
const titleOf = (title: string) => [...title].slice(0, 200).join('');

export interface FormDraft {
  /** the saved draft to offer ("继续填写草稿？") until the applicant answers */
  offered: Draft | undefined;
  resume: () => void;
  ignore: () => void;
  save: () => void;
  saving: boolean;
  saveError: unknown;
  /** when the draft was last saved on this visit */
  savedAt: string | undefined;
  /** after the submit: the server discarded the draft, so does the cache */
  forget: () => void;
}

/**
 * 草稿 of a form: the one saved before is offered when the page opens (never loaded over what
 * the applicant typed without asking), and the form can be saved to come back to later.
 */
export function useFormDraft(
  target: string,
  title: string,
  formData: FormData,
  load: (formData: FormData) => void,
): FormDraft {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery(draftQuery(target));
  const saveMutation = useSaveDraft(target);
  const [answered, setAnswered] = useState(false);
  return {
    offered: answered ? undefined : (query.data ?? undefined),
    resume: () => {
      if (query.data) {
        load(query.data.formData);
        void message.info(t('drafts.resume.loaded'));
      }
      setAnswered(true);
    },
    ignore: () => setAnswered(true),
    save: () =>
      saveMutation.mutate(
        { title: titleOf(title), formData },
        {
          onSuccess: () => {
            // what is on the form now is the draft: nothing older to offer
            setAnswered(true);
            void message.success(t('drafts.saved'));
          },
        },
      ),
    saving: saveMutation.isPending,
    saveError: saveMutation.error,
    savedAt: saveMutation.data?.updatedAt,
    forget: () => {
      queryClient.setQueryData(draftKeys.detail(target), null);
      void queryClient.invalidateQueries({ queryKey: draftKeys.mine });
    },
  };
}

/** "继续填写草稿？": load the saved draft, or start afresh (the draft stays until replaced). */
export function DraftPrompt({ draft }: { draft: FormDraft }) {
  const t = useT();
  const dates = useDateTexts();
  if (!draft.offered) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('drafts.resume.title')}
      description={t('drafts.resume.detail', { time: dates.dateTime(draft.offered.updatedAt) })}
      action={
        <Space orientation="vertical" size={4}>
          <Button type="primary" size="small" onClick={draft.resume}>
            {t('drafts.resume.action')}
          </Button>
          <Button size="small" onClick={draft.ignore}>
            {t('drafts.resume.ignore')}
          </Button>
        </Space>
      }
    />
  );
}

/** 保存草稿, with when it was saved on this visit. */
export function SaveDraftButton({ draft, disabled }: { draft: FormDraft; disabled: boolean }) {
  const t = useT();
  const dates = useDateTexts();
  return (
    <Space size={8} wrap>
      {draft.savedAt && (
        <Typography.Text type="secondary" className="zt-draft-saved">
          {t('drafts.savedAt', { time: dates.dateTime(draft.savedAt) })}
        </Typography.Text>
      )}
      <Button
        icon={<SaveOutlined aria-hidden />}
        loading={draft.saving}
        disabled={disabled}
        onClick={draft.save}
      >
        {t('drafts.save')}
      </Button>
    </Space>
  );
}

/** Why the draft was not saved: the limits in words, anything else as the API said. */
export function DraftSaveError({ draft }: { draft: FormDraft }) {
  const t = useT();
  const error = draft.saveError;
  if (!error) return null;
  if (isApiError(error) && (error.status === 413 || error.code === 'too-many-drafts')) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('drafts.saveFailed')}
        description={error.status === 413 ? t('drafts.tooLarge') : t('drafts.tooMany')}
      />
    );
  }
  return <ApiErrorAlert error={error} />;
}
