import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import {
  CERTIFICATE_IDENTIFIER_LAYOUT,
  CERTIFICATE_IDENTIFIER_ROOT,
  isValidCertificateIdentifier,
  isValidMod37_36,
  makeCertificateIdentifier,
  mod37_36CheckCharacter,
  parseCertificateIdentifier,
} from './certificate-identifier.js';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LICENCE = '111000009000000146001';
const parts = {
  typeCode: LICENCE,
  issuer: '410100',
  year: 2025,
  sequence: 1,
  version: 1,
};

const arbParts = fc.record({
  typeCode: fc.constantFrom(LICENCE, '11100000900000030U002', '1110000090000009XU001'),
  issuer: fc.constantFrom('410100', '410300', '91410100MA44XYT12K', '419001'),
  year: fc.integer({ min: 2000, max: 2099 }),
  sequence: fc.integer({ min: 1, max: 999_999 }),
  version: fc.integer({ min: 1, max: 999 }),
});

describe('ISO/IEC 7064 MOD 37,36', () => {
  it('matches the standard worked example', () => {
    assert.equal(mod37_36CheckCharacter('A12425GABC1234002'), 'M');
    assert.equal(isValidMod37_36('A12425GABC1234002M'), true);
    assert.equal(isValidMod37_36('A12425GABC1234002N'), false);
  });

  it('refuses characters outside 0–9 A–Z', () => {
    assert.throws(() => mod37_36CheckCharacter('12.3'), RangeError);
    assert.throws(() => mod37_36CheckCharacter('abc'), RangeError);
    assert.equal(isValidMod37_36('abc1'), false);
  });

  it('detects every single-character substitution (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.integer({ min: 1, max: 35 }),
        (text, at, shift) => {
          const full = text + mod37_36CheckCharacter(text);
          const i = at % full.length;
          const changed =
            full.slice(0, i) + ALNUM[(ALNUM.indexOf(full[i]!) + shift) % 36] + full.slice(i + 1);
          return isValidMod37_36(full) && !isValidMod37_36(changed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('detects nearly all transpositions of two different adjacent characters', () => {
    let tried = 0;
    let caught = 0;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 2, maxLength: 60 }),
        fc.nat(),
        (text, at) => {
          const full = text + mod37_36CheckCharacter(text);
          const i = at % (full.length - 1);
          if (full[i] === full[i + 1]) return;
          tried += 1;
          const swapped = full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2);
          if (!isValidMod37_36(swapped)) caught += 1;
        },
      ),
      { numRuns: 3000, seed: 36 },
    );
    assert.ok(caught / tried > 0.95, `${caught} of ${tried}`);
  });
});

describe('certificate identifier', () => {
  it('writes the layout: root, type, issuer, year + sequence, version, check', () => {
    const id = makeCertificateIdentifier(parts);
    assert.match(
      id,
      /^1\.2\.156\.3005\.2\.111000009000000146001\.410100\.2025000001\.001\.[0-9A-Z]$/,
    );
    assert.ok(id.startsWith(`${CERTIFICATE_IDENTIFIER_ROOT}.`));
    assert.deepEqual(parseCertificateIdentifier(id), {
      ok: true,
      value: { identifier: id, ...parts },
    });
    assert.equal(CERTIFICATE_IDENTIFIER_LAYOUT.length, id.split('.').length - 4);
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(arbParts, (p) => {
        const id = makeCertificateIdentifier(p);
        const parsed = parseCertificateIdentifier(id);
        return (
          parsed.ok && JSON.stringify(parsed.value) === JSON.stringify({ identifier: id, ...p })
        );
      }),
      { numRuns: 500 },
    );
  });

  it('detects any single changed digit or letter (property)', () => {
    fc.assert(
      fc.property(arbParts, fc.nat(), fc.integer({ min: 1, max: 35 }), (p, at, shift) => {
        const id = makeCertificateIdentifier(p);
        const positions = [...id].flatMap((c, i) => (c === '.' ? [] : [i]));
        const i = positions[at % positions.length]!;
        const changed =
          id.slice(0, i) + ALNUM[(ALNUM.indexOf(id[i]!) + shift) % 36] + id.slice(i + 1);
        return !isValidCertificateIdentifier(changed);
      }),
      { numRuns: 3000 },
    );
  });

  it('says why an identifier is refused', () => {
    const id = makeCertificateIdentifier(parts);
    assert.deepEqual(parseCertificateIdentifier('1.2.156.3005.2.x'), {
      ok: false,
      reason: 'layout',
    });
    assert.deepEqual(parseCertificateIdentifier(id.replace('.410100.', '.41010.')), {
      ok: false,
      reason: 'segment',
      segment: 'issuer',
    });
    const badCheck = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    assert.deepEqual(parseCertificateIdentifier(badCheck), { ok: false, reason: 'checkCharacter' });
  });

  it('refuses parts out of range', () => {
    assert.throws(() => makeCertificateIdentifier({ ...parts, sequence: 0 }), RangeError);
    assert.throws(() => makeCertificateIdentifier({ ...parts, sequence: 1_000_000 }), RangeError);
    assert.throws(() => makeCertificateIdentifier({ ...parts, version: 1000 }), RangeError);
    assert.throws(() => makeCertificateIdentifier({ ...parts, issuer: '4101' }), RangeError);
    assert.throws(() => makeCertificateIdentifier({ ...parts, typeCode: 'IIII' }), RangeError);
  });
});
