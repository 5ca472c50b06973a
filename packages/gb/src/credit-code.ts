// GB 32100-2015 unified social credit code (统一社会信用代码), 18 characters:
//   1     登记管理部门代码 registration authority (e.g. 9 市场监管, 5 民政, 1 机构编制)
//   2     机构类别代码 entity category, meaningful only together with position 1
//   3–8   登记管理机关行政区划码, GB/T 2260 (100000 for national-level registrations)
//   9–17  主体标识码, the GB 11714 organisation code (组织机构代码) with its own check character
//   18    check character, MOD 31 over the 31-character set below
// Positions 1 and 2 are not checked against a table: the list of authorities has grown since
// 2015 and rejecting an unknown one would turn away real organisations.

import { isRegionCode } from './region-code.js';

/** The 31 characters a credit code may use: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface CreditCode {
  /** The code in upper case. */
  readonly creditCode: string;
  /** 登记管理部门代码, position 1. */
  readonly registrationAuthority: string;
  /** 机构类别代码, position 2. */
  readonly entityCategory: string;
  /** 登记管理机关行政区划码, positions 3–8. */
  readonly regionCode: string;
  /** 组织机构代码, positions 9–17, including its own check character. */
  readonly organisationCode: string;
}

/**
 * Why a code was rejected; when several apply, the first in this order: length, charset,
 * regionCode, organisationCode, checkCharacter. The overall check comes last because nearly any
 * typo trips it, so a more specific reason is more useful.
 */
export type CreditCodeFailure =
  'length' | 'charset' | 'regionCode' | 'organisationCode' | 'checkCharacter';

export type CreditCodeResult =
  | { readonly ok: true; readonly value: CreditCode }
  | { readonly ok: false; readonly reason: CreditCodeFailure };

export interface CreditCodeOptions {
  /**
   * Codes accepted even though their check characters, embedded organisation code or region
   * code do not conform: some early pilot regions issued such codes and they remain legal (e.g.
   * Fujian 91350100M0001TGQXM). Entries must be upper case; length and charset still apply.
   */
  readonly allowList?: ReadonlySet<string>;
}

// 3^i mod 31 for i = 0…16.
const CREDIT_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const NATIONAL_REGION_CODE = '100000';

// GB 11714 weights for the 8-character body of an organisation code.
const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORGANISATION_CODE_PATTERN = /^[0-9A-Z]{8}[0-9X]$/;

/** Only ASCII letters are case-folded: full Unicode upper-casing can change a string's length. */
function asciiUpperCase(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/**
 * The MOD 31 check character for the first 17 characters of a credit code.
 * Throws RangeError unless `first17` is 17 characters from CREDIT_CODE_CHARACTERS (upper case).
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError('creditCodeCheckCharacter expects exactly 17 characters');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17[i]!);
    if (value < 0) {
      throw new RangeError(`not a credit code character: ${JSON.stringify(first17[i])}`);
    }
    sum += value * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31]!;
}

/** Appends the check character: a convenience for building test data and fixtures. */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * The GB 11714 check character for the 8-character organisation code body (digits and capitals,
 * A=10 … Z=35). Throws RangeError on any other input.
 */
export function organisationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('organisationCodeCheckCharacter expects 8 digits or capital letters');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += parseInt(first8[i]!, 36) * ORGANISATION_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Whether `s9` is a 9-character organisation code (组织机构代码) with a correct check character.
 * Lower case is accepted; the hyphenated print form (12345678-9) is not.
 */
export function isValidOrganisationCode(s9: string): boolean {
  const code = asciiUpperCase(s9);
  return (
    ORGANISATION_CODE_PATTERN.test(code) &&
    organisationCodeCheckCharacter(code.slice(0, 8)) === code[8]
  );
}

/**
 * Parses and validates a credit code. ASCII lower case is accepted and upper-cased; surrounding
 * whitespace is not trimmed.
 */
export function parseCreditCode(s: string, options: CreditCodeOptions = {}): CreditCodeResult {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  const creditCode = asciiUpperCase(s);
  if (!CREDIT_CODE_PATTERN.test(creditCode)) return { ok: false, reason: 'charset' };

  const value: CreditCode = {
    creditCode,
    registrationAuthority: creditCode.slice(0, 1),
    entityCategory: creditCode.slice(1, 2),
    regionCode: creditCode.slice(2, 8),
    organisationCode: creditCode.slice(8, 17),
  };
  if (options.allowList?.has(creditCode)) return { ok: true, value };

  if (value.regionCode !== NATIONAL_REGION_CODE && !isRegionCode(value.regionCode)) {
    return { ok: false, reason: 'regionCode' };
  }
  if (!isValidOrganisationCode(value.organisationCode)) {
    return { ok: false, reason: 'organisationCode' };
  }
  if (creditCodeCheckCharacter(creditCode.slice(0, 17)) !== creditCode[17]) {
    return { ok: false, reason: 'checkCharacter' };
  }
  return { ok: true, value };
}

export function isValidCreditCode(s: string, options: CreditCodeOptions = {}): boolean {
  return parseCreditCode(s, options).ok;
}
