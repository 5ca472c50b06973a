import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { directoryRoutes } from './routes.js';
import { DirectoryService } from './service.js';

export { DirectoryService } from './service.js';
export { loadReferenceRegions, henanRegions, HENAN } from './reference-regions.js';
/** region codes of a subtree, following stored parents (济源 419001 sits under 410000) */
export { regionSubtreeCodes } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    directory: DirectoryService;
  }
}

/** 目录: regions, organisations and service windows. */
export const directoryModule = fp(
  async (app: FastifyInstance) => {
    const service = new DirectoryService(app.kernel.db.orm);
    app.decorate('directory', service);
    await app.register(directoryRoutes, { prefix: '/api/v1/directory', service });
  },
  { name: 'directory', dependencies: ['kernel'] },
);
