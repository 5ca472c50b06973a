import type { OrganisationKind } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useT } from '../i18n/LocaleProvider';
import { organisationKindColor, organisationKindKey } from './labels';

export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const t = useT();
  return <Tag color={organisationKindColor[kind]}>{t(organisationKindKey[kind])}</Tag>;
}
