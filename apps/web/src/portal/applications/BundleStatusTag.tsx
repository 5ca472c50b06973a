import type { BundleApplicationStatus } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';

/** Names of a bundle application's states. */
export const bundleStatusKey: Record<BundleApplicationStatus, MessageKey> = {
  inProgress: 'myBundles.status.inProgress',
  completed: 'myBundles.status.completed',
  failed: 'myBundles.status.failed',
  withdrawn: 'myBundles.status.withdrawn',
};

const bundleStatusColor: Record<BundleApplicationStatus, string> = {
  inProgress: 'blue',
  completed: 'success',
  failed: 'red',
  withdrawn: 'default',
};

/** A bundle application's status (办理中, 全部办结 …) as a coloured tag. */
export function BundleStatusTag({ status }: { status: BundleApplicationStatus }) {
  const t = useT();
  return <Tag color={bundleStatusColor[status]}>{t(bundleStatusKey[status])}</Tag>;
}
