import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';

/**
 * A completed 出生一件事 bundle application written straight into its table, for tests of what
 * follows a bundle's events (notices, webhooks) without filing one through the API.
 */
export async function insertCompletedBundle(
  t: TestApp,
  b: { applicantAccountId: string; applicantName: string; acceptingOrganisationId: string },
): Promise<{ id: string; applicationNo: string }> {
  const id = crypto.randomUUID();
  const applicationNo = `41010020250101${String(crypto.randomInt(0, 999999)).padStart(6, '0')}`;
  await t.kernel.db.orm.execute(sql`
    INSERT INTO bundle_application (id, application_no, bundle_code, bundle_name, region_code,
      accepting_organisation_id, channel, status, applicant_account_id, applicant_kind,
      applicant_name, form_sealed, promised_limit_days, submitted_at)
    VALUES (${id}, ${applicationNo}, 'newborn', '出生一件事', '410100',
      ${b.acceptingOrganisationId}, 'online', 'completed', ${b.applicantAccountId}, 'person',
      ${b.applicantName}, 'sealed', 10, now())`);
  return { id, applicationNo };
}
