import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Metrics } from './metrics.js';
import type { OutboxDispatcher } from './events/outbox.js';
import type { JobRunner } from './events/jobs.js';
import type { AuditSigner } from './audit/chain.js';
import type { CalendarService } from './calendar/service.js';
import type { FieldCrypto } from './field-crypto.js';
import type { Sm2Signer } from './sm2-signer.js';

/** What the kernel hands every module: the app's one set of shared services. */
export interface Kernel {
  config: Config;
  db: Database;
  metrics: Metrics;
  dispatcher: OutboxDispatcher;
  jobs: JobRunner;
  auditSigner: AuditSigner;
  calendar: CalendarService;
  /** SM4 encryption and keyed lookup hashes for personal data at rest */
  fieldCrypto: FieldCrypto;
  /** SM2 signatures off the request thread (certificates) */
  signer: Sm2Signer;
}

declare module 'fastify' {
  interface FastifyInstance {
    kernel: Kernel;
  }
}
