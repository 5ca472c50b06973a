import { Type, type Static } from '@sinclair/typebox';
import { CertificateMaterial, CertificateMaterialChoice } from './certificates.js';
import { RegionCode } from './directory.js';

// 办件: an application for a service, from 申报 through 受理 and 办理 to 办结.

export const APPLICATION_STATUSES = [
  'submitted',
  'supplementRequested',
  'accepted',
  'refused',
  'approved',
  'denied',
  'withdrawn',
  'waiting',
  'cancelled',
] as const;
export const ApplicationStatus = Type.Union(
  APPLICATION_STATUSES.map((s) => Type.Literal(s)),
  {
    description:
      '已申报 / 待补正 / 已受理（办理中） / 不予受理 / 准予（办结） / 不予许可（办结） / 已撤回 / ' +
      '等待前序事项（一件事） / 已取消（一件事）',
  },
);
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** 办件编号: region (6) + date (8) + sequence (6). */
export const ApplicationNo = Type.String({ pattern: '^[0-9]{20}$', description: '办件编号' });

/** 结果送达方式: 网上送达 (download), 邮寄 (mail, to an address), 窗口自取 (pickup). */
export const DELIVERY_METHODS = ['online', 'mail', 'pickup'] as const;
export const DeliveryMethod = Type.Union(
  DELIVERY_METHODS.map((m) => Type.Literal(m)),
  { description: '结果送达方式：网上送达 / 邮寄 / 窗口自取' },
);
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Where a mailed result goes (sealed at rest; shown masked to officers). */
export const MailAddress = Type.Object({
  recipient: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.String({ pattern: '^1[3-9]\\d{9}$' }),
  address: Type.String({ minLength: 5, maxLength: 200 }),
});
export type MailAddress = Static<typeof MailAddress>;

/** The applicant's choice of delivery; `address` is required for mail and refused otherwise. */
export const DeliveryChoice = Type.Object({
  method: DeliveryMethod,
  address: Type.Optional(MailAddress),
});
export type DeliveryChoice = Static<typeof DeliveryChoice>;

/** A mail address as shown: in full to the applicant, with the name and phone masked to staff. */
export const DeliveryView = Type.Object({
  method: DeliveryMethod,
  address: Type.Union([
    Type.Object({ recipient: Type.String(), phone: Type.String(), address: Type.String() }),
    Type.Null(),
  ]),
});
export type DeliveryView = Static<typeof DeliveryView>;

/** 结果送达: how the result goes out and whether it has (online results are out at 办结). */
export const ApplicationDelivery = Type.Object({
  method: DeliveryMethod,
  address: DeliveryView.properties.address,
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  /** 邮件号 of a mailed result */
  trackingNo: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationDelivery = Static<typeof ApplicationDelivery>;

/** 送达: the officer records that the result went out (mail: with its tracking number). */
export const DeliverBody = Type.Object({
  trackingNo: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9-]{4,40}$', description: '邮件号' }),
  ),
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type DeliverBody = Static<typeof DeliverBody>;

export const SubmitApplicationBody = Type.Object({
  /** the implementation list applied under; its version in force is bound to the application */
  listId: Type.String({ format: 'uuid' }),
  /** the form as the list's JSON Schema asks for it */
  formData: Type.Record(Type.String(), Type.Unknown()),
  /** how the result reaches the applicant; online when absent */
  delivery: Type.Optional(DeliveryChoice),
  /**
   * 免提交: wallet certificates meeting materials whose source is a certificate; the
   * implementing department is authorised to read them for this application
   */
  certificateMaterials: Type.Optional(Type.Array(CertificateMaterialChoice, { maxItems: 50 })),
});
export type SubmitApplicationBody = Static<typeof SubmitApplicationBody>;

/** 窗口收件: an officer files for a walk-in applicant identified by ID number. */
export const WindowIntakeBody = Type.Object({
  listId: Type.String({ format: 'uuid' }),
  formData: Type.Record(Type.String(), Type.Unknown()),
  applicant: Type.Object({
    idNumber: Type.String({ minLength: 18, maxLength: 18, description: '居民身份证号' }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
  }),
});
export type WindowIntakeBody = Static<typeof WindowIntakeBody>;

export const SupplementItem = Type.Object({
  /** the material (key in the list) or form field concerned, when there is one */
  materialKey: Type.Optional(Type.String({ maxLength: 40 })),
  field: Type.Optional(Type.String({ maxLength: 100 })),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type SupplementItem = Static<typeof SupplementItem>;

/** 补正: one notice listing every missing or defective material (一次性告知). */
export const RequestSupplementBody = Type.Object({
  items: Type.Array(SupplementItem, { minItems: 1, maxItems: 50 }),
});
export type RequestSupplementBody = Static<typeof RequestSupplementBody>;

export const AcceptBody = Type.Object({
  /** 并联审批: the departments asked for their opinion (会签) beside the implementing one */
  consultedOrganisationIds: Type.Optional(
    Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20, uniqueItems: true }),
  ),
  /** 容缺受理: materials the applicant promises to bring later (only where the list allows) */
  pendingMaterials: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
});
export type AcceptBody = Static<typeof AcceptBody>;

export const RefuseBody = Type.Object({
  reason: Type.String({ minLength: 2, maxLength: 1000, description: '不予受理理由' }),
});
export type RefuseBody = Static<typeof RefuseBody>;

export const ResubmitBody = Type.Object({
  formData: Type.Record(Type.String(), Type.Unknown()),
});
export type ResubmitBody = Static<typeof ResubmitBody>;

/** An officer's step on an accepted application: review opinion, consulted opinion, decision. */
export const StepBody = Type.Object({
  opinion: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: '审查意见' })),
  /** at the decision step: 准予, 不予, or 退回 (back to review; reason required) */
  decision: Type.Optional(
    Type.Union([Type.Literal('approve'), Type.Literal('deny'), Type.Literal('return')]),
  ),
  /** why not, required when denying */
  reason: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
  legalBasis: Type.Optional(Type.String({ minLength: 2, maxLength: 1000 })),
});
export type StepBody = Static<typeof StepBody>;

/** 挂起: a special procedure stops the clock (现场勘验, 专家评审, 听证 …). */
export const SuspendBody = Type.Object({
  kind: Type.Union([
    Type.Literal('siteInspection'),
    Type.Literal('expertReview'),
    Type.Literal('hearing'),
    Type.Literal('other'),
  ]),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
});
export type SuspendBody = Static<typeof SuspendBody>;

export const TimelineEntry = Type.Object({
  event: Type.String(),
  /** the step's name as the applicant reads it (受理, 审查 …) */
  title: Type.String(),
  at: Type.String({ format: 'date-time' }),
  /** staff are named by organisation, never by person, in the applicant's view */
  by: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const Application = Type.Object({
  id: Type.String(),
  applicationNo: ApplicationNo,
  itemCode: Type.String(),
  itemName: Type.String(),
  listId: Type.String(),
  listVersionId: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  regionCode: RegionCode,
  channel: Type.Union([Type.Literal('online'), Type.Literal('window')]),
  status: ApplicationStatus,
  applicantKind: Type.Union([Type.Literal('person'), Type.Literal('enterprise')]),
  /** masked for everyone but the applicant */
  applicantName: Type.String(),
  formData: Type.Record(Type.String(), Type.Unknown()),
  submittedAt: Type.String({ format: 'date-time' }),
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** 承诺办结日期 (working days from acceptance) */
  dueDate: Type.Union([Type.String(), Type.Null()]),
  statutoryDueDate: Type.Union([Type.String(), Type.Null()]),
  completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  /** the open supplement request (补正通知), if any */
  supplement: Type.Union([Type.Array(SupplementItem), Type.Null()]),
  supplementCount: Type.Integer({ minimum: 0 }),
  pendingMaterials: Type.Array(Type.String()),
  /** the special procedure the application is in (its clock stopped), if any */
  suspension: Type.Union([
    Type.Object({
      kind: SuspendBody.properties.kind,
      reason: Type.String(),
      since: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  /** working days the clock stood still in special procedures so far */
  suspendedWorkingDays: Type.Integer({ minimum: 0 }),
  /** the steps waiting now (受理, 审查 …) */
  currentSteps: Type.Array(
    Type.Object({
      taskId: Type.String(),
      name: Type.String(),
      /** the step in the process definition (accept, review, opinion, decide …) */
      nodeId: Type.String(),
      dueDate: Type.Union([Type.String(), Type.Null()]),
      /** whether the reader is among the officers this step is for */
      mine: Type.Boolean(),
    }),
  ),
  timeline: Type.Array(TimelineEntry),
  /** how the result reaches the applicant, and whether it has */
  delivery: Type.Optional(ApplicationDelivery),
  /** 免提交: materials met by certificates, verified when read (applicant and officers) */
  certificateMaterials: Type.Optional(Type.Array(CertificateMaterial)),
  /** the 一件事 bundle application this is a member of, and its stage there */
  bundle: Type.Optional(
    Type.Union([
      Type.Object({
        id: Type.String(),
        applicationNo: ApplicationNo,
        bundleName: Type.String(),
        stage: Type.Integer({ minimum: 1 }),
      }),
      Type.Null(),
    ]),
  ),
});
export type Application = Static<typeof Application>;

export const ApplicationSummary = Type.Object({
  id: Type.String(),
  applicationNo: ApplicationNo,
  itemName: Type.String(),
  organisationName: Type.String(),
  status: ApplicationStatus,
  submittedAt: Type.String({ format: 'date-time' }),
  dueDate: Type.Union([Type.String(), Type.Null()]),
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationPage = Type.Object({
  items: Type.Array(ApplicationSummary),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type ApplicationPage = Static<typeof ApplicationPage>;

export const ApplicationPageQuery = Type.Object({
  status: Type.Optional(ApplicationStatus),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ApplicationPageQuery = Static<typeof ApplicationPageQuery>;

/** 办件查询: by number and the applicant's name; no personal data in the answer. */
export const ProgressQuery = Type.Object({
  no: ApplicationNo,
  name: Type.String({ minLength: 1, maxLength: 50 }),
});
export type ProgressQuery = Static<typeof ProgressQuery>;

export const Progress = Type.Object({
  applicationNo: ApplicationNo,
  itemName: Type.String(),
  organisationName: Type.String(),
  status: ApplicationStatus,
  submittedAt: Type.String({ format: 'date-time' }),
  dueDate: Type.Union([Type.String(), Type.Null()]),
  steps: Type.Array(
    Type.Object({ title: Type.String(), at: Type.String({ format: 'date-time' }) }),
  ),
});
export type Progress = Static<typeof Progress>;

/** 申请材料文件: one file uploaded for a material of the application. */
export const ApplicationFile = Type.Object({
  id: Type.String(),
  /** the material's key in the bound implementation-list version */
  materialKey: Type.String(),
  /** the client's name, cleaned (basename only, no control or bidi characters, ≤ 200) */
  fileName: Type.String({ maxLength: 200 }),
  /** detected from the content, never taken from the client */
  mediaType: Type.String(),
  size: Type.Integer({ minimum: 1, description: 'bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  uploadedAt: Type.String({ format: 'date-time' }),
});
export type ApplicationFile = Static<typeof ApplicationFile>;

export const ApplicationFileList = Type.Object({
  items: Type.Array(ApplicationFile),
});
export type ApplicationFileList = Static<typeof ApplicationFileList>;

/**
 * 办理结果文书: the decision an application ended with, as a document the applicant can print —
 * 准予办理决定书, 不予办理决定书 (with reasons and legal basis) or 不予受理通知书. The e-certificate
 * of an approval comes with the certificates module.
 */
export const ResultDocument = Type.Object({
  documentNo: Type.String({ description: '文书编号' }),
  kind: Type.Union([Type.Literal('approval'), Type.Literal('denial'), Type.Literal('refusal')]),
  title: Type.String(),
  applicationNo: ApplicationNo,
  applicantName: Type.String(),
  itemCode: Type.String(),
  itemName: Type.String(),
  organisationName: Type.String(),
  submittedAt: Type.String(),
  decidedAt: Type.String(),
  /** why not (denial, refusal) */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** the legal basis stated with the decision, else the item's own */
  legalBasis: Type.Union([Type.String(), Type.Null()]),
  delivery: ApplicationDelivery,
});
export type ResultDocument = Static<typeof ResultDocument>;

// ---------------------------------------------------------------------------------------------
// 预填: form fields filled from the applicant's identity

/**
 * Where a form property marked `"x-zt-prefill": "<source>"` takes its value: the signed-in
 * person, or the enterprise the person acts for (`enterprise.legalRepresentative` is its legal
 * representative's name).
 */
export const PREFILL_SOURCES = [
  'person.name',
  'person.idNumber',
  'person.phone',
  'enterprise.name',
  'enterprise.creditCode',
  'enterprise.legalRepresentative',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];
export const PrefillSource = Type.Union(PREFILL_SOURCES.map((s) => Type.Literal(s)));

/** The schema keyword naming a property's prefill source. */
export const PREFILL_KEYWORD = 'x-zt-prefill';

/** The form of a list in force (`listId`), or of a bundle resolved in a region. */
export const PrefillQuery = Type.Object({
  listId: Type.Optional(Type.String({ format: 'uuid' })),
  bundle: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{2,63}$' })),
  region: Type.Optional(RegionCode),
});
export type PrefillQuery = Static<typeof PrefillQuery>;

/** Values for the form's top-level fields, and which source each came from. */
export const Prefill = Type.Object({
  formData: Type.Record(Type.String(), Type.String()),
  fields: Type.Array(Type.Object({ field: Type.String(), source: PrefillSource })),
});
export type Prefill = Static<typeof Prefill>;
