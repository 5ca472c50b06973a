import type { BundleBody } from '@zhengtong/contracts';
import { listsOf, type DemoItem, type DemoList, type ItemSpec } from './demo-catalogue-builders.js';
import { HOUSING_ITEMS, NATURAL_RESOURCES_ITEMS } from './demo-catalogue-items-construction.js';
import { MARKET_REGULATION_ITEMS, TAXATION_ITEMS } from './demo-catalogue-items-enterprise.js';
import {
  CIVIL_AFFAIRS_ITEMS,
  HEALTH_ITEMS,
  MEDICAL_INSURANCE_ITEMS,
} from './demo-catalogue-items-family.js';
import { EDUCATION_ITEMS, TRANSPORT_ITEMS } from './demo-catalogue-items-public.js';
import { HUMAN_RESOURCES_ITEMS, PUBLIC_SECURITY_ITEMS } from './demo-catalogue-items-social.js';

// The demo service-item catalogue of Henan: basic-catalogue items, their implementation lists in
// the demo regions (province, 郑州, 洛阳, two districts, 济源) and two 一件事 bundles. Names
// of organisations and window codes are those of the demo directory (apps/server/src/seed/demo.ts);
// the seeder resolves them to ids. Every list is meant to be publishable as it stands.

export type { DemoItem, DemoList } from './demo-catalogue-builders.js';

const SPECS: readonly ItemSpec[] = [
  ...MARKET_REGULATION_ITEMS,
  ...TAXATION_ITEMS,
  ...PUBLIC_SECURITY_ITEMS,
  ...HUMAN_RESOURCES_ITEMS,
  ...CIVIL_AFFAIRS_ITEMS,
  ...HEALTH_ITEMS,
  ...MEDICAL_INSURANCE_ITEMS,
  ...EDUCATION_ITEMS,
  ...TRANSPORT_ITEMS,
  ...HOUSING_ITEMS,
  ...NATURAL_RESOURCES_ITEMS,
];

export const DEMO_ITEMS: readonly DemoItem[] = SPECS.map((s) => s.item);

/** Implementation lists of every demo item, deep copies on each call (callers may mutate). */
export function demoLists(): DemoList[] {
  return SPECS.flatMap(listsOf).map((list) => structuredClone(list));
}

/** The code of a demo item by its name; throws on an unknown name so a typo fails at load. */
function codeOf(name: string): string {
  const found = DEMO_ITEMS.find((i) => i.name === name);
  if (!found) throw new RangeError(`no demo item named ${name}`);
  return found.code;
}

export const DEMO_BUNDLES: readonly BundleBody[] = [
  {
    code: 'business-startup',
    name: '企业开办一件事',
    description:
      '一次填报、一套材料、一个环节：企业设立登记办结后，公章刻制、发票领用和社会保险登记同步办理，' +
      '全程网办、免费邮寄，郑州市1个工作日内全部办结。',
    applicantKind: 'enterprise',
    lifeEvents: ['开办企业'],
    listKind: 'overall',
    members: [
      { itemCode: codeOf('企业设立登记'), stage: 1 },
      { itemCode: codeOf('公章刻制备案'), stage: 2 },
      { itemCode: codeOf('发票领用'), stage: 2 },
      { itemCode: codeOf('社会保险登记（单位参保登记）'), stage: 2 },
    ],
  },
  {
    code: 'newborn',
    name: '新生儿出生一件事',
    description:
      '新生儿出生后，父母一次申请即可办理出生医学证明、户口登记、城乡居民医保参保和社会保障卡申领，' +
      '信息共享、材料免交，证件免费邮寄到家。',
    applicantKind: 'person',
    lifeEvents: ['出生'],
    listKind: 'overall',
    members: [
      { itemCode: codeOf('出生医学证明签发'), stage: 1 },
      { itemCode: codeOf('出生登记'), stage: 2 },
      { itemCode: codeOf('城乡居民基本医疗保险参保登记（新生儿）'), stage: 2 },
      { itemCode: codeOf('社会保障卡申领（新生儿）'), stage: 2 },
    ],
  },
];
