import { and, desc, eq, gte, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Actor } from '../../kernel/actor.js';
import { verifyAuditChain } from '../../kernel/audit/chain.js';
import { recordAudit } from '../../kernel/audit/record.js';
import type { Drizzle } from '../../kernel/db/database.js';
import { NotFoundError } from '../../kernel/errors.js';
import { auditChain, auditLog } from '../../kernel/tables.js';
import type { AuditPage, AuditQuery, AuditVerifyReport } from './admin-schemas.js';
import { canReadAudit } from './roles.js';
import type { RequestContext } from './service.js';
import { refusalError } from './staff-service.js';

const notFound = () => new NotFoundError('not-found', 'not found');

/**
 * 审计: the audit admin reads the audit log (summaries as stored: masked, no secrets) and runs
 * the chain verification. Nothing here changes anything but the audit log itself: reading and
 * verifying are recorded, since 等保 audits the auditor too.
 */
export class AuditReadService {
  constructor(
    private readonly db: Drizzle,
    private readonly pool: pg.Pool,
    private readonly trustedPublicKey: string,
  ) {}

  private assertReader(actor: Actor): void {
    const d = canReadAudit(actor);
    if (!d.ok) throw refusalError(d, notFound);
  }

  async list(actor: Actor, query: AuditQuery, ctx: RequestContext = {}): Promise<AuditPage> {
    this.assertReader(actor);
    const conditions: SQL[] = [];
    if (query.action !== undefined) {
      conditions.push(
        query.action.endsWith('.')
          ? like(auditLog.action, `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
          : eq(auditLog.action, query.action),
      );
    }
    if (query.actorId !== undefined) conditions.push(eq(auditLog.actorId, query.actorId));
    if (query.targetType !== undefined) conditions.push(eq(auditLog.targetType, query.targetType));
    if (query.targetId !== undefined) conditions.push(eq(auditLog.targetId, query.targetId));
    if (query.from !== undefined) conditions.push(gte(auditLog.occurredAt, new Date(query.from)));
    if (query.to !== undefined) conditions.push(lte(auditLog.occurredAt, new Date(query.to)));
    if (query.before !== undefined) conditions.push(lt(auditLog.seq, query.before));
    const rows = await this.db
      .select({
        seq: auditLog.seq,
        id: auditLog.id,
        occurredAt: auditLog.occurredAt,
        actorId: auditLog.actorId,
        actorKind: auditLog.actorKind,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        requestId: auditLog.requestId,
        summary: auditLog.summary,
        chainPosition: sql<number | null>`${auditChain.position}`,
      })
      .from(auditLog)
      .leftJoin(auditChain, eq(auditChain.auditSeq, auditLog.seq))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.seq))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    await this.db.transaction((tx) =>
      recordAudit(tx, {
        actor,
        action: 'audit.read',
        targetType: 'auditLog',
        targetId: 'query',
        summary: { ...query, returned: page.length },
        requestId: ctx.requestId,
      }),
    );
    return {
      items: page.map((r) => ({
        ...r,
        occurredAt: r.occurredAt.toISOString(),
        chainPosition: r.chainPosition === null ? null : Number(r.chainPosition),
      })),
      nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }

  /** Walks the whole chain against the trusted checkpoint key (kernel.auditSigner). */
  async verify(actor: Actor, ctx: RequestContext = {}): Promise<AuditVerifyReport> {
    this.assertReader(actor);
    const report = await verifyAuditChain(this.pool, this.trustedPublicKey);
    await this.db.transaction((tx) =>
      recordAudit(tx, {
        actor,
        action: 'audit.verify',
        targetType: 'auditChain',
        targetId: 'chain',
        summary: {
          ok: report.ok,
          rows: report.rows,
          unsealed: report.unsealed,
          firstBreak: report.firstBreak?.reason ?? null,
        },
        requestId: ctx.requestId,
      }),
    );
    return report;
  }
}
