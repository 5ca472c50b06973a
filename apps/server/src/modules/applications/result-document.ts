import type { Application, ResultDocument } from '@zhengtong/contracts';
import type { Drizzle } from '../../kernel/db/database.js';
import { NotFoundError } from '../../kernel/errors.js';
import type { CatalogService } from '../catalog/index.js';
import * as store from './store.js';

const TITLES: Record<ResultDocument['kind'], string> = {
  approval: '准予办理决定书',
  denial: '不予办理决定书',
  refusal: '不予受理通知书',
};

const KINDS = { approved: 'approval', denied: 'denial', refused: 'refusal' } as const;

/**
 * 办理结果文书 of a completed application, built from the application as its reader may see it
 * (names masked for staff), the decision's timeline entry (its reasons and legal basis) and the
 * item's legal basis. An application without a decision yet has none: 404 `no-result`.
 */
export async function resultDocument(
  deps: { db: Drizzle; catalog: CatalogService },
  application: Application,
): Promise<ResultDocument> {
  const row = await store.findApplication(deps.db, application.id);
  const status = application.status;
  if (
    !row?.resultNo ||
    (status !== 'approved' && status !== 'denied' && status !== 'refused') ||
    !application.completedAt
  ) {
    throw new NotFoundError('no-result', 'the application has no decision yet');
  }
  const decision = [...application.timeline].reverse().find((e) => e.event === status);
  const statedBasis =
    typeof decision?.detail.legalBasis === 'string' ? decision.detail.legalBasis : null;
  const itemBasis = (await deps.catalog.itemFacts(application.itemCode))?.legalBasis ?? null;
  const kind = KINDS[status];
  return {
    documentNo: row.resultNo,
    kind,
    title: TITLES[kind],
    applicationNo: application.applicationNo,
    applicantName: application.applicantName,
    itemCode: application.itemCode,
    itemName: application.itemName,
    organisationName: application.organisationName,
    submittedAt: application.submittedAt,
    decidedAt: application.completedAt,
    reason: application.decisionReason,
    legalBasis: statedBasis ?? itemBasis ?? null,
    delivery: application.delivery ?? {
      method: 'online',
      address: null,
      deliveredAt: null,
      trackingNo: null,
    },
  };
}
