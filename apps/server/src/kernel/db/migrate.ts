import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { withClient } from './database.js';

/** apps/server/migrations, the same from src/ (tsx) and dist/ (built). */
export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

// one arbitrary, fixed key: every Zhengtong instance migrating the same database takes it
const MIGRATION_LOCK_KEY = 0x7a68656e67; // "zheng"

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function expectedMigrations(): string[] {
  const journal = JSON.parse(
    fs.readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8'),
  ) as Journal;
  return journal.entries.map((e) => e.tag);
}

/**
 * Applies pending migrations under a session advisory lock, so several instances starting at
 * once migrate one after the other; applying again is a no-op.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query('SET client_min_messages = warning');
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

/** How many of the shipped migrations the database has applied (for /readyz). */
export async function appliedMigrationCount(pool: pg.Pool): Promise<number> {
  const exists = await pool.query<{ ok: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok",
  );
  if (!exists.rows[0]?.ok) return 0;
  const r = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
  );
  return Number(r.rows[0]?.n ?? 0);
}
