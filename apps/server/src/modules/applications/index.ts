import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { APPLICATION_STATUSES } from '@zhengtong/contracts';
import { countByStatus } from './store.js';
import type { FastifyInstance } from 'fastify';
import { MaterialFiles } from './files.js';
import { BundleService } from '../catalog/index.js';
import { bundleApplicationsRoutes } from './bundle-routes.js';
import { BundleApplicationsService } from './bundles.js';
import { draftRoutes } from './draft-routes.js';
import { prefillRoutes } from './prefill-routes.js';
import { PrefillService } from './prefill.js';
import { applicationViewRoutes } from './view-routes.js';
import { ApplicationDrafts } from './drafts.js';
import { applicationsRoutes } from './routes.js';
import { ApplicationsService } from './service.js';

export {
  ApplicationsService,
  type CertificateMaterialsPort,
  type FeesPort,
  type FeeStage,
} from './service.js';
export { MaterialFiles } from './files.js';
export { ApplicationDrafts } from './drafts.js';
/** Narrow reads: notifications (messaging), the application a certificate is issued for. */
export { findBundleApplication } from './bundle-store.js';
export {
  findApplication,
  findApplicationNoticeFacts,
  findBundleApplicationNoticeFacts,
  type ApplicationNoticeFacts,
  type BundleApplicationNoticeFacts,
} from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    applications: ApplicationsService;
  }
}

/** 办件: apply, accept, process on the workflow, complete, track. */
export const applicationsModule = fp(
  async (app: FastifyInstance) => {
    const service = new ApplicationsService({
      db: app.kernel.db.orm,
      fieldCrypto: app.kernel.fieldCrypto,
      calendar: app.kernel.calendar,
      catalog: app.catalog,
      workflow: app.workflow,
      directory: app.directory,
      identity: app.identity.service,
      certificates: app.certificates,
      fees: app.payments.fees,
    });
    new Gauge({
      name: 'zt_applications',
      help: 'Applications by status',
      labelNames: ['status'],
      registers: [app.kernel.metrics.registry],
      async collect() {
        const counts = await countByStatus(app.kernel.db.orm);
        for (const status of APPLICATION_STATUSES) this.set({ status }, counts[status] ?? 0);
      },
    });
    app.decorate('applications', service);
    const files = new MaterialFiles({
      db: app.kernel.db.orm,
      dataDir: app.kernel.config.dataDir,
      applications: service,
      catalog: app.catalog,
    });
    // temporary files of uploads a crash interrupted
    app.addHook('onReady', async () => {
      await files.sweepTemp();
    });
    await app.register(applicationsRoutes, {
      prefix: '/api/v1/applications',
      service,
      files,
    });
    await app.register(applicationViewRoutes, {
      prefix: '/api/v1/applications',
      applications: service,
      workflow: app.workflow,
      db: app.kernel.db.orm,
      catalog: app.catalog,
    });
    // 预填: form fields filled from the applicant's identity
    await app.register(prefillRoutes, {
      prefix: '/api/v1/applications',
      service: new PrefillService({
        db: app.kernel.db.orm,
        catalog: app.catalog,
        bundles: new BundleService(app.catalog),
        identity: app.identity.service,
      }),
    });
    // 一件事: bundle applications, moved on as their members change
    await app.register(bundleApplicationsRoutes, {
      prefix: '/api/v1/bundle-applications',
      service: new BundleApplicationsService({
        db: app.kernel.db.orm,
        fieldCrypto: app.kernel.fieldCrypto,
        applications: service,
        bundles: new BundleService(app.catalog),
        catalog: app.catalog,
        directory: app.directory,
        identity: app.identity.service,
      }),
    });
    // 草稿: the applicant's unfinished forms
    await app.register(draftRoutes, {
      prefix: '/api/v1/applications/drafts',
      drafts: new ApplicationDrafts({ db: app.kernel.db.orm, fieldCrypto: app.kernel.fieldCrypto }),
    });
  },
  {
    name: 'applications',
    dependencies: [
      'kernel',
      'directory',
      'identity',
      'catalog',
      'workflow',
      'certificates',
      'payments',
    ],
  },
);
