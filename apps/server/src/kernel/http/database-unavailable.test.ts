import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Problem } from '@zhengtong/contracts';
import { registerProblemHandler } from './problem.js';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * A database that is full or gone answers 503 database-unavailable with Retry-After — the
 * client may come back — while a real SQL error stays a 500. The errors are the real ones the
 * pg pool raises, not imitations.
 */
describe('database unavailable → 503', () => {
  let app: FastifyInstance;
  const busy = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 });
  let held: pg.PoolClient;
  let gone: pg.Pool;

  before(async () => {
    held = await busy.connect();
    const down = new URL(url);
    down.port = String(await closedPort());
    gone = new pg.Pool({ connectionString: down.toString(), connectionTimeoutMillis: 1000 });
    app = Fastify({ logger: false });
    registerProblemHandler(app);
    app.get('/busy', async () => (await busy.query<{ one: number }>('SELECT 1 AS one')).rows);
    app.get('/gone', async () => (await gone.query<{ one: number }>('SELECT 1 AS one')).rows);
    app.get(
      '/broken',
      async () => (await held.query<{ one: number }>('SELECT * FROM no_such_table')).rows,
    );
    await app.ready();
  });
  after(async () => {
    held.release();
    await busy.end();
    await gone.end();
    await app.close();
  });

  it('the pool had no connection free in time: 503 with Retry-After', async () => {
    const res = await app.inject({ url: '/busy' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['retry-after'], '5');
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const problem = res.json<Problem>();
    assert.equal(problem.code, 'database-unavailable');
    assert.equal(problem.status, 503);
  });

  it('the server refuses connections: 503', async () => {
    const res = await app.inject({ url: '/gone' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json<Problem>().code, 'database-unavailable');
  });

  it('a statement the database rejects is still a 500, not an outage', async () => {
    const res = await app.inject({ url: '/broken' });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json<Problem>().code, 'internal');
    assert.equal(res.headers['retry-after'], undefined);
  });
});
