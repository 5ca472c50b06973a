import type {
  CertificateMaterial,
  CertificateMaterialChoice,
  CertificateMaterialOptions,
  Material,
  ProblemFieldError,
} from '@zhengtong/contracts';

import { type Actor } from '../../kernel/actor.js';

import { toShanghaiDate } from '../../kernel/calendar/working-days.js';

import type { Executor } from '../../kernel/db/database.js';
import {
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../kernel/errors.js';

import { identityStore } from '../identity/index.js';

import * as store from './store.js';

import {
  STATUS_TEXT,
  type ApplicationForCertificates,
  type CertificatesDeps,
  type CertificatesService,
} from './service.js';

/**
 * 免提交: the applicant's wallet certificates meeting the materials of an application — what may
 * be offered for a list, attaching them at submit (with an authorisation for the implementing
 * department), and the officer's verified view. Part of the certificates service, kept apart.
 */
export class CertificateMaterials {
  constructor(
    private readonly service: CertificatesService,
    private readonly deps: CertificatesDeps,
  ) {}

  /**
   * For each material of the list in force that a certificate meets, the applicant's valid
   * certificates of its type (the person's own, or those of the enterprise acted for).
   */
  async forList(actor: Actor, listId: string): Promise<CertificateMaterialOptions> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('unauthenticated', 'sign in');
    if (actor.kind !== 'person' && actor.kind !== 'enterprise') {
      throw new ForbiddenError('applicants-only', 'only people and enterprises apply');
    }
    const materials = await this.deps.listMaterials?.(listId);
    if (!materials) {
      throw new NotFoundError('list-not-found', `no implementation list in force ${listId}`);
    }
    const wanted = materials.flatMap((m) =>
      m.source === 'certificate' && m.certificateTypeCode
        ? [{ materialKey: m.key, certificateTypeCode: m.certificateTypeCode }]
        : [],
    );
    if (wanted.length === 0) return { items: [] };
    const holder = await this.applicantHolder(
      this.deps.db,
      actor.id,
      actor.actingFor?.enterpriseId ?? null,
    );
    const rows = holder
      ? await store.listWallet(this.deps.db, {
          ...holder,
          state: 'valid',
          today: this.service.today(),
        })
      : [];
    const summaries = await this.service.summaries(rows);
    return {
      items: wanted.map((w) => ({
        ...w,
        certificates: summaries.filter((c) => c.typeCode === w.certificateTypeCode),
      })),
    };
  }

  /** The wallet filter of an applicant: the person, or the enterprise they act for. */
  private async applicantHolder(
    db: Executor,
    accountId: string,
    enterpriseId: string | null,
  ): Promise<Pick<store.WalletFilter, 'person' | 'enterprise'> | undefined> {
    if (enterpriseId) {
      const e = await identityStore.findActingEnterprise(db, accountId, enterpriseId);
      if (!e) return undefined;
      return {
        enterprise: {
          enterpriseId: e.id,
          creditCodeHash: this.deps.fieldCrypto.lookupHash(e.creditCode),
        },
      };
    }
    const profile = await identityStore.findPersonProfile(db, accountId);
    return { person: { accountId, idNumberHash: profile?.idNumberHash } };
  }

  /**
   * 免提交 at submit, in the filing's transaction: each choice must name a material of the list
   * version met by a certificate, a certificate of that type held by the applicant and valid
   * now (else 422 naming `path/<i>/…`); then the implementing department is authorised (full
   * scope, this application, a year — long enough for any statutory limit with its pauses) and
   * the certificates are attached to the application.
   */
  async attachToApplication(
    tx: Executor,
    input: {
      actor: Actor;
      application: ApplicationForCertificates;
      materials: readonly Material[];
      choices: readonly CertificateMaterialChoice[];
      /** JSON pointer of the choices in the request (/body/certificateMaterials) */
      path: string;
      requestId?: string | undefined;
    },
  ): Promise<void> {
    const { application, choices, path } = input;
    if (choices.length === 0) return;
    const holder = await this.applicantHolder(
      tx,
      application.applicantAccountId,
      application.enterpriseId,
    );
    const problems: ProblemFieldError[] = [];
    const chosen: { choice: CertificateMaterialChoice; row: store.CertificateRow }[] = [];
    const seen = new Set<string>();
    for (const [i, choice] of choices.entries()) {
      const material = input.materials.find((m) => m.key === choice.materialKey);
      if (!material) {
        problems.push({
          path: `${path}/${i}/materialKey`,
          message: `无此材料：${choice.materialKey}`,
        });
        continue;
      }
      if (material.source !== 'certificate' || !material.certificateTypeCode) {
        problems.push({
          path: `${path}/${i}/materialKey`,
          message: `${material.name}不能以电子证照代替，须上传`,
        });
        continue;
      }
      const pair = `${choice.materialKey}\u0000${choice.certificateId}`;
      if (seen.has(pair)) {
        problems.push({ path: `${path}/${i}/certificateId`, message: '同一证照重复选择' });
        continue;
      }
      seen.add(pair);
      const row = await store.findCertificate(tx, choice.certificateId);
      if (!row || !holder || !this.holds(holder, row)) {
        problems.push({ path: `${path}/${i}/certificateId`, message: '不是申请人持有的电子证照' });
        continue;
      }
      if (row.typeCode !== material.certificateTypeCode) {
        problems.push({
          path: `${path}/${i}/certificateId`,
          message: `证照类型与材料“${material.name}”不符`,
        });
        continue;
      }
      const verification = await this.service.verify(row.identifier);
      if (verification.status !== 'valid') {
        problems.push({
          path: `${path}/${i}/certificateId`,
          message: `电子证照核验未通过（${STATUS_TEXT[verification.status]}）`,
        });
        continue;
      }
      chosen.push({ choice, row });
    }
    if (problems.length > 0) {
      throw new UnprocessableError(
        'certificate-materials-invalid',
        'the certificates chosen cannot stand in for these materials',
        problems,
      );
    }
    const expiresAt = new Date(this.service.now());
    expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
    const granted = new Map<string, string>();
    for (const { choice, row } of chosen) {
      let authorisationId = granted.get(row.id);
      if (!authorisationId) {
        const created = await this.service.grant(tx, {
          actor: input.actor,
          row,
          granteeOrganisationId: application.organisationId,
          applicationId: application.id,
          scope: 'full',
          purpose: `办件 ${application.applicationNo} 免提交`,
          expiresAt,
          requestId: input.requestId,
        });
        authorisationId = created.id;
        granted.set(row.id, authorisationId);
      }
      await store.insertApplicationCertificate(tx, {
        applicationId: application.id,
        materialKey: choice.materialKey,
        certificateId: row.id,
        authorisationId,
        attachedAt: this.service.now(),
      });
    }
  }

  /** Whether the wallet filter's holder holds the certificate. */
  private holds(
    holder: Pick<store.WalletFilter, 'person' | 'enterprise'>,
    row: store.CertificateRow,
  ): boolean {
    if (holder.person) {
      return (
        row.holderKind === 'person' &&
        (row.holderAccountId === holder.person.accountId ||
          (holder.person.idNumberHash !== undefined &&
            row.holderIdHash === holder.person.idNumberHash))
      );
    }
    if (holder.enterprise) {
      return (
        row.holderKind === 'enterprise' &&
        (row.enterpriseId === holder.enterprise.enterpriseId ||
          row.holderIdHash === holder.enterprise.creditCodeHash)
      );
    }
    return false;
  }

  /**
   * The certificates meeting an application's materials, each verified now. The applicant sees
   * them all; an officer those their organisation is authorised for on this application, and
   * each officer's reads are logged as a use once a day (an application page is read often).
   */
  async applicationMaterials(
    actor: Actor,
    application: { id: string },
    reader: 'applicant' | 'officer',
  ): Promise<CertificateMaterial[]> {
    const attached = await store.applicationCertificates(this.deps.db, application.id);
    if (attached.length === 0) return [];
    const organisationId = actor.kind === 'staff' ? actor.organisationId : undefined;
    if (reader === 'officer' && !organisationId) return [];
    const now = this.service.now();
    const dayStart = new Date(`${toShanghaiDate(now)}T00:00:00+08:00`);
    const out: CertificateMaterial[] = [];
    const readable = new Map<string, boolean>();
    for (const a of attached) {
      const row = await store.findCertificate(this.deps.db, a.certificateId);
      if (!row) continue;
      if (reader === 'officer') {
        let ok = readable.get(row.id);
        if (ok === undefined) {
          const [authorisation] = await store.activeAuthorisations(this.deps.db, {
            certificateId: row.id,
            organisationId: organisationId!,
            applicationId: application.id,
            now,
          });
          ok = authorisation !== undefined;
          readable.set(row.id, ok);
          if (
            authorisation &&
            !(await store.hasUseSince(this.deps.db, {
              certificateId: row.id,
              actorId: actor.id,
              applicationId: application.id,
              since: dayStart,
            }))
          ) {
            await this.service.logUse(actor, row, { as: 'grantee', authorisation });
          }
        }
        if (!ok) continue;
      }
      const v = await this.service.verify(row.identifier);
      out.push({
        materialKey: a.materialKey,
        certificateId: row.id,
        identifier: row.identifier,
        typeName: v.type?.name ?? '',
        holderMasked: row.holderIdMasked,
        issuerName: v.issuer?.organisationName ?? '',
        validTo: row.validTo,
        verification: v.status,
      });
    }
    return out;
  }
}
