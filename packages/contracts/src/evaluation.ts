import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from './common.js';

// 好差评 (GB/T 39734-2020): 一事一评 of an application online, 一次一评 of a service session at a
// window, 差评整改 with 回访 and a reply, 申诉复核, and the statistics (结果公开).

/** 5 非常满意 · 4 满意 · 3 基本满意 · 2 不满意 · 1 非常不满意; 差评 = 1 and 2. */
export const EvaluationLevel = Type.Integer({
  minimum: 1,
  maximum: 5,
  description: '5 非常满意 / 4 满意 / 3 基本满意 / 2 不满意 / 1 非常不满意 (差评 = 1–2)',
});
export type EvaluationLevel = Static<typeof EvaluationLevel>;

export const EVALUATION_LEVEL_NAMES: Readonly<Record<number, string>> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** 网上 (一事一评) or 现场 (一次一评 at a window). */
export const EvaluationChannel = Type.Union([Type.Literal('online'), Type.Literal('onSite')]);
export type EvaluationChannel = Static<typeof EvaluationChannel>;

/** The overall level is 整体满意度; these are the channel's other dimensions. */
export const EVALUATION_DIMENSIONS = {
  // 办事效率, 办事指南精确度, 办事便捷度, 平台操作性
  online: ['efficiency', 'guideAccuracy', 'convenience', 'usability'],
  // 服务效率, 服务水平, 服务态度
  onSite: ['efficiency', 'serviceQuality', 'attitude'],
} as const;

/**
 * Dimension scores, each a level 1–5, each optional. Only the keys of the rated channel are
 * accepted (online: efficiency, guideAccuracy, convenience, usability; onSite: efficiency,
 * serviceQuality, attitude).
 */
export const EvaluationDimensions = Type.Object({
  efficiency: Type.Optional(EvaluationLevel),
  guideAccuracy: Type.Optional(EvaluationLevel),
  convenience: Type.Optional(EvaluationLevel),
  usability: Type.Optional(EvaluationLevel),
  serviceQuality: Type.Optional(EvaluationLevel),
  attitude: Type.Optional(EvaluationLevel),
});
export type EvaluationDimensions = Static<typeof EvaluationDimensions>;

export const RateBody = Type.Object({
  /** 整体满意度 */
  level: EvaluationLevel,
  dimensions: Type.Optional(EvaluationDimensions),
  comment: Type.Optional(Type.String({ maxLength: 500 })),
});
export type RateBody = Static<typeof RateBody>;

/** 一次一评: the token a tablet or QR code carries, with the rating. */
// (one object, not an intersection: AJV's removeAdditional would strip across allOf)
export const RateSessionBody = Type.Object({
  token: Type.String({ minLength: 16, maxLength: 128 }),
  ...RateBody.properties,
});
export type RateSessionBody = Static<typeof RateSessionBody>;

export const EvaluationKind = Type.Union(
  [Type.Literal('perCase'), Type.Literal('perVisit'), Type.Literal('followUp')],
  { description: '一事一评 / 一次一评 / 整改后追评' },
);
export type EvaluationKind = Static<typeof EvaluationKind>;

export const Evaluation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: EvaluationKind,
  channel: EvaluationChannel,
  level: EvaluationLevel,
  levelName: Type.String(),
  /** 差评: 不满意 or 非常不满意 */
  bad: Type.Boolean(),
  dimensions: EvaluationDimensions,
  comment: Type.Union([Type.String(), Type.Null()]),
  applicationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  /** the 一件事 rated as a whole */
  bundleApplicationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  sessionId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  /** the 差评整改 case a follow-up rates, or the case this 差评 opened */
  caseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  organisationId: Type.String({ format: 'uuid' }),
  regionCode: Type.String(),
  itemCode: Type.Union([Type.String(), Type.Null()]),
  itemName: Type.Union([Type.String(), Type.Null()]),
  /** set when an appeal was upheld: the rating no longer counts in the statistics */
  excludedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Evaluation = Static<typeof Evaluation>;

export const EvaluationList = Type.Object({ items: Type.Array(Evaluation) });
export type EvaluationList = Static<typeof EvaluationList>;

export const EvaluationListQuery = Type.Object({
  /** only 差评 */
  bad: Type.Optional(Type.Boolean()),
  channel: Type.Optional(EvaluationChannel),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type EvaluationListQuery = Static<typeof EvaluationListQuery>;

/** Whether the applicant may rate an application now (一事一评). */
export const ApplicationEvaluationState = Type.Object({
  applicationId: Type.String({ format: 'uuid' }),
  state: Type.Union(
    [Type.Literal('notYet'), Type.Literal('open'), Type.Literal('rated'), Type.Literal('expired')],
    { description: 'not completed yet / may rate / rated / the window has closed' },
  ),
  /** until when a rating is accepted; null until the application is completed */
  closesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  evaluation: Type.Union([Evaluation, Type.Null()]),
});
export type ApplicationEvaluationState = Static<typeof ApplicationEvaluationState>;

/** 一事一评 of an 一件事: rated once as a whole (its members are not rated one by one). */
export const BundleEvaluationState = Type.Object({
  bundleApplicationId: Type.String({ format: 'uuid' }),
  state: ApplicationEvaluationState.properties.state,
  closesAt: ApplicationEvaluationState.properties.closesAt,
  evaluation: ApplicationEvaluationState.properties.evaluation,
});
export type BundleEvaluationState = Static<typeof BundleEvaluationState>;

/** 一次一评: an officer opens a service session; optionally the application it served. */
export const OpenSessionBody = Type.Object({
  applicationId: Type.Optional(Type.String({ format: 'uuid' })),
  serviceWindowId: Type.Optional(Type.String({ format: 'uuid' })),
});
export type OpenSessionBody = Static<typeof OpenSessionBody>;

export const EvaluationSession = Type.Object({
  id: Type.String({ format: 'uuid' }),
  /** what the tablet or QR link carries; shown once, stored only as a hash */
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type EvaluationSession = Static<typeof EvaluationSession>;

// -- 差评整改 ------------------------------------------------------------------------------------

export const CaseStatus = Type.Union(
  [
    Type.Literal('open'),
    Type.Literal('visited'),
    Type.Literal('rectified'),
    Type.Literal('closed'),
  ],
  { description: '待回访 / 已回访 / 已整改答复 / 已办结' },
);
export type CaseStatus = Static<typeof CaseStatus>;

export const RectificationCase = Type.Object({
  id: Type.String({ format: 'uuid' }),
  evaluationId: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  status: CaseStatus,
  level: EvaluationLevel,
  comment: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.String({ format: 'date-time' }),
  /** 回访 due (working days) */
  visitDueDate: IsoDate,
  /** 整改答复 due (working days) */
  rectifyDueDate: IsoDate,
  visitedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  visitNote: Type.Union([Type.String(), Type.Null()]),
  repliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reply: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  closeReason: Type.Union([Type.Literal('rectified'), Type.Literal('appealUpheld'), Type.Null()]),
  escalatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  followUpEvaluationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
});
export type RectificationCase = Static<typeof RectificationCase>;

export const RectificationCaseList = Type.Object({ items: Type.Array(RectificationCase) });
export type RectificationCaseList = Static<typeof RectificationCaseList>;

export const CaseListQuery = Type.Object({
  status: Type.Optional(CaseStatus),
  escalated: Type.Optional(Type.Boolean()),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseVisitBody = Type.Object({
  /** what the applicant said on the return visit (回访) */
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type CaseVisitBody = Static<typeof CaseVisitBody>;

export const CaseReplyBody = Type.Object({
  /** the rectification done and the reply to the applicant (整改答复) */
  reply: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type CaseReplyBody = Static<typeof CaseReplyBody>;

export const CaseCloseBody = Type.Object({
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type CaseCloseBody = Static<typeof CaseCloseBody>;

// -- 申诉复核 ------------------------------------------------------------------------------------

export const AppealGround = Type.Union([Type.Literal('mistaken'), Type.Literal('malicious')], {
  description: '误评 / 恶意差评',
});
export type AppealGround = Static<typeof AppealGround>;

export const AppealBody = Type.Object({
  ground: AppealGround,
  reasons: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type AppealBody = Static<typeof AppealBody>;

export const AppealDecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('upheld'), Type.Literal('rejected')]),
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type AppealDecisionBody = Static<typeof AppealDecisionBody>;

export const Appeal = Type.Object({
  id: Type.String({ format: 'uuid' }),
  evaluationId: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  ground: AppealGround,
  reasons: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('upheld'), Type.Literal('rejected')]),
  filedAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});
export type Appeal = Static<typeof Appeal>;

export const AppealList = Type.Object({ items: Type.Array(Appeal) });
export type AppealList = Static<typeof AppealList>;

// -- statistics ---------------------------------------------------------------------------------

export const StatsGroupBy = Type.Union([
  Type.Literal('organisation'),
  Type.Literal('item'),
  Type.Literal('region'),
  Type.Literal('channel'),
]);
export type StatsGroupBy = Static<typeof StatsGroupBy>;

export const StatsQuery = Type.Object({
  groupBy: StatsGroupBy,
  /** ratings made on or after this day (Asia/Shanghai) */
  from: Type.Optional(IsoDate),
  /** … and on or before this day */
  to: Type.Optional(IsoDate),
});
export type StatsQuery = Static<typeof StatsQuery>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
  description: 'a share 0–1 (4 decimals); null when there is nothing to divide by',
});

/**
 * One group's figures. Appeal-upheld ratings and follow-up ratings are not counted.
 * satisfactionRate: levels 3–5 / volume; badRate: levels 1–2 / volume; rectificationRate:
 * closed cases / cases; onTimeRectificationRate: cases replied by their due day / cases.
 */
export const StatsRow = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  volume: Type.Integer({ minimum: 0 }),
  satisfied: Type.Integer({ minimum: 0 }),
  bad: Type.Integer({ minimum: 0 }),
  cases: Type.Integer({ minimum: 0 }),
  closedCases: Type.Integer({ minimum: 0 }),
  onTimeCases: Type.Integer({ minimum: 0 }),
  satisfactionRate: Rate,
  badRate: Rate,
  rectificationRate: Rate,
  onTimeRectificationRate: Rate,
});
export type StatsRow = Static<typeof StatsRow>;

export const EvaluationStats = Type.Object({
  groupBy: StatsGroupBy,
  items: Type.Array(StatsRow),
});
export type EvaluationStats = Static<typeof EvaluationStats>;

/** 结果公开: per organisation, the volume and the rates only. */
export const PublicStatsRow = Type.Object({
  organisationId: Type.String(),
  name: Type.String(),
  volume: Type.Integer({ minimum: 0 }),
  satisfactionRate: Rate,
  badRate: Rate,
  rectificationRate: Rate,
  onTimeRectificationRate: Rate,
});
export type PublicStatsRow = Static<typeof PublicStatsRow>;

export const PublicStats = Type.Object({ items: Type.Array(PublicStatsRow) });
export type PublicStats = Static<typeof PublicStats>;
