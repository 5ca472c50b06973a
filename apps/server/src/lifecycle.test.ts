import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { RegionList, OrganisationList } from '@zhengtong/contracts';
import { loadConfig } from './kernel/config.js';
import { DataDirLockedError } from './kernel/db/data-dir-lock.js';
import { openRuntime } from './kernel/runtime.js';
import { verifyAuditChain } from './kernel/audit/chain.js';
import { startServer } from './main.js';

/**
 * The platform on its own embedded PostgreSQL, as `npm start` runs it: starts, answers,
 * refuses a second instance on the same data directory, stops, and starts again with its data.
 */
describe('embedded lifecycle', () => {
  let dataDir: string;
  const saved = { ...process.env };

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zt-life-'));
    fs.chmodSync(dataDir, 0o755);
    delete process.env.DATABASE_URL;
    Object.assign(process.env, {
      ZT_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ZT_WEB_DIST: path.join(dataDir, 'no-web'),
    });
  });
  after(() => {
    process.env = saved;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with demo data, refuses a second instance, and keeps its data across a restart', async () => {
    const first = await startServer();
    let organisations: number;
    try {
      assert.ok(!first.url.endsWith(':5432'));
      const ready = await fetch(`${first.url}/readyz`);
      assert.equal(ready.status, 200);
      const cities = (await (
        await fetch(`${first.url}/api/v1/directory/regions?parent=410000`)
      ).json()) as RegionList;
      assert.equal(cities.items.length, 18);
      const orgs = (await (
        await fetch(`${first.url}/api/v1/directory/organisations?region=410000&subtree=true`)
      ).json()) as OrganisationList;
      organisations = orgs.items.length;
      assert.ok(organisations > 30, 'demo organisations seeded');

      // a second Zhengtong on the same data directory refuses instead of corrupting it
      await assert.rejects(
        openRuntime(loadConfig(), pino({ level: 'silent' })),
        DataDirLockedError,
      );
    } finally {
      await first.close();
    }
    assert.equal(fs.existsSync(path.join(dataDir, 'zhengtong.lock')), false, 'lock released');

    const second = await startServer();
    try {
      const orgs = (await (
        await fetch(`${second.url}/api/v1/directory/organisations?region=410000&subtree=true`)
      ).json()) as OrganisationList;
      assert.equal(orgs.items.length, organisations, 'same data after restart, not seeded twice');
    } finally {
      await second.close();
    }

    // the clean stops sealed and signed everything written
    const runtime = await openRuntime(loadConfig(), pino({ level: 'silent' }));
    try {
      const report = await verifyAuditChain(
        runtime.kernel.db.pool,
        runtime.kernel.auditSigner.publicKey,
      );
      assert.equal(report.ok, true, JSON.stringify(report.firstBreak));
      assert.ok(report.rows > 30);
      assert.equal(report.unsealed, 0);
      // Zhengtong reaches its own server over the Unix socket in the cluster directory (no
      // server address), while loopback TCP stays open for tools
      const { rows } = await runtime.kernel.db.pool.query<{ addr: string | null; dir: string }>(
        `SELECT inet_server_addr() AS addr, current_setting('unix_socket_directories') AS dir`,
      );
      assert.equal(rows[0]!.addr, null);
      assert.equal(rows[0]!.dir, path.join(dataDir, 'pg'));
    } finally {
      await runtime.close();
    }
  });
});
