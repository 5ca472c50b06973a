// GB 11643-1999 citizen ID number (公民身份号码): 6-digit address code (GB/T 2260), birth date
// YYYYMMDD, 3-digit sequence (顺序码, odd for men) and an ISO 7064 MOD 11-2 check character
// (校验码). Only the 18-character form is accepted; first-generation 15-digit numbers are
// reported as a length failure.

import { isRegionCode } from './region-code.js';

export interface IdNumber {
  /** The number with a lowercase check 'x' normalised to 'X'. */
  readonly idNumber: string;
  /** 地址码: the GB/T 2260 code of the place of first registration. */
  readonly regionCode: string;
  /** 出生日期码 as YYYY-MM-DD. */
  readonly birthDate: string;
  /** 顺序码, three digits. */
  readonly sequence: string;
  readonly sex: 'male' | 'female';
}

/**
 * Why a number was rejected. When several things are wrong, the first in this order is reported:
 * length, charset, regionCode, birthDate, checkCharacter. The check character comes last because
 * it fails for almost any typo, so a more specific reason is more useful to the person typing.
 */
export type IdNumberFailure = 'length' | 'charset' | 'regionCode' | 'birthDate' | 'checkCharacter';

export type IdNumberResult =
  | { readonly ok: true; readonly value: IdNumber }
  | { readonly ok: false; readonly reason: IdNumberFailure };

export interface IdNumberOptions {
  /** The moment treated as "now" for the not-in-the-future rule; defaults to the current time. */
  readonly now?: Date;
}

// Wi = 2^(17−i) mod 11 for i = 0…16; the check position itself has weight 1.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';
// Birth dates are civil dates in China; UTC+8 without DST since 1991, so a fixed offset suffices.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits.
 * Throws RangeError unless `first17` is exactly 17 ASCII digits.
 */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) {
    throw new RangeError('idNumberCheckCharacter expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARACTERS[sum % 11]!;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYYMMDD → YYYY-MM-DD if it is a real calendar date, else undefined. */
function calendarDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function todayInChina(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Parses and validates an 18-character citizen ID number. Surrounding whitespace is not trimmed:
 * that is the input layer's decision, and silently accepting it here would hide bad data.
 */
export function parseIdNumber(s: string, options: IdNumberOptions = {}): IdNumberResult {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^[0-9]{17}[0-9Xx]$/.test(s)) return { ok: false, reason: 'charset' };
  const idNumber = s.slice(0, 17) + s.slice(17).toUpperCase();

  const regionCode = idNumber.slice(0, 6);
  if (!isRegionCode(regionCode)) return { ok: false, reason: 'regionCode' };

  const birthDate = calendarDate(idNumber.slice(6, 14));
  // ISO dates compare correctly as strings.
  if (
    birthDate === undefined ||
    birthDate < EARLIEST_BIRTH_DATE ||
    birthDate > todayInChina(options.now ?? new Date())
  ) {
    return { ok: false, reason: 'birthDate' };
  }

  if (idNumberCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) {
    return { ok: false, reason: 'checkCharacter' };
  }

  const sequence = idNumber.slice(14, 17);
  return {
    ok: true,
    value: {
      idNumber,
      regionCode,
      birthDate,
      sequence,
      sex: Number(sequence) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export function isValidIdNumber(s: string, options: IdNumberOptions = {}): boolean {
  return parseIdNumber(s, options).ok;
}

/**
 * Masks an ID number for display (脱敏): `410105********1234`. The birth date never shows. Input
 * is not validated, since masking must also be safe for bad data; anything that is not 18 or 15
 * characters long is masked entirely, because we cannot tell which characters are the birth date.
 * A first-generation 15-digit number keeps its address code and 3-digit sequence.
 */
export function maskIdNumber(s: string): string {
  if (s.length === 18) {
    const check = s[17] === 'x' ? 'X' : s.slice(17);
    return `${s.slice(0, 6)}${'*'.repeat(8)}${s.slice(14, 17)}${check}`;
  }
  if (s.length === 15) return `${s.slice(0, 6)}${'*'.repeat(6)}${s.slice(12)}`;
  return '*'.repeat(s.length);
}
