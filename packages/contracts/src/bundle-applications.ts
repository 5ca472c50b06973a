import { Type, type Static } from '@sinclair/typebox';
import {
  ApplicationNo,
  ApplicationStatus,
  DeliveryChoice,
  DeliveryView,
  TimelineEntry,
} from './applications.js';
import { RegionCode } from './directory.js';

// 一件事 bundle applications: one form, one 办件编号 and one acceptance window (综合受理) for
// several items. Each member item becomes an application of its own, processed by its
// department; the members of a later stage wait until every member of the stage before is
// approved.

export const BUNDLE_APPLICATION_STATUSES = [
  'inProgress',
  'completed',
  'failed',
  'withdrawn',
] as const;
export const BundleApplicationStatus = Type.Union(
  BUNDLE_APPLICATION_STATUSES.map((s) => Type.Literal(s)),
  { description: '办理中 / 全部办结 / 未能办结（有事项不予受理或不予许可） / 已撤回' },
);
export type BundleApplicationStatus = (typeof BUNDLE_APPLICATION_STATUSES)[number];

/** 一件事申报: the merged form of the bundle as resolved in the region. */
export const SubmitBundleBody = Type.Object({
  bundleCode: Type.String({ pattern: '^[a-z][a-z0-9-]{2,63}$' }),
  /** where the bundle is applied for: each member's list there (or in the nearest region above) */
  regionCode: RegionCode,
  /** the merged form (GET /api/v1/catalog/bundles/:code/resolve), filled once */
  formData: Type.Record(Type.String(), Type.Unknown()),
  /** how the results reach the applicant; online when absent */
  delivery: Type.Optional(DeliveryChoice),
});
export type SubmitBundleBody = Static<typeof SubmitBundleBody>;

/** One member item's application within a bundle application. */
export const BundleMemberApplication = Type.Object({
  applicationId: Type.String(),
  applicationNo: ApplicationNo,
  itemCode: Type.String(),
  itemName: Type.String(),
  /** 实施机构 */
  organisationName: Type.String(),
  stage: Type.Integer({ minimum: 1 }),
  status: ApplicationStatus,
  /** 承诺办结日期, once accepted */
  dueDate: Type.Union([Type.String(), Type.Null()]),
  /** 办结 (an immediate case is complete at acceptance) */
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type BundleMemberApplication = Static<typeof BundleMemberApplication>;

/** A timeline entry of the bundle or of one of its members (named by its item). */
export const BundleTimelineEntry = Type.Object({
  ...TimelineEntry.properties,
  /** the member application it belongs to; null for the bundle's own entries */
  applicationId: Type.Union([Type.String(), Type.Null()]),
  itemName: Type.Union([Type.String(), Type.Null()]),
});
export type BundleTimelineEntry = Static<typeof BundleTimelineEntry>;

export const BundleApplication = Type.Object({
  id: Type.String(),
  applicationNo: ApplicationNo,
  bundleCode: Type.String(),
  bundleName: Type.String(),
  regionCode: RegionCode,
  /** 受理机构: the service hall's comprehensive window (综合受理), or a member's department */
  acceptingOrganisationName: Type.String(),
  status: BundleApplicationStatus,
  applicantKind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
  /** masked for everyone but the applicant */
  applicantName: Type.String(),
  submittedAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Σ over stages of the longest promised limit, in working days */
  promisedLimitDays: Type.Integer({ minimum: 0 }),
  /** the latest due date among the members accepted so far */
  dueDate: Type.Union([Type.String(), Type.Null()]),
  /**
   * the merged form as filed; officers of a member's department read their own application's
   * form instead, and get an empty object here
   */
  formData: Type.Record(Type.String(), Type.Unknown()),
  delivery: DeliveryView,
  /** by stage, then item */
  members: Type.Array(BundleMemberApplication),
  timeline: Type.Array(BundleTimelineEntry),
});
export type BundleApplication = Static<typeof BundleApplication>;

export const BundleApplicationSummary = Type.Object({
  id: Type.String(),
  applicationNo: ApplicationNo,
  bundleCode: Type.String(),
  bundleName: Type.String(),
  status: BundleApplicationStatus,
  submittedAt: Type.String({ format: 'date-time' }),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Integer({ minimum: 0 }),
  /** members approved (办结) so far */
  completedMemberCount: Type.Integer({ minimum: 0 }),
});
export type BundleApplicationSummary = Static<typeof BundleApplicationSummary>;

export const BundleApplicationPage = Type.Object({
  items: Type.Array(BundleApplicationSummary),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type BundleApplicationPage = Static<typeof BundleApplicationPage>;

export const BundleApplicationPageQuery = Type.Object({
  status: Type.Optional(BundleApplicationStatus),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type BundleApplicationPageQuery = Static<typeof BundleApplicationPageQuery>;
