import os from 'node:os';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/**
 * Every setting Zhengtong reads from the environment, validated once at start.
 * README.md documents each one with its default; keep the two in step.
 */
const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  ZT_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  ZT_DEMO: Type.Optional(Type.Boolean()),
  ZT_BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024, default: 1024 * 1024 }),
  ZT_AUDIT_SEAL_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 3_600_000, default: 1000 }),
  ZT_AUDIT_CHECKPOINT_EVERY: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1000 }),
  ZT_AUDIT_SIGNING_KEY: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
  ZT_WEB_DIST: Type.Optional(Type.String({ minLength: 1 })),
  ZT_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+(/.*)?$' })),
  ZT_FIELD_KEY: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{96}$' })),
  /** 256-bit master key sealing the seals' SM2 private keys (SM4 key ‖ HMAC-SM3 key), 64 hex */
  ZT_SEAL_MASTER_KEY: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
  /** threads signing certificates with SM2 off the request thread; 0 signs inline; default: 1 on 2+ cores */
  ZT_SIGNING_THREADS: Type.Optional(Type.Integer({ minimum: 0, maximum: 16 })),
  ZT_CJK_FONT: Type.Optional(Type.String({ minLength: 1 })),
  ZT_ARGON2_MEMORY_KIB: Type.Integer({ minimum: 8192, maximum: 4_194_304, default: 19_456 }),
  ZT_ARGON2_TIME_COST: Type.Integer({ minimum: 1, maximum: 20, default: 2 }),
  ZT_ARGON2_PARALLELISM: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),
  ZT_SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
  ZT_SESSION_ABSOLUTE_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  ZT_LOGIN_MAX_FAILURES: Type.Integer({ minimum: 3, maximum: 100, default: 5 }),
  ZT_LOCKOUT_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  ZT_PASSWORD_MAX_AGE_DAYS: Type.Integer({ minimum: 0, maximum: 3650, default: 0 }),
  /** JSON Web Key Set (private keys) signing OIDC ID tokens; generated into the data dir when unset */
  ZT_OIDC_JWKS: Type.Optional(Type.String({ pattern: '^\\s*\\{' })),
  /** comma-separated secrets (32+ chars each) signing OIDC cookies; the first signs, all verify */
  ZT_OIDC_COOKIE_KEYS: Type.Optional(Type.String({ pattern: '^[^,]{32,}(,[^,]{32,})*$' })),
  /** share of a workflow step's working-day limit after which it shows a warning (预警) */
  ZT_DEADLINE_WARNING_SHARE: Type.Number({ minimum: 0.1, maximum: 1, default: 0.8 }),
  /** 一事一评: calendar days after completion during which the applicant may rate */
  ZT_EVALUATION_WINDOW_DAYS: Type.Integer({ minimum: 1, maximum: 366, default: 30 }),
  /** 差评整改: working days to the return visit (回访) */
  ZT_EVALUATION_VISIT_DAYS: Type.Integer({ minimum: 0, maximum: 60, default: 1 }),
  /** 差评整改: working days to the rectification and reply */
  ZT_EVALUATION_RECTIFY_DAYS: Type.Integer({ minimum: 1, maximum: 120, default: 15 }),
  /** 统一支付: the payment gateway; `simulated` is the one built in */
  ZT_PAYMENT_GATEWAY: Type.Union([Type.Literal('simulated')], { default: 'simulated' }),
  /** minutes a trade may be paid before it closes */
  ZT_PAYMENT_ATTEMPT_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  /** the simulated gateway's HMAC-SM3 secret, 64 hex; generated into the data dir when unset */
  ZT_PAYMENT_SIM_SECRET: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
  /** extra copies of each notification the simulated gateway sends */
  ZT_PAYMENT_SIM_DUPLICATES: Type.Integer({ minimum: 0, maximum: 10, default: 1 }),
  /** each copy goes after a random delay of up to this many ms (so copies cross) */
  ZT_PAYMENT_SIM_DELAY_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 0 }),
  /** share of notification copies the simulated gateway loses (0–1) */
  ZT_PAYMENT_SIM_DROP_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0 }),
  /** share of calls the simulated gateway answers "unavailable" (0–1) */
  ZT_PAYMENT_SIM_UNAVAILABLE_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0 }),
  /** e-mail notifications over SMTP: smtp[s]://user:pass@host:port; unset: no e-mail channel */
  ZT_SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://[^\\s]+$' })),
  /** the From of notification e-mails */
  ZT_SMTP_FROM: Type.String({ minLength: 3, default: '政通 <no-reply@localhost>' }),
  /** attempts of one e-mail before it becomes a dead letter */
  ZT_SMTP_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
  /** SMS provider: `log` (writes the masked phone and the text to the log) or `http` */
  ZT_SMS_PROVIDER: Type.Union([Type.Literal('log'), Type.Literal('http')], { default: 'log' }),
  /** the HTTP SMS provider's send URL (docs/messaging-sms-provider.md); required with http */
  ZT_SMS_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  /** bearer token sent to the HTTP SMS provider */
  ZT_SMS_TOKEN: Type.Optional(Type.String({ minLength: 8 })),
  /** HMAC key the provider signs delivery receipts with; unset: receipts are refused */
  ZT_SMS_RECEIPT_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  /** attempts of one SMS before it becomes a dead letter */
  ZT_SMS_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
  /** attempts of one webhook call before it becomes a dead letter */
  ZT_WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
  /** allow webhooks to loopback and private addresses (tests, closed networks); SSRF guard off */
  ZT_WEBHOOK_ALLOW_PRIVATE: Type.Boolean({ default: false }),
});
type Env = Static<typeof EnvSchema>;

/** The names of every setting (for the check that README.md documents each one). */
export const SETTING_NAMES: readonly string[] = Object.keys(EnvSchema.properties);

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** undefined: run the embedded PostgreSQL under dataDir/pg */
  databaseUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  /** demo mode seeds demo data; default on for the embedded database, off for a server database */
  demo: boolean;
  bodyLimit: number;
  audit: {
    sealIntervalMs: number;
    checkpointEvery: number;
    /** SM2 private key (hex) that signs audit checkpoints; generated into the data dir when absent */
    signingKey: string | undefined;
  };
  webDist: string | undefined;
  /** the address people and relying parties reach this server at (OIDC issuer base) */
  publicUrl: string;
  /** SM4/HMAC keys for personal data at rest (96 hex); generated into the data dir when unset */
  fieldKey: string | undefined;
  /**
   * SM4 + HMAC-SM3 keys (64 hex) sealing the 电子印章 private keys; generated into the data dir
   * in demo mode or on the embedded database, required on a server database to sign
   */
  sealMasterKey: string | undefined;
  /** worker threads making SM2 signatures for certificates (0: on the request thread) */
  signingThreads: number;
  /** a CJK font file for certificate PDFs; the known system paths are searched when unset */
  cjkFont: string | undefined;
  identity: {
    argon2: { memoryCost: number; timeCost: number; parallelism: number };
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    maxFailedLogins: number;
    lockoutMinutes: number;
    /** 0: passwords never expire (OWASP ASVS); 等保 sites may set e.g. 90 */
    passwordMaxAgeDays: number;
  };
  oidc: {
    /** JWKS JSON with private signing keys; undefined: generated into dataDir/keys */
    jwks: string | undefined;
    /** cookie signing keys; undefined: generated into dataDir/keys */
    cookieKeys: string[] | undefined;
  };
  workflow: {
    /** a step warns from floor(limit × share) working days after it arrived (0.1–1) */
    deadlineWarningShare: number;
  };
  /** 好差评: deadlines, configurable per province */
  evaluation: {
    /** 一事一评 accepted this many calendar days after completion */
    windowDays: number;
    /** 回访 due this many working days after a 差评 */
    visitDays: number;
    /** 整改 and reply due this many working days after a 差评 */
    rectifyDays: number;
  };
  /** 统一支付 */
  payments: {
    gateway: 'simulated';
    attemptMinutes: number;
    simulated: {
      /** undefined: generated into dataDir/keys/payment-sim.key */
      secret: string | undefined;
      duplicates: number;
      maxDelayMs: number;
      dropRate: number;
      unavailableRate: number;
    };
  };
  /** e-mail over SMTP (nodemailer); `url` holds a password: never log it */
  smtp: {
    /** undefined: the e-mail channel is off */
    url: string | undefined;
    from: string;
    maxAttempts: number;
  };
  /** SMS: the provider and, for http, where and how to reach it; `token` and `secret` are secrets */
  sms: {
    provider: 'log' | 'http';
    url: string | undefined;
    token: string | undefined;
    /** the provider's delivery receipts: HMAC key (kept under a key the logger redacts) */
    receipts: { secret: string | undefined };
    maxAttempts: number;
  };
  /** webhooks to department systems */
  webhook: {
    maxAttempts: number;
    /** loopback and private addresses allowed (SSRF guard off): tests and closed networks */
    allowPrivate: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const compiledEnv = TypeCompiler.Compile(EnvSchema);
const typeOf = (key: string): unknown =>
  (EnvSchema.properties as Record<string, { type?: unknown }>)[key]?.type;

/** Coerces the string environment into typed values; unknown strings stay strings and fail validation. */
function coerce(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const raw = env[key];
    if (raw === undefined || raw === '') continue;
    if (typeOf(key) === 'integer') out[key] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    else if (typeOf(key) === 'number')
      out[key] = /^-?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : raw;
    else if (typeOf(key) === 'boolean')
      out[key] =
        raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    else out[key] = raw;
  }
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    if (out[key] === undefined && 'default' in schema) out[key] = schema.default;
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values = coerce(env);
  const problems = [...compiledEnv.Errors(values)].map(
    (e) => `${e.path.slice(1) || '(env)'}: ${e.message}`,
  );
  const v = values as Env;
  if (v.ZT_SMS_PROVIDER === 'http' && v.ZT_SMS_URL === undefined) {
    problems.push('ZT_SMS_URL: required when ZT_SMS_PROVIDER is http');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.ZT_DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    logLevel: v.LOG_LEVEL,
    demo: v.ZT_DEMO ?? v.DATABASE_URL === undefined,
    bodyLimit: v.ZT_BODY_LIMIT,
    audit: {
      sealIntervalMs: v.ZT_AUDIT_SEAL_INTERVAL_MS,
      checkpointEvery: v.ZT_AUDIT_CHECKPOINT_EVERY,
      signingKey: v.ZT_AUDIT_SIGNING_KEY,
    },
    webDist: v.ZT_WEB_DIST,
    publicUrl: (v.ZT_PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    fieldKey: v.ZT_FIELD_KEY,
    sealMasterKey: v.ZT_SEAL_MASTER_KEY,
    signingThreads: v.ZT_SIGNING_THREADS ?? (os.availableParallelism() >= 2 ? 1 : 0),
    cjkFont: v.ZT_CJK_FONT,
    identity: {
      argon2: {
        memoryCost: v.ZT_ARGON2_MEMORY_KIB,
        timeCost: v.ZT_ARGON2_TIME_COST,
        parallelism: v.ZT_ARGON2_PARALLELISM,
      },
      sessionIdleMinutes: v.ZT_SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: v.ZT_SESSION_ABSOLUTE_HOURS,
      maxFailedLogins: v.ZT_LOGIN_MAX_FAILURES,
      lockoutMinutes: v.ZT_LOCKOUT_MINUTES,
      passwordMaxAgeDays: v.ZT_PASSWORD_MAX_AGE_DAYS,
    },
    oidc: {
      jwks: v.ZT_OIDC_JWKS,
      cookieKeys: v.ZT_OIDC_COOKIE_KEYS?.split(','),
    },
    workflow: { deadlineWarningShare: v.ZT_DEADLINE_WARNING_SHARE },
    evaluation: {
      windowDays: v.ZT_EVALUATION_WINDOW_DAYS,
      visitDays: v.ZT_EVALUATION_VISIT_DAYS,
      rectifyDays: v.ZT_EVALUATION_RECTIFY_DAYS,
    },
    payments: {
      gateway: v.ZT_PAYMENT_GATEWAY,
      attemptMinutes: v.ZT_PAYMENT_ATTEMPT_MINUTES,
      simulated: {
        secret: v.ZT_PAYMENT_SIM_SECRET,
        duplicates: v.ZT_PAYMENT_SIM_DUPLICATES,
        maxDelayMs: v.ZT_PAYMENT_SIM_DELAY_MS,
        dropRate: v.ZT_PAYMENT_SIM_DROP_RATE,
        unavailableRate: v.ZT_PAYMENT_SIM_UNAVAILABLE_RATE,
      },
    },
    smtp: { url: v.ZT_SMTP_URL, from: v.ZT_SMTP_FROM, maxAttempts: v.ZT_SMTP_MAX_ATTEMPTS },
    sms: {
      provider: v.ZT_SMS_PROVIDER,
      url: v.ZT_SMS_URL,
      token: v.ZT_SMS_TOKEN,
      receipts: { secret: v.ZT_SMS_RECEIPT_SECRET },
      maxAttempts: v.ZT_SMS_MAX_ATTEMPTS,
    },
    webhook: {
      maxAttempts: v.ZT_WEBHOOK_MAX_ATTEMPTS,
      allowPrivate: v.ZT_WEBHOOK_ALLOW_PRIVATE,
    },
  };
}
