import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  idNumberCheckCharacter,
  isValidIdNumber,
  maskIdNumber,
  parseIdNumber,
} from './id-number.js';
import type { IdNumberFailure } from './id-number.js';
import { PROVINCE_LEVEL_DIVISIONS } from './region-code.js';

// A fixed clock keeps the not-in-the-future rule deterministic.
const NOW = new Date('2025-01-01T00:00:00Z');
const FAILURES: readonly IdNumberFailure[] = [
  'length',
  'charset',
  'regionCode',
  'birthDate',
  'checkCharacter',
];

/** Completes 17 digits with their check character, so a test can target a later rule. */
function withCheck(first17: string): string {
  return first17 + idNumberCheckCharacter(first17);
}

/**
 * ISO 7064 MOD 11-2 in its recursive form, written independently of the weight table used by
 * the implementation: the two must agree on every input.
 */
function referenceCheckCharacter(first17: string): string {
  let p = 0;
  for (const digit of first17) p = ((p + Number(digit)) * 2) % 11;
  const value = (12 - p) % 11;
  return value === 10 ? 'X' : String(value);
}

function reasonOf(s: string, now: Date = NOW): IdNumberFailure | 'ok' {
  const result = parseIdNumber(s, { now });
  return result.ok ? 'ok' : result.reason;
}

const digit = fc.constantFrom(...'0123456789');
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

/** Well-formed GB/T 2260 codes, built from the rules rather than filtered through isRegionCode. */
const regionCodeArb = fc
  .oneof(
    fc.tuple(
      fc.constantFrom(...PROVINCE_LEVEL_DIVISIONS.map((d) => d.code.slice(0, 2))),
      twoDigits(1, 99).filter((city) => city !== '90'),
      twoDigits(0, 99),
    ),
    fc.tuple(
      fc.constantFrom(...PROVINCE_LEVEL_DIVISIONS.map((d) => d.code.slice(0, 2))),
      fc.constant('90'),
      twoDigits(1, 99),
    ),
  )
  .map(([province, city, county]) => province + city + county);

const birthDateArb = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2024-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

const sequenceArb = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));

const validIdArb = fc
  .tuple(regionCodeArb, birthDateArb, sequenceArb)
  .map(([region, date, sequence]) => ({
    id: withCheck(region + date.replaceAll('-', '') + sequence),
    region,
    date,
    sequence,
  }));

describe('idNumberCheckCharacter', () => {
  it('computes the check characters of the standard examples', () => {
    assert.equal(idNumberCheckCharacter('34052419800101001'), 'X');
    assert.equal(idNumberCheckCharacter('11010519491231002'), 'X');
  });

  it('maps each weighted sum residue through 10X98765432', () => {
    // The last weight is 2, so a single trailing digit d gives a sum of 2d.
    assert.equal(idNumberCheckCharacter('00000000000000000'), '1'); // sum 0
    assert.equal(idNumberCheckCharacter('00000000000000001'), 'X'); // sum 2
    assert.equal(idNumberCheckCharacter('00000000000000006'), '0'); // sum 12 ≡ 1
    assert.equal(idNumberCheckCharacter('10000000000000000'), '5'); // sum 7
  });

  it('rejects anything but 17 ASCII digits', () => {
    for (const bad of [
      '',
      '3405241980010100',
      '340524198001010011',
      '3405241980010100X',
      '３4052419800101001',
    ]) {
      assert.throws(() => idNumberCheckCharacter(bad), RangeError, bad);
    }
  });

  it('agrees with the recursive form of ISO 7064 MOD 11-2', () => {
    fc.assert(
      fc.property(fc.string({ unit: digit, minLength: 17, maxLength: 17 }), (first17) => {
        assert.equal(idNumberCheckCharacter(first17), referenceCheckCharacter(first17));
      }),
    );
  });
});

describe('parseIdNumber', () => {
  it('parses the standard examples into their parts', () => {
    assert.deepEqual(parseIdNumber('34052419800101001X', { now: NOW }), {
      ok: true,
      value: {
        idNumber: '34052419800101001X',
        regionCode: '340524',
        birthDate: '1980-01-01',
        sequence: '001',
        sex: 'male',
      },
    });
    assert.deepEqual(parseIdNumber('11010519491231002X', { now: NOW }), {
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sequence: '002',
        sex: 'female',
      },
    });
  });

  it('rejects a wrong check character', () => {
    assert.equal(reasonOf('340524198001010013'), 'checkCharacter');
    assert.equal(reasonOf('11010519491231002Y'), 'charset');
  });

  it('accepts a lowercase x and returns it upper-cased', () => {
    const result = parseIdNumber('34052419800101001x', { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value.idNumber, '34052419800101001X');
  });

  it('derives sex from the parity of the sequence', () => {
    const male = parseIdNumber(withCheck('41010519900101123'), { now: NOW });
    const female = parseIdNumber(withCheck('41010519900101124'), { now: NOW });
    assert.ok(male.ok && female.ok);
    assert.equal(male.value.sex, 'male');
    assert.equal(female.value.sex, 'female');
    assert.equal(female.value.sequence, '124');
  });

  it('reports length before anything else, including 15-digit first-generation numbers', () => {
    for (const bad of [
      '',
      '34052419800101001',
      '34052419800101001X0',
      '340524800101001',
      ' 34052419800101001X',
    ]) {
      assert.equal(reasonOf(bad), 'length', JSON.stringify(bad));
    }
  });

  it('rejects non-digits, an X anywhere but last, and non-ASCII digits', () => {
    for (const bad of [
      '3405241980010100XX',
      'X4052419800101001X',
      '34052419800101001 ',
      '3405241980-101001X',
      '３40524198001010013', // full-width digit: still 18 UTF-16 units
      '٣40524198001010013', // Arabic-Indic digit
    ]) {
      assert.equal(reasonOf(bad), 'charset', JSON.stringify(bad));
    }
  });

  it('rejects birth dates that are not calendar dates', () => {
    for (const date of [
      '19990230',
      '19990229',
      '19000229',
      '20230431',
      '20230631',
      '20230931',
      '20231131',
      '20231232',
      '19991301',
      '19990001',
      '19990100',
    ]) {
      assert.equal(reasonOf(withCheck(`410105${date}123`)), 'birthDate', date);
    }
  });

  it('accepts the last day of every month', () => {
    const lastDays = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];
    lastDays.forEach((day, i) => {
      const date = `2023${String(i + 1).padStart(2, '0')}${day}`;
      assert.equal(reasonOf(withCheck(`410105${date}123`)), 'ok', date);
    });
  });

  it('accepts leap days in leap years, including a 400-year one', () => {
    for (const date of ['20000229', '19960229', '20240229']) {
      assert.equal(reasonOf(withCheck(`410105${date}123`)), 'ok', date);
    }
  });

  it('rejects birth dates before 1900-01-01', () => {
    assert.equal(reasonOf(withCheck('41010518991231123')), 'birthDate');
    assert.equal(reasonOf(withCheck('41010500010101123')), 'birthDate');
    assert.equal(reasonOf(withCheck('41010519000101123')), 'ok');
  });

  it('rejects birth dates after today in China, counting today as past', () => {
    const now = new Date('2024-06-01T12:00:00Z'); // 20:00 on 1 June in Beijing
    assert.equal(reasonOf(withCheck('41010520240601123'), now), 'ok');
    assert.equal(reasonOf(withCheck('41010520240602123'), now), 'birthDate');
    // 16:30 UTC is already 2 June in Beijing, so a child born that day is valid.
    const justAfterMidnight = new Date('2024-06-01T16:30:00Z');
    assert.equal(reasonOf(withCheck('41010520240602123'), justAfterMidnight), 'ok');
    assert.equal(reasonOf(withCheck('41010520240603123'), justAfterMidnight), 'birthDate');
  });

  it('uses the real clock when no now is given', () => {
    assert.equal(parseIdNumber(withCheck('41010599991231123')).ok, false);
    assert.equal(parseIdNumber('34052419800101001X').ok, true);
  });

  it('rejects address codes that are not well-formed GB/T 2260 codes', () => {
    for (const region of [
      '100105',
      '000000',
      '990101',
      '160101',
      '720101',
      '830000',
      '410001',
      '419000',
    ]) {
      assert.equal(reasonOf(withCheck(`${region}19800101123`)), 'regionCode', region);
    }
  });

  it('accepts province-direct county codes (济源 419001) and every province prefix', () => {
    assert.equal(reasonOf(withCheck('41900119800101123')), 'ok');
    for (const { code } of PROVINCE_LEVEL_DIVISIONS) {
      assert.equal(reasonOf(withCheck(`${code.slice(0, 2)}010219800101123`)), 'ok', code);
    }
  });

  it('reports a structural problem ahead of the check character', () => {
    const badDateGoodCheck = withCheck('41010519990230123');
    const badDateBadCheck =
      badDateGoodCheck.slice(0, 17) + (badDateGoodCheck[17] === '0' ? '1' : '0');
    assert.equal(reasonOf(badDateBadCheck), 'birthDate');
    assert.equal(reasonOf(withCheck('99010519990230123')), 'regionCode');
  });

  it('parses every well-formed number built from its parts', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, region, date, sequence }) => {
        const result = parseIdNumber(id, { now: NOW });
        assert.ok(result.ok, id);
        assert.equal(result.value.idNumber, id);
        assert.equal(result.value.regionCode, region);
        assert.equal(result.value.birthDate, date);
        assert.equal(result.value.sequence, sequence);
        assert.equal(result.value.sex, Number(sequence) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(
        validIdArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...'0123456789X'),
        ({ id }, position, replacement) => {
          fc.pre(id[position] !== replacement);
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          assert.equal(isValidIdNumber(changed, { now: NOW }), false, changed);
        },
      ),
    );
  });

  it('detects every transposition of two different adjacent characters', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), ({ id }, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        assert.equal(isValidIdNumber(swapped, { now: NOW }), false, swapped);
      }),
    );
  });

  it('never throws and always gives a known reason', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 24 }),
      fc.string({ unit: fc.constantFrom(...'0123456789Xx'), minLength: 18, maxLength: 18 }),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const result = parseIdNumber(s, { now: NOW });
        if (!result.ok) assert.ok(FAILURES.includes(result.reason), result.reason);
        assert.equal(isValidIdNumber(s, { now: NOW }), result.ok);
      }),
    );
  });

  it('accepts exactly the digit strings whose full MOD 11-2 sum is 1', () => {
    // Independent oracle: Σ aᵢ·2^(18−i) over all 18 positions ≡ 1 (mod 11), with X = 10.
    const oracle = (s: string) => {
      let sum = 0;
      for (let i = 0; i < 18; i++) {
        const value = s[i] === 'X' ? 10 : Number(s[i]);
        sum += value * 2 ** (17 - i);
      }
      return sum % 11 === 1;
    };
    fc.assert(
      fc.property(
        fc.tuple(regionCodeArb, birthDateArb, sequenceArb, fc.constantFrom(...'0123456789X')),
        ([region, date, sequence, check]) => {
          const s = region + date.replaceAll('-', '') + sequence + check;
          assert.equal(isValidIdNumber(s, { now: NOW }), oracle(s), s);
        },
      ),
    );
  });
});

describe('isValidIdNumber', () => {
  it('is true for valid and false for invalid numbers', () => {
    assert.equal(isValidIdNumber('34052419800101001X'), true);
    assert.equal(isValidIdNumber('34052419800101001x'), true);
    assert.equal(isValidIdNumber('340524198001010013'), false);
    assert.equal(isValidIdNumber(''), false);
  });

  it('passes now through', () => {
    const id = withCheck('41010520240601123');
    assert.equal(isValidIdNumber(id, { now: new Date('2024-06-01T00:00:00Z') }), true);
    assert.equal(isValidIdNumber(id, { now: new Date('2024-05-31T00:00:00Z') }), false);
  });
});

describe('maskIdNumber', () => {
  it('shows the first six and last four characters of an 18-character number', () => {
    assert.equal(maskIdNumber('410105199001011234'), '410105********1234');
    assert.equal(maskIdNumber('34052419800101001X'), '340524********001X');
  });

  it('upper-cases a trailing lowercase x', () => {
    assert.equal(maskIdNumber('34052419800101001x'), '340524********001X');
  });

  it('hides the birth date of a 15-digit first-generation number', () => {
    assert.equal(maskIdNumber('340524800101001'), '340524******001');
  });

  it('masks everything of any other length', () => {
    assert.equal(maskIdNumber(''), '');
    assert.equal(maskIdNumber('34052419800101001'), '*'.repeat(17));
    assert.equal(maskIdNumber('34052419800101001X0'), '*'.repeat(19));
    assert.equal(maskIdNumber('1234'), '****');
  });

  it('never reveals the middle of any string and keeps its length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (s) => {
        const masked = maskIdNumber(s);
        assert.equal(masked.length, s.length);
        const shownBefore = s.length === 18 || s.length === 15 ? 6 : 0;
        const shownAfter = s.length === 18 ? 4 : s.length === 15 ? 3 : 0;
        for (let i = shownBefore; i < s.length - shownAfter; i++) {
          assert.equal(masked[i], '*', `position ${i} of ${JSON.stringify(masked)}`);
        }
      }),
    );
  });

  it('keeps the visible ends of a valid number unchanged', () => {
    fc.assert(
      fc.property(validIdArb, ({ id, date }) => {
        const masked = maskIdNumber(id);
        assert.equal(masked, `${id.slice(0, 6)}********${id.slice(14)}`);
        assert.ok(!masked.includes(date.replaceAll('-', '')));
      }),
    );
  });
});
