import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../kernel/actor.js';
import { NotFoundError } from '../../kernel/errors.js';
import { agentsRoutes } from './agents-routes.js';
import { AgentsService } from './agents-service.js';
import { auditRoutes } from './audit-routes.js';
import { AuditReadService } from './audit-service.js';
import { staffRoutes } from './staff-routes.js';
import { StaffService } from './staff-service.js';

/**
 * Staff administration, enterprise agents and the audit admin's read view. Registered by the
 * identity module after its own routes (it needs `app.identity` and `app.directory`).
 */
export async function identityAdministration(app: FastifyInstance): Promise<void> {
  const { db, fieldCrypto, auditSigner } = app.kernel;
  const directoryActor = systemActor('identity-admin');
  const staff = new StaffService(db.orm, app.identity, {
    findOrganisation: (id) =>
      app.directory.getOrganisation(directoryActor, id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }),
  });
  const agents = new AgentsService(db.orm, fieldCrypto);
  const audit = new AuditReadService(db.orm, db.pool, auditSigner.publicKey);
  await app.register(staffRoutes, { prefix: '/api/v1/identity/staff', service: staff });
  await app.register(agentsRoutes, { prefix: '/api/v1/identity/enterprises', service: agents });
  await app.register(auditRoutes, { prefix: '/api/v1/audit', service: audit });
}
