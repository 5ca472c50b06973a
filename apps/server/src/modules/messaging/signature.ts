import crypto from 'node:crypto';

/*
 * The signature of webhook calls and of SMS delivery receipts (ADR 0012):
 *
 *   X-Zhengtong-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is signed with the body so a captured call cannot be replayed later; there may be
 * several v1 values (a webhook signs with its previous secret too for a day after a rotation).
 */

export const SIGNATURE_HEADER = 'x-zhengtong-signature';
/** how far a signed timestamp may be from now, either way */
export const SIGNATURE_TOLERANCE_S = 300;

export function hmac(secret: string, timestamp: number, body: string | Buffer): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header value for a body signed at `at` with each secret. */
export function signatureHeader(secrets: readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((s) => `v1=${hmac(s, t, body)}`)].join(',');
}

/**
 * Whether a signature header is valid for the raw body: a timestamp within the tolerance and a
 * v1 value that is the HMAC with one of the secrets (compared in constant time).
 */
export function verifySignature(
  header: string | undefined,
  secrets: readonly string[],
  body: string | Buffer,
  now: Date,
): boolean {
  if (!header || secrets.length === 0) return false;
  let t: number | undefined;
  const given: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) {
      given.push(Buffer.from(value, 'hex'));
    }
  }
  if (t === undefined || given.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S) return false;
  return secrets.some((secret) => {
    const expected = Buffer.from(hmac(secret, t, body), 'hex');
    return given.some((g) => g.length === expected.length && crypto.timingSafeEqual(g, expected));
  });
}
