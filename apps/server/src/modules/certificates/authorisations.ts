import type {
  CertificateAuthorisation,
  CertificateAuthorisationList,
  CertificateUseList,
  CreateAuthorisationBody,
  ProblemFieldError,
} from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import { recordAudit } from '../../kernel/audit/record.js';
import { addYears, toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle, Executor } from '../../kernel/db/database.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../kernel/errors.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { newId } from '../../kernel/ids.js';
import type { CertificatesDeps, CertificatesDirectory } from './service.js';
import * as store from './store.js';

/**
 * 用证授权 and 用证记录: the holder lends a certificate to a department (or to one of its
 * applications) in a scope and for at most a year, withdraws it, and reads who used it.
 */
export class CertificateAuthorisations {
  constructor(
    private readonly deps: {
      db: Drizzle;
      directory: CertificatesDirectory;
      application?: CertificatesDeps['application'];
      now: () => Date;
      /** the certificate if the actor holds it, else a 404 */
      held: (actor: Actor, id: string) => Promise<store.CertificateRow>;
    },
  ) {}

  async authorisations(actor: Actor, id: string): Promise<CertificateAuthorisationList> {
    const row = await this.deps.held(actor, id);
    return {
      items: await this.authorisationViews(await store.listAuthorisations(this.deps.db, row.id)),
    };
  }

  /**
   * 用证授权: the holder lets a department (or one of its applications) read the certificate,
   * in a scope, until a moment at most a year ahead.
   */
  async authorise(
    actor: Actor,
    id: string,
    body: CreateAuthorisationBody,
    requestId?: string,
  ): Promise<CertificateAuthorisation> {
    const row = await this.deps.held(actor, id);
    if (row.status !== 'valid') {
      throw new ConflictError('certificate-state', `a ${row.status} certificate is not lent out`);
    }
    const problems: ProblemFieldError[] = [];
    const grantee = await this.deps.directory.organisation(body.granteeOrganisationId);
    if (grantee?.kind !== 'department') {
      problems.push({ path: '/body/granteeOrganisationId', message: '被授权方须为政务部门' });
    }
    const now = this.deps.now();
    const expiresAt = new Date(body.expiresAt);
    // the web sends the end of the chosen Beijing day: a year ahead runs to that day's end
    const latest = new Date(`${addYears(toShanghaiDate(now), 1)}T23:59:59.999+08:00`);
    if (!(expiresAt.getTime() > now.getTime())) {
      problems.push({ path: '/body/expiresAt', message: '授权截止时间须晚于当前时间' });
    } else if (expiresAt.getTime() > latest.getTime()) {
      problems.push({ path: '/body/expiresAt', message: '授权期限最长一年' });
    }
    if (body.applicationId && grantee) {
      const application = await this.deps.application?.(body.applicationId);
      if (application?.organisationId !== grantee.id) {
        problems.push({ path: '/body/applicationId', message: '不是被授权部门的办件' });
      }
    }
    if (problems.length > 0) {
      throw new UnprocessableError(
        'authorisation-invalid',
        'the authorisation cannot be given',
        problems,
      );
    }
    const created = await this.deps.db.transaction((tx) =>
      this.grant(tx, {
        actor,
        row,
        granteeOrganisationId: body.granteeOrganisationId,
        applicationId: body.applicationId ?? null,
        scope: body.scope,
        purpose: body.purpose,
        expiresAt,
        requestId,
      }),
    );
    const [view] = await this.authorisationViews([created]);
    return view!;
  }

  /** Inserts an authorisation with its outbox event and audit record, in the caller's tx. */
  /** (also for certificate-materials.ts) */
  async grant(
    tx: Executor,
    a: {
      actor: Actor;
      row: store.CertificateRow;
      granteeOrganisationId: string;
      applicationId: string | null;
      scope: 'summary' | 'full';
      purpose: string;
      expiresAt: Date;
      requestId?: string | undefined;
    },
  ): Promise<store.AuthorisationRow> {
    const created = await store.insertAuthorisation(tx, {
      id: newId(),
      certificateId: a.row.id,
      grantedBy: a.actor.id,
      granteeOrganisationId: a.granteeOrganisationId,
      applicationId: a.applicationId,
      scope: a.scope,
      purpose: a.purpose,
      expiresAt: a.expiresAt,
      createdAt: this.deps.now(),
    });
    const summary = {
      identifier: a.row.identifier,
      granteeOrganisationId: a.granteeOrganisationId,
      scope: a.scope,
      purpose: a.purpose,
      expiresAt: a.expiresAt.toISOString(),
      ...(a.applicationId ? { applicationId: a.applicationId } : {}),
    };
    await publishEvent(
      tx,
      'certificate.authorised',
      { certificateId: a.row.id, authorisationId: created.id, ...summary },
      a.requestId,
    );
    await recordAudit(tx, {
      actor: a.actor,
      action: 'certificates.authorise',
      targetType: 'certificate',
      targetId: a.row.id,
      summary: { authorisationId: created.id, ...summary },
      requestId: a.requestId,
    });
    return created;
  }

  /** Withdraws an authorisation (a second withdrawal answers the first). */
  async withdrawAuthorisation(
    actor: Actor,
    id: string,
    authorisationId: string,
    requestId?: string,
  ): Promise<CertificateAuthorisation> {
    const row = await this.deps.held(actor, id);
    const withdrawn = await this.deps.db.transaction(async (tx) => {
      const found = await store.lockAuthorisation(tx, authorisationId);
      if (!found || found.certificateId !== row.id) {
        throw new NotFoundError('authorisation-not-found', `no authorisation ${authorisationId}`);
      }
      if (found.withdrawnAt) return found;
      const updated = await store.withdrawAuthorisation(tx, found.id, this.deps.now());
      await publishEvent(
        tx,
        'certificate.authorisation-withdrawn',
        { certificateId: row.id, authorisationId: found.id, identifier: row.identifier },
        requestId,
      );
      await recordAudit(tx, {
        actor,
        action: 'certificates.withdraw-authorisation',
        targetType: 'certificate',
        targetId: row.id,
        summary: {
          authorisationId: found.id,
          identifier: row.identifier,
          granteeOrganisationId: found.granteeOrganisationId,
        },
        requestId,
      });
      return updated;
    });
    const [view] = await this.authorisationViews([withdrawn]);
    return view!;
  }

  /** 用证记录, newest first: who read the certificate, when and for what (holder only). */
  async uses(actor: Actor, id: string): Promise<CertificateUseList> {
    const row = await this.deps.held(actor, id);
    const uses = await store.listUses(this.deps.db, row.id);
    const names = await this.deps.directory.organisationNames(
      uses.flatMap((u) => (u.organisationId ? [u.organisationId] : [])),
    );
    return {
      items: uses.map((u) => ({
        at: u.at.toISOString(),
        organisationName: u.organisationId ? (names.get(u.organisationId) ?? null) : null,
        purpose: u.purpose,
        applicationId: u.applicationId,
        authorisationId: u.authorisationId,
      })),
    };
  }

  private async authorisationViews(
    rows: store.AuthorisationRow[],
  ): Promise<CertificateAuthorisation[]> {
    const names = await this.deps.directory.organisationNames(
      rows.map((r) => r.granteeOrganisationId),
    );
    const now = this.deps.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      certificateId: r.certificateId,
      granteeOrganisationId: r.granteeOrganisationId,
      granteeOrganisationName: names.get(r.granteeOrganisationId) ?? '',
      applicationId: r.applicationId,
      scope: r.scope,
      purpose: r.purpose,
      expiresAt: r.expiresAt.toISOString(),
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      active: r.withdrawnAt === null && r.expiresAt.getTime() > now,
    }));
  }
}
