/**
 * Who acts. Every service call receives one explicitly; authorization is checked against it
 * inside the service. The identity module builds person, enterprise and staff actors from the
 * session cookie; the system (CLI, seed, timers) and anonymous public readers exist besides.
 */
export interface Actor {
  /** the account id (for the system: `system:<component>`) */
  id: string;
  /** `enterprise`: a person acting for an enterprise (see `actingFor`) */
  kind: 'system' | 'anonymous' | 'person' | 'enterprise' | 'staff';
  /**
   * Roles in force for this request. A session that has not passed the second factor holds no
   * admin role here even when the account has one (see `limitedTo`).
   */
  roles: readonly string[];
  organisationId?: string;
  /** root of the region subtree the actor may act in (GB/T 2260 code) */
  jurisdiction?: string;
  /** the kind of account behind a signed-in actor */
  accountKind?: 'person' | 'staff';
  /** the enterprise a person acts for (法人 via legal representative or 经办人) */
  actingFor?: { enterpriseId: string; scope: readonly string[] };
  /** the session this request came with (identity module; opaque) */
  sessionId?: string;
  /** whether this session passed the second factor (TOTP) */
  mfa?: boolean;
  /**
   * A session that may do one thing only before anything else: enrol TOTP (admin roles without
   * a second factor) or change an expired password. Its `roles` are empty meanwhile.
   */
  limitedTo?: 'mfa-enrolment' | 'password-change';
}

/** Roles that administer something; 等保 level 3 asks for a second factor on all of them. */
export const ADMIN_ROLES: readonly string[] = [
  'departmentAdmin',
  'provinceAdmin',
  'dataAdmin',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
];

export const isAdminRole = (role: string): boolean => ADMIN_ROLES.includes(role);

export const systemActor = (component: string): Actor => ({
  id: `system:${component}`,
  kind: 'system',
  roles: ['system'],
});

export const anonymousActor: Actor = { id: 'anonymous', kind: 'anonymous', roles: [] };
