import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Metrics } from '../metrics.js';

export type Drizzle = NodePgDatabase<Record<string, never>>;
/** A transaction handle as Drizzle passes it to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Drizzle['transaction']>[0]>[0];
/** Either the database or an open transaction: store functions accept both. */
export type Executor = Drizzle | Tx;

export interface Database {
  pool: pg.Pool;
  orm: Drizzle;
  close: () => Promise<void>;
}

// timestamptz and date come back as strings we control: dates stay 'YYYY-MM-DD' (no UTC shift)
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

type QueryFn = (...args: unknown[]) => unknown;

/** Times every query a pooled client runs, whichever API (pool.query, Drizzle) sent it. */
function instrument(client: pg.PoolClient, metrics: Metrics | undefined): void {
  if (!metrics) return;
  const original = client.query.bind(client) as QueryFn;
  const timed: QueryFn = (...args) => {
    const end = metrics.dbQueryDuration.startTimer();
    const result = original(...args);
    if (result instanceof Promise) {
      result.then(
        () => end({ outcome: 'ok' }),
        () => end({ outcome: 'error' }),
      );
    }
    return result;
  };
  (client as unknown as { query: QueryFn }).query = timed;
}

export function openDatabase(
  url: string,
  options: { metrics?: Metrics; max?: number; applicationName?: string } = {},
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'zhengtong',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // an idle client losing its connection must not crash the process
  pool.on('error', () => undefined);
  pool.on('connect', (client) => instrument(client, options.metrics));
  options.metrics?.watchPool(pool);
  const orm = drizzle(pool, { casing: 'snake_case' }) as Drizzle;
  return {
    pool,
    orm,
    close: () => pool.end(),
  };
}

/**
 * Runs `fn` with a client checked out of the pool. While checked out a client has no 'error'
 * listener of the pool's, so a connection dying meanwhile (failover, idle-in-transaction
 * timeout) would emit an unheard 'error' and crash the process: listen here, and discard a
 * broken connection instead of handing it to the next caller.
 */
export async function withClient<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
