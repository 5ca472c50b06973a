import type { ItemType } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { itemTypeColor, itemTypeName } from './labels';

/** 事项类型 (行政许可, 公共服务 …) as a tag. */
export function ItemTypeTag({ type }: { type: ItemType }) {
  const { locale } = useLocale();
  return <Tag color={itemTypeColor[type] ?? 'default'}>{itemTypeName(type, locale)}</Tag>;
}
