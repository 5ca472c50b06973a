import { Type, type Static } from '@sinclair/typebox';
import { PhoneInput, RegionCode, Role } from '@zhengtong/contracts';

/*
 * Schemas of the staff-administration, agent and audit-read APIs. They belong in
 * packages/contracts (identity-admin.ts) once the web app consumes them; kept here until then so
 * this work does not touch shared files.
 */

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

// ---------------------------------------------------------------- staff

export const HeldRole = Type.Object({
  role: Role,
  regionCode: Type.Union([RegionCode, Type.Null()]),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  grantedBy: Type.String(),
  grantedAt: DateTime,
});
export type HeldRole = Static<typeof HeldRole>;

/** 工作人员 as an administrator sees them: no password, no TOTP secret. */
export const StaffMember = Type.Object({
  accountId: Type.String(),
  username: Type.String(),
  name: Type.String(),
  organisationId: Type.String(),
  jurisdiction: RegionCode,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  lockedUntil: Type.Union([DateTime, Type.Null()]),
  mustChangePassword: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Role),
  createdAt: DateTime,
});
export type StaffMember = Static<typeof StaffMember>;

export const StaffDetail = Type.Composite([
  StaffMember,
  Type.Object({ roleAssignments: Type.Array(HeldRole) }),
]);
export type StaffDetail = Static<typeof StaffDetail>;

export const StaffList = Type.Object({
  items: Type.Array(StaffMember),
  total: Type.Integer({ minimum: 0 }),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type StaffList = Static<typeof StaffList>;

export const StaffListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  organisationId: Type.Optional(Uuid),
  role: Type.Optional(Role),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
});
export type StaffListQuery = Static<typeof StaffListQuery>;

export const CreateStaffBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 50 }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  organisationId: Uuid,
  /** root of the region subtree; defaults to the organisation's region */
  jurisdiction: Type.Optional(RegionCode),
  /** chosen by the administrator; the account must change it at first login */
  initialPassword: Type.String({ minLength: 1, maxLength: 256 }),
  phone: Type.Optional(PhoneInput),
  roles: Type.Array(Role, { maxItems: 9, uniqueItems: true, default: [] }),
});
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const GrantRoleBody = Type.Object({
  role: Role,
  /** region the role is held for; defaults to the staff member's jurisdiction */
  regionCode: Type.Optional(RegionCode),
});
export type GrantRoleBody = Static<typeof GrantRoleBody>;

// ---------------------------------------------------------------- agents

export const AgentScope = Type.Union(
  [Type.Literal('apply'), Type.Literal('viewCertificates'), Type.Literal('manageAgents')],
  { description: 'apply: file applications; viewCertificates; manageAgents: authorise others' },
);

/** 经办人 as the enterprise sees them: masked personal data only. */
export const Agent = Type.Object({
  id: Type.String(),
  personAccountId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Array(Type.String()),
  expiresAt: DateTime,
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  grantedBy: Type.String(),
  createdAt: DateTime,
  revokedAt: Type.Union([DateTime, Type.Null()]),
});
export type Agent = Static<typeof Agent>;

export const AgentList = Type.Object({ items: Type.Array(Agent) });
export type AgentList = Static<typeof AgentList>;

export const AgentListQuery = Type.Object({
  /** also list revoked and expired authorisations */
  all: Type.Boolean({ default: false }),
});

export const AuthoriseAgentBody = Type.Object({
  /** the person, by ID number or by phone (exactly one) */
  idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
  phone: Type.Optional(PhoneInput),
  scope: Type.Array(AgentScope, { minItems: 1, maxItems: 3, uniqueItems: true }),
  expiresAt: DateTime,
});
export type AuthoriseAgentBody = Static<typeof AuthoriseAgentBody>;

export const UpdateAgentBody = Type.Object(
  {
    scope: Type.Optional(Type.Array(AgentScope, { minItems: 1, maxItems: 3, uniqueItems: true })),
    expiresAt: Type.Optional(DateTime),
  },
  { minProperties: 1 },
);
export type UpdateAgentBody = Static<typeof UpdateAgentBody>;

// ---------------------------------------------------------------- audit

export const AuditRecord = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  occurredAt: DateTime,
  actorId: Type.String(),
  actorKind: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  /** as stored: masked, without secrets */
  summary: Type.Unknown(),
  /** position in the hash chain; null until the sealer links it (about a second) */
  chainPosition: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditRecord),
  /** pass as `before` for the next (older) page; null at the end */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditQuery = Type.Object({
  /** action, or a prefix ending in `.` (e.g. `identity.role.`) */
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  /** records with a sequence number below this (paging backwards from the newest) */
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditVerifyReport = Type.Object({
  ok: Type.Boolean(),
  rows: Type.Integer(),
  checkpoints: Type.Integer(),
  unsealed: Type.Integer(),
  firstBreak: Type.Union([
    Type.Object({
      position: Type.Integer(),
      auditSeq: Type.Union([Type.Integer(), Type.Null()]),
      reason: Type.String(),
      detail: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type AuditVerifyReport = Static<typeof AuditVerifyReport>;
