import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import fs from 'node:fs';
import { ConfigError, SETTING_NAMES, loadConfig } from './config.js';

/** the ConfigError loadConfig throws for env, or a failed assertion when it does not throw */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `a ConfigError, not ${String(err)}`);
    return err;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has every setting documented in the README’s configuration table', () => {
    const readme = fs.readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const undocumented = SETTING_NAMES.filter((name) => !readme.includes(`| \`${name}\``));
    assert.deepEqual(undocumented, []);
    assert.ok(SETTING_NAMES.length > 40);
  });

  it('has a default for everything, and the embedded database runs in demo mode', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.ok(path.isAbsolute(c.dataDir));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.demo, true);
    assert.equal(c.bodyLimit, 1024 * 1024);
    assert.deepEqual(c.audit, {
      sealIntervalMs: 1000,
      checkpointEvery: 1000,
      signingKey: undefined,
    });
    assert.equal(c.webDist, undefined);
  });

  it('reads the environment, not process.env, when given one', () => {
    const saved = process.env.PORT;
    process.env.PORT = '1234';
    try {
      assert.equal(loadConfig({}).port, 8080);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it('takes the values it is given, resolving the data directory to an absolute path', () => {
    const key = 'a'.repeat(64);
    const c = loadConfig({
      PORT: '9090',
      HOST: '127.0.0.1',
      ZT_DATA_DIR: 'var/zt',
      DATABASE_URL: 'postgresql://zt@db.example:5432/zhengtong',
      LOG_LEVEL: 'debug',
      ZT_BODY_LIMIT: '2048',
      ZT_AUDIT_SEAL_INTERVAL_MS: '250',
      ZT_AUDIT_CHECKPOINT_EVERY: '10',
      ZT_AUDIT_SIGNING_KEY: key,
      ZT_WEB_DIST: '/srv/web',
    });
    assert.equal(c.port, 9090);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, path.resolve('var/zt'));
    assert.equal(c.databaseUrl, 'postgresql://zt@db.example:5432/zhengtong');
    assert.equal(c.logLevel, 'debug');
    assert.equal(c.bodyLimit, 2048);
    assert.deepEqual(c.audit, { sealIntervalMs: 250, checkpointEvery: 10, signingKey: key });
    assert.equal(c.webDist, '/srv/web');
    assert.equal(loadConfig({ ZT_DATA_DIR: '/abs/dir' }).dataDir, '/abs/dir');
  });

  it('turns demo mode off with a server database, and ZT_DEMO overrides either way', () => {
    const db = 'postgres://127.0.0.1:5432/zt';
    assert.equal(loadConfig({ DATABASE_URL: db }).demo, false);
    assert.equal(loadConfig({ DATABASE_URL: db, ZT_DEMO: 'true' }).demo, true);
    assert.equal(loadConfig({ DATABASE_URL: db, ZT_DEMO: '1' }).demo, true);
    assert.equal(loadConfig({ ZT_DEMO: 'false' }).demo, false);
    assert.equal(loadConfig({ ZT_DEMO: '0' }).demo, false);
    assert.equal(loadConfig({ ZT_DEMO: 'true' }).demo, true);
  });

  it('treats an empty variable as unset', () => {
    const c = loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: '' });
    assert.equal(c.port, 8080);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.databaseUrl, undefined);
  });

  it('names the bad variable in a ConfigError', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ PORT: 'abc' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ PORT: '-1' }, 'PORT'],
      [{ PORT: '80.5' }, 'PORT'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ LOG_LEVEL: 'INFO' }, 'LOG_LEVEL'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ ZT_DEMO: 'yes' }, 'ZT_DEMO'],
      [{ ZT_BODY_LIMIT: '10' }, 'ZT_BODY_LIMIT'],
      [{ ZT_AUDIT_SIGNING_KEY: 'abc' }, 'ZT_AUDIT_SIGNING_KEY'],
    ];
    for (const [env, name] of cases) {
      const err = configError(env);
      assert.equal(err.name, 'ConfigError');
      assert.equal(err.problems.length, 1, `${JSON.stringify(env)}: ${err.message}`);
      assert.match(err.problems[0]!, new RegExp(`^${name}: `));
      assert.match(err.message, new RegExp(`\\b${name}\\b`));
    }
  });

  it('reports every bad variable at once', () => {
    const err = configError({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      HOST: 'localhost',
    });
    assert.deepEqual(err.problems.map((p) => p.split(':')[0]).sort(), [
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL'])
      assert.match(err.message, new RegExp(name));
  });

  it('does not repeat a bad value in its message (it may be a secret)', () => {
    const err = configError({
      DATABASE_URL: 'mysql://admin:s3cret-pw@db/zt',
      ZT_AUDIT_SIGNING_KEY: 'my-private-key',
    });
    assert.ok(!err.message.includes('s3cret-pw'), err.message);
    assert.ok(!err.message.includes('my-private-key'), err.message);
  });

  it('accepts exactly the ports 0–65535 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (port) => {
        const env = { PORT: String(port) };
        if (port >= 0 && port <= 65535) return loadConfig(env).port === port;
        return configError(env).problems.some((p) => p.startsWith('PORT: '));
      }),
    );
  });
});
