import crypto from 'node:crypto';
import pg from 'pg';

/**
 * A fresh database for one test file, cloned from the migrated template that `npm test`
 * made (CREATE DATABASE … TEMPLATE), so files run in parallel and never share state.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.ZT_TEST_ADMIN_URL;
  const template = process.env.ZT_TEST_TEMPLATE;
  if (!adminUrl || !template) {
    throw new Error('run the tests with `npm test`, which prepares the test database server');
  }
  const name = `${template}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // two files cloning the same template at the same instant may collide; try again
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
