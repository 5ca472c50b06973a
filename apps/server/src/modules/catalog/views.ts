import type {
  Bundle,
  ImplementationList,
  ImplementationListVersion,
  ServiceItem,
} from '@zhengtong/contracts';
import type { BundleRow, ItemRow, ListWithItem, VersionRow } from './store.js';

// Rows as the contract's shapes. Names of organisations and regions come from the directory
// (passed in), never from its tables.

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toItem(
  row: ItemRow,
  competentOrganisationName: string,
  published: { count: number; lifeEvents: string[] } | undefined,
): ServiceItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    itemType: row.itemType as ServiceItem['itemType'],
    sector: row.sector as ServiceItem['sector'],
    competentOrganisationId: row.competentOrganisationId,
    competentOrganisationName,
    legalBasis: row.legalBasis,
    levels: row.levels as ServiceItem['levels'],
    applicantKinds: row.applicantKinds as ServiceItem['applicantKinds'],
    handlingCase: row.handlingCase,
    keywords: row.keywords,
    lifeEvents: (published?.lifeEvents ?? []).sort() as ServiceItem['lifeEvents'],
    publishedListCount: published?.count ?? 0,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toVersion(row: VersionRow): ImplementationListVersion {
  return {
    id: row.id,
    listId: row.listId,
    version: row.version,
    revision: row.revision,
    status: row.status,
    elements: row.elements,
    metrics: row.metrics,
    reviewNote: row.reviewNote,
    createdBy: row.createdBy,
    submittedBy: row.submittedBy,
    publishedBy: row.publishedBy,
    createdAt: row.createdAt.toISOString(),
    submittedAt: iso(row.submittedAt),
    publishedAt: iso(row.publishedAt),
    retiredAt: iso(row.retiredAt),
  };
}

export interface Names {
  organisations: Map<string, string>;
  regions: Map<string, string>;
}

export function toList(
  row: ListWithItem,
  versions: readonly VersionRow[],
  names: Names,
  options: { showPending: boolean },
): ImplementationList {
  const published = versions.find((v) => v.listId === row.id && v.status === 'published');
  const pending = options.showPending
    ? versions.find(
        (v) => v.listId === row.id && (v.status === 'draft' || v.status === 'submitted'),
      )
    : undefined;
  return {
    id: row.id,
    code: row.code,
    itemCode: row.itemCode,
    itemName: row.itemName,
    organisationId: row.organisationId,
    organisationName: names.organisations.get(row.organisationId) ?? '',
    regionCode: row.regionCode,
    regionName: names.regions.get(row.regionCode) ?? '',
    published: published ? toVersion(published) : null,
    pending: pending ? toVersion(pending) : null,
  };
}

export function toBundle(row: BundleRow, itemNames: Map<string, string>): Bundle {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    applicantKind: row.applicantKind,
    lifeEvents: row.lifeEvents as Bundle['lifeEvents'],
    listKind: row.listKind,
    members: row.members,
    memberNames: row.members.map((m) => itemNames.get(m.itemCode) ?? m.itemCode),
    updatedAt: row.updatedAt.toISOString(),
  };
}
