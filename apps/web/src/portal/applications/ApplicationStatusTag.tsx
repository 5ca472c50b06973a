import type { ApplicationStatus } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { statusColor, statusKey } from './labels';

/** An application's status (已申报, 待补正 … 已撤回) as a coloured tag. */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(statusKey[status])}</Tag>;
}
