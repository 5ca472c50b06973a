import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import { newId } from '../../kernel/ids.js';
import type { Agent, AgentList, AuthoriseAgentBody, UpdateAgentBody } from './admin-schemas.js';
import * as rolesStore from './roles-store.js';
import {
  canAuthoriseAgent,
  canManageAgents,
  type EnterpriseStanding,
  type EnterpriseSubject,
} from './roles.js';
import type { RequestContext } from './service.js';
import { refusalError } from './staff-service.js';
import * as store from './store.js';

const enterpriseNotFound = () => new NotFoundError('enterprise-not-found', 'no such enterprise');
const agentNotFound = () => new NotFoundError('agent-not-found', 'no such agent');

function statusOf(row: rolesStore.AgentRow, now: Date): Agent['status'] {
  if (row.revokedAt !== null) return row.expiresAt <= row.revokedAt ? 'expired' : 'revoked';
  return row.expiresAt > now ? 'active' : 'expired';
}

function toAgent(row: rolesStore.AgentRow, now: Date): Agent {
  return {
    id: row.id,
    personAccountId: row.personAccountId,
    name: row.name,
    idNumberMasked: row.idNumberMasked,
    phoneMasked: row.phoneMasked,
    scope: row.scope,
    expiresAt: row.expiresAt.toISOString(),
    status: statusOf(row, now),
    grantedBy: row.grantedBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}

/**
 * 经办人管理: the legal representative, or an agent authorised to manage agents, lists,
 * authorises, re-scopes and revokes the people who act for the enterprise. Standing is read
 * from the database on every call, so a revoked or expired agent stops at once; everyone else
 * is told the enterprise does not exist.
 */
export class AgentsService {
  constructor(
    private readonly db: Drizzle,
    private readonly crypto: FieldCrypto,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async manageable(
    actor: Actor,
    enterpriseId: string,
  ): Promise<{ enterprise: EnterpriseSubject; standing: EnterpriseStanding }> {
    if (actor.kind === 'anonymous')
      throw new UnauthenticatedError('unauthenticated', 'log in first');
    if (actor.limitedTo) throw new ForbiddenError(actor.limitedTo, 'finish signing in first');
    const enterprise = await rolesStore.findEnterpriseHead(this.db, enterpriseId);
    if (!enterprise) throw enterpriseNotFound();
    let standing: EnterpriseStanding = { relation: 'none' };
    if (actor.accountKind === 'person') {
      const rel = await store.findActingEnterprise(this.db, actor.id, enterpriseId, this.clock());
      if (rel?.relation === 'legalRepresentative') standing = { relation: 'legalRepresentative' };
      else if (rel) standing = { relation: 'agent', scope: rel.scope };
    }
    const d = canManageAgents(actor, enterprise, standing);
    if (!d.ok) throw refusalError(d, enterpriseNotFound);
    return { enterprise, standing };
  }

  async list(actor: Actor, enterpriseId: string, all: boolean): Promise<AgentList> {
    await this.manageable(actor, enterpriseId);
    const now = this.clock();
    const rows = await rolesStore.listAgents(this.db, enterpriseId, { current: !all, now });
    return { items: rows.map((r) => toAgent(r, now)) };
  }

  /** Finds the person by ID number or phone through the keyed lookup hash. */
  private async findPerson(input: AuthoriseAgentBody): Promise<string> {
    if ((input.idNumber === undefined) === (input.phone === undefined)) {
      throw new InputError('validation', 'name the person by ID number or by phone', [
        { path: '/body/idNumber', message: 'give exactly one of idNumber and phone' },
      ]);
    }
    const found =
      input.idNumber !== undefined
        ? await store.findPersonIdByHash(
            this.db,
            'idNumber',
            this.crypto.lookupHash(input.idNumber.toUpperCase()),
          )
        : await store.findPersonIdByHash(this.db, 'phone', this.crypto.lookupHash(input.phone!));
    if (!found) {
      throw new NotFoundError(
        'person-not-found',
        'no registered person matches; they must register first',
      );
    }
    return found;
  }

  async authorise(
    actor: Actor,
    enterpriseId: string,
    input: AuthoriseAgentBody,
    ctx: RequestContext = {},
  ): Promise<Agent> {
    const { enterprise, standing } = await this.manageable(actor, enterpriseId);
    const personId = await this.findPerson(input);
    const now = this.clock();
    const expiresAt = new Date(input.expiresAt);
    const d = canAuthoriseAgent(actor, enterprise, standing, personId, input.scope, expiresAt, now);
    if (!d.ok) throw refusalError(d, enterpriseNotFound);
    const id = newId();
    await this.db.transaction(async (tx) => {
      const existing = await rolesStore.findUnrevokedAgent(tx, enterpriseId, personId);
      if (existing && existing.expiresAt > now) {
        throw new ConflictError(
          'agent-exists',
          'this person is an agent already; change or revoke it',
        );
      }
      if (existing) await rolesStore.closeExpiredAgent(tx, existing.id, now);
      await rolesStore.insertAgent(tx, {
        id,
        enterpriseId,
        personAccountId: personId,
        scope: [...input.scope],
        expiresAt,
        grantedBy: actor.id,
      });
      await recordAudit(tx, {
        actor,
        action: 'identity.agent.authorise',
        targetType: 'enterprise',
        targetId: enterpriseId,
        summary: {
          agentId: id,
          personAccountId: personId,
          scope: input.scope,
          expiresAt: expiresAt.toISOString(),
        },
        requestId: ctx.requestId,
      });
    });
    return this.reload(enterpriseId, id);
  }

  private async reload(enterpriseId: string, agentId: string): Promise<Agent> {
    const row = await rolesStore.findAgent(this.db, enterpriseId, agentId);
    if (!row) throw agentNotFound();
    return toAgent(row, this.clock());
  }

  private async target(
    actor: Actor,
    enterpriseId: string,
    agentId: string,
  ): Promise<{
    enterprise: EnterpriseSubject;
    standing: EnterpriseStanding;
    row: rolesStore.AgentRow;
  }> {
    const { enterprise, standing } = await this.manageable(actor, enterpriseId);
    const row = await rolesStore.findAgent(this.db, enterpriseId, agentId);
    if (!row) throw agentNotFound();
    if (row.revokedAt !== null)
      throw new ConflictError('agent-revoked', 'this authorisation ended');
    if (row.personAccountId === actor.id) {
      throw new ForbiddenError('self-administration', 'nobody changes its own authorisation');
    }
    if (standing.relation === 'agent' && row.scope.some((s) => !standing.scope.includes(s))) {
      throw new ForbiddenError(
        'scope-too-wide',
        'this agent holds powers you do not: ask the legal representative',
      );
    }
    return { enterprise, standing, row };
  }

  async update(
    actor: Actor,
    enterpriseId: string,
    agentId: string,
    input: UpdateAgentBody,
    ctx: RequestContext = {},
  ): Promise<Agent> {
    const { enterprise, standing, row } = await this.target(actor, enterpriseId, agentId);
    const scope = input.scope ? [...input.scope] : row.scope;
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : row.expiresAt;
    const now = this.clock();
    const d = canAuthoriseAgent(
      actor,
      enterprise,
      standing,
      row.personAccountId,
      scope,
      expiresAt,
      now,
    );
    if (!d.ok) throw refusalError(d, enterpriseNotFound);
    await this.db.transaction(async (tx) => {
      await rolesStore.updateAgent(tx, agentId, { scope, expiresAt });
      await recordAudit(tx, {
        actor,
        action: 'identity.agent.update',
        targetType: 'enterprise',
        targetId: enterpriseId,
        summary: {
          agentId,
          personAccountId: row.personAccountId,
          scope,
          expiresAt: expiresAt.toISOString(),
          previous: { scope: row.scope, expiresAt: row.expiresAt.toISOString() },
        },
        requestId: ctx.requestId,
      });
    });
    return this.reload(enterpriseId, agentId);
  }

  async revoke(
    actor: Actor,
    enterpriseId: string,
    agentId: string,
    ctx: RequestContext = {},
  ): Promise<void> {
    const { row } = await this.target(actor, enterpriseId, agentId);
    await this.db.transaction(async (tx) => {
      if (!(await rolesStore.revokeAgent(tx, agentId, actor.id))) {
        throw new ConflictError('agent-revoked', 'this authorisation ended');
      }
      await recordAudit(tx, {
        actor,
        action: 'identity.agent.revoke',
        targetType: 'enterprise',
        targetId: enterpriseId,
        summary: { agentId, personAccountId: row.personAccountId },
        requestId: ctx.requestId,
      });
    });
  }
}
