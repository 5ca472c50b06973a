import type { CertificateTypeList } from '@zhengtong/contracts';
import type { Actor } from '../../kernel/actor.js';
import type { Drizzle } from '../../kernel/db/database.js';
import * as store from './store.js';

/**
 * 电子证照. So far the certificate-type catalogue (证照目录), which the service-item catalogue
 * references; issuance, seals and verification come with the certificates issue.
 */
export class CertificatesService {
  constructor(private readonly db: Drizzle) {}

  /** The catalogue is public: anyone may learn which certificates exist. */
  async listTypes(_actor: Actor): Promise<CertificateTypeList> {
    return { items: await store.listCertificateTypes(this.db) };
  }

  /** Which of these type codes exist (for other modules' checks). */
  existingTypeCodes(codes: string[]): Promise<Set<string>> {
    return store.existingTypeCodes(this.db, [...new Set(codes)]);
  }
}
