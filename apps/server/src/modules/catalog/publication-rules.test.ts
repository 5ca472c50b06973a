import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ImplementationElements, Material, ProblemFieldError } from '@zhengtong/contracts';
import {
  formSchemaProblems,
  publicationProblems,
  type PublicationContext,
} from './publication-rules.js';

const ID_CARD = '11100000000013127D001';
const LICENCE = '11100000MB0143163Y001';
const WINDOW = '0b8f0e0c-6a43-4a59-9d53-0d2c5b0c1a01';

const ctx: PublicationContext = {
  itemCode: 'XK00100001000',
  knownCertificateTypes: new Set([ID_CARD, LICENCE]),
  knownServiceWindowIds: new Set([WINDOW]),
};

const idCard: Material = {
  key: 'idCard',
  name: '法定代表人身份证',
  requirement: 'required',
  form: 'electronic',
  copies: 0,
  source: 'certificate',
  certificateTypeCode: ID_CARD,
};
const application: Material = {
  key: 'applicationForm',
  name: '公司登记（备案）申请书',
  requirement: 'required',
  form: 'original',
  copies: 1,
  source: 'upload',
};
const lease: Material = {
  key: 'lease',
  name: '住所使用证明',
  requirement: 'conditional',
  condition: '住所为租赁房屋时',
  form: 'copy',
  copies: 1,
  source: 'sharedData',
  sharedDataResource: '不动产登记信息',
};

/** A complete, publishable 承诺件. */
function valid(): ImplementationElements {
  return {
    handlingKind: 'promised',
    statutoryLimitDays: 15,
    promisedLimitDays: 3,
    acceptanceConditions: '申请人为拟设立公司的全体股东',
    materials: [idCard, application, lease],
    fees: { free: true, items: [] },
    onSiteVisits: 0,
    onlineDepth: 4,
    channels: ['online', 'window'],
    serviceWindowIds: [WINDOW],
    form: {
      schema: {
        type: 'object',
        required: ['companyName'],
        properties: {
          companyName: { type: 'string', title: '企业名称', minLength: 2 },
          registeredCapital: { type: 'number', title: '注册资本（万元）', minimum: 0 },
          establishedOn: { type: 'string', format: 'date' },
          licenceScan: { type: 'string', format: 'data-url' },
          industry: { type: 'string', enum: ['a', 'b'], enumNames: ['制造业', '服务业'] },
        },
      },
      uiSchema: {},
    },
    processDefinitionKey: 'promised-case',
    steps: [
      { name: '受理', limitDays: 1 },
      { name: '审查', limitDays: 1 },
      { name: '决定', limitDays: 1 },
    ],
    allowsPendingMaterials: true,
    result: { kind: 'certificate', certificateTypeCode: LICENCE },
    crossRegionScope: 'crossRegion',
    faqs: [],
    lifeEvents: ['开办企业'],
    consultationPhone: '0371-12345',
  };
}

/** The problems of `valid()` changed by `change`, with the context changed by `ctxChange`. */
function problemsOf(
  change: (e: ImplementationElements) => void,
  ctxChange: Partial<PublicationContext> = {},
): ProblemFieldError[] {
  const e = valid();
  change(e);
  return publicationProblems(e, { ...ctx, ...ctxChange });
}

function assertOnly(problems: ProblemFieldError[], path: string, ...fragments: string[]): void {
  assert.deepEqual(
    problems.map((p) => p.path),
    [path],
    JSON.stringify(problems),
  );
  for (const f of fragments) assert.ok(problems[0]?.message.includes(f), problems[0]?.message);
}

describe('publicationProblems', () => {
  it('finds nothing wrong with a complete list', () => {
    assert.deepEqual(publicationProblems(valid(), ctx), []);
  });

  it('accepts a complete 即办件 charging a fee, without a window', () => {
    const problems = problemsOf((e) => {
      e.handlingKind = 'immediate';
      e.statutoryLimitDays = 0;
      e.promisedLimitDays = 0;
      e.steps = [{ name: '受理并办结', limitDays: 0 }];
      e.onSiteVisits = 1;
      e.onlineDepth = 2;
      e.channels = ['mail'];
      e.serviceWindowIds = [];
      e.fees = {
        free: false,
        items: [
          { name: '工本费', amountFen: 1000, legalBasis: '发改价格', collectAt: 'beforeIssuing' },
        ],
      };
      e.result = { kind: 'document', name: '备案回执' };
    });
    assert.deepEqual(problems, []);
  });

  it('rejects an item code that does not parse, saying why', () => {
    assertOnly(
      problemsOf(() => undefined, { itemCode: 'ZZ00100001000' }),
      '/itemCode',
      'ZZ00100001000',
      '事项类型',
    );
    assertOnly(
      problemsOf(() => undefined, { itemCode: 'XK0010000100' }),
      '/itemCode',
      '11 位数字',
    );
    assertOnly(
      problemsOf(() => undefined, { itemCode: 'XK99900001000' }),
      '/itemCode',
      '部门类别',
    );
    assertOnly(
      problemsOf(() => undefined, { itemCode: 'XK00100000000' }),
      '/itemCode',
      '主项',
    );
  });

  it('rejects a promised limit beyond the statutory one, with both figures', () => {
    const problems = problemsOf((e) => {
      e.statutoryLimitDays = 20;
      e.promisedLimitDays = 30;
      e.steps = [{ name: '审查' }];
    });
    assertOnly(problems, '/elements/promisedLimitDays');
    assert.equal(problems[0]?.message, '承诺时限 30 个工作日超过法定时限 20 个工作日');
  });

  it('requires a 即办件 to promise 0 days', () => {
    assertOnly(
      problemsOf((e) => {
        e.handlingKind = 'immediate';
      }),
      '/elements/promisedLimitDays',
      '即办件',
      '3 个工作日',
    );
  });

  it('requires a 承诺件 to promise at least a day', () => {
    assertOnly(
      problemsOf((e) => {
        e.promisedLimitDays = 0;
        e.steps = [{ name: '审查' }];
      }),
      '/elements/promisedLimitDays',
      '承诺件',
    );
  });

  it('requires a 承诺件 to have a statutory limit', () => {
    const problems = problemsOf((e) => {
      e.statutoryLimitDays = 0;
      e.promisedLimitDays = 0;
      e.steps = [{ name: '审查' }];
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/elements/promisedLimitDays', '/elements/statutoryLimitDays'],
    );
    assert.match(problems[1]?.message ?? '', /法定时限至少为 1 个工作日/);
  });

  it('requires 一次不用跑 to be 全程网办', () => {
    assertOnly(
      problemsOf((e) => {
        e.onlineDepth = 3;
      }),
      '/elements/onlineDepth',
      '网办深度 3',
    );
  });

  it('requires an online or mobile channel from depth 3', () => {
    assertOnly(
      problemsOf((e) => {
        e.channels = ['window', 'mail'];
      }),
      '/elements/channels',
      '网办深度 4',
    );
    assert.deepEqual(
      problemsOf((e) => {
        e.channels = ['mobile'];
        e.serviceWindowIds = [];
      }),
      [],
    );
  });

  it('requires acceptance conditions that are not blank', () => {
    assertOnly(
      problemsOf((e) => {
        e.acceptanceConditions = ' \n ';
      }),
      '/elements/acceptanceConditions',
      '受理条件',
    );
  });

  it('requires at least one material', () => {
    assertOnly(
      problemsOf((e) => {
        e.materials = [];
      }),
      '/elements/materials',
    );
  });

  it('requires at least one step', () => {
    assertOnly(
      problemsOf((e) => {
        e.steps = [];
      }),
      '/elements/steps',
      '办理环节',
    );
  });

  it('requires at least one channel', () => {
    assertOnly(
      problemsOf((e) => {
        e.channels = [];
        e.serviceWindowIds = [];
        e.onlineDepth = 2;
        e.onSiteVisits = 1;
      }),
      '/elements/channels',
      '办理渠道',
    );
  });

  it('requires a consultation phone', () => {
    assertOnly(
      problemsOf((e) => {
        delete e.consultationPhone;
      }),
      '/elements/consultationPhone',
    );
    assertOnly(
      problemsOf((e) => {
        e.consultationPhone = '  ';
      }),
      '/elements/consultationPhone',
    );
  });

  it('requires a window when the window channel is offered', () => {
    assertOnly(
      problemsOf((e) => {
        e.serviceWindowIds = [];
      }),
      '/elements/serviceWindowIds',
      '办事窗口',
    );
  });

  it('rejects service windows that do not exist, each by its index', () => {
    const ghost = '6d1f6a8e-0000-4000-8000-000000000000';
    assertOnly(
      problemsOf((e) => {
        e.serviceWindowIds = [WINDOW, ghost];
      }),
      '/elements/serviceWindowIds/1',
      ghost,
    );
  });

  it('rejects steps whose limits add up to more than the promise', () => {
    const problems = problemsOf((e) => {
      e.steps = [
        { name: '受理', limitDays: 1 },
        { name: '审查', limitDays: 2 },
        { name: '决定', limitDays: 1 },
      ];
    });
    assertOnly(problems, '/elements/steps');
    assert.equal(problems[0]?.message, '各办理环节时限合计 4 个工作日超过承诺时限 3 个工作日');
  });

  it('does not add up step limits unless every step has one', () => {
    assert.deepEqual(
      problemsOf((e) => {
        e.steps = [
          { name: '受理', limitDays: 3 },
          { name: '审查', limitDays: 3 },
          { name: '决定' },
        ];
      }),
      [],
    );
  });

  it('rejects a duplicate material key at the later material', () => {
    assertOnly(
      problemsOf((e) => {
        e.materials = [idCard, application, { ...lease, key: 'idCard' }];
      }),
      '/elements/materials/2/key',
      'idCard',
      '第 1 项',
    );
  });

  it('requires the case of a conditional material', () => {
    assertOnly(
      problemsOf((e) => {
        e.materials = [idCard, application, { ...lease, condition: ' ' }];
      }),
      '/elements/materials/2/condition',
      '住所使用证明',
    );
  });

  it('requires a known certificate type for a certificate-sourced material', () => {
    const { certificateTypeCode: _, ...withoutCode } = idCard;
    assertOnly(
      problemsOf((e) => {
        e.materials = [withoutCode, application, lease];
      }),
      '/elements/materials/0/certificateTypeCode',
      '证照类型',
    );
    assertOnly(
      problemsOf(
        (e) => {
          e.materials = [idCard, application, lease];
        },
        { knownCertificateTypes: new Set([LICENCE]) },
      ),
      '/elements/materials/0/certificateTypeCode',
      ID_CARD,
    );
  });

  it('requires the data resource of a shared-data material', () => {
    const { sharedDataResource: _, ...withoutResource } = lease;
    assertOnly(
      problemsOf((e) => {
        e.materials = [idCard, application, withoutResource];
      }),
      '/elements/materials/2/sharedDataResource',
    );
  });

  it('requires at least one copy of a paper material', () => {
    assertOnly(
      problemsOf((e) => {
        e.materials = [idCard, { ...application, copies: 0 }, lease];
      }),
      '/elements/materials/1/copies',
      '份数',
    );
  });

  it('rejects fee items on a free list', () => {
    assertOnly(
      problemsOf((e) => {
        e.fees.items.push({
          name: '工本费',
          amountFen: 500,
          legalBasis: '发改价格',
          collectAt: 'beforeIssuing',
        });
      }),
      '/elements/fees/items',
      '1 项',
    );
  });

  it('requires a fee item on a list that charges', () => {
    assertOnly(
      problemsOf((e) => {
        e.fees.free = false;
      }),
      '/elements/fees/items',
    );
  });

  it('requires a known certificate type for a certificate result', () => {
    assertOnly(
      problemsOf((e) => {
        e.result = { kind: 'certificate', certificateTypeCode: '12100000000000000X001' };
      }),
      '/elements/result/certificateTypeCode',
      '12100000000000000X001',
    );
  });

  it('checks the application form schema', () => {
    assertOnly(
      problemsOf((e) => {
        e.form.schema = { type: 'object', properties: { n: { type: 'text' } } };
      }),
      '/elements/form/schema/properties/n/type',
      'text',
    );
  });

  it('reports five problems at once', () => {
    const problems = problemsOf(
      (e) => {
        e.promisedLimitDays = 20;
        e.acceptanceConditions = '';
        e.materials = [idCard, { ...application, copies: 0 }];
        e.fees = { free: false, items: [] };
        e.steps = [{ name: '审查' }];
      },
      { knownServiceWindowIds: new Set() },
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      [
        '/elements/promisedLimitDays',
        '/elements/serviceWindowIds/0',
        '/elements/acceptanceConditions',
        '/elements/materials/1/copies',
        '/elements/fees/items',
      ],
    );
    assert.ok(problems.every((p) => /[\u4e00-\u9fff]/.test(p.message)));
  });
});

describe('formSchemaProblems', () => {
  const paths = (schema: unknown, path?: string) =>
    formSchemaProblems(schema, path).map((p) => p.path);

  it('accepts an RJSF draft-07 object schema with definitions and refs', () => {
    assert.deepEqual(
      formSchemaProblems({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        definitions: { phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$' } },
        properties: {
          phone: { $ref: '#/definitions/phone' },
          color: { type: 'string', format: 'color' },
          agreed: { type: 'boolean', const: true },
        },
        dependencies: { phone: ['agreed'] },
      }),
      [],
    );
  });

  it('requires an object schema at the root', () => {
    assert.deepEqual(paths(null), ['/elements/form/schema']);
    assert.deepEqual(paths([]), ['/elements/form/schema']);
    assert.deepEqual(paths({ type: 'string' }), ['/elements/form/schema/type']);
    assert.deepEqual(paths({ properties: {} }), ['/elements/form/schema/type']);
    assert.match(formSchemaProblems({ type: 'array' })[0]?.message ?? '', /"array"/);
  });

  it('reports every place the meta-schema rejects, once each', () => {
    const problems = formSchemaProblems({
      type: 'object',
      required: 'name',
      properties: { name: { type: 'strin' }, age: { type: 'integer', minimum: 'zero' } },
    });
    assert.deepEqual(problems.map((p) => p.path).sort(), [
      '/elements/form/schema/properties/age/minimum',
      '/elements/form/schema/properties/name/type',
      '/elements/form/schema/required',
    ]);
    const typeProblem = problems.find((p) => p.path.endsWith('/name/type'));
    assert.match(typeProblem?.message ?? '', /must be equal to one of the allowed values/);
    assert.match(typeProblem?.message ?? '', /string/);
  });

  it('reports a $ref that cannot be resolved', () => {
    const problems = formSchemaProblems({
      type: 'object',
      properties: { a: { $ref: '#/definitions/missing' } },
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/elements/form/schema'],
    );
    assert.match(problems[0]?.message ?? '', /can't resolve reference #\/definitions\/missing/);
  });

  it('reports a format it does not know', () => {
    const problems = formSchemaProblems({
      type: 'object',
      properties: { a: { type: 'string', format: 'idNumber' } },
    });
    assert.deepEqual(problems, [
      {
        path: '/elements/form/schema/properties/a/format',
        message: '表单定义使用了未知的格式 "idNumber"',
      },
    ]);
  });

  it('accepts known prefill sources and refuses an unknown one at the property', () => {
    const form = (source: unknown) => ({
      type: 'object',
      properties: {
        name: { type: 'string', 'x-zt-prefill': 'person.name' },
        owner: {
          type: 'object',
          properties: { id: { type: 'string', 'x-zt-prefill': source } },
        },
      },
    });
    assert.deepEqual(formSchemaProblems(form('enterprise.creditCode')), []);
    for (const source of ['person.email', 42]) {
      const problems = formSchemaProblems(form(source));
      assert.deepEqual(
        problems.map((p) => p.path),
        ['/elements/form/schema/properties/owner/properties/id/x-zt-prefill'],
        String(source),
      );
      assert.match(problems[0]?.message ?? '', /预填来源.*person\.idNumber/);
    }
    const elements = valid();
    elements.form.schema = form('person.mail');
    assert.deepEqual(
      publicationProblems(elements, ctx).map((p) => p.path),
      ['/elements/form/schema/properties/owner/properties/id/x-zt-prefill'],
    );
  });

  it('reports a $schema of a draft it does not use', () => {
    const problems = formSchemaProblems({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /2020-12/);
  });

  it('uses the given path', () => {
    assert.deepEqual(paths({ type: 'object', properties: { a: { type: 1 } } }, '/schema'), [
      '/schema/properties/a/type',
    ]);
  });

  it('checks the same $id twice without complaining it exists', () => {
    const schema = { $id: 'https://example.org/form.json', type: 'object' };
    assert.deepEqual(formSchemaProblems(schema), []);
    assert.deepEqual(formSchemaProblems({ ...schema, properties: { a: { type: 'string' } } }), []);
  });
});
