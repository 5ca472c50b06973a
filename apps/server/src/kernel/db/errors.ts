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
