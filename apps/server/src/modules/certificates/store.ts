import { asc, inArray } from 'drizzle-orm';
import type { CertificateType } from '@zhengtong/contracts';
import type { Executor } from '../../kernel/db/database.js';
import { certificateType } from './tables.js';

const columns = {
  code: certificateType.code,
  name: certificateType.name,
  sector: certificateType.sector,
  holderKind: certificateType.holderKind,
  validityYears: certificateType.validityYears,
};

export async function listCertificateTypes(db: Executor): Promise<CertificateType[]> {
  const rows = await db.select(columns).from(certificateType).orderBy(asc(certificateType.code));
  return rows as CertificateType[];
}

export async function existingTypeCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: certificateType.code })
    .from(certificateType)
    .where(inArray(certificateType.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** Inserts the types that are missing; existing ones (maybe edited) are kept. */
export async function insertMissingTypes(db: Executor, types: readonly CertificateType[]) {
  if (types.length === 0) return 0;
  const inserted = await db
    .insert(certificateType)
    .values(types.map((t) => ({ ...t })))
    .onConflictDoNothing({ target: certificateType.code })
    .returning({ code: certificateType.code });
  return inserted.length;
}
