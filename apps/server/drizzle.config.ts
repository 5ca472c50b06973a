import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every module's tables.ts and reviewed like code.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/kernel/tables.ts', './src/modules/*/tables.ts'],
  out: './migrations',
  casing: 'snake_case',
});
