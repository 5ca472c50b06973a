import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  OrganisationList,
  Problem,
  Region,
  RegionList,
  ServiceWindowList,
} from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';

describe('directory API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const get = async <T>(url: string, status = 200): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };

  it('lists the province as the root', async () => {
    const { items } = await get<RegionList>('/api/v1/directory/regions');
    assert.deepEqual(
      items.map((r) => [r.code, r.name, r.level, r.parentCode]),
      [['410000', '河南省', 'province', null]],
    );
  });

  it('lists the 17 prefecture cities and 济源 under Henan, 济源 without a 4190 parent', async () => {
    const { items } = await get<RegionList>('/api/v1/directory/regions?parent=410000');
    const cities = items.filter((r) => r.level === 'city');
    assert.equal(cities.length, 17);
    assert.equal(cities[0]?.name, '郑州市');
    assert.equal(cities.at(-1)?.name, '驻马店市');
    const jiyuan = items.find((r) => r.code === '419001');
    assert.deepEqual(jiyuan && [jiyuan.name, jiyuan.level, jiyuan.parentCode], [
      '济源市',
      'county',
      '410000',
    ]);
    assert.equal(items.length, 18);
    assert.ok(
      cities.every((c) => c.childCount > 0),
      'every city has counties',
    );
    await get<Problem>('/api/v1/directory/regions/419000', 404);
  });

  it('lists the counties and districts of 郑州 and 洛阳', async () => {
    const zz = await get<RegionList>('/api/v1/directory/regions?parent=410100');
    assert.ok(zz.items.some((r) => r.code === '410105' && r.name === '金水区'));
    assert.ok(zz.items.every((r) => r.parentCode === '410100' && r.level === 'county'));
    const ly = await get<RegionList>('/api/v1/directory/regions?parent=410300');
    assert.ok(ly.items.some((r) => r.name === '洛龙区'));
    const one = await get<Region>('/api/v1/directory/regions/410105');
    assert.equal(one.parentCode, '410100');
  });

  it('answers an unknown region code with a 404 problem', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/directory/regions?parent=419000',
    });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const p = res.json<Problem>();
    assert.equal(p.code, 'region-not-found');
    assert.equal(p.status, 404);
    assert.ok(p.requestId);
  });

  it('answers a malformed region code with a 400 naming the field', async () => {
    const p = await get<Problem>('/api/v1/directory/regions?parent=41AB00', 400);
    assert.equal(p.code, 'validation');
    assert.deepEqual(
      p.errors?.map((e) => e.path),
      ['/query/parent'],
    );
  });

  it('filters organisations by region subtree and kind', async () => {
    const zzOnly = await get<OrganisationList>('/api/v1/directory/organisations?region=410100');
    assert.ok(zzOnly.items.length > 0);
    assert.ok(zzOnly.items.every((o) => o.regionCode === '410100'));
    const zzTree = await get<OrganisationList>(
      '/api/v1/directory/organisations?region=410100&subtree=true',
    );
    assert.ok(
      zzTree.items.some((o) => o.regionCode === '410105'),
      '金水区 is in 郑州 subtree',
    );
    assert.ok(zzTree.items.length > zzOnly.items.length);
    const halls = await get<OrganisationList>(
      '/api/v1/directory/organisations?region=410000&subtree=true&kind=serviceHall',
    );
    assert.ok(halls.items.length >= 6);
    assert.ok(halls.items.every((o) => o.kind === 'serviceHall'));
    assert.ok(
      halls.items.some((o) => o.regionCode === '419001'),
      '济源 is in the province subtree',
    );
    const market = zzOnly.items.find((o) => o.name === '郑州市市场监督管理局');
    assert.ok(market, 'seeded 郑州市市场监督管理局');
  });

  it('lists the windows of a service hall, and refuses windows of a department', async () => {
    const halls = await get<OrganisationList>(
      '/api/v1/directory/organisations?region=410100&kind=serviceHall',
    );
    const hall = halls.items[0];
    assert.ok(hall);
    const { items } = await get<ServiceWindowList>(
      `/api/v1/directory/organisations/${hall.id}/windows`,
    );
    assert.ok(items.length >= 5);
    assert.deepEqual(
      items.map((w) => w.code),
      [...items.map((w) => w.code)].sort(),
    );
    assert.ok(items.some((w) => w.kind === 'dedicated' && w.organisationId !== null));
    const depts = await get<OrganisationList>(
      '/api/v1/directory/organisations?region=410100&kind=department',
    );
    const p = await get<Problem>(
      `/api/v1/directory/organisations/${depts.items[0]?.id}/windows`,
      422,
    );
    assert.equal(p.code, 'not-a-service-hall');
    await get<Problem>('/api/v1/directory/organisations/not-a-uuid', 400);
    await get<Problem>('/api/v1/directory/organisations/0190a5d2-0000-7000-8000-000000000000', 404);
  });

  it('has no open write endpoint', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: '/api/v1/directory/regions',
        payload: { code: '410199' },
      });
      assert.equal(res.statusCode, 404, `${method} must not exist`);
    }
  });
});
