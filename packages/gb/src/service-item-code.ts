// Service-item codes (政务服务事项编码).
//
// GB/T 39554.1-2020 sets the coding requirements for the basic catalogue and implementation
// lists, but its exact layout could not be verified from public sources (see docs/adr/0007).
// Provinces use local schemes of the same shape (Jiangsu's pinyin type codes, Guizhou
// DB52/T 1264-2018: type + 5-digit main item + 3-digit sub-item). Zhengtong's scheme follows
// that shape and adds the department sector the issue asks for:
//
//   basic code (基本编码), 13 characters:  TT SSS MMMMM NNN
//     TT     item type (事项类型), two capitals: XK 行政许可, QR 行政确认, GG 公共服务 …
//     SSS    department sector (部门类别), three digits: 001 市场监管, 002 公安 …
//     MMMMM  main item (主项) sequence within type and sector, 00001–99999
//     NNN    sub-item (子项) sequence, 000 when the main item has no sub-items
//
//   implementation code (实施编码), 21 characters: basic code + GB/T 2260 region code of the
//   implementing organisation + two-digit sequence of implementing organisations in that region.
//
// The tables are data, so a province with another scheme replaces this file, not its callers.

import { isRegionCode } from './region-code.js';

/** 事项类型 per the 权力清单 categories plus 公共服务, with their two-letter codes. */
export const ITEM_TYPES = {
  licence: { code: 'XK', name: '行政许可', nameEn: 'Administrative licence' },
  penalty: { code: 'CF', name: '行政处罚', nameEn: 'Administrative penalty' },
  coercion: { code: 'QZ', name: '行政强制', nameEn: 'Administrative coercion' },
  levy: { code: 'ZS', name: '行政征收', nameEn: 'Administrative levy' },
  benefit: { code: 'GF', name: '行政给付', nameEn: 'Administrative benefit' },
  inspection: { code: 'JC', name: '行政检查', nameEn: 'Administrative inspection' },
  confirmation: { code: 'QR', name: '行政确认', nameEn: 'Administrative confirmation' },
  award: { code: 'JL', name: '行政奖励', nameEn: 'Administrative award' },
  adjudication: { code: 'CJ', name: '行政裁决', nameEn: 'Administrative adjudication' },
  otherPower: { code: 'QT', name: '其他行政权力', nameEn: 'Other administrative power' },
  publicService: { code: 'GG', name: '公共服务', nameEn: 'Public service' },
} as const;
export type ItemTypeKey = keyof typeof ITEM_TYPES;
export const ITEM_TYPE_KEYS = Object.keys(ITEM_TYPES) as ItemTypeKey[];

/** 部门类别: the sector of the competent department, with its three-digit code. */
export const SECTORS = {
  marketRegulation: { code: '001', name: '市场监管', nameEn: 'Market regulation' },
  publicSecurity: { code: '002', name: '公安', nameEn: 'Public security' },
  humanResources: {
    code: '003',
    name: '人力资源社会保障',
    nameEn: 'Human resources and social security',
  },
  civilAffairs: { code: '004', name: '民政', nameEn: 'Civil affairs' },
  health: { code: '005', name: '卫生健康', nameEn: 'Health' },
  taxation: { code: '006', name: '税务', nameEn: 'Taxation' },
  housing: { code: '007', name: '住房城乡建设', nameEn: 'Housing and construction' },
  naturalResources: { code: '008', name: '自然资源', nameEn: 'Natural resources' },
  education: { code: '009', name: '教育', nameEn: 'Education' },
  transport: { code: '010', name: '交通运输', nameEn: 'Transport' },
  medicalInsurance: { code: '011', name: '医疗保障', nameEn: 'Medical insurance' },
  ecology: { code: '012', name: '生态环境', nameEn: 'Ecology and environment' },
  agriculture: { code: '013', name: '农业农村', nameEn: 'Agriculture and rural affairs' },
  commerce: { code: '014', name: '商务', nameEn: 'Commerce' },
  culture: { code: '015', name: '文化和旅游', nameEn: 'Culture and tourism' },
  governmentServices: { code: '016', name: '政务服务和大数据', nameEn: 'Government services' },
} as const;
export type SectorKey = keyof typeof SECTORS;
export const SECTOR_KEYS = Object.keys(SECTORS) as SectorKey[];

export interface ServiceItemCode {
  readonly code: string;
  readonly itemType: ItemTypeKey;
  readonly sector: SectorKey;
  /** 主项 sequence, 1–99999 */
  readonly main: number;
  /** 子项 sequence, 0 when there is none */
  readonly sub: number;
}

export type ServiceItemCodeFailure = 'format' | 'itemType' | 'sector' | 'mainSequence';

export type ServiceItemCodeResult =
  | { readonly ok: true; readonly value: ServiceItemCode }
  | { readonly ok: false; readonly reason: ServiceItemCodeFailure };

const BASIC_PATTERN = /^([A-Z]{2})(\d{3})(\d{5})(\d{3})$/;
const typeByCode = new Map(ITEM_TYPE_KEYS.map((k) => [ITEM_TYPES[k].code as string, k]));
const sectorByCode = new Map(SECTOR_KEYS.map((k) => [SECTORS[k].code as string, k]));

/** Parses a 13-character basic code, saying which part is wrong when it is not one. */
export function parseServiceItemCode(input: string): ServiceItemCodeResult {
  const m = BASIC_PATTERN.exec(input);
  if (!m) return { ok: false, reason: 'format' };
  const [, t, s, main, sub] = m as unknown as [string, string, string, string, string];
  const itemType = typeByCode.get(t);
  if (!itemType) return { ok: false, reason: 'itemType' };
  const sector = sectorByCode.get(s);
  if (!sector) return { ok: false, reason: 'sector' };
  const mainSeq = Number(main);
  if (mainSeq === 0) return { ok: false, reason: 'mainSequence' };
  return { ok: true, value: { code: input, itemType, sector, main: mainSeq, sub: Number(sub) } };
}

export const isServiceItemCode = (input: string): boolean => parseServiceItemCode(input).ok;

/** Builds a basic code; throws RangeError on sequences outside their fields. */
export function formatServiceItemCode(parts: Omit<ServiceItemCode, 'code'>): string {
  if (!Number.isInteger(parts.main) || parts.main < 1 || parts.main > 99999) {
    throw new RangeError(`main item sequence out of range: ${parts.main}`);
  }
  if (!Number.isInteger(parts.sub) || parts.sub < 0 || parts.sub > 999) {
    throw new RangeError(`sub-item sequence out of range: ${parts.sub}`);
  }
  return (
    ITEM_TYPES[parts.itemType].code +
    SECTORS[parts.sector].code +
    String(parts.main).padStart(5, '0') +
    String(parts.sub).padStart(3, '0')
  );
}

export interface ImplementationCode {
  readonly code: string;
  readonly itemCode: string;
  readonly regionCode: string;
  /** implementing organisation's sequence in the region, 1–99 */
  readonly sequence: number;
}

/** Parses a 21-character implementation code (basic code + region + two-digit sequence). */
export function parseImplementationCode(input: string): ImplementationCode | undefined {
  if (!/^[A-Z]{2}\d{19}$/.test(input)) return undefined;
  const itemCode = input.slice(0, 13);
  const regionCode = input.slice(13, 19);
  const sequence = Number(input.slice(19));
  if (!isServiceItemCode(itemCode) || !isRegionCode(regionCode) || sequence === 0) {
    return undefined;
  }
  return { code: input, itemCode, regionCode, sequence };
}

export function formatImplementationCode(
  itemCode: string,
  regionCode: string,
  sequence: number,
): string {
  if (!isServiceItemCode(itemCode)) throw new RangeError(`not a service-item code: ${itemCode}`);
  if (!isRegionCode(regionCode)) throw new RangeError(`not a region code: ${regionCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99) {
    throw new RangeError(`implementation sequence out of range: ${sequence}`);
  }
  return itemCode + regionCode + String(sequence).padStart(2, '0');
}
