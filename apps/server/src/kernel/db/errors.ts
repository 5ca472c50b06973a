/** The PostgreSQL error under `err` (Drizzle wraps it in `cause`), if any. */
export function postgresError(err: unknown): { code: string; constraint?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
    const pg = e as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof pg.code === 'string') return { code: pg.code, constraint: pg.constraint };
    e = pg.cause;
  }
  return undefined;
}

/** PostgreSQL's unique_violation (23505), with the constraint that was hit; Drizzle wraps it. */
export function uniqueViolation(err: unknown): string | undefined {
  const pg = postgresError(err);
  return pg?.code === '23505' ? (pg.constraint ?? 'unknown') : undefined;
}

/**
 * Whether `err` says the database cannot be reached or takes no more connections now: the
 * pool's wait for a connection timed out, the server refused or dropped the connection, or it
 * is starting, shutting down or full (SQLSTATE 57P01–57P03, 53300). Such a request may succeed
 * when retried later; it is not a bug of the request or of the code.
 */
export function databaseUnavailable(err: unknown): boolean {
  const pg = postgresError(err);
  if (pg && ['57P01', '57P02', '57P03', '53300'].includes(pg.code)) return true;
  if (pg && ['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT'].includes(pg.code)) return true;
  let e: unknown = err;
  for (let depth = 0; depth < 3 && e instanceof Error; depth++) {
    // pg-pool's connectionTimeoutMillis, and a connection lost mid-query
    if (/timeout exceeded when trying to connect|Connection terminated/i.test(e.message)) {
      return true;
    }
    e = e.cause;
  }
  return false;
}
