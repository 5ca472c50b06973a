import { Spin } from 'antd';
import { useT } from '../i18n/LocaleProvider';

/** A loading placeholder that screen readers announce. */
export function LoadingBlock({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="zt-loading" role="status" aria-live="polite">
      <Spin />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
