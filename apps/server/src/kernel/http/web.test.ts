import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebAndFallback } from './web.js';

/** The SPA fallback: client-side routes get index.html, missing files and API paths a 404. */
describe('web app and fallback', () => {
  let app: FastifyInstance;
  let dist: string;
  const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  before(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-web-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>政通</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'export {};');
    app = Fastify();
    await registerWebAndFallback(app, dist);
    await app.ready();
  });
  after(async () => {
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('a client-side route gets index.html', async () => {
    const res = await get('/admin/calendar?month=2025-10');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
  });

  it('a browser opening a verification link (a dotted identifier) gets index.html', async () => {
    const res = await get(
      '/verify/1.2.156.3005.2.111000009000000146001.410100.2026000002.001.D',
      browser,
    );
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /政通/);
  });

  it('files are served; a missing one is a 404, unless a browser navigates to it', async () => {
    assert.equal((await get('/assets/app.js')).statusCode, 200);
    assert.equal((await get('/assets/gone.js')).statusCode, 404);
    assert.equal((await get('/verify/1.2.156.1.D')).statusCode, 404);
  });

  it('an API path is a problem 404 even for a browser', async () => {
    const res = await get('/api/v1/nowhere', browser);
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  });
});
