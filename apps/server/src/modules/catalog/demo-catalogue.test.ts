import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  BundleBody,
  ImplementationElements,
  ServiceItemBody,
  type ImplementationElements as Elements,
} from '@zhengtong/contracts';
import { parseServiceItemCode } from '@zhengtong/gb';

import { REFERENCE_CERTIFICATE_TYPES } from '../certificates/reference-certificate-types.js';
import { demoDirectory } from '../../seed/demo.js';
import { stepsOf } from './demo-catalogue-builders.js';
import { DEMO_BUNDLES, DEMO_ITEMS, demoLists, type DemoList } from './demo-catalogue.js';

const CERTIFICATE_CODES = new Set(REFERENCE_CERTIFICATE_TYPES.map((t) => t.code));

/** Organisation names by region, and the window codes of each region's hall. */
const directory = (() => {
  const departments = new Map<string, Set<string>>();
  const windows = new Map<string, Set<string>>();
  for (const region of demoDirectory()) {
    const code = region.government.regionCode;
    departments.set(
      code,
      new Set(region.departments.filter((d) => d.regionCode === code).map((d) => d.name)),
    );
    windows.set(code, new Set(region.halls.flatMap((h) => h.windows.map((w) => w.code))));
  }
  return { departments, windows };
})();

interface Problem {
  path: string;
  message: string;
}

/**
 * The publication rules, checked locally until the catalogue service's own checker lands (the
 * lead replaces this with it). Paths follow the 422 problem format: /elements/<field>.
 */
function publicationProblems(list: DemoList): Problem[] {
  const e = list.elements;
  const problems: Problem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (e.promisedLimitDays > e.statutoryLimitDays) {
    problem('/elements/promisedLimitDays', '承诺时限不得超过法定时限');
  }
  if (e.handlingKind === 'immediate' && e.promisedLimitDays !== 0) {
    problem('/elements/promisedLimitDays', '即办件的承诺时限应为 0');
  }
  if (e.handlingKind === 'promised' && e.promisedLimitDays < 1) {
    problem('/elements/promisedLimitDays', '承诺件的承诺时限至少 1 个工作日');
  }
  if (e.onSiteVisits === 0 && e.onlineDepth !== 4) {
    problem('/elements/onlineDepth', '零跑动事项应为全程网办');
  }
  if (e.onlineDepth >= 3 && !e.channels.some((c) => c === 'online' || c === 'mobile')) {
    problem('/elements/channels', '在线受理以上的事项须提供网上或掌上渠道');
  }
  if (e.acceptanceConditions.trim() === '')
    problem('/elements/acceptanceConditions', '受理条件为空');
  if (e.materials.length === 0) problem('/elements/materials', '没有申请材料');
  if (e.steps.length === 0) problem('/elements/steps', '没有办理环节');
  if (e.channels.length === 0) problem('/elements/channels', '没有办理渠道');
  if (!e.consultationPhone?.trim()) problem('/elements/consultationPhone', '没有咨询电话');
  if (e.channels.includes('window')) {
    const hall = directory.windows.get(list.regionCode) ?? new Set<string>();
    if (list.windowCodes.length === 0) problem('/windowCodes', '窗口办理的事项须指定窗口');
    for (const code of list.windowCodes) {
      if (!hall.has(code)) problem('/windowCodes', `${list.regionCode} 的大厅没有 ${code} 窗口`);
    }
  }
  if (e.steps.length > 0 && e.steps.every((s) => s.limitDays !== undefined)) {
    const sum = e.steps.reduce((total, s) => total + (s.limitDays ?? 0), 0);
    if (sum > e.promisedLimitDays) problem('/elements/steps', `环节时限之和 ${sum} 超过承诺时限`);
  }
  const keys = new Set<string>();
  e.materials.forEach((m, i) => {
    const at = `/elements/materials/${i}`;
    if (keys.has(m.key)) problem(`${at}/key`, `材料标识 ${m.key} 重复`);
    keys.add(m.key);
    if (m.requirement === 'conditional' && !m.condition?.trim()) {
      problem(`${at}/condition`, '容缺或情形材料须写明情形');
    }
    if (m.source === 'certificate' && !CERTIFICATE_CODES.has(m.certificateTypeCode ?? '')) {
      problem(`${at}/certificateTypeCode`, '证照类型不在证照目录中');
    }
    if (m.source === 'sharedData' && !m.sharedDataResource?.trim()) {
      problem(`${at}/sharedDataResource`, '没有共享数据资源');
    }
    if (m.form !== 'electronic' && m.copies < 1) problem(`${at}/copies`, '纸质材料份数至少 1');
  });
  if (e.fees.free && e.fees.items.length > 0) problem('/elements/fees', '免费事项不应有收费项目');
  if (!e.fees.free && e.fees.items.length === 0) problem('/elements/fees', '收费事项没有收费项目');
  // ItemResult's static type is not a discriminated union (every field optional), hence `?? ''`
  if (
    e.result.kind === 'certificate' &&
    !CERTIFICATE_CODES.has(e.result.certificateTypeCode ?? '')
  ) {
    problem('/elements/result/certificateTypeCode', '结果证照类型不在证照目录中');
  }
  return problems;
}

const lists = demoLists();
const listsOf = (itemCode: string) => lists.filter((l) => l.itemCode === itemCode);
const itemNamed = (name: string) => {
  const item = DEMO_ITEMS.find((i) => i.name === name);
  assert.ok(item, `no item ${name}`);
  return item;
};
const listAt = (name: string, region: string) => {
  const list = lists.find((l) => l.itemCode === itemNamed(name).code && l.regionCode === region);
  assert.ok(list, `no list of ${name} in ${region}`);
  return list;
};

describe('demo catalogue: items', () => {
  it('is large and varied enough to demo', () => {
    assert.ok(DEMO_ITEMS.length >= 45, `${DEMO_ITEMS.length} items`);
    assert.ok(new Set(DEMO_ITEMS.map((i) => i.sector)).size >= 10);
    assert.ok(lists.length >= 100, `${lists.length} lists`);
    assert.ok(new Set(DEMO_ITEMS.map((i) => i.itemType)).size >= 6);
  });

  it('codes parse, agree with the item type and sector, and are unique; names are unique', () => {
    for (const item of DEMO_ITEMS) {
      const parsed = parseServiceItemCode(item.code);
      assert.ok(parsed.ok, `${item.name}: ${item.code}`);
      assert.equal(parsed.value.itemType, item.itemType, item.name);
      assert.equal(parsed.value.sector, item.sector, item.name);
    }
    assert.equal(new Set(DEMO_ITEMS.map((i) => i.code)).size, DEMO_ITEMS.length);
    assert.equal(new Set(DEMO_ITEMS.map((i) => i.name)).size, DEMO_ITEMS.length);
  });

  it('items match the item body schema, with a province department as competent organisation', () => {
    const body = Type.Omit(ServiceItemBody, ['competentOrganisationId']);
    const province = directory.departments.get('410000');
    for (const { competentOrganisation, ...item } of DEMO_ITEMS) {
      assert.ok(
        Value.Check(body, item),
        `${item.name}: ${JSON.stringify([...Value.Errors(body, item)])}`,
      );
      assert.ok(province?.has(competentOrganisation), `${item.name}: ${competentOrganisation}`);
    }
  });

  it('has the keywords people search with', () => {
    assert.deepEqual(itemNamed('企业设立登记').keywords.slice(0, 3), [
      '营业执照',
      '执照',
      '开公司',
    ]);
    const social = DEMO_ITEMS.filter((i) => i.keywords.includes('社保')).map((i) => i.name);
    assert.ok(social.includes('社会保障卡申领'));
    assert.ok(social.includes('失业保险金申领'));
    for (const name of ['出生登记', '出生医学证明签发', '城乡居民基本医疗保险参保登记（新生儿）']) {
      assert.ok(itemNamed(name).keywords.includes('出生'), name);
    }
  });

  it('every item has at least one list', () => {
    for (const item of DEMO_ITEMS) assert.ok(listsOf(item.code).length >= 1, item.name);
    const codes = new Set(DEMO_ITEMS.map((i) => i.code));
    for (const list of lists) assert.ok(codes.has(list.itemCode), list.itemCode);
  });
});

describe('demo catalogue: implementation lists', () => {
  it('every list matches the ImplementationElements schema', () => {
    for (const list of lists) {
      const ok = Value.Check(ImplementationElements, list.elements);
      assert.ok(
        ok,
        `${list.itemCode}@${list.regionCode}: ${JSON.stringify([...Value.Errors(ImplementationElements, list.elements)])}`,
      );
      assert.deepEqual(list.elements.serviceWindowIds, []);
    }
  });

  it('every list passes the publication rules', () => {
    for (const list of lists) {
      assert.deepEqual(publicationProblems(list), [], `${list.itemCode}@${list.regionCode}`);
    }
  });

  it('every list is implemented by a department of its own region in the demo directory', () => {
    for (const list of lists) {
      const names = directory.departments.get(list.regionCode);
      assert.ok(names, `region ${list.regionCode} is not in the demo directory`);
      assert.ok(names.has(list.organisation), `${list.organisation} in ${list.regionCode}`);
    }
  });

  it('one list per item and region, most items in both 郑州 and 洛阳, some at the province', () => {
    const keys = lists.map((l) => `${l.itemCode}@${l.regionCode}`);
    assert.equal(new Set(keys).size, keys.length);
    const both = DEMO_ITEMS.filter((i) =>
      ['410100', '410300'].every((r) =>
        lists.some((l) => l.itemCode === i.code && l.regionCode === r),
      ),
    );
    assert.ok(both.length >= DEMO_ITEMS.length * 0.8, `${both.length} items in both cities`);
    const province = lists.filter((l) => l.regionCode === '410000');
    assert.ok(province.length >= 8, `${province.length} province lists`);
    assert.ok(
      province.every((l) => !l.windowCodes.some((c) => !['A01', 'B01', 'B02', 'C01'].includes(c))),
    );
  });

  it('keeps the statutory and promised limits of the guides', () => {
    const limits = (name: string, region: string) => {
      const e = listAt(name, region).elements;
      return [e.handlingKind, e.statutoryLimitDays, e.promisedLimitDays];
    };
    assert.deepEqual(limits('企业设立登记', '410100'), ['promised', 3, 1]);
    assert.deepEqual(limits('企业设立登记', '410300'), ['promised', 3, 2]);
    assert.deepEqual(limits('食品经营许可（新办）', '410300'), ['promised', 20, 10]);
    assert.deepEqual(limits('建筑工程施工许可证核发', '410300'), ['promised', 7, 3]);
    assert.deepEqual(limits('出生登记', '410100'), ['immediate', 0, 0]);
    assert.deepEqual(limits('居民身份证换领', '410300'), ['promised', 60, 20]);
  });

  it('郑州 and 洛阳 differ on many items, 郑州 never slower', () => {
    let differing = 0;
    for (const item of DEMO_ITEMS) {
      const zz = lists.find((l) => l.itemCode === item.code && l.regionCode === '410100');
      const ly = lists.find((l) => l.itemCode === item.code && l.regionCode === '410300');
      if (!zz || !ly) continue;
      assert.ok(zz.elements.promisedLimitDays <= ly.elements.promisedLimitDays, item.name);
      if (
        zz.elements.promisedLimitDays !== ly.elements.promisedLimitDays ||
        zz.elements.onSiteVisits !== ly.elements.onSiteVisits ||
        zz.elements.address !== ly.elements.address
      ) {
        differing++;
      }
    }
    assert.ok(differing >= 20, `${differing} items differ`);
  });

  it('has a realistic mix of visits, online depth, fees, scopes and exempted materials', () => {
    const share = (p: (l: DemoList) => boolean) => lists.filter(p).length / lists.length;
    assert.ok(share((l) => l.elements.onSiteVisits <= 1) >= 0.9, '最多跑一次');
    const zero = share((l) => l.elements.onSiteVisits === 0);
    assert.ok(zero > 0.2 && zero < 0.8, `zero visits ${zero}`);
    assert.ok(lists.filter((l) => l.elements.onSiteVisits === 2).length >= 2);
    for (const depth of [2, 3, 4]) {
      assert.ok(
        lists.some((l) => l.elements.onlineDepth === depth),
        `depth ${depth}`,
      );
    }
    assert.ok(share((l) => l.elements.fees.free) >= 0.8, 'mostly free');
    const fee = listAt('国有建设用地使用权及房屋所有权转移登记', '410100').elements.fees;
    assert.deepEqual(
      fee.items.map((f) => [f.amountFen, f.nonTaxRevenueCode, f.collectAt]),
      [[8000, '103045', 'beforeIssuing']],
    );
    assert.match(fee.items[0]?.legalBasis ?? '', /发改价格规〔2016〕2559号/);
    const materials = lists.flatMap((l) => l.elements.materials);
    assert.ok(materials.filter((m) => m.source === 'certificate').length >= 50);
    assert.ok(materials.filter((m) => m.source === 'sharedData').length >= 50);
    const scopes = new Set(lists.map((l) => l.elements.crossRegionScope));
    assert.deepEqual([...scopes].sort(), ['crossProvince', 'crossRegion', 'local']);
    assert.equal(
      listAt('基本医疗保险参保人员异地就医备案', '410100').elements.crossRegionScope,
      'crossProvince',
    );
    const keys = new Set(lists.map((l) => l.elements.processDefinitionKey));
    assert.deepEqual([...keys].sort(), ['immediate-case', 'parallel-approval', 'promised-case']);
    for (const list of lists) {
      if (list.elements.handlingKind === 'immediate') {
        assert.equal(list.elements.processDefinitionKey, 'immediate-case', list.itemCode);
      }
    }
  });

  it('forms are small object schemas with Chinese titles that do not ask for the applicant', () => {
    for (const list of lists) {
      const schema = list.elements.form.schema as {
        type: string;
        properties: Record<string, { title?: string }>;
        required: string[];
      };
      const at = `${list.itemCode}@${list.regionCode}`;
      assert.equal(schema.type, 'object', at);
      const fields = Object.keys(schema.properties);
      assert.ok(fields.length >= 1 && fields.length <= 12, at);
      for (const [name, field] of Object.entries(schema.properties)) {
        assert.match(field.title ?? '', /\p{Script=Han}/u, `${at} ${name}`);
        assert.doesNotMatch(name, /^(applicant|idNumber|phone|mobile)/, `${at} ${name}`);
      }
      assert.ok(
        schema.required.every((r) => fields.includes(r)),
        at,
      );
      assert.deepEqual(list.elements.form.uiSchema['ui:order'], fields, at);
    }
  });

  it('every certificate type a list names is in the reference catalogue', () => {
    const used = lists.flatMap((l) => [
      ...l.elements.materials.flatMap((m) =>
        m.certificateTypeCode ? [m.certificateTypeCode] : [],
      ),
      ...(l.elements.result.kind === 'certificate'
        ? [l.elements.result.certificateTypeCode ?? '']
        : []),
    ]);
    assert.ok(used.length > 100);
    for (const code of used) assert.ok(CERTIFICATE_CODES.has(code), code);
  });

  it('demoLists returns copies a caller may change', () => {
    const first = demoLists();
    const list = first[0];
    assert.ok(list);
    list.elements.materials.length = 0;
    (list.elements.form.schema as { type: string }).type = 'array';
    const again = demoLists()[0];
    assert.ok(again && again.elements.materials.length > 0);
    assert.equal(again.elements.form.schema.type, 'object');
  });
});

describe('demo catalogue: builders', () => {
  it('spreads the promised days over the steps, 受理 same-day', () => {
    const days = (promised: number) =>
      stepsOf(['受理', '审查', '决定', '制证送达'], promised).map((s) => s.limitDays);
    assert.deepEqual(days(0), [0, 0, 0, 0]);
    assert.deepEqual(days(1), [0, 1, 0, 0]);
    assert.deepEqual(days(2), [0, 1, 1, 0]);
    assert.deepEqual(days(10), [0, 8, 1, 1]);
    assert.deepEqual(
      stepsOf(['受理', '办结'], 0).map((s) => s.limitDays),
      [0, 0],
    );
  });
});

describe('demo catalogue: the local publication checker', () => {
  const valid = () => structuredClone(listAt('食品经营许可（新办）', '410300'));
  const cases: [string, (e: Elements, l: DemoList) => void, string][] = [
    [
      'promised over statutory',
      (e) => (e.promisedLimitDays = e.statutoryLimitDays + 1),
      '/elements/promisedLimitDays',
    ],
    ['immediate with days', (e) => (e.handlingKind = 'immediate'), '/elements/promisedLimitDays'],
    [
      'promised with 0 days',
      (e) => {
        e.promisedLimitDays = 0;
        e.steps = stepsOf(['受理', '审查'], 0);
      },
      '/elements/promisedLimitDays',
    ],
    ['zero visits not fully online', (e) => (e.onSiteVisits = 0), '/elements/onlineDepth'],
    [
      'online acceptance without online channel',
      (e) => (e.channels = ['window']),
      '/elements/channels',
    ],
    ['blank conditions', (e) => (e.acceptanceConditions = '  '), '/elements/acceptanceConditions'],
    ['no materials', (e) => (e.materials = []), '/elements/materials'],
    ['no steps', (e) => (e.steps = []), '/elements/steps'],
    ['no phone', (e) => (e.consultationPhone = ''), '/elements/consultationPhone'],
    ['window without windows', (_e, l) => (l.windowCodes = []), '/windowCodes'],
    ['unknown window', (_e, l) => (l.windowCodes = ['Z09']), '/windowCodes'],
    [
      'steps longer than promised',
      (e) => (e.steps = stepsOf(['受理', '审查'], e.promisedLimitDays + 1)),
      '/elements/steps',
    ],
    [
      'duplicate material key',
      (e) => e.materials.push({ ...e.materials[0]! }),
      '/elements/materials/5/key',
    ],
    [
      'conditional without condition',
      (e) => {
        const { condition: _condition, ...material } = e.materials[0]!;
        e.materials[0] = { ...material, requirement: 'conditional' };
      },
      '/elements/materials/0/condition',
    ],
    [
      'unknown certificate',
      (e) =>
        (e.materials[1] = { ...e.materials[1]!, certificateTypeCode: '111000009000000146999' }),
      '/elements/materials/1/certificateTypeCode',
    ],
    [
      'paper without copies',
      (e) => (e.materials[4] = { ...e.materials[4]!, form: 'original', copies: 0 }),
      '/elements/materials/4/copies',
    ],
    [
      'free with a fee',
      (e) =>
        e.fees.items.push({
          name: '工本费',
          amountFen: 1000,
          legalBasis: 'x',
          collectAt: 'beforeIssuing',
        }),
      '/elements/fees',
    ],
    ['charged without fees', (e) => (e.fees.free = false), '/elements/fees'],
    [
      'result not in the catalogue',
      (e) => (e.result = { kind: 'certificate', certificateTypeCode: '111000009000000146999' }),
      '/elements/result/certificateTypeCode',
    ],
  ];
  it('accepts the valid list it starts from', () => {
    assert.deepEqual(publicationProblems(valid()), []);
  });
  for (const [name, spoil, path] of cases) {
    it(`refuses: ${name}`, () => {
      const list = valid();
      spoil(list.elements, list);
      const paths = publicationProblems(list).map((p) => p.path);
      assert.ok(paths.includes(path), `${path} not in ${JSON.stringify(paths)}`);
    });
  }
});

describe('demo catalogue: bundles', () => {
  it('match the bundle schema', () => {
    for (const bundle of DEMO_BUNDLES) {
      assert.ok(
        Value.Check(BundleBody, bundle),
        JSON.stringify([...Value.Errors(BundleBody, bundle)]),
      );
    }
    assert.deepEqual(
      DEMO_BUNDLES.map((b) => b.code),
      ['business-startup', 'newborn'],
    );
  });

  it('members exist, suit the applicant and have lists in 郑州 and 洛阳', () => {
    for (const bundle of DEMO_BUNDLES) {
      assert.deepEqual(
        bundle.members.map((m) => m.stage),
        [1, 2, 2, 2],
        bundle.code,
      );
      for (const member of bundle.members) {
        const item = DEMO_ITEMS.find((i) => i.code === member.itemCode);
        assert.ok(item, `${bundle.code}: ${member.itemCode}`);
        assert.ok(item.applicantKinds.includes(bundle.applicantKind), item.name);
        for (const region of ['410100', '410300']) {
          assert.ok(
            lists.some((l) => l.itemCode === member.itemCode && l.regionCode === region),
            `${item.name} in ${region}`,
          );
        }
      }
    }
  });

  it('members name shared fields alike with identical schemas, so the merged form asks once', () => {
    const shared: Record<string, string[]> = {
      'business-startup': ['enterpriseName', 'legalRepresentativeName'],
      newborn: [
        'babyName',
        'babyGender',
        'babyBirthDate',
        'motherName',
        'fatherName',
        'guardianPhone',
      ],
    };
    for (const bundle of DEMO_BUNDLES) {
      const forms = bundle.members.flatMap((m) => listsOf(m.itemCode)).map((l) => l.elements.form);
      for (const field of shared[bundle.code] ?? []) {
        const schemas = forms.map((f) => (f.schema.properties as Record<string, unknown>)[field]);
        assert.ok(
          schemas.every((s) => s !== undefined),
          `${bundle.code}: ${field} in every member`,
        );
        for (const s of schemas) assert.deepEqual(s, schemas[0], `${bundle.code}: ${field}`);
      }
    }
    const capital = listAt('企业设立登记', '410100').elements.form.schema.properties as Record<
      string,
      { type: string }
    >;
    assert.equal(capital.registeredCapital?.type, 'number');
  });
});
