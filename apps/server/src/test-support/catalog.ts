import assert from 'node:assert/strict';
import type { ImplementationElements, ServiceItemBody } from '@zhengtong/contracts';
import { formatServiceItemCode } from '@zhengtong/gb';
import { systemActor } from '../kernel/actor.js';
import type { TestApp } from './app.js';

/** A publishable, 全程网办 implementation list's elements (no windows needed). */
export function validElements(
  overrides: Partial<ImplementationElements> = {},
): ImplementationElements {
  return {
    handlingKind: 'promised',
    statutoryLimitDays: 20,
    promisedLimitDays: 10,
    acceptanceConditions: '申请人具备完全民事行为能力，材料齐全、符合法定形式。',
    materials: [
      {
        key: 'applicationForm',
        name: '申请书',
        requirement: 'required',
        form: 'electronic',
        copies: 0,
        source: 'upload',
      },
    ],
    fees: { free: true, items: [] },
    onSiteVisits: 0,
    onlineDepth: 4,
    channels: ['online'],
    serviceWindowIds: [],
    form: {
      schema: {
        type: 'object',
        required: ['reason'],
        properties: { reason: { type: 'string', title: '申请事由', maxLength: 200 } },
      },
      uiSchema: {},
    },
    processDefinitionKey: 'promised-case',
    steps: [{ name: '受理' }, { name: '审查' }, { name: '决定' }],
    allowsPendingMaterials: false,
    result: { kind: 'document', name: '准予许可决定书' },
    crossRegionScope: 'local',
    faqs: [],
    lifeEvents: ['开办企业'],
    consultationPhone: '0371-12345',
    ...overrides,
  };
}

/** The id of a demo organisation by its exact name. */
export async function organisationId(t: TestApp, regionCode: string, name: string) {
  const { items } = await t.app.directory.listOrganisations(systemActor('test'), {
    region: regionCode,
  });
  const found = items.find((o) => o.name === name);
  assert.ok(found, `no demo organisation ${name} in ${regionCode}`);
  return found.id;
}

let nextMain = 90000;

/** A basic-catalogue item added by the system (licence of market regulation unless told). */
export async function createTestItem(
  t: TestApp,
  overrides: Partial<ServiceItemBody> = {},
): Promise<string> {
  const itemType = overrides.itemType ?? 'licence';
  const sector = overrides.sector ?? 'marketRegulation';
  const code =
    overrides.code ?? formatServiceItemCode({ itemType, sector, main: nextMain++, sub: 0 });
  await t.app.catalog.createItem(
    systemActor('test'),
    {
      code,
      name: `测试事项${code}`,
      itemType,
      sector,
      competentOrganisationId:
        overrides.competentOrganisationId ??
        (await organisationId(t, '410000', '河南省市场监督管理局')),
      legalBasis: '《中华人民共和国行政许可法》',
      levels: ['province', 'city'],
      applicantKinds: ['enterprise'],
      handlingCase: null,
      keywords: [],
      ...overrides,
    },
    {},
  );
  return code;
}

/** An implementation list created, submitted and published by the system; returns its id. */
export async function createPublishedList(
  t: TestApp,
  itemCode: string,
  organisation: string,
  elements: ImplementationElements = validElements(),
): Promise<string> {
  const author = systemActor('test-author');
  const list = await t.app.catalog.workflow.createList(
    author,
    { itemCode, organisationId: organisation, elements },
    {},
  );
  await t.app.catalog.workflow.submit(author, list.id, {});
  await t.app.catalog.workflow.publish(systemActor('test-reviewer'), list.id, {}, {});
  return list.id;
}
