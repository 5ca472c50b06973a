import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { CertificateType } from '@zhengtong/contracts';
import { isValidCreditCode, parseCreditCode } from '@zhengtong/gb';

import {
  REFERENCE_CERTIFICATE_TYPES,
  referenceCertificateTypeCode,
} from './reference-certificate-types.js';

const CODE_PATTERN = new RegExp(CertificateType.properties.code.pattern as string);

describe('reference certificate types', () => {
  it('has the types the demo catalogue needs, with their validity', () => {
    const validity = new Map(REFERENCE_CERTIFICATE_TYPES.map((t) => [t.name, t.validityYears]));
    assert.equal(validity.get('营业执照'), null);
    assert.equal(validity.get('食品经营许可证'), 5);
    assert.equal(validity.get('道路运输经营许可证'), 4);
    assert.equal(validity.get('社会保障卡'), 10);
    assert.equal(validity.get('机动车驾驶证'), 6);
    assert.equal(validity.get('教师资格证书'), null);
    assert.ok(REFERENCE_CERTIFICATE_TYPES.length >= 16);
  });

  it('matches the contract schema', () => {
    for (const t of REFERENCE_CERTIFICATE_TYPES) {
      assert.ok(
        Value.Check(CertificateType, t),
        `${t.name}: ${JSON.stringify([...Value.Errors(CertificateType, t)])}`,
      );
    }
  });

  it('codes are a valid national-level credit code and a three-digit type number', () => {
    for (const { code, name } of REFERENCE_CERTIFICATE_TYPES) {
      assert.match(code, CODE_PATTERN, name);
      assert.equal(code.length, 21, name);
      const parsed = parseCreditCode(code.slice(0, 18));
      assert.ok(parsed.ok, `${name}: ${code.slice(0, 18)} is not a valid credit code`);
      assert.equal(parsed.value.regionCode, '100000', name);
      assert.equal(parsed.value.registrationAuthority, '1', name);
      assert.match(code.slice(18), /^\d{3}$/, name);
    }
  });

  it('the credit-code check would catch a mistyped code', () => {
    const code = referenceCertificateTypeCode('营业执照');
    const mistyped = `${code.slice(0, 16)}${code[16] === '1' ? '2' : '1'}${code.slice(17, 18)}`;
    assert.equal(isValidCreditCode(code.slice(0, 18)), true);
    assert.equal(isValidCreditCode(mistyped), false);
  });

  it('codes and names are unique', () => {
    const codes = REFERENCE_CERTIFICATE_TYPES.map((t) => t.code);
    const names = REFERENCE_CERTIFICATE_TYPES.map((t) => t.name);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(names).size, names.length);
  });

  it('looks a code up by name and refuses an unknown name', () => {
    const licence = REFERENCE_CERTIFICATE_TYPES.find((t) => t.name === '营业执照');
    assert.equal(referenceCertificateTypeCode('营业执照'), licence?.code);
    assert.throws(() => referenceCertificateTypeCode('公章刻制备案证明'), RangeError);
  });
});
