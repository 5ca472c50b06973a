/**
 * Who acts. Every service call receives one explicitly; authorization is checked against it
 * inside the service. The identity module builds person, enterprise and staff actors from the
 * session cookie; the system (CLI, seed, timers) and anonymous public readers exist besides.
 * A `client` is a department system calling with an OAuth 2.0 client-credentials token (the
 * oidc module resolves it, only on routes that accept clients): it is never a person or staff,
 * holds no roles, and may do only what its `scopes` name for its `organisationId`.
 */
export interface Actor {
  /** the account id (for the system: `system:<component>`; for a client: `client:<clientId>`) */
  id: string;
  /** `enterprise`: a person acting for an enterprise (see `actingFor`) */
  kind: 'system' | 'anonymous' | 'person' | 'enterprise' | 'staff' | 'client';
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
  /** a machine client: its OIDC client id */
  clientId?: string;
  /** a machine client: the OAuth scopes its token carries (and its registration allows) */
  scopes?: readonly string[];
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

/**
 * OAuth scopes of the API for machine clients (client credentials), registered with the OIDC
 * provider beside the OpenID scopes. A client gets one only when its registration names it.
 */
export const CLIENT_SCOPES = ['certificates:issue'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

/** A department system acting with a client-credentials token for its organisation. */
export const clientActor = (
  clientId: string,
  scopes: readonly string[],
  organisationId: string | undefined,
): Actor => ({
  id: `client:${clientId}`,
  kind: 'client',
  roles: [],
  clientId,
  scopes,
  ...(organisationId === undefined ? {} : { organisationId }),
});

/** Whether a machine client's token carries an OAuth scope (never true for people). */
export const hasScope = (actor: Actor, scope: ClientScope): boolean =>
  actor.kind === 'client' && (actor.scopes ?? []).includes(scope);
