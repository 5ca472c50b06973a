import type { CertificateState } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { stateColor, stateKey } from './labels';

/** A certificate's state (有效 / 已过期 / 已注销 / 已变更) as a coloured tag. */
export function CertificateStateTag({ state }: { state: CertificateState }) {
  const t = useT();
  return <Tag color={stateColor[state]}>{t(stateKey[state])}</Tag>;
}
