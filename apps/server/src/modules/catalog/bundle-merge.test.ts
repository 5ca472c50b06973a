import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ApplicationForm, ImplementationElements, Material } from '@zhengtong/contracts';
import { mergeBundle, type BundleMemberInput } from './bundle-merge.js';

const LICENCE_TYPE = '11100000MB0143163Y001';

const LICENCE = 'XK00100001000'; // 设立登记 (营业执照)
const SEAL = 'GG00200001000'; // 印章刻制
const TAX = 'QR00600001000'; // 新办纳税人涉税事项
const SOCIAL = 'GG00300001000'; // 社会保险登记

function elements(over: Partial<ImplementationElements>): ImplementationElements {
  return {
    handlingKind: 'promised',
    statutoryLimitDays: 10,
    promisedLimitDays: 1,
    acceptanceConditions: '—',
    materials: [],
    fees: { free: true, items: [] },
    onSiteVisits: 0,
    onlineDepth: 4,
    channels: ['online'],
    serviceWindowIds: [],
    form: { schema: { type: 'object' }, uiSchema: {} },
    processDefinitionKey: 'promised-case',
    steps: [],
    allowsPendingMaterials: false,
    result: { kind: 'document', name: '结果' },
    crossRegionScope: 'local',
    faqs: [],
    lifeEvents: ['开办企业'],
    ...over,
  };
}

const upload = (key: string, name: string, over: Partial<Material> = {}): Material => ({
  key,
  name,
  requirement: 'required',
  form: 'original',
  copies: 1,
  source: 'upload',
  ...over,
});

const text = (title: string, extra: object = {}) => ({ type: 'string', title, ...extra });
const companyName = text('企业名称', { minLength: 2 });
const legalRepresentativeName = text('法定代表人姓名');

// 企业开办: the licence first, then seal, tax and social insurance side by side.
const licence: BundleMemberInput = {
  itemCode: LICENCE,
  itemName: '企业设立登记',
  stage: 1,
  elements: elements({
    statutoryLimitDays: 15,
    promisedLimitDays: 3,
    form: {
      schema: {
        type: 'object',
        required: ['companyName', 'legalRepresentativeName', 'phone'],
        properties: {
          address: text('住所'),
          phone: text('联系电话'),
          legalRepresentativeName,
          companyName,
        },
      },
      uiSchema: {
        'ui:order': ['companyName', 'legalRepresentativeName', '*'],
        phone: { 'ui:placeholder': '手机号' },
        address: { 'ui:widget': 'textarea' },
      },
    },
    materials: [
      upload('idCard', '法定代表人（负责人）身份证', { form: 'copy' }),
      upload('applicationForm', '公司登记（备案）申请书'),
      {
        key: 'lease',
        name: '住所使用证明',
        requirement: 'conditional',
        condition: '住所为自有房产时',
        form: 'electronic',
        copies: 0,
        source: 'sharedData',
        sharedDataResource: '不动产登记信息',
      },
    ],
  }),
};

const seal: BundleMemberInput = {
  itemCode: SEAL,
  itemName: '印章刻制',
  stage: 2,
  elements: elements({
    statutoryLimitDays: 5,
    promisedLimitDays: 1,
    onSiteVisits: 1,
    onlineDepth: 3,
    form: {
      schema: {
        type: 'object',
        required: ['sealCount', 'phone'],
        properties: {
          companyName,
          legalRepresentativeName,
          phone: text('联系电话', { pattern: '^1[3-9][0-9]{9}$' }),
          sealCount: { type: 'integer', title: '印章枚数', minimum: 1 },
        },
      },
      uiSchema: {
        legalRepresentativeName: { 'ui:autofocus': true },
        phone: { 'ui:help': '接收取章通知' },
      },
    },
    materials: [
      upload('legalRepIdCard', '法定代表人(负责人)身份证', { copies: 2 }),
      {
        key: 'licence',
        name: '营业执照副本',
        requirement: 'required',
        form: 'electronic',
        copies: 0,
        source: 'certificate',
        certificateTypeCode: LICENCE_TYPE,
      },
      upload('applicationForm', '印章刻制申请表'),
    ],
  }),
};

const tax: BundleMemberInput = {
  itemCode: TAX,
  itemName: '新办纳税人套餐',
  stage: 2,
  elements: elements({
    statutoryLimitDays: 10,
    promisedLimitDays: 2,
    form: {
      schema: {
        type: 'object',
        required: ['taxpayerType'],
        properties: {
          companyName,
          legalRepresentativeName,
          phone: text('联系电话'),
          taxpayerType: { type: 'string', enum: ['general', 'small'] },
        },
      },
      uiSchema: {},
    },
    materials: [
      upload('idCard', '法定代表人（负责人） 身份证', { form: 'electronic', copies: 0 }),
      {
        key: 'businessLicence',
        name: '营业执照',
        requirement: 'conditional',
        condition: '跨区迁入时',
        form: 'copy',
        copies: 1,
        source: 'certificate',
        certificateTypeCode: LICENCE_TYPE,
      },
      {
        key: 'propertyCertificate',
        name: '房产证明',
        requirement: 'conditional',
        condition: '办理房产税登记时',
        form: 'electronic',
        copies: 0,
        source: 'sharedData',
        sharedDataResource: '不动产登记信息',
      },
    ],
  }),
};

const social: BundleMemberInput = {
  itemCode: SOCIAL,
  itemName: '单位参保登记',
  stage: 2,
  elements: elements({
    statutoryLimitDays: 5,
    promisedLimitDays: 1,
    // a form without fields contributes nothing
    form: { schema: { type: 'object' }, uiSchema: { 'ui:order': ['*'] } },
    materials: [
      {
        key: 'businessLicence',
        name: '企业营业执照',
        requirement: 'required',
        form: 'electronic',
        copies: 0,
        source: 'certificate',
        certificateTypeCode: LICENCE_TYPE,
      },
      upload('staffList', '职工花名册', { requirement: 'conditional', condition: '已招用职工时' }),
    ],
  }),
};

const opening = [licence, seal, tax, social];

describe('mergeBundle: time', () => {
  it('runs stages one after another and a stage’s members side by side', () => {
    const b = mergeBundle(opening);
    // promised: stage 1 = 3; stage 2 = max(1, 2, 1) = 2 → 5; one by one 3 + 1 + 2 + 1 = 7
    assert.equal(b.promisedLimitDays, 5);
    assert.equal(b.separatePromisedLimitDays, 7);
    // statutory: 15 + max(5, 10, 5)
    assert.equal(b.statutoryLimitDays, 25);
    // the seal needs one visit, the rest none
    assert.equal(b.onSiteVisits, 1);
  });

  it('does not depend on the order members are listed in', () => {
    const b = mergeBundle([social, tax, licence, seal]);
    assert.equal(b.promisedLimitDays, 5);
    assert.equal(b.statutoryLimitDays, 25);
  });

  it('adds up stages that each hold one member', () => {
    const b = mergeBundle([
      { ...licence, stage: 1 },
      { ...seal, stage: 2 },
      { ...tax, stage: 3 },
    ]);
    assert.equal(b.promisedLimitDays, 3 + 1 + 2);
    assert.equal(b.separatePromisedLimitDays, 6);
  });
});

describe('mergeBundle: form', () => {
  const b = mergeBundle(opening);
  const properties = b.form.schema.properties as Record<string, unknown>;

  it('asks a field the members define alike once, filling each member’s field', () => {
    assert.deepEqual(properties.legalRepresentativeName, legalRepresentativeName);
    assert.deepEqual(b.fieldMap.legalRepresentativeName, [
      { itemCode: LICENCE, field: 'legalRepresentativeName' },
      { itemCode: SEAL, field: 'legalRepresentativeName' },
      { itemCode: TAX, field: 'legalRepresentativeName' },
    ]);
    assert.equal(b.fieldMap.companyName?.length, 3);
  });

  it('keeps a field the members define differently once per member, titled by item', () => {
    assert.equal(properties.phone, undefined);
    assert.deepEqual(properties[`phone_${LICENCE}`], text('联系电话（企业设立登记）'));
    assert.deepEqual(
      properties[`phone_${SEAL}`],
      text('联系电话（印章刻制）', { pattern: '^1[3-9][0-9]{9}$' }),
    );
    assert.deepEqual(b.fieldMap[`phone_${SEAL}`], [{ itemCode: SEAL, field: 'phone' }]);
    assert.deepEqual(b.fieldMap[`phone_${TAX}`], [{ itemCode: TAX, field: 'phone' }]);
  });

  it('makes one object schema with the union of required fields, renamed', () => {
    assert.equal(b.form.schema.type, 'object');
    assert.deepEqual(b.form.schema.required, [
      'companyName',
      'legalRepresentativeName',
      `phone_${LICENCE}`,
      `phone_${SEAL}`,
      'sealCount',
      'taxpayerType',
    ]);
    // every field of the form is mapped, and every mapping names a field of the form
    assert.deepEqual(Object.keys(b.fieldMap).sort(), Object.keys(properties).sort());
  });

  it('orders the fields member by member, following each member’s ui:order', () => {
    assert.deepEqual(b.form.uiSchema['ui:order'], [
      'companyName',
      'legalRepresentativeName',
      'address',
      `phone_${LICENCE}`,
      `phone_${SEAL}`,
      'sealCount',
      `phone_${TAX}`,
      'taxpayerType',
    ]);
    assert.deepEqual(Object.keys(properties), b.form.uiSchema['ui:order']);
  });

  it('merges ui schema entries the same way', () => {
    assert.deepEqual(b.form.uiSchema, {
      legalRepresentativeName: { 'ui:autofocus': true },
      address: { 'ui:widget': 'textarea' },
      [`phone_${LICENCE}`]: { 'ui:placeholder': '手机号' },
      [`phone_${SEAL}`]: { 'ui:help': '接收取章通知' },
      'ui:order': b.form.uiSchema['ui:order'],
    });
  });

  it('makes an empty form of members without fields', () => {
    const empty = mergeBundle([social, { ...social, itemCode: 'GG00300002000' }]);
    const expected: ApplicationForm = {
      schema: { type: 'object', properties: {}, required: [] },
      uiSchema: { 'ui:order': [] },
    };
    assert.deepEqual(empty.form, expected);
    assert.deepEqual(empty.fieldMap, {});
  });
});

describe('mergeBundle: materials', () => {
  const b = mergeBundle(opening);

  it('asks once for a material several items need, in order of first appearance', () => {
    assert.deepEqual(
      b.materials.map((m) => [m.key, m.name, m.requiredBy]),
      [
        ['idCard', '法定代表人（负责人）身份证', [LICENCE, SEAL, TAX]],
        ['applicationForm', '公司登记（备案）申请书', [LICENCE]],
        ['lease', '住所使用证明', [LICENCE, TAX]],
        ['licence', '营业执照副本', [SEAL, TAX, SOCIAL]],
        ['applicationForm2', '印章刻制申请表', [SEAL]],
        ['staffList', '职工花名册', [SOCIAL]],
      ],
    );
  });

  it('takes the strictest form and the most copies', () => {
    const idCard = b.materials[0];
    // copy, original, electronic → original; copies 1, 2, 0 → 2
    assert.equal(idCard?.form, 'original');
    assert.equal(idCard?.copies, 2);
    assert.equal(idCard?.requirement, 'required');
  });

  it('merges certificate materials by type code, required if any item requires it', () => {
    const licenceMaterial = b.materials[3];
    assert.equal(licenceMaterial?.source, 'certificate');
    assert.equal(licenceMaterial?.certificateTypeCode, LICENCE_TYPE);
    assert.equal(licenceMaterial?.requirement, 'required');
    assert.equal(licenceMaterial && 'condition' in licenceMaterial, false);
    assert.equal(licenceMaterial?.form, 'copy');
  });

  it('keeps a material conditional when every item asks for it conditionally', () => {
    const lease = b.materials[2];
    assert.equal(lease?.requirement, 'conditional');
    assert.equal(lease?.condition, '住所为自有房产时；办理房产税登记时');
    assert.equal(lease?.sharedDataResource, '不动产登记信息');
  });

  it('does not merge materials whose names differ beyond spaces and brackets', () => {
    const b2 = mergeBundle([
      { ...licence, elements: elements({ materials: [upload('a', '身份证')] }) },
      { ...seal, elements: elements({ materials: [upload('a', '身份证复印件')] }) },
      { ...tax, elements: elements({ materials: [upload('b', ' 身份证 ( ) ')] }) },
    ]);
    assert.deepEqual(
      b2.materials.map((m) => [m.key, m.requiredBy]),
      [
        ['a', [LICENCE, TAX]],
        ['a2', [SEAL]],
      ],
    );
  });

  it('narrows upload limits so one file satisfies every item', () => {
    const b2 = mergeBundle([
      {
        ...licence,
        elements: elements({
          materials: [
            upload('plan', '平面图', {
              acceptedTypes: ['application/pdf', 'image/png'],
              maxBytes: 5_000_000,
            }),
          ],
        }),
      },
      {
        ...seal,
        elements: elements({
          materials: [
            upload('plan', '平面图', {
              acceptedTypes: ['image/png', 'image/jpeg'],
              maxBytes: 2_000_000,
              note: '加盖公章',
            }),
          ],
        }),
      },
    ]);
    assert.deepEqual(b2.materials, [
      {
        ...upload('plan', '平面图'),
        acceptedTypes: ['image/png'],
        maxBytes: 2_000_000,
        note: '加盖公章',
        requiredBy: [LICENCE, SEAL],
      },
    ]);
  });

  it('keeps a material an item lists twice as required by it once', () => {
    const b2 = mergeBundle([
      {
        ...licence,
        elements: elements({ materials: [upload('a', '身份证'), upload('b', '身份证（）')] }),
      },
    ]);
    assert.deepEqual(
      b2.materials.map((m) => [m.key, m.requiredBy]),
      [['a', [LICENCE]]],
    );
  });

  it('leaves the members as they were', () => {
    const before = structuredClone(opening);
    mergeBundle(opening);
    assert.deepEqual(opening, before);
  });

  it('gives nothing for no members', () => {
    const none = mergeBundle([]);
    assert.deepEqual(none.materials, []);
    assert.equal(none.promisedLimitDays, 0);
    assert.equal(none.separatePromisedLimitDays, 0);
    assert.equal(none.onSiteVisits, 0);
  });
});
