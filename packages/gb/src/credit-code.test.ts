import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  CREDIT_CODE_CHARACTERS,
  creditCodeCheckCharacter,
  isValidCreditCode,
  isValidOrganisationCode,
  makeCreditCode,
  organisationCodeCheckCharacter,
  parseCreditCode,
} from './credit-code.js';
import type { CreditCodeFailure } from './credit-code.js';
import { PROVINCE_LEVEL_DIVISIONS } from './region-code.js';

// Written out here rather than imported, so that a typo in the implementation's table shows up.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const REAL_CODES = ['91350200776049653A', '913502000728319549', '91350500798359476R'];
// Early Fujian pilot codes: legal, but they do not pass the checks.
const PILOT_CODES = ['91350100M0001TGQXM', '91350211M0000XUF46', '91350203M0001FUE2P'];
const FAILURES: readonly CreditCodeFailure[] = [
  'length',
  'charset',
  'regionCode',
  'organisationCode',
  'checkCharacter',
];

function referenceCreditCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * GB32100_WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

function referenceOrganisationCheck(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const code = first8.charCodeAt(i);
    // '0'–'9' are 48–57, 'A'–'Z' are 65–90 and count from 10.
    const value = code <= 57 ? code - 48 : code - 55;
    sum += value * weights[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function reasonOf(s: string, allowList?: ReadonlySet<string>): CreditCodeFailure | 'ok' {
  const result = parseCreditCode(s, allowList === undefined ? {} : { allowList });
  return result.ok ? 'ok' : result.reason;
}

/** Builds a code whose region, organisation code and overall check are all valid. */
function buildCode(prefix8: string, organisationBody: string): string {
  return makeCreditCode(
    prefix8 + organisationBody + organisationCodeCheckCharacter(organisationBody),
  );
}

const creditChar = fc.constantFrom(...CHARSET);
const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const provincePrefix = fc.constantFrom(...PROVINCE_LEVEL_DIVISIONS.map((d) => d.code.slice(0, 2)));
const regionCodeArb = fc.oneof(
  fc.constant('100000'),
  provincePrefix.map((p) => `${p}0000`),
  fc
    .tuple(
      provincePrefix,
      twoDigits(1, 99).filter((c) => c !== '90'),
      twoDigits(0, 99),
    )
    .map(([p, c, d]) => p + c + d),
  fc.tuple(provincePrefix, twoDigits(1, 99)).map(([p, d]) => `${p}90${d}`),
);

const validCodeArb = fc
  .tuple(
    creditChar,
    creditChar,
    regionCodeArb,
    fc.string({ unit: creditChar, minLength: 8, maxLength: 8 }),
  )
  .map(([authority, category, region, body]) => ({
    code: buildCode(authority + category + region, body),
    authority,
    category,
    region,
    organisationCode: body + referenceOrganisationCheck(body),
  }));

describe('CREDIT_CODE_CHARACTERS', () => {
  it('is the 31-character set without I, O, S, V and Z', () => {
    assert.equal(CREDIT_CODE_CHARACTERS, CHARSET);
    assert.equal(CREDIT_CODE_CHARACTERS.length, 31);
  });
});

describe('creditCodeCheckCharacter', () => {
  it('reproduces the check characters of real codes', () => {
    for (const code of REAL_CODES) {
      assert.equal(creditCodeCheckCharacter(code.slice(0, 17)), code[17], code);
    }
  });

  it('follows the hand-computed sums', () => {
    assert.equal(creditCodeCheckCharacter('00000000000000000'), '0'); // sum 0
    assert.equal(creditCodeCheckCharacter('00000000000000001'), '3'); // 31 − 28
    assert.equal(creditCodeCheckCharacter('10000000000000000'), 'Y'); // 31 − 1 = 30
    assert.equal(creditCodeCheckCharacter('0000000000000000A'), 'Y'); // 280 ≡ 1
  });

  it('rejects wrong lengths and characters outside the set', () => {
    for (const bad of [
      '',
      '9135020077604965',
      '91350200776049653A',
      '9135020077604965I',
      '9135020077604965a',
    ]) {
      assert.throws(() => creditCodeCheckCharacter(bad), RangeError, bad);
    }
  });

  it('agrees with the weights published in GB 32100', () => {
    fc.assert(
      fc.property(fc.string({ unit: creditChar, minLength: 17, maxLength: 17 }), (first17) => {
        assert.equal(creditCodeCheckCharacter(first17), referenceCreditCheck(first17));
      }),
    );
  });
});

describe('makeCreditCode', () => {
  it('appends the check character', () => {
    for (const code of REAL_CODES) assert.equal(makeCreditCode(code.slice(0, 17)), code);
  });
});

describe('organisationCodeCheckCharacter', () => {
  it('reproduces the organisation codes embedded in real credit codes', () => {
    assert.equal(organisationCodeCheckCharacter('77604965'), '3');
    assert.equal(organisationCodeCheckCharacter('07283195'), '4');
    assert.equal(organisationCodeCheckCharacter('79835947'), '6');
  });

  it('maps 11 to 0 and 10 to X, and values letters from A = 10', () => {
    assert.equal(organisationCodeCheckCharacter('00000000'), '0'); // 11 − 0 = 11
    assert.equal(organisationCodeCheckCharacter('00000006'), 'X'); // 12 ≡ 1, 11 − 1 = 10
    assert.equal(organisationCodeCheckCharacter('0000000A'), '2'); // 20 ≡ 9
    assert.equal(organisationCodeCheckCharacter('Z0000000'), '5'); // 105 ≡ 6
  });

  it('rejects anything but 8 digits or capitals', () => {
    for (const bad of ['', '7760496', '776049653', '7760496a', '7760496-']) {
      assert.throws(() => organisationCodeCheckCharacter(bad), RangeError, bad);
    }
  });

  it('agrees with an independent computation for any body', () => {
    const body = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      minLength: 8,
      maxLength: 8,
    });
    fc.assert(
      fc.property(body, (first8) => {
        assert.equal(organisationCodeCheckCharacter(first8), referenceOrganisationCheck(first8));
      }),
    );
  });
});

describe('isValidOrganisationCode', () => {
  it('accepts codes with the right check character, in either case', () => {
    assert.equal(isValidOrganisationCode('776049653'), true);
    assert.equal(isValidOrganisationCode('00000006X'), true);
    assert.equal(isValidOrganisationCode('00000006x'), true);
    assert.equal(isValidOrganisationCode('000000000'), true);
  });

  it('rejects wrong check characters, lengths and forms', () => {
    for (const bad of ['776049654', '77604965', '7760496530', '77604965-3', '00000006Y', '']) {
      assert.equal(isValidOrganisationCode(bad), false, bad);
    }
  });

  it('detects any single substitution among digits', () => {
    const digits = fc.constantFrom(...'0123456789');
    fc.assert(
      fc.property(
        fc.string({ unit: digits, minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        digits,
        (body, position, replacement) => {
          const code = body + organisationCodeCheckCharacter(body);
          fc.pre(code[position] !== replacement);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          assert.equal(isValidOrganisationCode(changed), false, changed);
        },
      ),
    );
  });

  it('cannot tell apart letters whose values differ by 11 (a MOD 11 limit, not a bug)', () => {
    // B = 11 ≡ 0: only the surrounding credit-code check catches this substitution.
    assert.equal(isValidOrganisationCode('B00000000'), true);
    const code = buildCode('91350200', '00000000');
    const changed = `${code.slice(0, 8)}B${code.slice(9)}`;
    assert.equal(reasonOf(changed), 'checkCharacter');
  });
});

describe('parseCreditCode', () => {
  it('parses real codes into their parts', () => {
    assert.deepEqual(parseCreditCode('91350200776049653A'), {
      ok: true,
      value: {
        creditCode: '91350200776049653A',
        registrationAuthority: '9',
        entityCategory: '1',
        regionCode: '350200',
        organisationCode: '776049653',
      },
    });
    for (const code of REAL_CODES) assert.equal(reasonOf(code), 'ok', code);
  });

  it('accepts lower case and returns the code upper-cased', () => {
    const result = parseCreditCode('91350200776049653a');
    assert.ok(result.ok);
    assert.equal(result.value.creditCode, '91350200776049653A');
  });

  it('reports wrong lengths first', () => {
    for (const bad of ['', '91350200776049653', '91350200776049653AA', ' 91350200776049653A']) {
      assert.equal(reasonOf(bad), 'length', JSON.stringify(bad));
    }
  });

  it('rejects characters outside the set, in either case', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z', '-', ' ', 'Ａ']) {
      assert.equal(reasonOf(`9135020077604965${letter}A`), 'charset', letter);
    }
  });

  it('rejects a wrong overall check character', () => {
    assert.equal(reasonOf('91350200776049653B'), 'checkCharacter');
    assert.equal(reasonOf('913502000728319548'), 'checkCharacter');
  });

  it('rejects a wrong embedded organisation code even when the overall check fits', () => {
    const code = makeCreditCode('91350200776049654');
    assert.equal(reasonOf(code), 'organisationCode');
  });

  it('rejects malformed region codes even when both checks fit', () => {
    for (const region of ['990200', '000000', '350001', '359000', '3502A0']) {
      assert.equal(reasonOf(buildCode(`91${region}`, '77604965')), 'regionCode', region);
    }
  });

  it('accepts the national region code 100000 and province-direct counties', () => {
    assert.equal(reasonOf(buildCode('12100000', '40000062')), 'ok');
    assert.equal(reasonOf(buildCode('91419001', '77604965')), 'ok');
  });

  it('rejects the Fujian pilot codes unless they are allow-listed', () => {
    const allowList = new Set(PILOT_CODES);
    for (const code of PILOT_CODES) {
      assert.notEqual(reasonOf(code), 'ok', code);
      assert.equal(reasonOf(code, allowList), 'ok', code);
      assert.equal(reasonOf(code.toLowerCase(), allowList), 'ok', code);
    }
    const parsed = parseCreditCode('91350100M0001TGQXM', { allowList });
    assert.ok(parsed.ok);
    assert.equal(parsed.value.regionCode, '350100');
    assert.equal(parsed.value.organisationCode, 'M0001TGQX');
  });

  it('only lets exactly the allow-listed codes through, and still checks length and charset', () => {
    const allowList = new Set(['91350100M0001TGQXM', '91350100M0001TGQX', '91350100M0001TGQXI']);
    assert.notEqual(reasonOf('91350100M0001TGQXN', allowList), 'ok');
    assert.equal(reasonOf('91350100M0001TGQX', allowList), 'length');
    assert.equal(reasonOf('91350100M0001TGQXI', allowList), 'charset');
    assert.equal(isValidCreditCode('91350100M0001TGQXM', { allowList }), true);
    assert.equal(isValidCreditCode('91350100M0001TGQXM'), false);
  });

  it('parses every code built from valid parts', () => {
    fc.assert(
      fc.property(validCodeArb, ({ code, authority, category, region, organisationCode }) => {
        assert.deepEqual(parseCreditCode(code), {
          ok: true,
          value: {
            creditCode: code,
            registrationAuthority: authority,
            entityCategory: category,
            regionCode: region,
            organisationCode,
          },
        });
        assert.equal(code[17], referenceCreditCheck(code.slice(0, 17)));
      }),
    );
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(validCodeArb, fc.integer({ min: 0, max: 17 }), creditChar, ({ code }, i, c) => {
        fc.pre(code[i] !== c);
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        assert.equal(isValidCreditCode(changed), false, changed);
      }),
    );
  });

  it('detects every transposition of two different adjacent characters', () => {
    fc.assert(
      fc.property(validCodeArb, fc.integer({ min: 0, max: 16 }), ({ code }, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        assert.equal(isValidCreditCode(swapped), false, swapped);
      }),
    );
  });

  it('never throws and always gives a known reason', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 24 }),
      fc.string({ unit: fc.constantFrom(...CHARSET, 'a', 'x', 'I'), minLength: 18, maxLength: 18 }),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const result = parseCreditCode(s);
        if (!result.ok) assert.ok(FAILURES.includes(result.reason), result.reason);
        assert.equal(isValidCreditCode(s), result.ok);
      }),
    );
  });
});
