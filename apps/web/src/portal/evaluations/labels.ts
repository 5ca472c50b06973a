import type { EvaluationDimensions } from '@zhengtong/contracts';
import type { Translate } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';

/** 5 非常满意 … 1 非常不满意, best first as the standard lists them. */
export const LEVELS = [5, 4, 3, 2, 1] as const;

export const levelKey: Record<(typeof LEVELS)[number], MessageKey> = {
  5: 'evaluation.level.5',
  4: 'evaluation.level.4',
  3: 'evaluation.level.3',
  2: 'evaluation.level.2',
  1: 'evaluation.level.1',
};

/** The name of a level (非常满意 …); the number itself for anything else. */
export function levelName(t: Translate, level: number): string {
  const key = levelKey[level as (typeof LEVELS)[number]] as MessageKey | undefined;
  return key ? t(key) : String(level);
}

export const dimensionKey: Record<keyof EvaluationDimensions, MessageKey> = {
  efficiency: 'evaluation.dimension.efficiency',
  guideAccuracy: 'evaluation.dimension.guideAccuracy',
  convenience: 'evaluation.dimension.convenience',
  usability: 'evaluation.dimension.usability',
  serviceQuality: 'evaluation.dimension.serviceQuality',
  attitude: 'evaluation.dimension.attitude',
};

/** A share 0–1 as a percentage with one decimal; '—' when there was nothing to divide by. */
export function percent(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}
