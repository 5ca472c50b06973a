import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Provider } from 'oidc-provider';
import { OIDC_PATH } from './provider.js';

/**
 * The policy for the provider's own pages (form_post, logout confirmation, errors). Their forms
 * post to relying parties and the logout confirmation redirects to them, so `form-action` is
 * wider than the app's `'self'`; oidc-provider adds the hash of its one inline script itself.
 */
const PROVIDER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self' https: http:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join(';');

/**
 * Mounts oidc-provider (a Koa app) under /oidc. Body parsing is left to the provider: this
 * encapsulated scope has no content-type parsers that read the stream, and the reply is
 * hijacked so Fastify sends nothing itself.
 */
export async function mountProvider(app: FastifyInstance, provider: Provider): Promise<void> {
  const callback = provider.callback();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      const raw = req.raw as IncomingMessage & { originalUrl?: string };
      const url = raw.url ?? OIDC_PATH;
      // the provider sees paths relative to its mount; originalUrl tells it the prefix
      raw.originalUrl = url;
      const rest = url.slice(OIDC_PATH.length);
      raw.url = rest.startsWith('/') ? rest : `/${rest}`;
      reply.raw.setHeader('x-request-id', req.id);
      reply.raw.setHeader('content-security-policy', PROVIDER_CSP);
      await callback(raw, reply.raw);
    };
    scope.all(OIDC_PATH, { schema: { hide: true } }, handler);
    scope.all(`${OIDC_PATH}/*`, { schema: { hide: true } }, handler);
  });
}
