import type {
  Channel,
  CrossRegionScope,
  FeeItem,
  ImplementationElements,
  ItemResult,
  Material,
} from '@zhengtong/contracts';

// The layout of the implementation-list workbook (实施清单导入导出模板): sheet names, column
// headers and widths, and the Chinese words each enumerated element is written as.

export const SHEETS = {
  lists: '实施清单',
  materials: '申请材料',
  fees: '收费项目',
  faqs: '常见问题',
} as const;
export type SheetKey = keyof typeof SHEETS;

export interface ColumnSpec {
  header: string;
  /** in characters */
  width: number;
  /**
   * Excel number format of the column. Text columns get '@' so that what a user types there
   * (codes, 410100, 1-2) stays text instead of becoming a number or a date.
   */
  numFmt?: string;
  /** a sheet may lack the column (it then reads as blank); every other column is required */
  optional?: boolean;
}

const text = (header: string, width: number, optional = false): ColumnSpec => ({
  header,
  width,
  numFmt: '@',
  optional,
});
const number = (header: string, width: number, optional = false, numFmt?: string): ColumnSpec => ({
  header,
  width,
  ...(numFmt !== undefined && { numFmt }),
  optional,
});

/** The columns that identify a list on every sheet. */
const keyColumns = {
  itemCode: text('事项编码', 17),
  organisationName: text('实施机构', 26),
  regionCode: text('区划代码', 10),
};

/** 实施清单: one row per list. Keys are element names, except `fees` (是否收费) and `resultKind`. */
export const LIST_SHEET = {
  itemCode: keyColumns.itemCode,
  // written for people; ignored on import
  itemName: text('事项名称', 28, true),
  organisationName: keyColumns.organisationName,
  regionCode: keyColumns.regionCode,
  handlingKind: text('办件类型', 10),
  statutoryLimitDays: number('法定时限（工作日）', 12),
  promisedLimitDays: number('承诺时限（工作日）', 12),
  acceptanceConditions: text('受理条件', 40),
  onSiteVisits: number('到现场次数', 11),
  onlineDepth: number('网办深度', 10),
  channels: text('办理渠道', 30),
  serviceWindowIds: text('服务窗口ID', 40),
  fees: text('是否收费', 10),
  processDefinitionKey: text('流程定义', 18),
  steps: text('办理环节', 40),
  allowsPendingMaterials: text('容缺受理', 10),
  resultKind: text('办理结果类型', 13),
  result: text('办理结果', 26),
  crossRegionScope: text('通办范围', 11),
  lifeEvents: text('主题', 20),
  consultationPhone: text('咨询电话', 16),
  complaintPhone: text('投诉电话', 16),
  address: text('办公地址', 30),
  officeHours: text('办公时间', 30),
  form: text('申请表单', 50),
} satisfies Record<string, ColumnSpec>;

/** 申请材料: one row per material; keys after the list key are Material's properties. */
export const MATERIAL_SHEET = {
  ...keyColumns,
  key: text('材料标识', 16),
  name: text('材料名称', 30),
  requirement: text('必要性', 10),
  condition: text('适用情形', 24),
  form: text('材料形式', 10),
  copies: number('份数', 7),
  source: text('来源', 12),
  certificateTypeCode: text('证照类型代码', 24),
  sharedDataResource: text('共享数据资源', 24),
  sampleUrl: text('样表', 24),
  blankFormUrl: text('空白表格', 24),
  note: text('说明', 30),
  acceptedTypes: text('允许类型', 30, true),
  maxBytes: number('大小上限（MB）', 12, true),
} satisfies Record<string, ColumnSpec>;

/** 收费项目: one row per fee item; keys after the list key are FeeItem's properties. */
export const FEE_SHEET = {
  ...keyColumns,
  name: text('收费项目名称', 28),
  amountFen: number('金额（元）', 12, false, '0.00'),
  legalBasis: text('收费依据', 40),
  nonTaxRevenueCode: text('非税收入项目编码', 18),
  collectAt: text('收费环节', 10),
} satisfies Record<string, ColumnSpec>;

/** 常见问题: one row per question. */
export const FAQ_SHEET = {
  ...keyColumns,
  question: text('问题', 40),
  answer: text('解答', 60),
} satisfies Record<string, ColumnSpec>;

export type ListField = keyof typeof LIST_SHEET;
export type MaterialField = keyof typeof MATERIAL_SHEET;
export type FeeField = keyof typeof FEE_SHEET;
export type FaqField = keyof typeof FAQ_SHEET;

const headersOf = <T extends Record<string, ColumnSpec>>(spec: T) =>
  Object.fromEntries(Object.entries(spec).map(([k, c]) => [k, c.header])) as {
    [K in keyof T]: string;
  };

/**
 * Headers of the main sheet by field. The service reports what it finds wrong later (unknown
 * item, unknown organisation, no right to the list) under `LIST_COLUMNS.itemCode` etc.
 */
export const LIST_COLUMNS = headersOf(LIST_SHEET);
export const MATERIAL_COLUMNS = headersOf(MATERIAL_SHEET);
export const FEE_COLUMNS = headersOf(FEE_SHEET);
export const FAQ_COLUMNS = headersOf(FAQ_SHEET);

// ---------------------------------------------------------------------------------------------
// Words of the enumerated elements, as written; the reader also accepts the aliases below.

export const HANDLING_KIND_WORDS: Record<ImplementationElements['handlingKind'], string> = {
  immediate: '即办件',
  promised: '承诺件',
};
export const CHANNEL_WORDS: Record<Channel, string> = {
  online: '网上办理',
  window: '窗口办理',
  mobile: '移动端',
  selfService: '自助终端',
  mail: '邮寄',
};
/** 网办深度 is written as its number; these names are accepted on import */
export const ONLINE_DEPTH_WORDS: Record<1 | 2 | 3 | 4, string> = {
  1: '信息发布',
  2: '在线预审',
  3: '在线受理',
  4: '全程网办',
};
export const RESULT_KIND_WORDS: Record<ItemResult['kind'], string> = {
  certificate: '证照',
  document: '文书',
};
export const SCOPE_WORDS: Record<CrossRegionScope, string> = {
  crossProvince: '跨省通办',
  crossRegion: '省内通办',
  local: '本地',
};
export const REQUIREMENT_WORDS: Record<Material['requirement'], string> = {
  required: '必要',
  conditional: '情形必要',
};
export const MATERIAL_FORM_WORDS: Record<Material['form'], string> = {
  original: '原件',
  copy: '复印件',
  electronic: '电子',
};
export const MATERIAL_SOURCE_WORDS: Record<Material['source'], string> = {
  upload: '申请人提交',
  certificate: '电子证照',
  sharedData: '共享数据',
};
export const COLLECT_AT_WORDS: Record<FeeItem['collectAt'], string> = {
  beforeAcceptance: '受理前',
  beforeIssuing: '发证前',
};
