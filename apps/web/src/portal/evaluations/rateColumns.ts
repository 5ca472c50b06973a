import type { PublicStatsRow } from '@zhengtong/contracts';
import type { TableColumnsType } from 'antd';
import type { Translate } from '../../shared/i18n/LocaleProvider';
import { percent } from './labels';

type Rates = Pick<
  PublicStatsRow,
  'volume' | 'satisfactionRate' | 'badRate' | 'rectificationRate' | 'onTimeRectificationRate'
>;

/** The volume and the four rates, the columns the staff's and the public figures share. */
export function rateColumns<Row extends Rates>(
  t: Translate,
  locale: string,
): TableColumnsType<Row> {
  const rate = (key: Exclude<keyof Rates, 'volume'>, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (value: number | null) => percent(value, locale),
  });
  return [
    { title: t('evaluation.col.volume'), dataIndex: 'volume', align: 'right' },
    rate('satisfactionRate', t('evaluation.col.satisfactionRate')),
    rate('badRate', t('evaluation.col.badRate')),
    rate('rectificationRate', t('evaluation.col.rectificationRate')),
    rate('onTimeRectificationRate', t('evaluation.col.onTimeRectificationRate')),
  ];
}
