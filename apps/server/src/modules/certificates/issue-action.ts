import type { ItemResult } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import type { Executor } from '../../kernel/db/database.js';
import { ConflictError } from '../../kernel/errors.js';
import type { FieldCrypto } from '../../kernel/field-crypto.js';
import type { WorkflowAction } from '../workflow/index.js';
import type { CertificatesService } from './service.js';

/** The facts of an application the action reads (in the step's transaction). */
export interface ApplicationFacts {
  id: string;
  organisationId: string;
  applicantAccountId: string;
  enterpriseId: string | null;
  listVersionId: string;
  formSealed: string;
}

export interface IssueActionDeps {
  certificates: CertificatesService;
  fieldCrypto: FieldCrypto;
  application: (tx: Executor, id: string) => Promise<ApplicationFacts | undefined>;
  result: (listVersionId: string) => Promise<ItemResult | undefined>;
}

export const ISSUE_CERTIFICATE_ACTION = 'issueCertificate';

/**
 * 制证: the service task `issueCertificate` of the standard processes. When the application's
 * bound list version results in a certificate, it issues one to the applicant (the person, or
 * the enterprise the application was filed for) by the implementing organisation, inside the
 * step's transaction, with the form fields the type's data schema names. Nothing happens for
 * items whose result is a document.
 *
 * Data the type requires but the form does not give: when the holder already holds a valid
 * certificate of the type (a 变更 item such as 企业变更登记), the form's items change it (a new
 * version superseding it); otherwise the step fails with 409 and names what is missing, so the
 * decision is refused rather than a certificate issued with holes.
 */
export function issueCertificateAction(deps: IssueActionDeps): WorkflowAction {
  return async (ctx) => {
    const app = await deps.application(ctx.tx, ctx.businessKey);
    if (!app) return undefined;
    const result = await deps.result(app.listVersionId);
    if (result?.kind !== 'certificate' || !result.certificateTypeCode) return undefined;
    const { certificates } = deps;
    const type = await certificates.typeOf(ctx.tx, result.certificateTypeCode);
    const holder = app.enterpriseId
      ? await certificates.enterpriseHolder(ctx.tx, app.applicantAccountId, app.enterpriseId)
      : await certificates.personHolder(ctx.tx, app.applicantAccountId);
    if (!holder) {
      throw new ConflictError(
        'certificate-holder-unknown',
        `the holder of the ${type.name} cannot be established for application ${app.id}`,
      );
    }
    const form = JSON.parse(deps.fieldCrypto.decrypt(app.formSealed)) as Record<string, unknown>;
    const names = Object.keys((type.dataSchema.properties as object | undefined) ?? {});
    const data = Object.fromEntries(
      names.filter((n) => form[n] !== undefined).map((n) => [n, form[n]]),
    );
    let supersedes;
    let issuedData = data;
    const problems = certificates.dataProblems(type, data, '/formData');
    if (problems.length > 0) {
      const current = await certificates.currentOf(ctx.tx, holder, type.code);
      const merged = current ? { ...certificates.dataOf(current), ...data } : undefined;
      if (!current || !merged || certificates.dataProblems(type, merged).length > 0) {
        throw new ConflictError(
          'certificate-data-missing',
          `the application form lacks data the ${type.name} needs: ${problems
            .map((p) => p.message)
            .join('、')}`,
          problems,
        );
      }
      supersedes = current;
      issuedData = merged;
    }
    const row = await certificates.issue(ctx.tx, {
      actor: systemActor('workflow'),
      typeCode: type.code,
      issuerOrganisationId: app.organisationId,
      holder,
      data: issuedData,
      applicationId: app.id,
      supersedes,
    });
    return { certificateId: row.id, certificateIdentifier: row.identifier };
  };
}
