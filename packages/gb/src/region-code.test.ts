import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  PROVINCE_LEVEL_DIVISIONS,
  defaultParentCode,
  findProvinceName,
  isInSubtree,
  isProvincePrefix,
  isRegionCode,
  provinceCodeOf,
  regionCodePrefix,
  regionLevelOf,
} from './region-code.js';
import type { RegionLevel } from './region-code.js';

// Written out independently of the table under test.
const PROVINCE_PREFIXES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
];

const twoDigits = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const provincePrefix = fc.constantFrom(...PROVINCE_PREFIXES);
const ordinaryCity = twoDigits(1, 99).filter((c) => c !== '90');

const provinceArb = provincePrefix.map((p) => `${p}0000`);
const cityArb = fc.tuple(provincePrefix, ordinaryCity).map(([p, c]) => `${p}${c}00`);
const ordinaryCountyArb = fc
  .tuple(provincePrefix, ordinaryCity, twoDigits(1, 99))
  .map(([p, c, d]) => p + c + d);
/** 省直辖县级行政区划 such as 419001 济源. */
const provinceDirectCountyArb = fc
  .tuple(provincePrefix, twoDigits(1, 99))
  .map(([p, d]) => `${p}90${d}`);
const regionCodeArb = fc.oneof(provinceArb, cityArb, ordinaryCountyArb, provinceDirectCountyArb);

describe('PROVINCE_LEVEL_DIVISIONS', () => {
  it('lists the 34 province-level divisions once each, in code order', () => {
    const codes = PROVINCE_LEVEL_DIVISIONS.map((d) => d.code);
    assert.deepEqual(
      codes,
      PROVINCE_PREFIXES.map((p) => `${p}0000`),
    );
    assert.equal(new Set(PROVINCE_LEVEL_DIVISIONS.map((d) => d.name)).size, 34);
  });

  it('names them', () => {
    const names = new Map(PROVINCE_LEVEL_DIVISIONS.map((d) => [d.code, d.name]));
    assert.equal(names.get('110000'), '北京市');
    assert.equal(names.get('410000'), '河南省');
    assert.equal(names.get('650000'), '新疆维吾尔自治区');
    assert.equal(names.get('710000'), '台湾省');
    assert.equal(names.get('820000'), '澳门特别行政区');
  });

  it('cannot be modified', () => {
    assert.ok(Object.isFrozen(PROVINCE_LEVEL_DIVISIONS));
    assert.ok(PROVINCE_LEVEL_DIVISIONS.every((d) => Object.isFrozen(d)));
  });
});

describe('isProvincePrefix and findProvinceName', () => {
  it('know exactly the province prefixes', () => {
    for (let n = 0; n < 100; n++) {
      const prefix = String(n).padStart(2, '0');
      assert.equal(isProvincePrefix(prefix), PROVINCE_PREFIXES.includes(prefix), prefix);
    }
  });

  it('name the province of any code and nothing else', () => {
    assert.equal(findProvinceName('419001'), '河南省');
    assert.equal(findProvinceName('110105'), '北京市');
    assert.equal(findProvinceName('990000'), undefined);
    assert.equal(findProvinceName(''), undefined);
    assert.equal(findProvinceName('41'), undefined);
    assert.equal(findProvinceName('410001'), undefined);
  });
});

describe('isRegionCode', () => {
  it('accepts province, city and county codes, including 省直辖 counties', () => {
    for (const code of [
      '410000',
      '410100',
      '411700',
      '410102',
      '419001',
      '429004',
      '469001',
      '441900',
      '820000',
    ]) {
      assert.equal(isRegionCode(code), true, code);
    }
  });

  it('rejects malformed codes', () => {
    for (const code of [
      '',
      '41010',
      '4101020',
      '41010a',
      ' 41010',
      '４10100', // full-width digit
      '100000', // 中华人民共和国, not a division of a province
      '990000',
      '160000',
      '830000',
      '410001', // county under no city
      '419000', // the 省直辖 grouping itself
      '429000',
    ]) {
      assert.equal(isRegionCode(code), false, JSON.stringify(code));
    }
  });

  it('accepts every code built from the rules', () => {
    fc.assert(fc.property(regionCodeArb, (code) => assert.equal(isRegionCode(code), true, code)));
  });

  it('agrees with the shape rules on any six digits', () => {
    const sixDigits = fc.string({
      unit: fc.constantFrom(...'0123456789'),
      minLength: 6,
      maxLength: 6,
    });
    fc.assert(
      fc.property(sixDigits, (code) => {
        const [province, city, county] = [code.slice(0, 2), code.slice(2, 4), code.slice(4)];
        const expected =
          PROVINCE_PREFIXES.includes(province) &&
          (city === '00' ? county === '00' : city !== '90' || county !== '00');
        assert.equal(isRegionCode(code), expected, code);
      }),
    );
  });
});

describe('regionLevelOf', () => {
  it('classifies by the zero pairs, counting xx90yy as county', () => {
    const cases: [string, RegionLevel][] = [
      ['410000', 'province'],
      ['410100', 'city'],
      ['411700', 'city'],
      ['441900', 'city'],
      ['410102', 'county'],
      ['419001', 'county'],
      ['469001', 'county'],
    ];
    for (const [code, level] of cases) assert.equal(regionLevelOf(code), level, code);
  });

  it('throws on malformed codes', () => {
    for (const code of ['', '419000', '410001', '4101']) {
      assert.throws(() => regionLevelOf(code), RangeError, code);
    }
  });
});

describe('provinceCodeOf', () => {
  it('returns the xx0000 code', () => {
    assert.equal(provinceCodeOf('419001'), '410000');
    assert.equal(provinceCodeOf('410102'), '410000');
    assert.equal(provinceCodeOf('410000'), '410000');
    assert.throws(() => provinceCodeOf('990101'), RangeError);
  });
});

describe('defaultParentCode', () => {
  it('follows the code structure, sending 省直辖 counties to the province', () => {
    assert.equal(defaultParentCode('419001'), '410000');
    assert.equal(defaultParentCode('429004'), '420000');
    assert.equal(defaultParentCode('469001'), '460000');
    assert.equal(defaultParentCode('410102'), '410100');
    assert.equal(defaultParentCode('410100'), '410000');
    assert.equal(defaultParentCode('441900'), '440000');
    assert.equal(defaultParentCode('410000'), null);
  });

  it('throws on malformed codes', () => {
    assert.throws(() => defaultParentCode('419000'), RangeError);
  });

  it('always yields a well-formed code one level up, reaching the province within two steps', () => {
    const depth: Record<RegionLevel, number> = { province: 0, city: 1, county: 2 };
    fc.assert(
      fc.property(regionCodeArb, (code) => {
        const parent = defaultParentCode(code);
        if (parent === null) {
          assert.equal(regionLevelOf(code), 'province');
          return;
        }
        assert.ok(isRegionCode(parent), parent);
        assert.ok(depth[regionLevelOf(parent)] < depth[regionLevelOf(code)]);
        assert.equal(provinceCodeOf(parent), provinceCodeOf(code));
        const grandparent = defaultParentCode(parent);
        assert.ok(grandparent === null || defaultParentCode(grandparent) === null);
      }),
    );
  });
});

describe('isInSubtree', () => {
  it('lets a province contain all its codes, including 省直辖 counties', () => {
    for (const code of ['410000', '410100', '410102', '419001', '411728']) {
      assert.equal(isInSubtree(code, '410000'), true, code);
    }
    assert.equal(isInSubtree('420100', '410000'), false);
  });

  it('lets a city contain itself and its counties only', () => {
    assert.equal(isInSubtree('410100', '410100'), true);
    assert.equal(isInSubtree('410102', '410100'), true);
    assert.equal(isInSubtree('410202', '410100'), false);
    assert.equal(isInSubtree('410000', '410100'), false);
    assert.equal(isInSubtree('411001', '410100'), false);
  });

  it('puts xx90yy units in no city', () => {
    for (let city = 1; city <= 17; city++) {
      const root = `41${String(city).padStart(2, '0')}00`;
      assert.equal(isInSubtree('419001', root), false, root);
    }
  });

  it('lets a county contain only itself', () => {
    assert.equal(isInSubtree('410102', '410102'), true);
    assert.equal(isInSubtree('410103', '410102'), false);
    assert.equal(isInSubtree('419001', '419001'), true);
    assert.equal(isInSubtree('419002', '419001'), false);
  });

  it('fails closed on malformed codes', () => {
    assert.equal(isInSubtree('410102', '419000'), false);
    assert.equal(isInSubtree('410102', ''), false);
    assert.equal(isInSubtree('', '410000'), false);
    assert.equal(isInSubtree('41010x', '410000'), false);
    assert.equal(isInSubtree('4101021', '410000'), false);
  });

  it('contains each code and its default parent, but not the other way round', () => {
    fc.assert(
      fc.property(regionCodeArb, (code) => {
        assert.equal(isInSubtree(code, code), true);
        assert.equal(isInSubtree(code, provinceCodeOf(code)), true);
        const parent = defaultParentCode(code);
        if (parent !== null) {
          assert.equal(isInSubtree(code, parent), true);
          assert.equal(isInSubtree(parent, code), false);
        }
      }),
    );
  });
});

describe('regionCodePrefix', () => {
  it('keeps the significant digits', () => {
    assert.equal(regionCodePrefix('410000'), '41');
    assert.equal(regionCodePrefix('410100'), '4101');
    assert.equal(regionCodePrefix('410102'), '410102');
    assert.equal(regionCodePrefix('419001'), '419001');
    assert.throws(() => regionCodePrefix('419000'), RangeError);
  });

  it('selects exactly the subtree, so SQL LIKE prefix% matches isInSubtree', () => {
    // Unrelated pairs almost never match, so also try each code against its own ancestors and
    // against codes that share its province.
    const pairArb = fc.oneof(
      fc.tuple(regionCodeArb, regionCodeArb),
      fc
        .tuple(regionCodeArb, regionCodeArb)
        .map(([a, b]) => [a, a.slice(0, 2) + b.slice(2)] as const),
      fc.tuple(cityArb, twoDigits(0, 99)).map(([city, d]) => [city.slice(0, 4) + d, city] as const),
      regionCodeArb.map((a) => [a, defaultParentCode(a) ?? a] as const),
    );
    fc.assert(
      fc.property(pairArb, ([code, root]) => {
        assert.equal(
          code.startsWith(regionCodePrefix(root)),
          isInSubtree(code, root),
          `${code} in ${root}`,
        );
      }),
    );
  });
});
