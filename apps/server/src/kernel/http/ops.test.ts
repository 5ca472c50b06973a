import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { appliedMigrationCount, expectedMigrations, runMigrations } from '../db/migrate.js';

describe('operations endpoints', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(() => t.close());

  it('answers liveness and readiness', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual(live.json(), { status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), {
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    });
  });

  it('is not ready while a migration is missing', async () => {
    const { pool } = t.kernel.db;
    const last = await pool.query<{ id: number; hash: string; created_at: string }>(
      'SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id DESC LIMIT 1',
    );
    const row = last.rows[0] ?? assert.fail('no migrations recorded');
    await pool.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [row.id]);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.match(res.json<{ checks: { migrations: string } }>().checks.migrations, /^pending/);
    } finally {
      await pool.query(
        'INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)',
        [row.id, row.hash, row.created_at],
      );
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  });

  it('applies migrations idempotently', async () => {
    const before = await appliedMigrationCount(t.kernel.db.pool);
    assert.equal(before, expectedMigrations().length);
    await runMigrations(t.kernel.db.pool);
    await Promise.all([runMigrations(t.kernel.db.pool), runMigrations(t.kernel.db.pool)]);
    assert.equal(await appliedMigrationCount(t.kernel.db.pool), before);
  });

  it('exposes Prometheus metrics: HTTP by route template, database, event loop', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/directory/regions/410100' });
    await t.app.inject({ method: 'GET', url: '/api/v1/directory/regions/419000' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    const body = res.body;
    assert.match(
      body,
      /zt_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/directory\/regions\/:code",status="200"\} 1/,
    );
    assert.match(body, /route="\/api\/v1\/directory\/regions\/:code",status="404"\} 1/);
    assert.match(body, /zt_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/);
    assert.match(body, /zt_db_pool_connections\{state="total"\} [0-9]/);
    assert.match(body, /zt_event_loop_lag_p99_seconds [0-9]/);
    assert.match(body, /zt_process_cpu_user_seconds_total/);
  });

  it('publishes an OpenAPI 3 document and an interactive docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    assert.match(doc.openapi, /^3\./);
    for (const p of [
      '/api/v1/directory/regions',
      '/api/v1/directory/regions/{code}',
      '/api/v1/directory/organisations/{id}/windows',
      '/api/v1/calendar/add-working-days',
      '/api/v1/calendar/month',
      '/readyz',
    ]) {
      assert.ok(p in doc.paths, `${p} documented`);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-request-id']);
  });
});
