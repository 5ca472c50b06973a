import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { anonymousActor, type Actor } from '../actor.js';
import type { Kernel } from '../context.js';
import { calendarRoutes } from '../calendar/routes.js';
import { appliedMigrationCount, expectedMigrations } from '../db/migrate.js';
import { registerProblemHandler } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /**
     * The route accepts a department system's `Authorization: Bearer` client-credentials token
     * (a `client` actor). Elsewhere the header is not looked at: no other route can mistake a
     * machine for a person.
     */
    acceptsClients?: boolean;
  }
}

const Health = Type.Object({ status: Type.String() });
const Ready = Type.Object({
  status: Type.String(),
  checks: Type.Object({
    database: Type.String(),
    migrations: Type.String(),
  }),
});

/**
 * What every request goes through: the actor, the error handler, metrics, security headers,
 * the OpenAPI document, health and readiness, and the kernel's own APIs (calendar).
 */
export const kernelPlugin = fp(
  async (app: FastifyInstance, { kernel }: { kernel: Kernel }) => {
    app.decorate('kernel', kernel);
    // reference-type decorators must start null; every request gets its actor in onRequest
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (req) => {
      req.actor = anonymousActor;
    });
    registerProblemHandler(app);
    // parses cookies in its own onRequest hook, before any module's hook reads them
    await app.register(cookie);

    app.addHook('onSend', async (req, reply) => {
      reply.header('x-request-id', req.id);
    });
    app.addHook('onResponse', async (req, reply) => {
      kernel.metrics.httpDuration.observe(
        {
          method: req.method,
          route: req.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Ant Design writes its styles at run time (CSS-in-JS)
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Zhengtong 政通 API',
          version: '0.1.0',
          description:
            'Provincial digital-government platform. Errors are RFC 9457 application/problem+json with a stable `code`.',
        },
        tags: [
          { name: 'directory', description: '行政区划, organisations and service windows' },
          { name: 'identity', description: '统一身份认证: accounts, sessions, second factor' },
          { name: 'calendar', description: '工作日历: working days, holidays and 调休' },
          { name: 'ops', description: 'health, readiness, metrics' },
        ],
      },
      refResolver: {
        buildLocalReference: (json, _base, _frag, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

    app.get(
      '/healthz',
      { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Health } } },
      () => ({ status: 'ok' }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['ops'],
          summary: 'Readiness: database reachable and every migration applied',
          response: { 200: Ready, 503: Ready },
        },
      },
      async (_req, reply) => {
        const expected = expectedMigrations().length;
        let database = 'ok';
        let migrations = 'ok';
        try {
          const applied = await appliedMigrationCount(kernel.db.pool);
          if (applied < expected) migrations = `pending: ${applied}/${expected} applied`;
        } catch (err) {
          database = `unreachable: ${err instanceof Error ? err.message : 'error'}`;
          migrations = 'unknown';
        }
        const ready = database === 'ok' && migrations === 'ok';
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not-ready', checks: { database, migrations } });
      },
    );

    app.get(
      '/metrics',
      { schema: { tags: ['ops'], summary: 'Prometheus metrics' } },
      async (_req, reply) => {
        return reply
          .type(kernel.metrics.registry.contentType)
          .send(await kernel.metrics.registry.metrics());
      },
    );

    await app.register(calendarRoutes, { prefix: '/api/v1/calendar' });
  },
  { name: 'kernel' },
);
