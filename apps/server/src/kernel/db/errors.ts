/** PostgreSQL's unique_violation (23505), with the constraint that was hit; Drizzle wraps it. */
export function uniqueViolation(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 3 && typeof e === 'object' && e !== null; depth++) {
    const pg = e as { code?: string; constraint?: string; cause?: unknown };
    if (pg.code === '23505') return pg.constraint ?? 'unknown';
    e = pg.cause;
  }
  return undefined;
}
