// GB/T 2260 administrative division codes (行政区划代码): six digits, two each for province,
// prefecture-level city and county. Only the shape is checked here; whether a code is in force
// on a given day needs the dated code list, which changes every year (e.g. 371200 莱芜 → 370100).

/** A province-level division (省级行政区) as listed in GB/T 2260. */
export interface ProvinceLevelDivision {
  readonly code: string;
  readonly name: string;
}

/** All 34 province-level divisions, in code order. */
export const PROVINCE_LEVEL_DIVISIONS: readonly ProvinceLevelDivision[] = Object.freeze(
  [
    { code: '110000', name: '北京市' },
    { code: '120000', name: '天津市' },
    { code: '130000', name: '河北省' },
    { code: '140000', name: '山西省' },
    { code: '150000', name: '内蒙古自治区' },
    { code: '210000', name: '辽宁省' },
    { code: '220000', name: '吉林省' },
    { code: '230000', name: '黑龙江省' },
    { code: '310000', name: '上海市' },
    { code: '320000', name: '江苏省' },
    { code: '330000', name: '浙江省' },
    { code: '340000', name: '安徽省' },
    { code: '350000', name: '福建省' },
    { code: '360000', name: '江西省' },
    { code: '370000', name: '山东省' },
    { code: '410000', name: '河南省' },
    { code: '420000', name: '湖北省' },
    { code: '430000', name: '湖南省' },
    { code: '440000', name: '广东省' },
    { code: '450000', name: '广西壮族自治区' },
    { code: '460000', name: '海南省' },
    { code: '500000', name: '重庆市' },
    { code: '510000', name: '四川省' },
    { code: '520000', name: '贵州省' },
    { code: '530000', name: '云南省' },
    { code: '540000', name: '西藏自治区' },
    { code: '610000', name: '陕西省' },
    { code: '620000', name: '甘肃省' },
    { code: '630000', name: '青海省' },
    { code: '640000', name: '宁夏回族自治区' },
    { code: '650000', name: '新疆维吾尔自治区' },
    { code: '710000', name: '台湾省' },
    { code: '810000', name: '香港特别行政区' },
    { code: '820000', name: '澳门特别行政区' },
  ].map((division) => Object.freeze(division)),
);

const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  PROVINCE_LEVEL_DIVISIONS.map((division) => division.code.slice(0, 2)),
);

/**
 * The middle pair that groups county-level units administered directly by the province
 * (省直辖县级行政区划), e.g. 419001 济源, 4290xx in 湖北, 4690xx in 海南. The grouping is not a
 * city: there is no 419000, and its members' parent is the province itself.
 */
const PROVINCE_DIRECT_GROUP = '90';

export type RegionLevel = 'province' | 'city' | 'county';

/** True when the first two characters are a province-level prefix (11 北京 … 82 澳门). */
export function isProvincePrefix(twoDigits: string): boolean {
  return PROVINCE_PREFIXES.has(twoDigits);
}

/** The name of the province-level division a region code belongs to; undefined for a bad code. */
export function findProvinceName(code: string): string | undefined {
  if (!isRegionCode(code)) return undefined;
  const prefix = code.slice(0, 2);
  return PROVINCE_LEVEL_DIVISIONS.find((division) => division.code.slice(0, 2) === prefix)?.name;
}

/**
 * Whether `s` has the shape of a GB/T 2260 code: six ASCII digits, a real province prefix, no
 * county part under an empty city part (xx00yy), and not the bare 省直辖 grouping (xx9000),
 * which names a list heading rather than a division anyone can have jurisdiction over.
 */
export function isRegionCode(s: string): boolean {
  if (!/^[0-9]{6}$/.test(s)) return false;
  if (!PROVINCE_PREFIXES.has(s.slice(0, 2))) return false;
  const city = s.slice(2, 4);
  const county = s.slice(4, 6);
  if (city === '00') return county === '00';
  if (city === PROVINCE_DIRECT_GROUP) return county !== '00';
  return true;
}

function assertRegionCode(code: string): void {
  if (!isRegionCode(code)) {
    throw new RangeError(`not a GB/T 2260 region code: ${JSON.stringify(code)}`);
  }
}

/**
 * The level of a division. xx90yy units count as counties even though they sit directly under the
 * province. Throws RangeError for anything `isRegionCode` rejects.
 */
export function regionLevelOf(code: string): RegionLevel {
  assertRegionCode(code);
  if (code.slice(2) === '0000') return 'province';
  if (code.slice(4) === '00') return 'city';
  return 'county';
}

/** The province-level code (xx0000) a division belongs to. Throws RangeError on a bad code. */
export function provinceCodeOf(code: string): string {
  assertRegionCode(code);
  return `${code.slice(0, 2)}0000`;
}

/**
 * The parent the code structure implies: county → its city, or its province for xx90yy; city →
 * province; province → null. "Default" because the digits only imply the hierarchy: where the
 * real parent matters (e.g. after a merger or a re-coding), it comes from the dated division list.
 * Throws RangeError on a bad code.
 */
export function defaultParentCode(code: string): string | null {
  const level = regionLevelOf(code);
  if (level === 'province') return null;
  if (level === 'city' || code.slice(2, 4) === PROVINCE_DIRECT_GROUP) {
    return `${code.slice(0, 2)}0000`;
  }
  return `${code.slice(0, 4)}00`;
}

/**
 * Jurisdiction check (辖区): is `code` the root itself or below it? A province contains all its
 * codes, a city its counties, a county only itself; xx90yy units belong to their province but to
 * no city. Fails closed: any malformed argument gives false rather than an exception, so a bad
 * value in a permission check can only deny.
 */
export function isInSubtree(code: string, rootCode: string): boolean {
  if (!isRegionCode(code) || !isRegionCode(rootCode)) return false;
  // Walk up the implied ancestry rather than compare prefixes, so this stays consistent with
  // defaultParentCode; regionCodePrefix is tested to agree with it for SQL LIKE filters.
  for (let current: string | null = code; current !== null; current = defaultParentCode(current)) {
    if (current === rootCode) return true;
  }
  return false;
}

/**
 * The significant prefix of a code ('41', '4101', '410102'): `column LIKE prefix || '%'` selects
 * exactly the codes `isInSubtree` accepts for this root. Throws RangeError on a bad code.
 */
export function regionCodePrefix(code: string): string {
  switch (regionLevelOf(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
}
