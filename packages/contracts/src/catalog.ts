import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { RegionCode } from './directory.js';

// 政务服务事项管理: the basic catalogue (基本目录), implementation lists (实施清单), 一件事 bundles
// and the six-mosts (六个最) metrics. Codes: see packages/gb/src/service-item-code.ts.

const literals = <T extends readonly string[]>(values: T, options: object = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TSchema & { static: T[number] };

export const ITEM_TYPE_VALUES = [
  'licence',
  'penalty',
  'coercion',
  'levy',
  'benefit',
  'inspection',
  'confirmation',
  'award',
  'adjudication',
  'otherPower',
  'publicService',
] as const;
/** 事项类型 (行政许可, 行政确认 … 公共服务); names in packages/gb ITEM_TYPES */
export const ItemType = literals(ITEM_TYPE_VALUES, { description: '事项类型' });
export type ItemType = (typeof ITEM_TYPE_VALUES)[number];

export const SECTOR_VALUES = [
  'marketRegulation',
  'publicSecurity',
  'humanResources',
  'civilAffairs',
  'health',
  'taxation',
  'housing',
  'naturalResources',
  'education',
  'transport',
  'medicalInsurance',
  'ecology',
  'agriculture',
  'commerce',
  'culture',
  'governmentServices',
] as const;
/** 部门类别 of the competent department; names in packages/gb SECTORS */
export const Sector = literals(SECTOR_VALUES, { description: '部门类别' });
export type Sector = (typeof SECTOR_VALUES)[number];

export const ADMINISTRATIVE_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
/** 行使层级 */
export const AdministrativeLevel = literals(ADMINISTRATIVE_LEVELS, { description: '行使层级' });
export type AdministrativeLevel = (typeof ADMINISTRATIVE_LEVELS)[number];

export const APPLICANT_KINDS = ['person', 'enterprise'] as const;
/** 服务对象: 自然人 / 法人 */
export const ApplicantKind = literals(APPLICANT_KINDS, { description: '服务对象' });
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** Life events (个人) and themes (法人) an item is found under. */
export const PERSON_LIFE_EVENTS = [
  '出生',
  '入学',
  '就业',
  '婚育',
  '住房',
  '出行',
  '就医',
  '社保',
  '退休',
  '身后',
] as const;
export const ENTERPRISE_LIFE_EVENTS = [
  '开办企业',
  '准营',
  '工程建设',
  '纳税',
  '用工',
  '不动产',
  '变更',
  '注销',
] as const;
export const LIFE_EVENTS = [...PERSON_LIFE_EVENTS, ...ENTERPRISE_LIFE_EVENTS] as const;
export const LifeEvent = literals(LIFE_EVENTS, { description: '主题 / 生命周期事件' });
export type LifeEvent = (typeof LIFE_EVENTS)[number];

/** 13-character basic code: type (2 capitals) + sector (3 digits) + main (5) + sub (3). */
export const ServiceItemCode = Type.String({
  pattern: '^[A-Z]{2}[0-9]{11}$',
  description: '事项编码 (基本编码)',
});
/** 21-character implementation code: basic code + region code + two-digit sequence. */
export const ImplementationCode = Type.String({
  pattern: '^[A-Z]{2}[0-9]{19}$',
  description: '实施编码',
});
/** 证照类型代码 (GB/T 36902): the defining ministry's credit code + three digits. */
export const CertificateTypeCode = Type.String({
  pattern: '^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$',
  description: '证照类型代码',
});

// ---------------------------------------------------------------------------------------------
// Basic catalogue

/** Writable fields of a basic-catalogue item. */
export const ServiceItemBody = Type.Object({
  code: ServiceItemCode,
  name: Type.String({ minLength: 2, maxLength: 100, description: '事项名称' }),
  itemType: ItemType,
  sector: Sector,
  /** 主管部门: the province-level competent department (an organisation id) */
  competentOrganisationId: Type.String({ format: 'uuid' }),
  legalBasis: Type.String({ minLength: 1, maxLength: 4000, description: '设定和实施依据' }),
  levels: Type.Array(AdministrativeLevel, { minItems: 1, uniqueItems: true }),
  applicantKinds: Type.Array(ApplicantKind, { minItems: 1, uniqueItems: true }),
  /** 办理情形 of a 业务办理项 (新设 / 变更 / 延续 / 注销), when the item is one */
  handlingCase: Type.Union([
    Type.Literal('new'),
    Type.Literal('change'),
    Type.Literal('renewal'),
    Type.Literal('cancellation'),
    Type.Null(),
  ]),
  /** extra words people search with (e.g. 执照 for 营业执照) */
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 }),
});
export type ServiceItemBody = Static<typeof ServiceItemBody>;

export const ServiceItemPatch = Type.Partial(Type.Omit(ServiceItemBody, ['code']), {
  minProperties: 1,
});
export type ServiceItemPatch = Static<typeof ServiceItemPatch>;

/** A basic-catalogue item as read. */
export const ServiceItem = Type.Object({
  ...ServiceItemBody.properties,
  id: Type.String(),
  competentOrganisationName: Type.String(),
  /** life events of its published lists, for browsing */
  lifeEvents: Type.Array(LifeEvent),
  /** how many published implementation lists it has */
  publishedListCount: Type.Integer({ minimum: 0 }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ServiceItem = Static<typeof ServiceItem>;

export const ServiceItemSearchQuery = Type.Object({
  /** keyword in Chinese, or pinyin initials (e.g. yyzz for 营业执照) */
  q: Type.Optional(Type.String({ maxLength: 50 })),
  /** implementing organisation */
  organisation: Type.Optional(Type.String({ format: 'uuid' })),
  /** region where the item is offered: lists of the region, its ancestors and its subtree */
  region: Type.Optional(RegionCode),
  applicantKind: Type.Optional(ApplicantKind),
  lifeEvent: Type.Optional(LifeEvent),
  itemType: Type.Optional(ItemType),
  sector: Type.Optional(Sector),
  /** staff only: include items without a published list */
  includeUnpublished: Type.Optional(Type.Boolean({ default: false })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ServiceItemSearchQuery = Static<typeof ServiceItemSearchQuery>;

export const ServiceItemSearchResult = Type.Object({
  items: Type.Array(ServiceItem),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type ServiceItemSearchResult = Static<typeof ServiceItemSearchResult>;

// ---------------------------------------------------------------------------------------------
// Implementation lists: elements

export const MaterialSource = Type.Union([
  Type.Literal('upload'),
  /** 免提交: taken from the applicant's e-certificate of this type */
  Type.Literal('certificate'),
  /** 免填报: taken from shared government data */
  Type.Literal('sharedData'),
]);
export type MaterialSource = Static<typeof MaterialSource>;

/** 申请材料 */
export const Material = Type.Object({
  /** stable key inside the list, used by applications and for de-duplication in bundles */
  key: Type.String({ pattern: '^[a-z][a-zA-Z0-9]{0,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')]),
  /** when `requirement` is conditional: in which case it is needed */
  condition: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** 材料形式: 原件 / 复印件 / 电子 */
  form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('electronic')]),
  copies: Type.Integer({ minimum: 0, maximum: 20, description: '份数' }),
  source: MaterialSource,
  certificateTypeCode: Type.Optional(CertificateTypeCode),
  /** the shared-data resource that replaces the material (名称 in the data catalogue) */
  sharedDataResource: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** 样表 / 空白表格 (a path or URL) */
  sampleUrl: Type.Optional(Type.String({ maxLength: 500 })),
  blankFormUrl: Type.Optional(Type.String({ maxLength: 500 })),
  /** accepted MIME types of uploads; when absent: PDF, JPEG and PNG */
  acceptedTypes: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
  /** upload size limit per file; when absent 10 MiB */
  maxBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 52428800 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type Material = Static<typeof Material>;

/** 收费项目 */
export const FeeItem = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  amountFen: Type.Integer({ minimum: 1, maximum: 100000000, description: '金额（分）' }),
  legalBasis: Type.String({ minLength: 1, maxLength: 1000, description: '收费依据' }),
  /** 非税收入项目编码 */
  nonTaxRevenueCode: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{4,20}$' })),
  /** when the fee order is created */
  collectAt: Type.Union([Type.Literal('beforeAcceptance'), Type.Literal('beforeIssuing')]),
});
export type FeeItem = Static<typeof FeeItem>;

/** Free is explicit: `{ free: true, items: [] }`. */
export const Fees = Type.Object({
  free: Type.Boolean(),
  items: Type.Array(FeeItem, { maxItems: 20 }),
});
export type Fees = Static<typeof Fees>;

/** 办理环节: an officer's step of the process as the guide shows it. */
export const ProcessStep = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  limitDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
});
export type ProcessStep = Static<typeof ProcessStep>;

export const Channel = Type.Union([
  Type.Literal('online'),
  Type.Literal('window'),
  Type.Literal('mobile'),
  Type.Literal('selfService'),
  Type.Literal('mail'),
]);
export type Channel = Static<typeof Channel>;

/**
 * 办理结果: a certificate of a type, or a result document with a name. One object rather than a
 * union of objects: request bodies are stripped of unknown properties, which does not mix with
 * unions of object shapes. Publication checks that the field the kind needs is there.
 */
export const ItemResult = Type.Object({
  kind: Type.Union([Type.Literal('certificate'), Type.Literal('document')]),
  /** when kind is certificate */
  certificateTypeCode: Type.Optional(CertificateTypeCode),
  /** when kind is document: the result document, e.g. 准予许可决定书 */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type ItemResult = Static<typeof ItemResult>;

export const CrossRegionScope = Type.Union([
  Type.Literal('crossProvince'),
  Type.Literal('crossRegion'),
  Type.Literal('local'),
]);
export type CrossRegionScope = Static<typeof CrossRegionScope>;

export const Faq = Type.Object({
  question: Type.String({ minLength: 1, maxLength: 500 }),
  answer: Type.String({ minLength: 1, maxLength: 4000 }),
});
export type Faq = Static<typeof Faq>;

/** The application form: a JSON Schema (draft 2020-12 subset AJV knows) and an RJSF UI schema. */
export const ApplicationForm = Type.Object({
  schema: Type.Record(Type.String(), Type.Unknown()),
  uiSchema: Type.Record(Type.String(), Type.Unknown()),
});
export type ApplicationForm = Static<typeof ApplicationForm>;

/**
 * The standard elements of an implementation list (实施清单要素). A draft may be incomplete in
 * content (empty materials, no steps) but never malformed; publishing checks completeness.
 */
export const ImplementationElements = Type.Object({
  /** 即办件 / 承诺件 */
  handlingKind: Type.Union([Type.Literal('immediate'), Type.Literal('promised')]),
  statutoryLimitDays: Type.Integer({ minimum: 0, maximum: 365, description: '法定时限（工作日）' }),
  promisedLimitDays: Type.Integer({ minimum: 0, maximum: 365, description: '承诺时限（工作日）' }),
  acceptanceConditions: Type.String({ maxLength: 4000, description: '受理条件' }),
  materials: Type.Array(Material, { maxItems: 100 }),
  fees: Fees,
  /** 到现场次数: 0, 1, or 2 meaning two or more */
  onSiteVisits: Type.Integer({ minimum: 0, maximum: 2 }),
  /** 网办深度 1 信息发布, 2 在线预审, 3 在线受理, 4 全程网办 */
  onlineDepth: Type.Integer({ minimum: 1, maximum: 4 }),
  channels: Type.Array(Channel, { uniqueItems: true, maxItems: 5 }),
  serviceWindowIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }),
  form: ApplicationForm,
  /** the BPMN process definition key the application runs on (e.g. `promised-case`) */
  processDefinitionKey: Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' }),
  steps: Type.Array(ProcessStep, { maxItems: 30 }),
  /** 容缺受理 allowed */
  allowsPendingMaterials: Type.Boolean(),
  result: ItemResult,
  crossRegionScope: CrossRegionScope,
  faqs: Type.Array(Faq, { maxItems: 50 }),
  lifeEvents: Type.Array(LifeEvent, { uniqueItems: true, maxItems: 10 }),
  consultationPhone: Type.Optional(Type.String({ maxLength: 50 })),
  complaintPhone: Type.Optional(Type.String({ maxLength: 50 })),
  /** 办公地址 / 办公时间 as shown in the guide */
  address: Type.Optional(Type.String({ maxLength: 200 })),
  officeHours: Type.Optional(Type.String({ maxLength: 200 })),
});
export type ImplementationElements = Static<typeof ImplementationElements>;

export const ListVersionStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('published'),
  /** replaced by a later published version; still read by applications filed under it */
  Type.Literal('superseded'),
  Type.Literal('retired'),
]);
export type ListVersionStatus = Static<typeof ListVersionStatus>;

/** Six mosts of one implementation list version. */
export const ListMetrics = Type.Object({
  steps: Type.Integer({ minimum: 0 }),
  materials: Type.Integer({ minimum: 0 }),
  materialsByCertificate: Type.Integer({ minimum: 0 }),
  materialsBySharedData: Type.Integer({ minimum: 0 }),
  /** materials the applicant still has to provide */
  materialsToSubmit: Type.Integer({ minimum: 0 }),
  statutoryLimitDays: Type.Integer({ minimum: 0 }),
  promisedLimitDays: Type.Integer({ minimum: 0 }),
  /** 1 − promised / statutory, in percent with one decimal; null when statutory is 0 */
  compressionPercent: Type.Union([Type.Number(), Type.Null()]),
  feeFen: Type.Integer({ minimum: 0 }),
  onSiteVisits: Type.Integer({ minimum: 0, maximum: 2 }),
  onlineDepth: Type.Integer({ minimum: 1, maximum: 4 }),
  immediate: Type.Boolean(),
});
export type ListMetrics = Static<typeof ListMetrics>;

/** One version of an implementation list. */
export const ImplementationListVersion = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  /** incremented by every save of a draft */
  revision: Type.Integer({ minimum: 1 }),
  status: ListVersionStatus,
  elements: ImplementationElements,
  metrics: ListMetrics,
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  submittedBy: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  submittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ImplementationListVersion = Static<typeof ImplementationListVersion>;

/** An implementation list: one item as implemented by one organisation in its region. */
export const ImplementationList = Type.Object({
  id: Type.String(),
  code: ImplementationCode,
  itemCode: ServiceItemCode,
  itemName: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  /** the version in force (null until first published, or after retirement) */
  published: Type.Union([ImplementationListVersion, Type.Null()]),
  /** the version being edited or reviewed, if any */
  pending: Type.Union([ImplementationListVersion, Type.Null()]),
});
export type ImplementationList = Static<typeof ImplementationList>;

/** `GET /items/{code}`: the item with its published lists (public). */
export const ServiceItemDetail = Type.Object({
  item: ServiceItem,
  lists: Type.Array(ImplementationList),
});
export type ServiceItemDetail = Static<typeof ServiceItemDetail>;

export const CreateImplementationListBody = Type.Object({
  itemCode: ServiceItemCode,
  organisationId: Type.String({ format: 'uuid' }),
  elements: ImplementationElements,
});
export type CreateImplementationListBody = Static<typeof CreateImplementationListBody>;

export const UpdateDraftBody = Type.Object({
  elements: ImplementationElements,
  /** the draft's `revision` this edit starts from, to refuse a lost update (409) */
  revision: Type.Integer({ minimum: 1 }),
});
export type UpdateDraftBody = Static<typeof UpdateDraftBody>;

export const ReviewBody = Type.Object({
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
});
export type ReviewBody = Static<typeof ReviewBody>;

export const RetireBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
});
export type RetireBody = Static<typeof RetireBody>;

export const ImplementationListQuery = Type.Object({
  itemCode: Type.Optional(ServiceItemCode),
  organisation: Type.Optional(Type.String({ format: 'uuid' })),
  region: Type.Optional(RegionCode),
  /** lists with a version in this status */
  status: Type.Optional(ListVersionStatus),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type ImplementationListQuery = Static<typeof ImplementationListQuery>;

export const ImplementationListPage = Type.Object({
  items: Type.Array(ImplementationList),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type ImplementationListPage = Static<typeof ImplementationListPage>;

export const ListVersionHistory = Type.Object({
  items: Type.Array(ImplementationListVersion),
});
export type ListVersionHistory = Static<typeof ListVersionHistory>;

// ---------------------------------------------------------------------------------------------
// 一件事 bundles

export const BundleMember = Type.Object({
  itemCode: ServiceItemCode,
  /** members of one stage run in parallel; stages run one after another */
  stage: Type.Integer({ minimum: 1, maximum: 10 }),
});
export type BundleMember = Static<typeof BundleMember>;

export const BundleBody = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9-]{2,63}$' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.String({ maxLength: 2000 }),
  applicantKind: ApplicantKind,
  lifeEvents: Type.Array(LifeEvent, { uniqueItems: true, maxItems: 10 }),
  /** 总体清单 / 年度清单 / 特色清单 */
  listKind: Type.Union([Type.Literal('overall'), Type.Literal('annual'), Type.Literal('local')]),
  members: Type.Array(BundleMember, { minItems: 2, maxItems: 20 }),
});
export type BundleBody = Static<typeof BundleBody>;

export const Bundle = Type.Object({
  ...BundleBody.properties,
  id: Type.String(),
  memberNames: Type.Array(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Bundle = Static<typeof Bundle>;

export const BundleList = Type.Object({ items: Type.Array(Bundle) });
export type BundleList = Static<typeof BundleList>;

/** A merged material of a bundle: one material asked for once however many items need it. */
export const BundleMaterial = Type.Object({
  ...Material.properties,
  /** the items (codes) that ask for it */
  requiredBy: Type.Array(ServiceItemCode),
});
export type BundleMaterial = Static<typeof BundleMaterial>;

/** A bundle resolved in a region: each member's list, the merged form and materials, the time. */
export const ResolvedBundle = Type.Object({
  bundle: Bundle,
  regionCode: RegionCode,
  members: Type.Array(
    Type.Object({
      itemCode: ServiceItemCode,
      itemName: Type.String(),
      stage: Type.Integer(),
      listId: Type.String(),
      listVersionId: Type.String(),
      organisationName: Type.String(),
      promisedLimitDays: Type.Integer(),
      statutoryLimitDays: Type.Integer(),
    }),
  ),
  /** merged JSON Schema form; a field two items name alike with the same schema is asked once */
  form: ApplicationForm,
  /** for each field of the merged form, the member items' fields it fills */
  fieldMap: Type.Record(
    Type.String(),
    Type.Array(Type.Object({ itemCode: ServiceItemCode, field: Type.String() })),
  ),
  materials: Type.Array(BundleMaterial),
  /** sum over stages of the longest promised limit in the stage */
  promisedLimitDays: Type.Integer({ minimum: 0 }),
  statutoryLimitDays: Type.Integer({ minimum: 0 }),
  /** sum of the members' separate promised limits, for comparison */
  separatePromisedLimitDays: Type.Integer({ minimum: 0 }),
  onSiteVisits: Type.Integer({ minimum: 0, maximum: 2 }),
});
export type ResolvedBundle = Static<typeof ResolvedBundle>;

export const ResolveBundleQuery = Type.Object({ region: RegionCode });
export type ResolveBundleQuery = Static<typeof ResolveBundleQuery>;

// ---------------------------------------------------------------------------------------------
// Six mosts (六个最)

export const SixMosts = Type.Object({
  /** published implementation lists counted */
  lists: Type.Integer({ minimum: 0 }),
  averageSteps: Type.Number({ minimum: 0 }),
  materials: Type.Integer({ minimum: 0 }),
  materialsByCertificate: Type.Integer({ minimum: 0 }),
  materialsBySharedData: Type.Integer({ minimum: 0 }),
  averageMaterialsToSubmit: Type.Number({ minimum: 0 }),
  statutoryLimitDays: Type.Integer({ minimum: 0, description: 'sum over lists' }),
  promisedLimitDays: Type.Integer({ minimum: 0, description: 'sum over lists' }),
  /** 1 − Σpromised / Σstatutory over lists with a statutory limit, percent, one decimal */
  compressionPercent: Type.Union([Type.Number(), Type.Null()]),
  immediateShare: Type.Number({ minimum: 0, maximum: 1 }),
  freeShare: Type.Number({ minimum: 0, maximum: 1 }),
  averageFeeFen: Type.Number({ minimum: 0 }),
  /** 最多跑一次: share of lists with at most one on-site visit */
  atMostOneVisitShare: Type.Number({ minimum: 0, maximum: 1 }),
  zeroVisitShare: Type.Number({ minimum: 0, maximum: 1 }),
  /** lists per online depth 1–4 */
  onlineDepth: Type.Object({
    level1: Type.Integer({ minimum: 0 }),
    level2: Type.Integer({ minimum: 0 }),
    level3: Type.Integer({ minimum: 0 }),
    level4: Type.Integer({ minimum: 0 }),
  }),
  /** share of 全程网办 (depth 4) */
  fullyOnlineShare: Type.Number({ minimum: 0, maximum: 1 }),
});
export type SixMosts = Static<typeof SixMosts>;

export const SixMostsQuery = Type.Object({
  /** group rows by: organisation, region (the implementing region), or item */
  groupBy: Type.Union(
    [Type.Literal('organisation'), Type.Literal('region'), Type.Literal('item')],
    {
      default: 'organisation',
    },
  ),
  /** restrict to lists implemented within this region subtree */
  region: Type.Optional(RegionCode),
});
export type SixMostsQuery = Static<typeof SixMostsQuery>;

/** 好差评 beside the six mosts: the applicants' ratings of the same selection. */
export const Satisfaction = Type.Object({
  /** ratings counted (一事一评 and 一次一评, follow-ups and excluded ones not) */
  ratings: Type.Integer({ minimum: 0 }),
  /** rated 基本满意 or better */
  satisfied: Type.Integer({ minimum: 0 }),
  /** satisfied / ratings, four decimals; null without ratings */
  satisfactionRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
});
export type Satisfaction = Static<typeof Satisfaction>;

export const SixMostsReport = Type.Object({
  /** the whole selection (the province when no region is given) */
  total: SixMosts,
  totalSatisfaction: Satisfaction,
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      metrics: SixMosts,
      satisfaction: Satisfaction,
    }),
  ),
});
export type SixMostsReport = Static<typeof SixMostsReport>;

// ---------------------------------------------------------------------------------------------
// Import

export const ImportCellError = Type.Object({
  sheet: Type.String(),
  /** 1-based row number as Excel shows it */
  row: Type.Integer({ minimum: 1 }),
  /** column header as in the sheet */
  column: Type.String(),
  message: Type.String(),
});
export type ImportCellError = Static<typeof ImportCellError>;

export const ImportReport = Type.Object({
  /** lists created */
  created: Type.Integer({ minimum: 0 }),
  /** lists that got a new draft version */
  updated: Type.Integer({ minimum: 0 }),
  rows: Type.Integer({ minimum: 0 }),
});
export type ImportReport = Static<typeof ImportReport>;

// ---------------------------------------------------------------------------------------------
// Certificate types (证照目录), read by the catalogue; owned by the certificates module

export const CertificateType = Type.Object({
  code: CertificateTypeCode,
  name: Type.String(),
  /** the sector of the issuing department */
  sector: Sector,
  holderKind: ApplicantKind,
  /** validity in years; null when it does not expire */
  validityYears: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()]),
  /** 签发层级 */
  issuingLevel: Type.Optional(
    Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  ),
  /** 照面信息: the data items as a JSON Schema (titles name them) */
  dataSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type CertificateType = Static<typeof CertificateType>;

export const CertificateTypeList = Type.Object({ items: Type.Array(CertificateType) });

/** A type of the 证照目录 with the implementation lists whose completion issues it. */
export const CertificateTypeDetail = Type.Composite([
  CertificateType,
  Type.Object({
    issuingLists: Type.Array(
      Type.Object({
        listId: Type.String(),
        itemCode: Type.String(),
        itemName: Type.String(),
        organisationId: Type.String(),
        organisationName: Type.String(),
        regionCode: Type.String(),
      }),
    ),
  }),
]);
export type CertificateTypeDetail = Static<typeof CertificateTypeDetail>;
export type CertificateTypeList = Static<typeof CertificateTypeList>;
