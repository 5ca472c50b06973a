import type {
  AdministrativeLevel,
  ApplicantKind,
  ApplicationForm,
  Channel,
  CrossRegionScope,
  Faq,
  FeeItem,
  ImplementationElements,
  ItemResult,
  ItemType,
  LifeEvent,
  Material,
  ProcessStep,
  Sector,
  ServiceItemBody,
} from '@zhengtong/contracts';
import { formatServiceItemCode } from '@zhengtong/gb';
import { referenceCertificateTypeCode } from '../certificates/reference-certificate-types.js';

// Builders for the demo catalogue (demo-catalogue.ts): an item is written once as a guide
// template, and turned into implementation lists for several regions with small overrides.

/** A basic-catalogue item as the demo writes it: the competent department by name. */
export interface DemoItem extends Omit<ServiceItemBody, 'competentOrganisationId'> {
  /** province-level competent department, e.g. 河南省市场监督管理局 */
  competentOrganisation: string;
}

/** An implementation list as the demo writes it: organisation and windows by name and code. */
export interface DemoList {
  itemCode: string;
  /** implementing organisation name, as in the demo directory */
  organisation: string;
  regionCode: string;
  /** window codes of that region's 政务服务中心, resolved by the seeder */
  windowCodes: string[];
  /** with serviceWindowIds: [] */
  elements: ImplementationElements;
}

// ---------------------------------------------------------------------------------------------
// Regions and organisations of the demo directory (apps/server/src/seed/demo.ts)

interface DemoRegion {
  /** prefix of the department names (the region's own name) */
  prefix: string;
  hallAddress: string;
  areaCode: string;
  officeHours: string;
}

export const DEMO_REGIONS = {
  '410000': {
    prefix: '河南省',
    hallAddress: '郑州市郑东新区 河南省政务服务中心',
    areaCode: '0371',
    officeHours: '工作日 9:00–12:00，13:00–17:00',
  },
  '410100': {
    prefix: '郑州市',
    hallAddress: '郑州市郑东新区市民公共文化服务区 郑州市政务服务中心',
    areaCode: '0371',
    officeHours: '工作日 9:00–17:00（中午不间断），周六 9:00–12:00 延时服务',
  },
  '410300': {
    prefix: '洛阳市',
    hallAddress: '洛阳市洛龙区开元大道 洛阳市政务服务中心',
    areaCode: '0379',
    officeHours: '工作日 8:30–12:00，14:00–17:30',
  },
  '410105': {
    prefix: '郑州市金水区',
    hallAddress: '郑州市金水区 郑州市金水区政务服务中心',
    areaCode: '0371',
    officeHours: '工作日 9:00–17:00',
  },
  '410311': {
    prefix: '洛阳市洛龙区',
    hallAddress: '洛阳市洛龙区 洛阳市洛龙区政务服务中心',
    areaCode: '0379',
    officeHours: '工作日 8:30–12:00，14:00–17:30',
  },
  '419001': {
    prefix: '济源市',
    hallAddress: '济源市 济源市政务服务中心',
    areaCode: '0391',
    officeHours: '工作日 9:00–17:00',
  },
} as const satisfies Record<string, DemoRegion>;
export type DemoRegionCode = keyof typeof DEMO_REGIONS;

type DemoSector = Extract<
  Sector,
  | 'marketRegulation'
  | 'publicSecurity'
  | 'humanResources'
  | 'civilAffairs'
  | 'health'
  | 'taxation'
  | 'housing'
  | 'naturalResources'
  | 'education'
  | 'transport'
  | 'medicalInsurance'
>;

const PROVINCE_DEPARTMENTS: Record<DemoSector, string> = {
  marketRegulation: '河南省市场监督管理局',
  publicSecurity: '河南省公安厅',
  humanResources: '河南省人力资源和社会保障厅',
  civilAffairs: '河南省民政厅',
  health: '河南省卫生健康委员会',
  taxation: '国家税务总局河南省税务局',
  housing: '河南省住房和城乡建设厅',
  naturalResources: '河南省自然资源厅',
  education: '河南省教育厅',
  transport: '河南省交通运输厅',
  medicalInsurance: '河南省医疗保障局',
};

const LOCAL_DEPARTMENTS: Record<DemoSector, (prefix: string) => string> = {
  marketRegulation: (p) => `${p}市场监督管理局`,
  publicSecurity: (p) => `${p}公安局`,
  humanResources: (p) => `${p}人力资源和社会保障局`,
  civilAffairs: (p) => `${p}民政局`,
  health: (p) => `${p}卫生健康委员会`,
  taxation: (p) => `国家税务总局${p}税务局`,
  housing: (p) => `${p}住房和城乡建设局`,
  naturalResources: (p) => `${p}自然资源和规划局`,
  education: (p) => `${p}教育局`,
  transport: (p) => `${p}交通运输局`,
  medicalInsurance: (p) => `${p}医疗保障局`,
};

/** The department of a sector in a demo region. */
export function departmentOf(sector: DemoSector, region: DemoRegionCode): string {
  return region === '410000'
    ? PROVINCE_DEPARTMENTS[sector]
    : LOCAL_DEPARTMENTS[sector](DEMO_REGIONS[region].prefix);
}

/** Windows of city and county halls that take each sector's applications. */
const LOCAL_WINDOWS: Record<DemoSector, string[]> = {
  marketRegulation: ['A01', 'B01'],
  publicSecurity: ['B04'],
  humanResources: ['B03'],
  civilAffairs: ['B06', 'A03'],
  health: ['A03'],
  taxation: ['B05', 'A01'],
  housing: ['A02'],
  naturalResources: ['B02'],
  education: ['A03'],
  transport: ['A01'],
  medicalInsurance: ['B03'],
};
/** The province hall has fewer windows: A01 综合受理, B01 市场监管, B02 人社, C01. */
const PROVINCE_WINDOWS: Partial<Record<DemoSector, string[]>> = {
  marketRegulation: ['B01'],
  humanResources: ['B02'],
};

/** Consultation lines: the sector's national hotline where there is one, else 12345. */
const HOTLINES: Partial<Record<DemoSector, string>> = {
  taxation: '12366',
  humanResources: '12333',
  medicalInsurance: '12393',
  marketRegulation: '12315',
};

// ---------------------------------------------------------------------------------------------
// Materials

interface MaterialOptions {
  /** makes the material conditional: in which case it is needed */
  when?: string;
  form?: Material['form'];
  copies?: number;
  note?: string;
  sampleUrl?: string;
  blankFormUrl?: string;
  acceptedTypes?: string[];
  maxBytes?: number;
}

function material(
  key: string,
  name: string,
  source: Material['source'],
  options: MaterialOptions,
  extra: Partial<Material>,
): Material {
  const { when, form, copies, ...rest } = options;
  const electronic = source !== 'upload' || form === 'electronic';
  return {
    key,
    name,
    requirement: when === undefined ? 'required' : 'conditional',
    ...(when === undefined ? {} : { condition: when }),
    form: electronic ? 'electronic' : (form ?? 'original'),
    copies: electronic ? 0 : (copies ?? 1),
    source,
    ...extra,
    ...rest,
  };
}

/** A material the applicant uploads (or brings: original unless said otherwise, one copy). */
export const upload = (key: string, name: string, options: MaterialOptions = {}): Material =>
  material(key, name, 'upload', options, {});

/** 免提交: taken from the applicant's e-certificate of the named reference type. */
export const fromCertificate = (
  key: string,
  name: string,
  certificateTypeName: string,
  options: MaterialOptions = {},
): Material =>
  material(key, name, 'certificate', options, {
    certificateTypeCode: referenceCertificateTypeCode(certificateTypeName),
  });

/** 免填报: taken from a shared-data resource. */
export const fromSharedData = (
  key: string,
  name: string,
  sharedDataResource: string,
  options: MaterialOptions = {},
): Material => material(key, name, 'sharedData', options, { sharedDataResource });

/** The applicant's identity card, read from the population database after real-name login. */
export const ID_CARD = fromSharedData('idCard', '申请人居民身份证', '人口基础信息');
export const BUSINESS_LICENCE = fromCertificate('businessLicence', '营业执照', '营业执照');
export const HOUSEHOLD_REGISTER = fromCertificate('householdRegister', '居民户口簿', '居民户口簿');
export const AGENT_AUTHORISATION = upload('agentAuthorisation', '授权委托书及受托人身份证明', {
  when: '委托他人代为办理的',
  form: 'original',
});
/** A photo uploaded as a JPEG file. */
export const photo = (
  key: string,
  name: string,
  note: string,
  options: MaterialOptions = {},
): Material =>
  upload(key, name, {
    form: 'electronic',
    acceptedTypes: ['image/jpeg'],
    maxBytes: 2 * 1024 * 1024,
    note,
    ...options,
  });

// ---------------------------------------------------------------------------------------------
// Fees and results

/** 不动产登记费 per 发改价格规〔2016〕2559号: 住宅 80 元/件, 非住宅 550 元/件. */
export const registrationFee = (residential: boolean): FeeItem => ({
  name: residential ? '不动产登记费（住宅类）' : '不动产登记费（非住宅类）',
  amountFen: residential ? 8000 : 55000,
  legalBasis:
    '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
  nonTaxRevenueCode: '103045',
  collectAt: 'beforeIssuing',
});

export const certificateResult = (name: string): ItemResult => ({
  kind: 'certificate',
  certificateTypeCode: referenceCertificateTypeCode(name),
});
export const documentResult = (name: string): ItemResult => ({ kind: 'document', name });

// ---------------------------------------------------------------------------------------------
// Forms: small JSON Schemas (keywords common to draft-07 and 2020-12) with RJSF UI hints

export interface Field {
  schema: Record<string, unknown>;
  ui?: Record<string, unknown>;
  optional?: boolean;
}

export const text = (
  title: string,
  options: { placeholder?: string; maxLength?: number; pattern?: string; optional?: boolean } = {},
): Field => ({
  schema: {
    type: 'string',
    title,
    minLength: 1,
    maxLength: options.maxLength ?? 100,
    ...(options.pattern ? { pattern: options.pattern } : {}),
  },
  ...(options.placeholder ? { ui: { 'ui:placeholder': options.placeholder } } : {}),
  ...(options.optional ? { optional: true } : {}),
});

export const longText = (
  title: string,
  options: { placeholder?: string; maxLength?: number; optional?: boolean } = {},
): Field => ({
  schema: { type: 'string', title, minLength: 1, maxLength: options.maxLength ?? 1000 },
  ui: {
    'ui:widget': 'textarea',
    ...(options.placeholder ? { 'ui:placeholder': options.placeholder } : {}),
  },
  ...(options.optional ? { optional: true } : {}),
});

export const amount = (
  title: string,
  options: { minimum?: number; maximum?: number; integer?: boolean; optional?: boolean } = {},
): Field => ({
  schema: {
    type: options.integer ? 'integer' : 'number',
    title,
    minimum: options.minimum ?? 0,
    ...(options.maximum === undefined ? {} : { maximum: options.maximum }),
  },
  ...(options.optional ? { optional: true } : {}),
});

export const date = (title: string, options: { optional?: boolean } = {}): Field => ({
  schema: { type: 'string', title, format: 'date' },
  ui: { 'ui:widget': 'date' },
  ...(options.optional ? { optional: true } : {}),
});

export const choice = (
  title: string,
  values: readonly string[],
  options: { radio?: boolean; optional?: boolean } = {},
): Field => ({
  schema: { type: 'string', title, enum: [...values] },
  ...(options.radio ? { ui: { 'ui:widget': 'radio' } } : {}),
  ...(options.optional ? { optional: true } : {}),
});

export const mobile = (title: string): Field => ({
  schema: { type: 'string', title, pattern: '^1[3-9][0-9]{9}$' },
  ui: { 'ui:placeholder': '11 位手机号码', 'ui:options': { inputType: 'tel' } },
});

/** Builds the form; fields are required unless marked optional, and shown in the given order. */
export function form(fields: Record<string, Field>): ApplicationForm {
  const keys = Object.keys(fields);
  const uiSchema: Record<string, unknown> = { 'ui:order': keys };
  for (const key of keys) {
    const ui = fields[key]?.ui;
    if (ui) uiSchema[key] = ui;
  }
  return {
    schema: {
      type: 'object',
      properties: Object.fromEntries(keys.map((k) => [k, fields[k]?.schema])),
      required: keys.filter((k) => !fields[k]?.optional),
    },
    uiSchema,
  };
}

// ---------------------------------------------------------------------------------------------
// Guides, items and lists

/** The implementation-list elements as a demo item writes them; derived fields are filled in. */
export interface Guide {
  /** [法定时限, 承诺时限] in working days; a promised 0 makes it a 即办件 */
  limits: readonly [statutory: number, promised: number];
  conditions: string;
  materials: readonly Material[];
  /** none means free */
  fees?: readonly FeeItem[];
  /** 到现场次数, default 1 */
  visits?: 0 | 1 | 2;
  /** 网办深度, default 3; 4 when visits is 0 */
  depth?: 1 | 2 | 3 | 4;
  /** default: online and mobile from depth 3, window unless visits is 0 … see channelsOf */
  channels?: readonly Channel[];
  /** window codes in the region's hall; default by sector */
  windows?: readonly string[];
  form: ApplicationForm;
  /** default immediate-case or promised-case by the limits */
  process?: 'parallel-approval';
  /** officer steps, 2–4 names; the promised days are spread over them */
  stepNames?: readonly string[];
  pending?: boolean;
  result: ItemResult;
  scope?: CrossRegionScope;
  faqs: readonly Faq[];
  lifeEvents: readonly LifeEvent[];
}

/** The override of a region where the applicant still comes in once (到现场一次, 在线受理). */
export const ON_SITE = { visits: 1, depth: 3 } as const satisfies Partial<Guide>;

export interface ItemInput {
  itemType: ItemType;
  sector: DemoSector;
  main: number;
  sub?: number;
  name: string;
  legalBasis: string;
  levels: AdministrativeLevel[];
  applicantKinds: ApplicantKind[];
  handlingCase?: DemoItem['handlingCase'];
  keywords: string[];
  guide: Guide;
  /** where it is implemented, each region with its overrides of the guide */
  at: Partial<Record<DemoRegionCode, Partial<Guide>>>;
}

export interface ItemSpec {
  item: DemoItem;
  sector: DemoSector;
  guide: Guide;
  at: Partial<Record<DemoRegionCode, Partial<Guide>>>;
}

export function defineItem(input: ItemInput): ItemSpec {
  const { main, sub = 0, guide, at, handlingCase = null, ...rest } = input;
  return {
    item: {
      ...rest,
      handlingCase,
      code: formatServiceItemCode({ itemType: input.itemType, sector: input.sector, main, sub }),
      competentOrganisation: PROVINCE_DEPARTMENTS[input.sector],
    },
    sector: input.sector,
    guide,
    at,
  };
}

const PROMISED_STEPS = ['受理', '审查', '决定', '制证送达'];
const IMMEDIATE_STEPS = ['受理', '办结'];

const STEP_DESCRIPTIONS: Record<string, string> = {
  受理: '审核申请材料，材料齐全、符合法定形式的予以受理；不齐全的一次性告知需补正的全部内容',
  审查: '对申请材料的实质内容进行审查，必要时进行现场核查',
  决定: '作出准予或者不予的决定，不予的说明理由并告知救济途径',
  制证送达: '制作证照（同步生成电子证照），窗口领取或免费邮寄送达',
};

/**
 * Officer steps spread over the promised days: the first (受理) is same-day, each step after the
 * second takes a day while days allow, and the second (审查) takes the rest. The sum is the
 * promised limit.
 */
export function stepsOf(names: readonly string[], promised: number): ProcessStep[] {
  const days = names.map(() => 0);
  let rest = promised;
  for (let i = 2; i < names.length; i++) {
    days[i] = rest >= 2 ? 1 : 0;
    rest -= days[i] ?? 0;
  }
  if (names.length > 1) days[1] = rest;
  return names.map((name, i) => {
    const description = STEP_DESCRIPTIONS[name];
    return { name, ...(description ? { description } : {}), limitDays: days[i] ?? 0 };
  });
}

function channelsOf(visits: number, depth: number): Channel[] {
  const channels: Channel[] = depth >= 3 ? ['online', 'mobile'] : ['online'];
  channels.push('window');
  if (visits === 0) channels.push('mail');
  return channels;
}

function elementsOf(spec: ItemSpec, region: DemoRegionCode, g: Guide): DemoList {
  const [statutory, promised] = g.limits;
  const immediate = promised === 0;
  const visits = g.visits ?? 1;
  const depth = g.depth ?? (visits === 0 ? 4 : 3);
  const channels = [...(g.channels ?? channelsOf(visits, depth))];
  const windows =
    region === '410000'
      ? (PROVINCE_WINDOWS[spec.sector] ?? ['A01'])
      : [...(g.windows ?? LOCAL_WINDOWS[spec.sector])];
  const { prefix: _prefix, hallAddress, areaCode, officeHours } = DEMO_REGIONS[region];
  const fees = g.fees ?? [];
  return {
    itemCode: spec.item.code,
    organisation: departmentOf(spec.sector, region),
    regionCode: region,
    windowCodes: channels.includes('window') ? windows : [],
    elements: {
      handlingKind: immediate ? 'immediate' : 'promised',
      statutoryLimitDays: statutory,
      promisedLimitDays: promised,
      acceptanceConditions: g.conditions,
      materials: [...g.materials],
      fees: { free: fees.length === 0, items: [...fees] },
      onSiteVisits: visits,
      onlineDepth: depth,
      channels,
      serviceWindowIds: [],
      form: g.form,
      processDefinitionKey: g.process ?? (immediate ? 'immediate-case' : 'promised-case'),
      steps: stepsOf(g.stepNames ?? (immediate ? IMMEDIATE_STEPS : PROMISED_STEPS), promised),
      allowsPendingMaterials: g.pending ?? false,
      result: g.result,
      crossRegionScope: g.scope ?? 'local',
      faqs: [...g.faqs],
      lifeEvents: [...g.lifeEvents],
      consultationPhone: HOTLINES[spec.sector] ?? `${areaCode}-12345`,
      complaintPhone: '12345',
      address: channels.includes('window')
        ? `${hallAddress}（${windows.join('、')} 窗口）`
        : hallAddress,
      officeHours,
    },
  };
}

/** The implementation lists of an item: one per region it is implemented in. */
export function listsOf(spec: ItemSpec): DemoList[] {
  return (Object.keys(spec.at) as DemoRegionCode[]).map((region) =>
    elementsOf(spec, region, { ...spec.guide, ...spec.at[region] }),
  );
}
