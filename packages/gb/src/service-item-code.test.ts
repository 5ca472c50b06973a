import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  ITEM_TYPE_KEYS,
  SECTOR_KEYS,
  formatImplementationCode,
  formatServiceItemCode,
  parseImplementationCode,
  parseServiceItemCode,
} from './service-item-code.js';

describe('service-item codes', () => {
  it('reads a licence of market regulation', () => {
    const r = parseServiceItemCode('XK00100001000');
    assert.deepEqual(r, {
      ok: true,
      value: {
        code: 'XK00100001000',
        itemType: 'licence',
        sector: 'marketRegulation',
        main: 1,
        sub: 0,
      },
    });
  });

  it('says which part of a bad code is wrong', () => {
    assert.deepEqual(parseServiceItemCode('XK0010000100'), { ok: false, reason: 'format' });
    assert.deepEqual(parseServiceItemCode('xk00100001000'), { ok: false, reason: 'format' });
    assert.deepEqual(parseServiceItemCode('ZZ00100001000'), { ok: false, reason: 'itemType' });
    assert.deepEqual(parseServiceItemCode('XK99900001000'), { ok: false, reason: 'sector' });
    assert.deepEqual(parseServiceItemCode('XK00100000001'), { ok: false, reason: 'mainSequence' });
  });

  it('formats what it parses, for every type and sector', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ITEM_TYPE_KEYS),
        fc.constantFrom(...SECTOR_KEYS),
        fc.integer({ min: 1, max: 99999 }),
        fc.integer({ min: 0, max: 999 }),
        (itemType, sector, main, sub) => {
          const code = formatServiceItemCode({ itemType, sector, main, sub });
          assert.equal(code.length, 13);
          assert.deepEqual(parseServiceItemCode(code), {
            ok: true,
            value: { code, itemType, sector, main, sub },
          });
        },
      ),
    );
  });

  it('refuses sequences outside their fields', () => {
    const base = { itemType: 'licence', sector: 'health' } as const;
    assert.throws(() => formatServiceItemCode({ ...base, main: 0, sub: 0 }), RangeError);
    assert.throws(() => formatServiceItemCode({ ...base, main: 100000, sub: 0 }), RangeError);
    assert.throws(() => formatServiceItemCode({ ...base, main: 1, sub: 1000 }), RangeError);
    assert.throws(() => formatServiceItemCode({ ...base, main: 1.5, sub: 0 }), RangeError);
  });

  it('builds and reads implementation codes', () => {
    const code = formatImplementationCode('QR00200003001', '410300', 2);
    assert.equal(code, 'QR00200003001' + '410300' + '02');
    assert.deepEqual(parseImplementationCode(code), {
      code,
      itemCode: 'QR00200003001',
      regionCode: '410300',
      sequence: 2,
    });
    assert.equal(parseImplementationCode('QR00200003001' + '419000' + '01'), undefined);
    assert.equal(parseImplementationCode('QR00200003001' + '410300' + '00'), undefined);
    assert.throws(() => formatImplementationCode('QR0020000300', '410300', 1), RangeError);
    assert.throws(() => formatImplementationCode('QR00200003001', '410300', 100), RangeError);
  });
});
