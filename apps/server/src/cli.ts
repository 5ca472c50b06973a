import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Value } from '@sinclair/typebox/value';
import { CalendarYearOverrides } from '@zhengtong/contracts';
import { systemActor } from './kernel/actor.js';
import { verifyAuditChain, sealAuditChain } from './kernel/audit/chain.js';
import { ConfigError, loadConfig } from './kernel/config.js';
import { DataDirLockedError } from './kernel/db/data-dir-lock.js';
import { loggerOptions } from './kernel/logging.js';
import { openRuntime, type Runtime } from './kernel/runtime.js';
import { startServer } from './main.js';
import { loadReferenceData, seedDemoData } from './seed/index.js';
import { seedDemoApplications } from './seed/demo-applications.js';
import { buildApp } from './app.js';
import { parseSealList, parseSignedFile, verifyOffline } from './modules/certificates/index.js';

const USAGE = `zhengtong — 政通 digital-government platform

usage:
  zhengtong start                  start the server (embedded PostgreSQL unless DATABASE_URL)
  zhengtong migrate                apply pending database migrations and exit
  zhengtong seed                   load the demo data (even when demo mode is off)
  zhengtong audit verify           walk the audit hash chain; exit 1 at the first broken link
  zhengtong calendar show YEAR     print the working-day overrides of a year
  zhengtong calendar load FILE     replace a year's overrides from JSON {"year":2027,"days":[…]}
  zhengtong cert verify FILE [--seals SEALS.json | --url BASE]
                                   check a signed certificate file offline against the published
                                   seals (saved from GET /api/v1/certificates/seals, or fetched
                                   from BASE); exit 0 valid, 1 tampered, 2 unknown key

configuration comes from the environment: see README.md`;

async function withRuntime<T>(fn: (rt: Runtime, log: pino.Logger) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = pino(loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel));
  const rt = await openRuntime(config, log);
  try {
    return await fn(rt, log);
  } finally {
    await rt.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { seals: { type: 'string' }, url: { type: 'string' } },
  });
  const [command, sub, arg] = positionals;
  switch (command) {
    case 'start': {
      const server = await startServer();
      const stop = (signal: string) => {
        process.stderr.write(`\n${signal}: shutting down\n`);
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      return -1; // keep running
    }
    case 'migrate':
      await withRuntime(async () => undefined);
      process.stdout.write('migrations applied\n');
      return 0;
    case 'seed':
      await withRuntime(async (rt, log) => {
        await loadReferenceData(rt.kernel, log);
        await seedDemoData(rt.kernel, log);
        // demo applications go through the API, as users would file them
        const app = await buildApp({ kernel: rt.kernel, webDist: undefined, logger: false });
        try {
          await seedDemoApplications(app, log);
        } finally {
          await app.close();
        }
      });
      process.stdout.write('demo data seeded\n');
      return 0;
    case 'audit':
      if (sub !== 'verify') break;
      return withRuntime(async (rt) => {
        const { pool } = rt.kernel.db;
        await sealAuditChain(pool, { signer: rt.kernel.auditSigner, forceCheckpoint: true });
        const report = await verifyAuditChain(pool, rt.kernel.auditSigner.publicKey);
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        if (report.ok) {
          process.stdout.write(
            `audit chain intact: ${report.rows} rows, ${report.checkpoints} signed checkpoints\n`,
          );
          return 0;
        }
        const b = report.firstBreak;
        process.stdout.write(
          `audit chain BROKEN at position ${b?.position} (audit row ${b?.auditSeq ?? '-'}): ${b?.reason} — ${b?.detail}\n`,
        );
        return 1;
      });
    case 'calendar':
      if (sub === 'show' && arg && /^\d{4}$/.test(arg)) {
        return withRuntime(async (rt) => {
          const overrides = await rt.kernel.calendar.overridesOf(Number(arg));
          process.stdout.write(`${JSON.stringify(overrides, null, 2)}\n`);
          return 0;
        });
      }
      if (sub === 'load' && arg) {
        const input: unknown = JSON.parse(fs.readFileSync(arg, 'utf8'));
        if (!Value.Check(CalendarYearOverrides, input)) {
          for (const e of Value.Errors(CalendarYearOverrides, input)) {
            process.stderr.write(`${e.path || '/'}: ${e.message}\n`);
          }
          return 2;
        }
        return withRuntime(async (rt) => {
          const saved = await rt.kernel.calendar.replaceYearOverrides(systemActor('cli'), input);
          process.stdout.write(`loaded ${saved.days.length} overrides for ${saved.year}\n`);
          return 0;
        });
      }
      break;
    case 'cert':
      if (sub === 'verify' && arg && (values.seals === undefined) !== (values.url === undefined)) {
        return verifyCertificateFile(arg, values);
      }
      break;
    default:
      break;
  }
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === 'help' ? 0 : 2;
}

/** `cert verify`: no database, only the file and the published seal keys. */
async function verifyCertificateFile(
  path: string,
  source: { seals?: string | undefined; url?: string | undefined },
): Promise<number> {
  const file = parseSignedFile(fs.readFileSync(path, 'utf8'));
  if (typeof file === 'string') {
    process.stdout.write(`tampered: ${path} is ${file}\n`);
    return 1;
  }
  let sealsText: string;
  if (source.seals !== undefined) {
    sealsText = fs.readFileSync(source.seals, 'utf8');
  } else {
    const url = `${String(source.url).replace(/\/+$/, '')}/api/v1/certificates/seals`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    sealsText = await res.text();
  }
  const seals = parseSealList(sealsText);
  if (typeof seals === 'string') throw new Error(`the seal list is ${seals}`);
  const verdict = verifyOffline(file, seals);
  switch (verdict.status) {
    case 'valid':
      process.stdout.write(
        `valid: ${verdict.identifier} signed by ${verdict.organisationName} (${verdict.sealName}, key ${verdict.keyId})\n`,
      );
      return 0;
    case 'tampered':
      process.stdout.write(`tampered: ${verdict.identifier}: ${verdict.why}\n`);
      return 1;
    case 'unknown-key':
      process.stdout.write(
        `unknown-key: ${verdict.identifier} names key ${verdict.keyId}, which is not among the published seals\n`,
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`zhengtong: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `zhengtong: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
