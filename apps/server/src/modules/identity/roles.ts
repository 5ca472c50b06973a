import { ROLES, type Role } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';

/**
 * Roles and the grant policy, as data and pure functions: no database, no clock, no HTTP.
 * Services load what a decision needs (the actor, the target staff member, the region tree) and
 * ask here; every answer that refuses says why, so the service can map it to the right error
 * and the audit record can name it.
 *
 * 三员分立 (等保 level 3, GB/T 22239-2019): systemAdmin operates the system (accounts, OIDC
 * clients, configuration) but grants nothing; securityAdmin grants and revokes roles but operates
 * nothing; auditAdmin reads and verifies the audit chain and changes nothing. An account holding
 * one of the three holds no other role at all, so no sequence of grants can merge two of them.
 */

export { ROLES };

/** The three separated administrator roles (三员). */
export const SEPARATED_ROLES = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const;
export type SeparatedRole = (typeof SEPARATED_ROLES)[number];

export const isSeparatedRole = (role: string): role is SeparatedRole =>
  (SEPARATED_ROLES as readonly string[]).includes(role);

/**
 * Roles that follow from the kind of account and are never granted: every person is a citizen,
 * a person acting for an enterprise is an enterprise user for that request.
 */
export const IMPLICIT_ROLES: readonly Role[] = ['citizen', 'enterpriseUser'];

/** Roles an administrator may grant to a staff account. */
export const STAFF_ROLES = [
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
] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (role: string): role is StaffRole =>
  (STAFF_ROLES as readonly string[]).includes(role);

/**
 * Who may grant (and revoke) each role. `organisation` limits a granter to staff of its own
 * organisation (a department admin administers its department only); every granter is limited
 * to its jurisdiction (region subtree) in any case.
 *
 * - securityAdmin appoints the province's administrators, including systemAdmin, but not a
 *   fellow securityAdmin or the auditAdmin who audits it: those two come only from the
 *   installation (`zhengtong` CLI, demo seed), so the security admin cannot pick its own auditor
 *   or multiply itself.
 * - systemAdmin and auditAdmin grant nothing.
 */
export const GRANTERS: Readonly<
  Record<StaffRole, readonly { role: string; organisation?: 'own' }[]>
> = {
  windowOfficer: [
    { role: 'departmentAdmin', organisation: 'own' },
    { role: 'provinceAdmin' },
    { role: 'securityAdmin' },
  ],
  approver: [
    { role: 'departmentAdmin', organisation: 'own' },
    { role: 'provinceAdmin' },
    { role: 'securityAdmin' },
  ],
  // 部门负责人: receives 督办 escalations of the department's overdue steps
  departmentHead: [{ role: 'provinceAdmin' }, { role: 'securityAdmin' }],
  departmentAdmin: [{ role: 'provinceAdmin' }, { role: 'securityAdmin' }],
  dataAdmin: [{ role: 'provinceAdmin' }, { role: 'securityAdmin' }],
  provinceAdmin: [{ role: 'securityAdmin' }],
  ops: [{ role: 'securityAdmin' }],
  systemAdmin: [{ role: 'securityAdmin' }],
  securityAdmin: [],
  auditAdmin: [],
};

/**
 * Whose accounts each role may operate (create, unlock, disable): a target all of whose roles
 * are in the list. Account operation is system operation, so securityAdmin and auditAdmin have
 * none; nobody but the installation operates on the 三员 accounts.
 */
export const OPERATES_ON: Readonly<Record<string, readonly StaffRole[]>> = {
  departmentAdmin: ['windowOfficer', 'approver'],
  provinceAdmin: ['windowOfficer', 'approver', 'departmentHead', 'departmentAdmin', 'dataAdmin'],
  systemAdmin: [
    'windowOfficer',
    'approver',
    'departmentHead',
    'departmentAdmin',
    'provinceAdmin',
    'dataAdmin',
    'ops',
  ],
};

/** Roles that may read staff accounts (within their jurisdiction; a department admin its own). */
export const STAFF_READERS: readonly string[] = [
  'departmentAdmin',
  'provinceAdmin',
  'systemAdmin',
  'securityAdmin',
  // reviewing who holds which privilege is part of an audit (权限审查); reading changes nothing
  'auditAdmin',
];

/** Roles whose holders may grant something: an admin's page needs to know. */
export const grantableBy = (actorRoles: readonly string[]): StaffRole[] =>
  STAFF_ROLES.filter((r) => GRANTERS[r].some((g) => actorRoles.includes(g.role)));

export type RefusalReason =
  | 'unauthenticated'
  | 'mfa-required'
  | 'not-permitted'
  | 'self-administration'
  | 'role-not-grantable'
  | 'not-staff'
  | 'outside-jurisdiction'
  | 'outside-organisation'
  | 'scope-too-wide'
  | 'separation-of-duties'
  | 'target-outranks'
  | 'already-held'
  | 'not-held';

export type Decision = { ok: true } | { ok: false; reason: RefusalReason; message: string };

const ALLOW: Decision = { ok: true };
const refuse = (reason: RefusalReason, message: string): Decision => ({
  ok: false,
  reason,
  message,
});

/** Answers "is `code` inside the subtree rooted at `root`?" along stored region parents. */
export interface RegionResolver {
  isWithin: (code: string, root: string) => boolean;
}

/**
 * A resolver over a parent map (code → parent code). Follows the stored parents, never the
 * digits: 济源 419001 hangs directly off 410000, and no 4190 region exists.
 */
export function regionResolverFromParents(
  parents: ReadonlyMap<string, string | null>,
): RegionResolver {
  return {
    isWithin(code, root) {
      const seen = new Set<string>();
      let at: string | null | undefined = code;
      while (at !== null && at !== undefined && !seen.has(at)) {
        if (at === root) return true;
        seen.add(at);
        at = parents.get(at);
      }
      return false;
    },
  };
}

/**
 * A resolver over loaded subtrees (root → every code below it, itself included). A root that
 * was not loaded contains nothing, so a forgotten root refuses rather than allows.
 */
export function regionResolverFromSubtrees(
  subtrees: ReadonlyMap<string, ReadonlySet<string>>,
): RegionResolver {
  return { isWithin: (code, root) => subtrees.get(root)?.has(code) ?? false };
}

/** Whether an actor's jurisdiction covers `regionCode`. The system covers everything. */
export function isInJurisdiction(
  actor: Pick<Actor, 'kind' | 'jurisdiction'>,
  regionCode: string,
  regions: RegionResolver,
): boolean {
  if (actor.kind === 'system') return true;
  if (actor.jurisdiction === undefined) return false;
  return regions.isWithin(regionCode, actor.jurisdiction);
}

/** A staff account as policy sees it. */
export interface StaffSubject {
  accountId: string;
  organisationId: string;
  jurisdiction: string;
  /** roles held now (active assignments) */
  roles: readonly string[];
}

const isHuman = (actor: Actor) => actor.kind !== 'system';

function signedInAdmin(actor: Actor): Decision | undefined {
  if (actor.kind === 'anonymous') return refuse('unauthenticated', 'sign in first');
  if (actor.kind === 'system') return undefined;
  if (actor.limitedTo) {
    return refuse(
      'not-permitted',
      'this session may only enrol a second factor or change the password',
    );
  }
  if (actor.kind !== 'staff') return refuse('not-permitted', 'only staff administer staff');
  if (actor.mfa !== true) {
    return refuse('mfa-required', 'administration needs a session that passed the second factor');
  }
  return undefined;
}

/**
 * Whether `actor` may see `target` at all (list, get). Outside the jurisdiction the answer is
 * `outside-jurisdiction`, which services turn into a 404 so existence does not leak.
 */
export function canReadStaff(
  actor: Actor,
  target: StaffSubject,
  regions: RegionResolver,
): Decision {
  // a staff member sees its own account without a second factor
  if (actor.kind === 'staff' && !actor.limitedTo && actor.id === target.accountId) return ALLOW;
  const gate = signedInAdmin(actor);
  if (gate) return gate;
  if (!isHuman(actor)) return ALLOW;
  if (!actor.roles.some((r) => STAFF_READERS.includes(r))) {
    return refuse('not-permitted', 'reading staff accounts needs an administrator role');
  }
  if (!isInJurisdiction(actor, target.jurisdiction, regions)) {
    return refuse('outside-jurisdiction', 'no such staff account in your jurisdiction');
  }
  const onlyDepartment = actor.roles.every(
    (r) => !STAFF_READERS.includes(r) || r === 'departmentAdmin',
  );
  if (onlyDepartment && target.organisationId !== actor.organisationId) {
    return refuse('outside-jurisdiction', 'no such staff account in your organisation');
  }
  return ALLOW;
}

/**
 * How a staff list is filtered for `actor`, to be applied in the query: the region subtree and,
 * for a department admin without wider roles, its organisation. `undefined` means no filter
 * (the system); a refusal means the actor lists nothing.
 */
export function staffListScope(
  actor: Actor,
):
  | { ok: true; filter?: { jurisdiction: string; organisationId?: string } }
  | Exclude<Decision, { ok: true }> {
  const gate = signedInAdmin(actor);
  if (gate && !gate.ok) return gate;
  if (!isHuman(actor)) return { ok: true };
  if (!actor.roles.some((r) => STAFF_READERS.includes(r))) {
    return {
      ok: false,
      reason: 'not-permitted',
      message: 'listing staff needs an administrator role',
    };
  }
  if (actor.jurisdiction === undefined) {
    return { ok: false, reason: 'outside-jurisdiction', message: 'you have no jurisdiction' };
  }
  const onlyDepartment = actor.roles.every(
    (r) => !STAFF_READERS.includes(r) || r === 'departmentAdmin',
  );
  if (onlyDepartment) {
    if (actor.organisationId === undefined) {
      return { ok: false, reason: 'outside-organisation', message: 'you have no organisation' };
    }
    return {
      ok: true,
      filter: { jurisdiction: actor.jurisdiction, organisationId: actor.organisationId },
    };
  }
  return { ok: true, filter: { jurisdiction: actor.jurisdiction } };
}

/**
 * Whether `actor` may operate on a staff account: create it, unlock it, disable it. Needs a
 * role that operates on accounts, the target inside the actor's jurisdiction (and organisation
 * for a department admin), and every role of the target among those the actor operates on.
 */
export function canAdministerStaff(
  actor: Actor,
  target: StaffSubject,
  regions: RegionResolver,
): Decision {
  const gate = signedInAdmin(actor);
  if (gate) return gate;
  if (!isHuman(actor)) return ALLOW;
  if (actor.id === target.accountId) {
    return refuse('self-administration', 'you cannot administer your own account');
  }
  const read = canReadStaff(actor, target, regions);
  if (!read.ok) return read;
  const operating = actor.roles.filter((r) => OPERATES_ON[r] !== undefined);
  if (operating.length === 0) {
    return refuse('not-permitted', 'operating staff accounts needs an account-administering role');
  }
  for (const role of operating) {
    if (role === 'departmentAdmin' && target.organisationId !== actor.organisationId) continue;
    const covered = OPERATES_ON[role] ?? [];
    if (target.roles.every((r) => (covered as readonly string[]).includes(r))) return ALLOW;
  }
  if (target.roles.some(isSeparatedRole)) {
    return refuse(
      'separation-of-duties',
      'the 三员 accounts are operated only by the installation (zhengtong CLI)',
    );
  }
  return refuse('target-outranks', 'the account holds a role you do not administer');
}

export interface GrantRequest {
  role: string;
  /** region the role is held for; defaults to the grantee's jurisdiction */
  regionCode?: string | undefined;
}

/**
 * Whether `granter` may grant `role` to `grantee`. Refused, in this order: a grant to oneself;
 * an implicit or unknown role; a grantee that is not staff; a granter without the power for
 * this role (none of the 三员 but securityAdmin grants anything); a grantee or a scope outside
 * the granter's jurisdiction (or organisation); a role the grantee already holds; and any grant
 * that would leave an account holding one of the 三员 roles together with another role.
 */
export function canGrantRole(
  granter: Actor,
  grantee: StaffSubject | { accountId: string; kind: 'person' },
  request: GrantRequest,
  regions: RegionResolver,
): Decision {
  const gate = signedInAdmin(granter);
  if (gate) return gate;
  if (granter.id === grantee.accountId) {
    return refuse('self-administration', 'nobody grants a role to itself');
  }
  const { role } = request;
  if (!isStaffRole(role)) {
    return refuse(
      'role-not-grantable',
      (ROLES as readonly string[]).includes(role)
        ? `${role} follows from the kind of account and is never granted`
        : `unknown role ${role}`,
    );
  }
  if (!('jurisdiction' in grantee)) return refuse('not-staff', 'roles are granted to staff only');
  const scope = request.regionCode ?? grantee.jurisdiction;
  if (isHuman(granter)) {
    const power = grantPower(granter, grantee, role, regions);
    if (!power.ok) return power;
    if (!regions.isWithin(scope, granter.jurisdiction ?? '')) {
      return refuse('scope-too-wide', 'a grant cannot reach beyond your own jurisdiction');
    }
  }
  if (!regions.isWithin(scope, grantee.jurisdiction)) {
    return refuse('scope-too-wide', "a grant cannot reach beyond the grantee's jurisdiction");
  }
  if (grantee.roles.includes(role))
    return refuse('already-held', `the account already holds ${role}`);
  return separationAllows(grantee.roles, role);
}

/** Whether adding `role` to `held` keeps the 三员 apart: a separated role is held alone. */
export function separationAllows(held: readonly string[], role: string): Decision {
  const others = held.filter((r) => r !== role);
  if (isSeparatedRole(role) && others.length > 0) {
    return refuse(
      'separation-of-duties',
      `${role} is one of the 三员 and is held alone; the account holds ${others.join(', ')}`,
    );
  }
  const separated = others.find(isSeparatedRole);
  if (separated) {
    return refuse(
      'separation-of-duties',
      `the account is a ${separated} (三员) and holds no other role`,
    );
  }
  return ALLOW;
}

function grantPower(
  granter: Actor,
  grantee: StaffSubject,
  role: StaffRole,
  regions: RegionResolver,
): Decision {
  const powers = GRANTERS[role].filter((g) => granter.roles.includes(g.role));
  if (powers.length === 0) {
    return refuse(
      'not-permitted',
      GRANTERS[role].length === 0
        ? `${role} is appointed only by the installation (zhengtong CLI)`
        : `granting ${role} needs one of: ${GRANTERS[role].map((g) => g.role).join(', ')}`,
    );
  }
  if (!isInJurisdiction(granter, grantee.jurisdiction, regions)) {
    return refuse('outside-jurisdiction', 'no such staff account in your jurisdiction');
  }
  const anyOrganisation = powers.some((g) => g.organisation !== 'own');
  if (!anyOrganisation && grantee.organisationId !== granter.organisationId) {
    return refuse('outside-organisation', 'a department admin grants within its organisation');
  }
  return ALLOW;
}

/**
 * Whether `revoker` may revoke `role` from `holder`: the same power as granting it, never on
 * oneself (an admin cannot shed a duty to escape it, nor strip another's after demoting itself).
 */
export function canRevokeRole(
  revoker: Actor,
  holder: StaffSubject,
  role: string,
  regions: RegionResolver,
): Decision {
  const gate = signedInAdmin(revoker);
  if (gate) return gate;
  if (revoker.id === holder.accountId) {
    return refuse('self-administration', 'nobody revokes its own roles');
  }
  if (!isStaffRole(role)) return refuse('role-not-grantable', `${role} is never granted`);
  if (isHuman(revoker)) {
    const power = grantPower(revoker, holder, role, regions);
    if (!power.ok) return power;
  }
  if (!holder.roles.includes(role)) return refuse('not-held', `the account does not hold ${role}`);
  return ALLOW;
}

/**
 * Reading the audit chain (records and verification) is the auditAdmin's alone. The
 * securityAdmin does not read it: the auditor's records are largely about the security admin's
 * own grants, and 三员分立 keeps the checked from watching the checker; security events get
 * their own view in the security centre.
 */
export function canReadAudit(actor: Actor): Decision {
  if (actor.kind === 'anonymous') return refuse('unauthenticated', 'sign in first');
  if (actor.kind === 'system') return ALLOW;
  if (!actor.roles.includes('auditAdmin')) {
    return refuse('not-permitted', 'the audit chain is read by the audit admin only');
  }
  if (actor.mfa !== true) {
    return refuse('mfa-required', 'reading the audit chain needs a session with the second factor');
  }
  return ALLOW;
}

// ---------------------------------------------------------------------------------------------
// 经办人: enterprise agents

export const AGENT_SCOPES = ['apply', 'viewCertificates', 'manageAgents'] as const;
export type AgentScope = (typeof AGENT_SCOPES)[number];
export const isAgentScope = (s: string): s is AgentScope =>
  (AGENT_SCOPES as readonly string[]).includes(s);

/** The latest expiry an authorisation given at `now` may have: three years on. */
export function latestAgentExpiry(now: Date): Date {
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + 3);
  return limit;
}

export interface EnterpriseSubject {
  id: string;
  legalRepresentativeId: string;
  status: 'active' | 'deregistered';
}

/** How the actor stands to the enterprise, as the service established it from the database. */
export type EnterpriseStanding =
  | { relation: 'legalRepresentative' }
  | { relation: 'agent'; scope: readonly string[] }
  | { relation: 'none' };

/**
 * Whether a person may manage the enterprise's agents: its legal representative, or an agent
 * whose current (unexpired, unrevoked) authorisation includes `manageAgents`. A person with no
 * standing gets `outside-jurisdiction`, which services answer with a 404.
 */
export function canManageAgents(
  actor: Actor,
  enterprise: EnterpriseSubject,
  standing: EnterpriseStanding,
): Decision {
  if (actor.kind === 'anonymous') return refuse('unauthenticated', 'sign in first');
  if (actor.kind === 'system') return ALLOW;
  if (actor.accountKind === 'staff' || actor.kind === 'staff') {
    return refuse('outside-jurisdiction', 'no such enterprise');
  }
  if (standing.relation === 'legalRepresentative') {
    return actor.id === enterprise.legalRepresentativeId
      ? ALLOW
      : refuse('outside-jurisdiction', 'no such enterprise');
  }
  if (standing.relation === 'agent') {
    return standing.scope.includes('manageAgents')
      ? ALLOW
      : refuse('not-permitted', 'your authorisation does not include managing agents');
  }
  return refuse('outside-jurisdiction', 'no such enterprise');
}

/**
 * Whether `actor` (already allowed to manage agents) may give `scope` to `agentAccountId`: not to
 * itself, not a scope it lacks (an agent passes on only what it holds), with a known scope, and
 * an expiry in the future and at most three years away.
 */
export function canAuthoriseAgent(
  actor: Actor,
  enterprise: EnterpriseSubject,
  standing: EnterpriseStanding,
  agentAccountId: string,
  scope: readonly string[],
  expiresAt: Date,
  now: Date,
): Decision {
  const manage = canManageAgents(actor, enterprise, standing);
  if (!manage.ok) return manage;
  if (enterprise.status !== 'active') {
    return refuse('not-permitted', 'a deregistered enterprise authorises nobody');
  }
  if (agentAccountId === actor.id) {
    return refuse('self-administration', 'nobody authorises itself');
  }
  if (agentAccountId === enterprise.legalRepresentativeId) {
    return refuse('already-held', 'the legal representative acts for the enterprise already');
  }
  const unknown = scope.filter((s) => !isAgentScope(s));
  if (unknown.length > 0)
    return refuse('role-not-grantable', `unknown scope ${unknown.join(', ')}`);
  if (standing.relation === 'agent') {
    const lacking = scope.filter((s) => !standing.scope.includes(s));
    if (lacking.length > 0) {
      return refuse(
        'scope-too-wide',
        `you cannot pass on what you do not hold: ${lacking.join(', ')}`,
      );
    }
  }
  if (expiresAt.getTime() <= now.getTime()) {
    return refuse('scope-too-wide', 'the expiry must lie in the future');
  }
  if (expiresAt.getTime() > latestAgentExpiry(now).getTime()) {
    return refuse('scope-too-wide', 'an authorisation runs at most three years');
  }
  return ALLOW;
}
