import { Type, type Static } from '@sinclair/typebox';

/** GB 11643 citizen ID number as typed (checked by packages/gb on the server). */
export const IdNumberInput = Type.String({
  minLength: 18,
  maxLength: 18,
  description: '公民身份号码',
});
/** Mainland mobile number. */
export const PhoneInput = Type.String({ pattern: '^1[3-9]\\d{9}$', description: '手机号码' });
export const PasswordInput = Type.String({ minLength: 1, maxLength: 256 });
export const PersonName = Type.String({ minLength: 1, maxLength: 50 });

/** Every role, in display order; systemAdmin / securityAdmin / auditAdmin are the separated 三员. */
export const ROLES = [
  'citizen',
  'enterpriseUser',
  'windowOfficer',
  'approver',
  'departmentHead',
  'departmentAdmin',
  'provinceAdmin',
  'dataAdmin',
  'ops',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
] as const;

export const Role = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'role; systemAdmin / securityAdmin / auditAdmin are the separated 三员' },
);
export type Role = Static<typeof Role>;

export const RegisterPersonBody = Type.Object({
  name: PersonName,
  idNumber: IdNumberInput,
  phone: PhoneInput,
  password: PasswordInput,
});
export type RegisterPersonBody = Static<typeof RegisterPersonBody>;

export const RegisterEnterpriseBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  creditCode: Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码' }),
});
export type RegisterEnterpriseBody = Static<typeof RegisterEnterpriseBody>;

export const LoginBody = Type.Object({
  /** ID number or phone for people, account name for staff */
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: PasswordInput,
  /** TOTP code, when the account has a second factor */
  otp: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
});
export type LoginBody = Static<typeof LoginBody>;

export const EnterpriseSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  creditCode: Type.String(),
  relation: Type.Union([Type.Literal('legalRepresentative'), Type.Literal('agent')]),
  scope: Type.Array(Type.String()),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type EnterpriseSummary = Static<typeof EnterpriseSummary>;

/** The signed-in account as its holder sees it (unmasked only where the holder may see it). */
export const Me = Type.Object({
  accountId: Type.String(),
  kind: Type.Union([Type.Literal('person'), Type.Literal('staff')]),
  name: Type.String(),
  /** masked for everyone; the holder may ask for it unmasked on the profile page */
  idNumberMasked: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Role),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  jurisdiction: Type.Union([Type.String(), Type.Null()]),
  actingFor: Type.Union([EnterpriseSummary, Type.Null()]),
  enterprises: Type.Array(EnterpriseSummary),
  mfaEnabled: Type.Boolean(),
  /** an admin account without TOTP: this session may only enrol it (POST /mfa/totp) */
  mfaEnrolmentRequired: Type.Boolean(),
  /** the password expired or was set by an administrator: change it before anything else */
  mustChangePassword: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const AccountCreated = Type.Object({ accountId: Type.String() });
export type AccountCreated = Static<typeof AccountCreated>;

export const EnterpriseCreated = Type.Object({
  id: Type.String(),
  name: Type.String(),
  creditCode: Type.String(),
});
export type EnterpriseCreated = Static<typeof EnterpriseCreated>;

export const TotpEnrolment = Type.Object({
  /** Base32 secret, shown once for manual entry */
  secret: Type.String(),
  /** otpauth:// URI for a QR code */
  otpauthUri: Type.String(),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const OtpBody = Type.Object({ otp: Type.String({ pattern: '^\\d{6}$' }) });
export type OtpBody = Static<typeof OtpBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: PasswordInput,
  newPassword: PasswordInput,
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ActingForBody = Type.Object({
  /** the enterprise to act for; null to act as oneself again */
  enterpriseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
});
export type ActingForBody = Static<typeof ActingForBody>;

/** The holder's own personal data, unmasked (本人查看): only ever to the holder, and audited. */
export const MyPersonalData = Type.Object({
  idNumber: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
});
export type MyPersonalData = Static<typeof MyPersonalData>;
