import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

const API_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'];

/**
 * Serves the built web app (when there is one) on the same port, and answers every unknown
 * route: an API path gets a problem+json 404, any other GET without a file extension, or from a
 * browser navigating to a page (Accept: text/html), gets index.html so the SPA's client-side
 * routes survive a reload. The second case is the verification link printed as a QR code on
 * certificates: it ends in the identifier (…/verify/1.2.156.….001.D), whose last dot looks like
 * an extension.
 */
export async function registerWebAndFallback(
  app: FastifyInstance,
  distDir: string | undefined,
): Promise<void> {
  const indexFile = distDir ? path.join(distDir, 'index.html') : undefined;
  let html: Buffer | undefined;
  if (distDir && indexFile && fs.existsSync(indexFile)) {
    html = fs.readFileSync(indexFile);
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
    const page = html;
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(page),
    );
  } else if (distDir) {
    app.log.warn({ distDir }, 'the web app is not built; `npm run build` builds it');
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    const isApi = API_PREFIXES.some((p) => url.startsWith(p));
    const page = path.extname(url) === '' || (req.headers.accept ?? '').includes('text/html');
    if (html && req.method === 'GET' && !isApi && page) {
      return reply.type('text/html; charset=utf-8').send(html);
    }
    return sendProblem(req, reply, {
      status: 404,
      code: 'route-not-found',
      title: 'Not found',
      detail: `no route ${req.method} ${url}`,
    });
  });
}
