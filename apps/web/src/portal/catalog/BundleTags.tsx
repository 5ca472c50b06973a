import type { Bundle } from '@zhengtong/contracts';
import { Space, Tag } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { applicantKindKey, lifeEventKey, listKindKey } from './labels';

/** 一件事 as tags: for whom, which list, and its life events. */
export function BundleTags({ bundle }: { bundle: Bundle }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      <Tag color={bundle.applicantKind === 'person' ? 'blue' : 'orange'}>
        {t(applicantKindKey[bundle.applicantKind])}
      </Tag>
      <Tag>{t(listKindKey[bundle.listKind])}</Tag>
      {bundle.lifeEvents.map((event) => (
        <Tag key={event} color="cyan">
          {t(lifeEventKey[event])}
        </Tag>
      ))}
    </Space>
  );
}
