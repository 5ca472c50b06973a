import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { ProblemFieldError } from '@zhengtong/contracts';

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

// @node-rs/argon2's Algorithm.Argon2id; a const enum upstream, so spelled out here
const ARGON2ID = 2 as Algorithm;

/** argon2id; parameters from config (defaults: OWASP's 19 MiB, 2 passes, 1 lane). */
export function hashPassword(password: string, params: Argon2Params): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...params });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the account does not exist costs the same as a real check, so
 * "unknown user" and "wrong password" take about as long (no account enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(params: Argon2Params): Promise<string> {
  dummyHash ??= hashPassword('zhengtong-no-such-account', params);
  return dummyHash;
}

/**
 * Password rules. People: at least 8 characters. Staff (等保 level 3): at least 12, with three
 * of lower case, upper case, digits and symbols, and not containing the account name.
 */
export function checkPasswordPolicy(
  password: string,
  kind: 'person' | 'staff',
  username?: string,
): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const min = kind === 'staff' ? 12 : 8;
  if ([...password].length < min) {
    errors.push({ path: '/body/password', message: `must be at least ${min} characters` });
  }
  if (kind === 'staff') {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
    if (classes < 3) {
      errors.push({
        path: '/body/password',
        message: 'must mix three of: lower case, upper case, digits, symbols',
      });
    }
    if (username && password.toLowerCase().includes(username.toLowerCase())) {
      errors.push({ path: '/body/password', message: 'must not contain the account name' });
    }
  }
  return errors;
}
