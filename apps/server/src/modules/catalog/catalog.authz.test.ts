import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ImplementationList, ImplementationListPage, Problem } from '@zhengtong/contracts';
import { formatServiceItemCode } from '@zhengtong/gb';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import { createPerson, createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';

const API = '/api/v1/catalog';

describe('catalogue authorization', () => {
  let t: TestApp;
  const org: Record<string, string> = {};
  const cookie: Record<string, string | undefined> = { anonymous: undefined };
  let itemCode: string;
  let zzPublished: string;
  let lyDraft: string;

  const call = (
    who: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      ...(cookie[who] ? { headers: { cookie: cookie[who] } } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    for (const [key, region, name] of [
      ['zzMarket', '410100', '郑州市市场监督管理局'],
      ['zzHrss', '410100', '郑州市人力资源和社会保障局'],
      ['lyMarket', '410300', '洛阳市市场监督管理局'],
      ['provinceMarket', '410000', '河南省市场监督管理局'],
      ['provinceData', '410000', '河南省大数据管理局'],
    ] as const) {
      org[key] = await organisationId(t, region, name);
    }
    const staff = async (key: string, roles: string[], o: string, jurisdiction: string) => {
      cookie[key] = await loginAs(
        t,
        await createStaff(t, { roles, organisationId: o, jurisdiction }),
      );
    };
    await staff('zzAdmin', ['departmentAdmin'], org.zzMarket!, '410100');
    await staff('zzHrssAdmin', ['departmentAdmin'], org.zzHrss!, '410100');
    await staff('lyAdmin', ['departmentAdmin'], org.lyMarket!, '410300');
    await staff('provinceMarketAdmin', ['departmentAdmin'], org.provinceMarket!, '410000');
    await staff('provinceAdmin', ['provinceAdmin'], org.provinceData!, '410000');
    await staff('cityProvinceAdmin', ['provinceAdmin'], org.zzMarket!, '410100');
    await staff('window', ['windowOfficer'], org.zzMarket!, '410100');
    cookie.citizen = await loginAs(t, await createPerson(t));

    itemCode = await createTestItem(t);
    zzPublished = await createPublishedList(t, itemCode, org.zzMarket!);
    const draft = await t.app.catalog.workflow.createList(
      { id: 'system:test', kind: 'system', roles: ['system'] },
      { itemCode, organisationId: org.lyMarket!, elements: validElements() },
      {},
    );
    lyDraft = draft.id;
  });
  after(() => t.close());

  it('serves published content to anyone', async () => {
    for (const url of [
      `${API}/items?q=测试`,
      `${API}/items/${itemCode}`,
      `${API}/lists/${zzPublished}`,
      `${API}/lists/${zzPublished}/versions`,
      `${API}/bundles`,
      `${API}/six-mosts`,
      '/api/v1/certificates/types',
    ]) {
      const res = await call('anonymous', 'GET', url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
  });

  it('hides drafts from everyone but those who manage them', async () => {
    for (const who of ['anonymous', 'citizen', 'window', 'zzAdmin', 'cityProvinceAdmin']) {
      const res = await call(who, 'GET', `${API}/lists/${lyDraft}`);
      assert.equal(res.statusCode, 404, `${who} sees 洛阳's draft`);
    }
    for (const who of ['lyAdmin', 'provinceAdmin']) {
      const res = await call(who, 'GET', `${API}/lists/${lyDraft}`);
      assert.equal(res.statusCode, 200, who);
      assert.equal(res.json<ImplementationList>().pending?.status, 'draft');
    }
  });

  it('lets only admins list lists, each within their scope', async () => {
    for (const who of ['anonymous', 'citizen', 'window']) {
      const res = await call(who, 'GET', `${API}/lists`);
      assert.ok([401, 403].includes(res.statusCode), `${who}: ${res.statusCode}`);
    }
    const ids = async (who: string) =>
      (await call(who, 'GET', `${API}/lists?pageSize=200`))
        .json<ImplementationListPage>()
        .items.map((l) => l.id);
    assert.deepEqual(await ids('zzAdmin'), [zzPublished]);
    assert.deepEqual(await ids('lyAdmin'), [lyDraft]);
    assert.deepEqual(await ids('zzHrssAdmin'), []);
    assert.deepEqual((await ids('provinceAdmin')).sort(), [zzPublished, lyDraft].sort());
    assert.deepEqual(await ids('cityProvinceAdmin'), [zzPublished]);
    // asking for another organisation than one's own is simply empty
    const other = await call('zzAdmin', 'GET', `${API}/lists?organisation=${org.lyMarket}`);
    assert.equal(other.json<ImplementationListPage>().total, 0);
  });

  it('lets the implementing department and the province admin write a list, nobody else', async () => {
    const revise = (who: string) => call(who, 'POST', `${API}/lists/${zzPublished}/draft`);
    assert.equal((await revise('anonymous')).statusCode, 401);
    for (const who of ['citizen', 'window', 'zzHrssAdmin', 'lyAdmin']) {
      const res = await revise(who);
      assert.equal(res.statusCode, 403, `${who}: ${res.body}`);
      assert.equal(res.json<Problem>().code, 'catalog-list-write-denied');
    }
    assert.equal((await revise('zzAdmin')).statusCode, 200);
    // writes to a list nobody may read yet answer as absent
    const probe = await call('zzAdmin', 'POST', `${API}/lists/${lyDraft}/submit`);
    assert.equal(probe.statusCode, 404);
    const byProvince = await call('provinceAdmin', 'POST', `${API}/lists/${lyDraft}/submit`);
    assert.equal(byProvince.statusCode, 200, byProvince.body);
  });

  it('creates lists only for one’s own organisation (or anywhere in the province admin’s region)', async () => {
    const item = await createTestItem(t);
    const create = (who: string, organisationId: string) =>
      call(who, 'POST', `${API}/lists`, {
        itemCode: item,
        organisationId,
        elements: validElements(),
      });
    assert.equal((await create('zzAdmin', org.lyMarket!)).statusCode, 403);
    assert.equal((await create('cityProvinceAdmin', org.lyMarket!)).statusCode, 403);
    assert.equal((await create('window', org.zzMarket!)).statusCode, 403);
    assert.equal((await create('zzAdmin', org.zzMarket!)).statusCode, 201);
    assert.equal((await create('provinceAdmin', org.lyMarket!)).statusCode, 201);
    const again = await create('provinceAdmin', org.lyMarket!);
    assert.equal(again.statusCode, 409);
  });

  it('lets the competent department or the province admin write items', async () => {
    const body = (main: number) => ({
      code: formatServiceItemCode({
        itemType: 'licence',
        sector: 'marketRegulation',
        main,
        sub: 0,
      }),
      name: '食品生产许可',
      itemType: 'licence',
      sector: 'marketRegulation',
      competentOrganisationId: org.provinceMarket,
      legalBasis: '《中华人民共和国食品安全法》第三十五条',
      levels: ['province'],
      applicantKinds: ['enterprise'],
      handlingCase: 'new',
      keywords: ['食品'],
    });
    assert.equal((await call('anonymous', 'POST', `${API}/items`, body(80001))).statusCode, 401);
    assert.equal((await call('zzAdmin', 'POST', `${API}/items`, body(80001))).statusCode, 403);
    assert.equal((await call('citizen', 'POST', `${API}/items`, body(80001))).statusCode, 403);
    const ok = await call('provinceMarketAdmin', 'POST', `${API}/items`, body(80001));
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(
      (await call('provinceAdmin', 'POST', `${API}/items`, body(80002))).statusCode,
      201,
    );
    const dup = await call('provinceAdmin', 'POST', `${API}/items`, body(80002));
    assert.equal(dup.statusCode, 409);
    // a code that says another type or sector than the item
    const wrong = await call('provinceAdmin', 'POST', `${API}/items`, {
      ...body(80003),
      itemType: 'confirmation',
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json<Problem>().errors?.[0]?.path, '/body/code');
    const patch = await call('zzAdmin', 'PATCH', `${API}/items/${body(80001).code}`, {
      name: '改名',
    });
    assert.equal(patch.statusCode, 403);
    const patched = await call('provinceMarketAdmin', 'PATCH', `${API}/items/${body(80001).code}`, {
      keywords: ['食品', '生产许可证'],
    });
    assert.equal(patched.statusCode, 200, patched.body);
  });

  it('keeps bundles to the province admin', async () => {
    const a = await createTestItem(t);
    const b = await createTestItem(t);
    const bundle = {
      code: 'test-bundle',
      name: '测试一件事',
      description: '',
      applicantKind: 'enterprise',
      lifeEvents: ['开办企业'],
      listKind: 'local',
      members: [
        { itemCode: a, stage: 1 },
        { itemCode: b, stage: 2 },
      ],
    };
    assert.equal((await call('zzAdmin', 'POST', `${API}/bundles`, bundle)).statusCode, 403);
    assert.equal((await call('anonymous', 'POST', `${API}/bundles`, bundle)).statusCode, 401);
    const created = await call('provinceAdmin', 'POST', `${API}/bundles`, bundle);
    assert.equal(created.statusCode, 201, created.body);
    const badStage = await call('provinceAdmin', 'PUT', `${API}/bundles/test-bundle`, {
      ...bundle,
      members: [
        { itemCode: a, stage: 1 },
        { itemCode: b, stage: 3 },
      ],
    });
    assert.equal(badStage.statusCode, 422);
  });

  it('refuses malformed input with field paths', async () => {
    const res = await call('provinceAdmin', 'POST', `${API}/lists`, {
      itemCode: 'not-a-code',
      organisationId: 'x',
      elements: { ...validElements(), onlineDepth: 9, extra: true },
    });
    assert.equal(res.statusCode, 400);
    const paths = (res.json<Problem>().errors ?? []).map((e) => e.path);
    assert.ok(
      paths.some((p) => p.startsWith('/body/itemCode')),
      paths.join(),
    );
    const huge = await call('provinceAdmin', 'GET', `${API}/items?pageSize=100000`);
    assert.equal(huge.statusCode, 400);
  });
});
