import type { LoggerOptions } from 'pino';

/**
 * Personal data that must never reach a log in clear: citizen ID numbers (GB 11643) and
 * mainland mobile numbers. Matched anywhere in a string (URLs, messages, values).
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
// Letters count as neighbours too, or a run of digits inside a UUID or a hex digest (request
// ids, hashes) would be taken for a mobile; a +86 / 0086 country code may come before it.
const MOBILE = /(?<![0-9A-Za-z])((?:(?:\+|00)?86[ -]?)?1[3-9]\d)\d{4}(\d{4})(?![0-9A-Za-z])/g;

export function maskPersonalData(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2').replace(MOBILE, '$1****$2');
}

/**
 * Removes secrets by key at any depth of plain objects and arrays. Anything else (Error,
 * Fastify's request and reply, Buffer) is left whole for its serializer; personal data in what
 * the serializers make of it is masked in the finished line (maskLine).
 */
function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = redactedKeys.has(k.toLowerCase()) ? '[redacted]' : scrub(v, depth + 1);
  }
  return out;
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const DIGIT_RUN = /\d{11}/;
/** the password of a URL's user info (smtp://user:pass@host), wherever a URL is written out */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*:)[^\s/@"]+@/gi;

/**
 * Masks personal data in every string of a finished JSON log line: messages, fields, child
 * bindings, serialized errors and requests alike. Strings are unescaped first so that a number
 * after "\n" in the JSON text is still seen as standing on its own.
 */
function maskLine(line: string): string {
  line = line.replace(URL_PASSWORD, '$1[redacted]@');
  if (!DIGIT_RUN.test(line)) return line;
  return line.replace(JSON_STRING, (literal) => {
    if (!DIGIT_RUN.test(literal)) return literal;
    let text: string;
    try {
      text = JSON.parse(literal) as string;
    } catch {
      // never let logging throw; masking the raw text is the next best thing
      return maskPersonalData(literal);
    }
    const masked = maskPersonalData(text);
    return masked === text ? literal : JSON.stringify(masked);
  });
}

/**
 * Secrets are removed by key (any case) wherever they appear in plain objects (scrub), and by
 * pino's fast-redact paths in what serializers produce.
 */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'oldPassword',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'privateKey',
  'otp',
  'totp',
  'code_verifier',
  'authorization',
  'cookie',
  // the SMTP URL carries the mail server's password (config.smtp.url)
  'smtpUrl',
  'ZT_SMTP_URL',
];
const redactedKeys = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));

export function loggerOptions(level: string): LoggerOptions {
  const paths = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    'smtp.url',
    '*.smtp.url',
    ...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ];
  return {
    level,
    redact: { paths, censor: '[redacted]' },
    formatters: {
      log: (obj) => scrub(obj) as Record<string, unknown>,
    },
    hooks: {
      streamWrite: maskLine,
    },
  };
}
