import type { ItemType, Sector } from '@zhengtong/contracts';
import { ITEM_TYPES, SECTORS } from '@zhengtong/gb';
import type { Locale } from './messages';

// The standard's own names of its codes, in Chinese and English; not dictionary text.

export function itemTypeName(type: ItemType, locale: Locale): string {
  const entry = ITEM_TYPES[type];
  return locale === 'en' ? entry.nameEn : entry.name;
}

export function sectorName(sector: Sector, locale: Locale): string {
  const entry = SECTORS[sector];
  return locale === 'en' ? entry.nameEn : entry.name;
}
