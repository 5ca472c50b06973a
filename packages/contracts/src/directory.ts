import { Type, type Static } from '@sinclair/typebox';

/** GB/T 2260 six-digit administrative division code. */
export const RegionCode = Type.String({
  pattern: '^\\d{6}$',
  description: 'GB/T 2260 region code',
});

export const RegionLevel = Type.Union([
  Type.Literal('province'),
  Type.Literal('city'),
  Type.Literal('county'),
]);
export type RegionLevel = Static<typeof RegionLevel>;

/** 行政区划: an administrative region. */
export const Region = Type.Object({
  code: RegionCode,
  name: Type.String(),
  level: RegionLevel,
  parentCode: Type.Union([RegionCode, Type.Null()]),
  childCount: Type.Integer({ minimum: 0 }),
});
export type Region = Static<typeof Region>;

export const RegionList = Type.Object({ items: Type.Array(Region) });
export type RegionList = Static<typeof RegionList>;

export const RegionListQuery = Type.Object({
  parent: Type.Optional(RegionCode),
});
export type RegionListQuery = Static<typeof RegionListQuery>;

export const OrganisationKind = Type.Union([
  Type.Literal('government'),
  Type.Literal('department'),
  Type.Literal('serviceHall'),
]);
export type OrganisationKind = Static<typeof OrganisationKind>;

/** 部门 / 机构: an organisation bound to a region, in a tree. */
export const Organisation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: OrganisationKind,
  regionCode: RegionCode,
  parentId: Type.Union([Type.String(), Type.Null()]),
  creditCode: Type.Union([Type.String(), Type.Null()]),
});
export type Organisation = Static<typeof Organisation>;

export const OrganisationList = Type.Object({ items: Type.Array(Organisation) });
export type OrganisationList = Static<typeof OrganisationList>;

export const OrganisationListQuery = Type.Object({
  region: Type.Optional(RegionCode),
  /** include organisations of the whole region subtree, not only those bound to the region itself */
  subtree: Type.Optional(Type.Boolean({ default: false })),
  kind: Type.Optional(OrganisationKind),
});
export type OrganisationListQuery = Static<typeof OrganisationListQuery>;

/** 窗口: a service window in a service hall (政务服务中心), staffed by a department. */
export const ServiceWindow = Type.Object({
  id: Type.String(),
  serviceHallId: Type.String(),
  code: Type.String({ description: 'window number shown in the hall, e.g. A03' }),
  name: Type.String(),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')]),
  active: Type.Boolean(),
});
export type ServiceWindow = Static<typeof ServiceWindow>;

export const ServiceWindowList = Type.Object({ items: Type.Array(ServiceWindow) });
export type ServiceWindowList = Static<typeof ServiceWindowList>;
