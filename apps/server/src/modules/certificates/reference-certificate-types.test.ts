import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { CertificateType } from '@zhengtong/contracts';
import { isValidCreditCode, parseCreditCode } from '@zhengtong/gb';

import { createAjv } from '../../kernel/json-schema.js';
import { sampleFor } from '../../seed/demo-applications.js';
import { DEMO_ITEMS, demoLists } from '../catalog/demo-catalogue.js';
import {
  REFERENCE_CERTIFICATE_TYPES,
  referenceCertificateTypeCode,
} from './reference-certificate-types.js';
import type { ReferenceCertificateType } from './store.js';

const CODE_PATTERN = new RegExp(CertificateType.properties.code.pattern as string);

interface Schema {
  type?: string;
  title?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
}

const ajv = createAjv();

/**
 * 变更 items whose form gives only what changes: the workflow action completes the data from the
 * certificate the holder already holds (the demo enterprise's licence is seeded).
 */
const CHANGE_ITEMS = new Set(['企业变更登记']);

/** The sets of properties, one of which complete data must have (anyOf branches). */
function requiredSets(schema: Schema): string[][] {
  const base = schema.required ?? [];
  if (!schema.anyOf) return [base];
  return schema.anyOf.map((branch) => [...base, ...(branch.required ?? [])]);
}

/**
 * Why a form field's values may fail the data property, or undefined when every value the form
 * accepts is valid data too.
 */
function incompatibility(data: Schema, field: Schema): string | undefined {
  const numeric = (t?: string) => t === 'number' || t === 'integer';
  if (data.type !== field.type && !(data.type === 'number' && field.type === 'integer')) {
    return `type ${String(field.type)} is not ${String(data.type)}`;
  }
  if (data.enum) return 'the data property has an enum';
  if (field.enum) {
    const validate = ajv.compile(data);
    const bad = field.enum.filter((v) => !validate(v));
    return bad.length > 0 ? `values ${JSON.stringify(bad)} are not valid data` : undefined;
  }
  if (data.type === 'string') {
    if (data.maxLength !== undefined && (field.maxLength ?? Infinity) > data.maxLength) {
      return `maxLength ${String(field.maxLength)} exceeds ${data.maxLength}`;
    }
    if ((data.minLength ?? 0) > (field.minLength ?? 0)) return 'minLength';
    if (data.format !== undefined && data.format !== field.format) return 'format';
    if (data.pattern !== undefined && data.pattern !== field.pattern) return 'pattern';
  }
  if (numeric(data.type)) {
    if ((data.minimum ?? -Infinity) > (field.minimum ?? -Infinity)) return 'minimum';
    if (data.maximum !== undefined && (field.maximum ?? Infinity) > data.maximum) return 'maximum';
  }
  if (data.type === 'array') {
    const most = field.maxItems ?? field.items?.enum?.length ?? Infinity;
    if (data.maxItems !== undefined && most > data.maxItems) return 'maxItems';
    if ((data.minItems ?? 0) > (field.minItems ?? 0)) return 'minItems';
    const items = incompatibility(data.items ?? {}, field.items ?? {});
    if (items) return `items: ${items}`;
  }
  return undefined;
}

interface IssuingForm {
  label: string;
  item: string;
  type: ReferenceCertificateType;
  form: Schema;
}

/** Every form of a demo list whose result is a certificate, with its item's name and type. */
function issuingForms(): IssuingForm[] {
  const items = new Map(DEMO_ITEMS.map((i) => [i.code, i.name]));
  const types = new Map(REFERENCE_CERTIFICATE_TYPES.map((t) => [t.code, t]));
  return demoLists().flatMap((list) => {
    const result = list.elements.result;
    if (result.kind !== 'certificate' || !result.certificateTypeCode) return [];
    const type = types.get(result.certificateTypeCode);
    assert.ok(type, `${list.itemCode}: no reference type ${result.certificateTypeCode}`);
    return [
      {
        label: `${items.get(list.itemCode) ?? list.itemCode} @${list.regionCode} → ${type.name}`,
        item: items.get(list.itemCode) ?? '',
        type,
        form: list.elements.form.schema,
      },
    ];
  });
}

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

  it('every data schema compiles, titles every property and bounds its strings', () => {
    // strict catches unknown keywords; a required name inside anyOf is checked below instead
    const strict = createAjv({ strict: true, strictRequired: false });
    for (const t of REFERENCE_CERTIFICATE_TYPES) {
      const schema = t.dataSchema as Schema | undefined;
      assert.ok(schema, `${t.name} has no data schema`);
      assert.doesNotThrow(() => strict.compile(schema), t.name);
      assert.equal(schema.type, 'object', t.name);
      const properties = Object.entries(schema.properties ?? {});
      assert.ok(properties.length > 0, `${t.name} has no data items`);
      for (const [name, property] of properties) {
        assert.ok(property.title && /\p{Script=Han}/u.test(property.title), `${t.name}.${name}`);
        const text = property.type === 'array' ? (property.items ?? {}) : property;
        if (text.type === 'string' && !text.format && !text.enum) {
          assert.ok(text.maxLength !== undefined, `${t.name}.${name} is unbounded`);
        }
      }
      for (const set of requiredSets(schema)) {
        for (const name of set) assert.ok(schema.properties?.[name], `${t.name}: ${name}`);
      }
    }
  });

  it('every demo item issuing a certificate gives what its type requires, in every region', () => {
    const forms = issuingForms();
    const issued = new Set(forms.map((f) => f.type.name));
    for (const name of ['营业执照', '食品经营许可证', '社会保障卡', '不动产权证书', '道路运输证']) {
      assert.ok(issued.has(name), `no demo item issues the ${name}`);
    }
    for (const { label, item, type, form } of forms) {
      const schema = type.dataSchema as Schema;
      const fields = form.properties ?? {};
      const given = new Set(form.required ?? []);
      if (!CHANGE_ITEMS.has(item)) {
        const complete = requiredSets(schema).some((set) => set.every((n) => given.has(n)));
        assert.ok(
          complete,
          `${label}: the form does not require ${JSON.stringify(requiredSets(schema))}`,
        );
      }
      const shared = Object.keys(schema.properties ?? {}).filter((n) => fields[n]);
      assert.ok(
        shared.length > 0 || type.name === '居民身份证' || type.name === '机动车驾驶证',
        label,
      );
      for (const name of shared) {
        const problem = incompatibility(schema.properties?.[name] ?? {}, fields[name] ?? {});
        assert.equal(problem, undefined, `${label}: ${name}: ${String(problem)}`);
      }
    }
  });

  it('a sample application of each issuing item makes valid certificate data', () => {
    for (const { label, item, type, form } of issuingForms()) {
      if (CHANGE_ITEMS.has(item)) continue;
      const formData = sampleFor(form) as Record<string, unknown>;
      if (!ajv.validate(form, formData)) continue; // a pattern the sampler cannot meet
      // as the workflow action takes it: the form fields the type's data schema names
      const schema = type.dataSchema as Schema;
      const data = Object.fromEntries(
        Object.keys(schema.properties ?? {})
          .filter((n) => formData[n] !== undefined)
          .map((n) => [n, formData[n]]),
      );
      assert.ok(ajv.validate(schema, data), `${label}: ${ajv.errorsText()}`);
    }
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
