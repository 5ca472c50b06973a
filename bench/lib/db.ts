import type { FastifyInstance } from 'fastify';
import pg from 'pg';

/**
 * A plain pg pool on the app's database, as large as the app's own: what the baselines run
 * their SQL through, without Drizzle, the app's query metrics or anything else.
 */
export function companionPool(app: FastifyInstance): pg.Pool {
  const options = app.kernel.db.pool.options;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    application_name: 'zhengtong-bench',
  });
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `fn` on a companion pool that is closed afterwards. */
export async function withCompanionPool<T>(
  app: FastifyInstance,
  fn: (pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const pool = companionPool(app);
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/**
 * Runs `fn` on one connection of its own, for bulk seeding: commits are not waited for
 * (synchronous_commit off; nothing measured depends on them), and the session is reset after.
 */
export async function withSeedingClient<T>(
  app: FastifyInstance,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await app.kernel.db.pool.connect();
  try {
    await client.query('SET synchronous_commit = off');
    return await fn(client);
  } finally {
    await client.query('DISCARD ALL').catch(() => undefined);
    client.release();
  }
}
