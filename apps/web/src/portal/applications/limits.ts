import type { Translate } from '../../shared/i18n/LocaleProvider';

/** 办理时限: N working days, or 即办 for 0. */
export function limitText(days: number, t: Translate): string {
  return days === 0 ? t('apply.limit.immediate') : t('apply.limit.days', { days });
}
