import type {
  AdministrativeLevel,
  ApplicantKind,
  BundleBody,
  Channel,
  CrossRegionScope,
  FeeItem,
  ImplementationElements,
  LifeEvent,
  ListVersionStatus,
  Material,
  MaterialSource,
  ServiceItemBody,
} from '@zhengtong/contracts';
import type { Translate } from '../../shared/i18n/LocaleProvider';
import type { Locale, MessageKey } from '../../shared/i18n/messages';

// Names of the catalogue's enumerations in the UI language, and the colours of their tags.

/** Options (of a select, radio or checkbox group) for these values, named in the UI language. */
export function optionsOf<Value extends string | number>(
  values: readonly Value[],
  key: Record<NoInfer<Value>, MessageKey>,
  t: Translate,
): { value: Value; label: string }[] {
  return values.map((value) => ({ value, label: t(key[value]) }));
}

export { itemTypeName, sectorName } from '../../shared/i18n/gbNames';

export const statusKey: Record<ListVersionStatus, MessageKey> = {
  draft: 'catalogAdmin.status.draft',
  submitted: 'catalogAdmin.status.submitted',
  published: 'catalogAdmin.status.published',
  superseded: 'catalogAdmin.status.superseded',
  retired: 'catalogAdmin.status.retired',
};

export const statusColor: Record<ListVersionStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  published: 'green',
  superseded: 'blue',
  retired: 'red',
};

export const listStatuses: readonly ListVersionStatus[] = [
  'draft',
  'submitted',
  'published',
  'superseded',
  'retired',
];

export const levelKey: Record<AdministrativeLevel, MessageKey> = {
  province: 'catalogAdmin.level.province',
  city: 'catalogAdmin.level.city',
  county: 'catalogAdmin.level.county',
  township: 'catalogAdmin.level.township',
  village: 'catalogAdmin.level.village',
};

export const applicantKindKey: Record<ApplicantKind, MessageKey> = {
  person: 'catalogAdmin.applicantKind.person',
  enterprise: 'catalogAdmin.applicantKind.enterprise',
};

type HandlingCase = Exclude<ServiceItemBody['handlingCase'], null>;
export const handlingCaseKey: Record<HandlingCase, MessageKey> = {
  new: 'catalogAdmin.handlingCase.new',
  change: 'catalogAdmin.handlingCase.change',
  renewal: 'catalogAdmin.handlingCase.renewal',
  cancellation: 'catalogAdmin.handlingCase.cancellation',
};
export const handlingCases = Object.keys(handlingCaseKey) as HandlingCase[];

export const handlingKindKey: Record<ImplementationElements['handlingKind'], MessageKey> = {
  immediate: 'catalogAdmin.handlingKind.immediate',
  promised: 'catalogAdmin.handlingKind.promised',
};

export const onSiteVisitsKey: Record<0 | 1 | 2, MessageKey> = {
  0: 'catalogAdmin.visits.0',
  1: 'catalogAdmin.visits.1',
  2: 'catalogAdmin.visits.2',
};

export const onlineDepthKey: Record<1 | 2 | 3 | 4, MessageKey> = {
  1: 'catalogAdmin.depth.1',
  2: 'catalogAdmin.depth.2',
  3: 'catalogAdmin.depth.3',
  4: 'catalogAdmin.depth.4',
};

export const crossRegionScopeKey: Record<CrossRegionScope, MessageKey> = {
  crossProvince: 'catalogAdmin.scope.crossProvince',
  crossRegion: 'catalogAdmin.scope.crossRegion',
  local: 'catalogAdmin.scope.local',
};

export const channelKey: Record<Channel, MessageKey> = {
  online: 'catalogAdmin.channel.online',
  window: 'catalogAdmin.channel.window',
  mobile: 'catalogAdmin.channel.mobile',
  selfService: 'catalogAdmin.channel.selfService',
  mail: 'catalogAdmin.channel.mail',
};

export const requirementKey: Record<Material['requirement'], MessageKey> = {
  required: 'catalogAdmin.requirement.required',
  conditional: 'catalogAdmin.requirement.conditional',
};

export const materialFormKey: Record<Material['form'], MessageKey> = {
  original: 'catalogAdmin.materialForm.original',
  copy: 'catalogAdmin.materialForm.copy',
  electronic: 'catalogAdmin.materialForm.electronic',
};

export const materialSourceKey: Record<MaterialSource, MessageKey> = {
  upload: 'catalogAdmin.source.upload',
  certificate: 'catalogAdmin.source.certificate',
  sharedData: 'catalogAdmin.source.sharedData',
};

export const collectAtKey: Record<FeeItem['collectAt'], MessageKey> = {
  beforeAcceptance: 'catalogAdmin.collectAt.beforeAcceptance',
  beforeIssuing: 'catalogAdmin.collectAt.beforeIssuing',
};

/** The BPMN process definitions the workflow engine deploys for catalogue items. */
export const processDefinitionKeys = [
  'immediate-case',
  'promised-case',
  'parallel-approval',
] as const;
export const processDefinitionKey: Record<(typeof processDefinitionKeys)[number], MessageKey> = {
  'immediate-case': 'catalogAdmin.process.immediateCase',
  'promised-case': 'catalogAdmin.process.promisedCase',
  'parallel-approval': 'catalogAdmin.process.parallelApproval',
};

export const listKindKey: Record<BundleBody['listKind'], MessageKey> = {
  overall: 'catalogAdmin.listKind.overall',
  annual: 'catalogAdmin.listKind.annual',
  local: 'catalogAdmin.listKind.local',
};

export const lifeEventKey: Record<LifeEvent, MessageKey> = {
  出生: 'catalogAdmin.lifeEvent.birth',
  入学: 'catalogAdmin.lifeEvent.schooling',
  就业: 'catalogAdmin.lifeEvent.employment',
  婚育: 'catalogAdmin.lifeEvent.marriage',
  住房: 'catalogAdmin.lifeEvent.housing',
  出行: 'catalogAdmin.lifeEvent.travel',
  就医: 'catalogAdmin.lifeEvent.medical',
  社保: 'catalogAdmin.lifeEvent.socialSecurity',
  退休: 'catalogAdmin.lifeEvent.retirement',
  身后: 'catalogAdmin.lifeEvent.death',
  开办企业: 'catalogAdmin.lifeEvent.startBusiness',
  准营: 'catalogAdmin.lifeEvent.operatingPermit',
  工程建设: 'catalogAdmin.lifeEvent.construction',
  纳税: 'catalogAdmin.lifeEvent.tax',
  用工: 'catalogAdmin.lifeEvent.hiring',
  不动产: 'catalogAdmin.lifeEvent.realEstate',
  变更: 'catalogAdmin.lifeEvent.change',
  注销: 'catalogAdmin.lifeEvent.closure',
};

/** Money is integer fen; people type and read yuan. */
export function formatYuan(fen: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
  }).format(fen / 100);
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
