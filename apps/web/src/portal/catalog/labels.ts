import type {
  AdministrativeLevel,
  ApplicantKind,
  Bundle,
  Channel,
  CrossRegionScope,
  FeeItem,
  ImplementationElements,
  ItemType,
  LifeEvent,
  Material,
  ServiceItem,
} from '@zhengtong/contracts';
import type { Locale, MessageKey } from '../../shared/i18n/messages';

// Names of the catalogue's enumerations in the UI language.

export { itemTypeName, sectorName } from '../../shared/i18n/gbNames';

/** Tag colours by item type: licences and confirmations are what citizens meet most. */
export const itemTypeColor: Partial<Record<ItemType, string>> = {
  licence: 'red',
  confirmation: 'blue',
  benefit: 'green',
  publicService: 'cyan',
  award: 'gold',
  levy: 'orange',
};

/** Life events are Chinese words in the data; the UI names them through the dictionary. */
export const lifeEventKey: Record<LifeEvent, MessageKey> = {
  出生: 'catalog.lifeEvent.birth',
  入学: 'catalog.lifeEvent.schooling',
  就业: 'catalog.lifeEvent.employment',
  婚育: 'catalog.lifeEvent.marriage',
  住房: 'catalog.lifeEvent.housing',
  出行: 'catalog.lifeEvent.travel',
  就医: 'catalog.lifeEvent.medical',
  社保: 'catalog.lifeEvent.socialInsurance',
  退休: 'catalog.lifeEvent.retirement',
  身后: 'catalog.lifeEvent.afterDeath',
  开办企业: 'catalog.lifeEvent.startBusiness',
  准营: 'catalog.lifeEvent.operatingPermits',
  工程建设: 'catalog.lifeEvent.construction',
  纳税: 'catalog.lifeEvent.tax',
  用工: 'catalog.lifeEvent.hiring',
  不动产: 'catalog.lifeEvent.realEstate',
  变更: 'catalog.lifeEvent.changes',
  注销: 'catalog.lifeEvent.closure',
};

export const applicantKindKey: Record<ApplicantKind, MessageKey> = {
  person: 'catalog.applicant.person',
  enterprise: 'catalog.applicant.enterprise',
};

export const levelKey: Record<AdministrativeLevel, MessageKey> = {
  province: 'catalog.level.province',
  city: 'catalog.level.city',
  county: 'catalog.level.county',
  township: 'catalog.level.township',
  village: 'catalog.level.village',
};

export const handlingCaseKey: Record<NonNullable<ServiceItem['handlingCase']>, MessageKey> = {
  new: 'catalog.handlingCase.new',
  change: 'catalog.handlingCase.change',
  renewal: 'catalog.handlingCase.renewal',
  cancellation: 'catalog.handlingCase.cancellation',
};

export const handlingKindKey: Record<ImplementationElements['handlingKind'], MessageKey> = {
  immediate: 'catalog.handlingKind.immediate',
  promised: 'catalog.handlingKind.promised',
};

/** 到现场次数: 0 零跑动, 1 最多跑一次, 2 meaning two or more. */
export function visitsKey(onSiteVisits: number): MessageKey {
  if (onSiteVisits <= 0) return 'catalog.visits.zero';
  if (onSiteVisits === 1) return 'catalog.visits.one';
  return 'catalog.visits.more';
}

const onlineDepthKeys: readonly MessageKey[] = [
  'catalog.onlineDepth.1',
  'catalog.onlineDepth.2',
  'catalog.onlineDepth.3',
  'catalog.onlineDepth.4',
];

/** 网办深度 1 信息发布, 2 在线预审, 3 在线受理, 4 全程网办. */
export function onlineDepthKey(depth: number): MessageKey {
  return onlineDepthKeys[Math.min(Math.max(depth, 1), 4) - 1] ?? 'catalog.onlineDepth.1';
}

/** From 在线受理 (depth 3) on, an application can be filed online. */
export const minimumOnlineApplyDepth = 3;

export const scopeKey: Record<CrossRegionScope, MessageKey> = {
  crossProvince: 'catalog.scope.crossProvince',
  crossRegion: 'catalog.scope.crossRegion',
  local: 'catalog.scope.local',
};

export const channelKey: Record<Channel, MessageKey> = {
  online: 'catalog.channel.online',
  window: 'catalog.channel.window',
  mobile: 'catalog.channel.mobile',
  selfService: 'catalog.channel.selfService',
  mail: 'catalog.channel.mail',
};

export const materialFormKey: Record<Material['form'], MessageKey> = {
  original: 'catalog.material.form.original',
  copy: 'catalog.material.form.copy',
  electronic: 'catalog.material.form.electronic',
};

export const collectAtKey: Record<FeeItem['collectAt'], MessageKey> = {
  beforeAcceptance: 'catalog.fees.beforeAcceptance',
  beforeIssuing: 'catalog.fees.beforeIssuing',
};

export const listKindKey: Record<Bundle['listKind'], MessageKey> = {
  overall: 'catalog.bundles.listKind.overall',
  annual: 'catalog.bundles.listKind.annual',
  local: 'catalog.bundles.listKind.local',
};

/** Money is integer fen; shown as yuan in the UI language (¥12.50 / CN¥12.50). */
export function formatFen(fen: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

/** Percent with one decimal, as the metrics are computed. */
export function formatPercent(percent: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(percent);
}

/**
 * Sample and blank-form addresses come from officers' lists; only web addresses and paths on
 * this site become links (never `javascript:` or `data:`).
 */
export function isSafeLink(url: string): boolean {
  return /^(https?:\/\/|\/(?!\/))/i.test(url);
}
