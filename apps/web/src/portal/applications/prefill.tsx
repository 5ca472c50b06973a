import { useQuery } from '@tanstack/react-query';
import type { PrefillQuery } from '@zhengtong/contracts';
import { Alert } from 'antd';
import { useState } from 'react';
import { prefillQuery } from '../../shared/api/applications';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { FormData } from './ApplicationForm';

export interface FormPrefill {
  /** how many fields were filled from the applicant's identity (0 once a draft was resumed) */
  filled: number;
  /** a draft was loaded: it wins, nothing more is filled and the note goes */
  discard: () => void;
}

const empty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * 预填: once, when the answer arrives, the fields of the form that are still empty are filled
 * from the applicant's identity (the applicant may change them). A draft the applicant resumes
 * replaces the whole form, so it wins; after that nothing is filled. A failure is silent: the
 * form is simply not pre-filled.
 */
export function useFormPrefill(
  target: PrefillQuery,
  formData: FormData,
  fill: (formData: FormData) => void,
): FormPrefill {
  const query = useQuery(prefillQuery(target));
  const [state, setState] = useState<'waiting' | 'done' | 'discarded'>('waiting');
  const [filled, setFilled] = useState(0);
  // applied during render, once (React's "adjusting state when a prop changes"): no flash of
  // the empty form and no effect
  if (state === 'waiting' && query.data) {
    setState('done');
    const next: FormData = { ...formData };
    let count = 0;
    for (const { field } of query.data.fields) {
      const value = query.data.formData[field];
      if (value !== undefined && empty(next[field])) {
        next[field] = value;
        count += 1;
      }
    }
    if (count > 0) {
      setFilled(count);
      fill(next);
    }
  }
  if (state === 'waiting' && query.isError) setState('done');
  return {
    filled: state === 'discarded' ? 0 : filled,
    discard: () => setState('discarded'),
  };
}

/** "已根据您的身份信息预填 N 项，请核对" */
export function PrefillNote({ prefill }: { prefill: FormPrefill }) {
  const t = useT();
  if (prefill.filled === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('apply.prefilled', { count: prefill.filled })}
      description={t('apply.prefilledDetail')}
    />
  );
}
