import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { BundleService } from './bundle-service.js';
import { ListExchange } from './exchange-service.js';
import { catalogRoutes } from './routes.js';
import { CatalogService } from './service.js';

export { CatalogService, type CatalogDirectory, type CertificateTypeLookup } from './service.js';
export { BundleService } from './bundle-service.js';
export { ListExchange } from './exchange-service.js';
export { seedDemoCatalogue } from './demo-seed.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: CatalogService;
  }
}

/** 政务服务事项管理: basic catalogue, implementation lists, bundles, six mosts. */
export const catalogModule = fp(
  async (app: FastifyInstance) => {
    const service = new CatalogService(app.kernel.db.orm, app.directory, app.certificates);
    app.decorate('catalog', service);
    await app.register(catalogRoutes, {
      prefix: '/api/v1/catalog',
      service,
      bundles: new BundleService(service),
      exchange: new ListExchange(service),
    });
  },
  { name: 'catalog', dependencies: ['kernel', 'directory', 'certificates'] },
);
