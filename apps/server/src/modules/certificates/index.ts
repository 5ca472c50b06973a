import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../kernel/db/database.js';
import { REFERENCE_CERTIFICATE_TYPES } from './reference-certificate-types.js';
import { certificatesRoutes } from './routes.js';
import { CertificatesService } from './service.js';
import { insertMissingTypes } from './store.js';

export { CertificatesService } from './service.js';
export { REFERENCE_CERTIFICATE_TYPES } from './reference-certificate-types.js';

declare module 'fastify' {
  interface FastifyInstance {
    certificates: CertificatesService;
  }
}

/** Loads the national certificate types that are missing (reference data, every installation). */
export function loadReferenceCertificateTypes(db: Executor): Promise<number> {
  return insertMissingTypes(db, REFERENCE_CERTIFICATE_TYPES);
}

/** 电子证照: for now the certificate-type catalogue. */
export const certificatesModule = fp(
  async (app: FastifyInstance) => {
    const service = new CertificatesService(app.kernel.db.orm);
    app.decorate('certificates', service);
    await app.register(certificatesRoutes, { prefix: '/api/v1/certificates', service });
  },
  { name: 'certificates', dependencies: ['kernel'] },
);
