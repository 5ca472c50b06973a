import type { Organisation } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';
import type { IdentityApi } from './api.js';
import type {
  CreateStaffBody,
  GrantRoleBody,
  StaffDetail,
  StaffList,
  StaffListQuery,
  StaffMember,
} from './admin-schemas.js';
import * as rolesStore from './roles-store.js';
import {
  canAdministerStaff,
  canGrantRole,
  canReadStaff,
  canRevokeRole,
  separationAllows,
  staffListScope,
  type Decision,
  type RegionResolver,
  type StaffSubject,
} from './roles.js';
import type { RequestContext } from './service.js';
import * as store from './store.js';

/** What staff administration needs of the directory. */
export interface OrganisationLookup {
  findOrganisation: (id: string) => Promise<Organisation | undefined>;
}

type Refusal = Exclude<Decision, { ok: true }>;

/**
 * A refusal as the error the caller sees. Whatever lies outside the actor's jurisdiction or
 * organisation is answered as absent (404), so probing ids tells nothing.
 */
export function refusalError(d: Refusal, notFound: () => DomainError): DomainError {
  switch (d.reason) {
    case 'unauthenticated':
      return new UnauthenticatedError('unauthenticated', d.message);
    case 'outside-jurisdiction':
    case 'outside-organisation':
      return notFound();
    case 'already-held':
    case 'not-held':
      return new ConflictError(d.reason, d.message);
    case 'role-not-grantable':
      return new UnprocessableError(d.reason, d.message);
    default:
      return new ForbiddenError(d.reason, d.message);
  }
}

const staffNotFound = () => new NotFoundError('staff-not-found', 'no such staff account');

const subjectOf = (row: rolesStore.StaffRow): StaffSubject => ({
  accountId: row.accountId,
  organisationId: row.organisationId,
  jurisdiction: row.jurisdiction,
  roles: row.roles,
});

function toMember(row: rolesStore.StaffRow): StaffMember {
  return {
    accountId: row.accountId,
    username: row.username ?? '',
    name: row.name,
    organisationId: row.organisationId,
    jurisdiction: row.jurisdiction,
    status: row.status,
    lockedUntil:
      row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
    mustChangePassword: row.mustChangePassword,
    mfaEnabled: row.totpEnabledAt !== null,
    phoneMasked: row.phoneMasked,
    roles: row.roles as StaffMember['roles'],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * 工作人员管理: list, read, create, grant and revoke roles, unlock, disable and enable staff
 * accounts. Every decision is roles.ts policy; lists are filtered by jurisdiction in the query;
 * every change is audited in its own transaction; role changes always.
 */
export class StaffService {
  constructor(
    private readonly db: Drizzle,
    private readonly identity: IdentityApi,
    private readonly directory: OrganisationLookup,
  ) {}

  private regions(...roots: (string | undefined)[]): Promise<RegionResolver> {
    return rolesStore.loadRegionResolver(this.db, roots);
  }

  async list(actor: Actor, query: StaffListQuery): Promise<StaffList> {
    const scope = staffListScope(actor);
    if (!scope.ok) throw refusalError(scope, staffNotFound);
    const organisationId = scope.filter?.organisationId ?? query.organisationId;
    if (
      scope.filter?.organisationId !== undefined &&
      query.organisationId !== undefined &&
      query.organisationId !== scope.filter.organisationId
    ) {
      // another organisation than one's own is simply empty for a department admin
      return { items: [], total: 0, limit: query.limit, offset: query.offset };
    }
    const { items, total } = await rolesStore.listStaff(
      this.db,
      {
        jurisdiction: scope.filter?.jurisdiction,
        organisationId,
        role: query.role,
        status: query.status,
        q: query.q,
      },
      { limit: query.limit, offset: query.offset },
    );
    return { items: items.map(toMember), total, limit: query.limit, offset: query.offset };
  }

  /** The target, visible to `actor`; outside its jurisdiction it does not exist. */
  private async visibleTarget(
    actor: Actor,
    accountId: string,
  ): Promise<{ row: rolesStore.StaffRow; regions: RegionResolver }> {
    // who may read staff at all is settled before anything is looked up
    const scope = staffListScope(actor);
    if (!scope.ok && actor.id !== accountId) throw refusalError(scope, staffNotFound);
    const row = await rolesStore.findStaff(this.db, accountId);
    if (!row) throw staffNotFound();
    const regions = await this.regions(actor.jurisdiction, row.jurisdiction);
    const read = canReadStaff(actor, subjectOf(row), regions);
    if (!read.ok) throw refusalError(read, staffNotFound);
    return { row, regions };
  }

  async get(actor: Actor, accountId: string): Promise<StaffDetail> {
    const { row } = await this.visibleTarget(actor, accountId);
    return this.detail(row);
  }

  private async detail(row: rolesStore.StaffRow): Promise<StaffDetail> {
    const held = await store.listRoles(this.db, row.accountId);
    return {
      ...toMember(row),
      roleAssignments: held.map((h) => ({
        role: h.role as StaffMember['roles'][number],
        regionCode: h.regionCode,
        organisationId: h.organisationId,
        grantedBy: h.grantedBy,
        grantedAt: h.grantedAt.toISOString(),
      })),
    };
  }

  private async reload(accountId: string): Promise<StaffDetail> {
    const row = await rolesStore.findStaff(this.db, accountId);
    if (!row) throw staffNotFound();
    return this.detail(row);
  }

  /**
   * Creates a staff account in an organisation inside the actor's jurisdiction, with a password
   * the account must change at first login, and the roles the actor may grant it.
   */
  async create(
    actor: Actor,
    input: CreateStaffBody,
    ctx: RequestContext = {},
  ): Promise<StaffDetail> {
    const scope = staffListScope(actor);
    if (!scope.ok) throw refusalError(scope, staffNotFound);
    const org = await this.directory.findOrganisation(input.organisationId);
    if (!org) {
      throw new InputError('validation', 'no such organisation', [
        { path: '/body/organisationId', message: 'no such organisation' },
      ]);
    }
    const jurisdiction = input.jurisdiction ?? org.regionCode;
    const regions = await this.regions(actor.jurisdiction, org.regionCode, jurisdiction);
    if (!regions.isWithin(jurisdiction, org.regionCode)) {
      throw new InputError(
        'validation',
        "the jurisdiction lies outside the organisation's region",
        [{ path: '/body/jurisdiction', message: "must lie within the organisation's region" }],
      );
    }
    // the organisation and the jurisdiction are public directory data: refusing says nothing new
    const prospective: StaffSubject = {
      accountId: 'new',
      organisationId: org.id,
      jurisdiction,
      roles: [],
    };
    const operate = canAdministerStaff(actor, prospective, regions);
    if (!operate.ok) {
      throw operate.reason === 'outside-jurisdiction' || operate.reason === 'outside-organisation'
        ? new ForbiddenError(operate.reason, 'the organisation or jurisdiction is outside yours')
        : refusalError(operate, staffNotFound);
    }
    let held: string[] = [];
    for (const role of input.roles) {
      const d = canGrantRole(actor, { ...prospective, roles: held }, { role }, regions);
      if (!d.ok) {
        throw d.reason === 'outside-jurisdiction' || d.reason === 'outside-organisation'
          ? new ForbiddenError(d.reason, d.message)
          : refusalError(d, staffNotFound);
      }
      held = [...held, role];
    }
    const { accountId } = await this.identity.createStaffAccount(
      actor,
      {
        username: input.username,
        name: input.name,
        password: input.initialPassword,
        organisationId: org.id,
        jurisdiction,
        phone: input.phone,
        mustChangePassword: true,
      },
      ctx,
    );
    if (input.roles.length > 0) {
      await this.db.transaction(async (tx) => {
        for (const role of input.roles) {
          await store.grantRole(tx, {
            accountId,
            role,
            organisationId: org.id,
            regionCode: jurisdiction,
            grantedBy: actor.id,
          });
          await recordAudit(tx, {
            actor,
            action: 'identity.role.grant',
            targetType: 'account',
            targetId: accountId,
            summary: { role, organisationId: org.id, regionCode: jurisdiction, atCreation: true },
            requestId: ctx.requestId,
          });
        }
      });
    }
    return this.reload(accountId);
  }

  async grantRole(
    actor: Actor,
    accountId: string,
    input: GrantRoleBody,
    ctx: RequestContext = {},
  ): Promise<StaffDetail> {
    const { row } = await this.visibleTarget(actor, accountId);
    const regionCode = input.regionCode ?? row.jurisdiction;
    const regions = await this.regions(actor.jurisdiction, row.jurisdiction, regionCode);
    const d = canGrantRole(actor, subjectOf(row), { role: input.role, regionCode }, regions);
    if (!d.ok) {
      await this.auditRefusal(actor, 'identity.role.grant.refused', accountId, d, input.role, ctx);
      throw refusalError(d, staffNotFound);
    }
    await this.db.transaction(async (tx) => {
      // the row lock serialises concurrent grants to one account, so two admins granting two
      // 三员 roles at once cannot both pass the separation check
      await store.lockAccount(tx, accountId);
      const current = (await store.listRoles(tx, accountId)).map((r) => r.role);
      const again = separationAllows(current, input.role);
      if (!again.ok) throw refusalError(again, staffNotFound);
      const granted = await store.grantRole(tx, {
        accountId,
        role: input.role,
        organisationId: row.organisationId,
        regionCode,
        grantedBy: actor.id,
      });
      if (!granted)
        throw new ConflictError('already-held', `the account already holds ${input.role}`);
      await recordAudit(tx, {
        actor,
        action: 'identity.role.grant',
        targetType: 'account',
        targetId: accountId,
        summary: { role: input.role, organisationId: row.organisationId, regionCode },
        requestId: ctx.requestId,
      });
    });
    return this.reload(accountId);
  }

  async revokeRole(
    actor: Actor,
    accountId: string,
    role: string,
    ctx: RequestContext = {},
  ): Promise<StaffDetail> {
    const { row, regions } = await this.visibleTarget(actor, accountId);
    const d = canRevokeRole(actor, subjectOf(row), role, regions);
    if (!d.ok) {
      await this.auditRefusal(actor, 'identity.role.revoke.refused', accountId, d, role, ctx);
      throw refusalError(d, staffNotFound);
    }
    await this.db.transaction(async (tx) => {
      const revoked = await store.revokeRole(tx, { accountId, role, revokedBy: actor.id });
      if (!revoked) throw new ConflictError('not-held', `the account does not hold ${role}`);
      await recordAudit(tx, {
        actor,
        action: 'identity.role.revoke',
        targetType: 'account',
        targetId: accountId,
        summary: { role },
        requestId: ctx.requestId,
      });
    });
    return this.reload(accountId);
  }

  /** Lifts a lockout and resets the failure counters. */
  async unlock(actor: Actor, accountId: string, ctx: RequestContext = {}): Promise<StaffDetail> {
    await this.operate(actor, accountId, 'identity.staff.unlock', ctx, async (tx) => {
      await store.updateLoginState(tx, accountId, {
        failedLogins: 0,
        lockouts: 0,
        lockedUntil: null,
      });
      return {};
    });
    return this.reload(accountId);
  }

  /** Disables the account and ends its sessions at once. */
  async disable(actor: Actor, accountId: string, ctx: RequestContext = {}): Promise<StaffDetail> {
    await this.operate(actor, accountId, 'identity.staff.disable', ctx, async (tx) => {
      await store.setAccountStatus(tx, accountId, 'disabled');
      return { sessionsEnded: await store.revokeAccountSessions(tx, accountId) };
    });
    return this.reload(accountId);
  }

  async enable(actor: Actor, accountId: string, ctx: RequestContext = {}): Promise<StaffDetail> {
    await this.operate(actor, accountId, 'identity.staff.enable', ctx, async (tx) => {
      await store.setAccountStatus(tx, accountId, 'active');
      return {};
    });
    return this.reload(accountId);
  }

  private async operate(
    actor: Actor,
    accountId: string,
    action: string,
    ctx: RequestContext,
    change: (tx: Parameters<Parameters<Drizzle['transaction']>[0]>[0]) => Promise<object>,
  ): Promise<void> {
    const { row, regions } = await this.visibleTarget(actor, accountId);
    const d = canAdministerStaff(actor, subjectOf(row), regions);
    if (!d.ok) throw refusalError(d, staffNotFound);
    await this.db.transaction(async (tx) => {
      const summary = await change(tx);
      await recordAudit(tx, {
        actor,
        action,
        targetType: 'account',
        targetId: accountId,
        summary: { username: row.username, ...summary },
        requestId: ctx.requestId,
      });
    });
  }

  /** A refused role change is a security event: it goes into the audit chain too. */
  private async auditRefusal(
    actor: Actor,
    action: string,
    accountId: string,
    d: Refusal,
    role: string,
    ctx: RequestContext,
  ): Promise<void> {
    if (d.reason === 'unauthenticated') return;
    await this.db.transaction((tx) =>
      recordAudit(tx, {
        actor,
        action,
        targetType: 'account',
        targetId: accountId,
        summary: { role, reason: d.reason },
        requestId: ctx.requestId,
      }),
    );
  }
}
