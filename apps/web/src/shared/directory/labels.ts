import type { OrganisationKind, RegionLevel, ServiceWindow } from '@zhengtong/contracts';
import type { MessageKey } from '../i18n/messages';

export const regionLevelKey: Record<RegionLevel, MessageKey> = {
  province: 'region.level.province',
  city: 'region.level.city',
  county: 'region.level.county',
};

export const organisationKindKey: Record<OrganisationKind, MessageKey> = {
  government: 'organisation.kind.government',
  department: 'organisation.kind.department',
  serviceHall: 'organisation.kind.serviceHall',
};

export const organisationKindColor: Record<OrganisationKind, string> = {
  government: 'volcano',
  department: 'geekblue',
  serviceHall: 'green',
};

export const organisationKinds: readonly OrganisationKind[] = [
  'government',
  'department',
  'serviceHall',
];

export const windowKindKey: Record<ServiceWindow['kind'], MessageKey> = {
  comprehensive: 'window.kind.comprehensive',
  dedicated: 'window.kind.dedicated',
};
