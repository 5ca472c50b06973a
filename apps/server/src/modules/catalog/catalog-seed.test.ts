import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  BundleList,
  ResolvedBundle,
  ServiceItemDetail,
  ServiceItemSearchResult,
  SixMostsReport,
} from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { DEMO_ITEMS, demoLists } from './demo-catalogue.js';
import { aggregateSixMosts, listMetrics } from './six-mosts.js';

const API = '/api/v1/catalog';

// The demo catalogue as an installation in demo mode has it: search, guides, bundles, figures.
describe('the seeded catalogue', () => {
  let t: TestApp;
  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json<T>();
  };
  const search = (q: string, extra = '') =>
    get<ServiceItemSearchResult>(`${API}/items?q=${encodeURIComponent(q)}${extra}`);

  before(async () => {
    t = await createTestApp({ catalogue: true });
  });
  after(() => t.close());

  it('holds every demo item, published', async () => {
    const all = await get<ServiceItemSearchResult>(`${API}/items?pageSize=100`);
    assert.equal(all.total, DEMO_ITEMS.length);
    assert.ok(all.items.every((i) => i.publishedListCount > 0));
    assert.ok(new Set(DEMO_ITEMS.map((i) => i.sector)).size >= 8);
  });

  it('finds 营业执照 first for 营业执照, and by its pinyin initials', async () => {
    const res = await search('营业执照');
    assert.ok(res.total >= 1);
    const first = res.items[0];
    assert.ok(first);
    assert.ok(
      first.name.includes('营业执照') || first.keywords.includes('营业执照'),
      `first hit: ${first.name}`,
    );
    assert.equal(first.sector, 'marketRegulation');
    const byPinyin = await search('yyzz');
    assert.ok(
      byPinyin.items.some((i) => i.code === first.code),
      byPinyin.items.map((i) => i.name).join(),
    );
  });

  it('finds birth items for 出生 and social insurance for 社保', async () => {
    const birth = await search('出生');
    const birthNames = birth.items.map((i) => i.name);
    assert.ok(
      birthNames.some((n) => n.includes('出生医学证明')),
      birthNames.join(),
    );
    assert.ok(
      birthNames.some((n) => n.includes('出生') && n.includes('登记')),
      birthNames.join(),
    );
    const social = await search('社保');
    assert.ok(social.total >= 2, social.items.map((i) => i.name).join());
    assert.ok(
      social.items.every((i) =>
        [i.name, ...i.keywords].some((w) => w.includes('社保') || w.includes('社会保')),
      ),
      social.items.map((i) => i.name).join(),
    );
    assert.ok(social.items.some((i) => i.sector === 'humanResources'));
  });

  it('ranks the name equal to the query, then starting with it, then containing it', async () => {
    const rankOf = (q: string, name: string) =>
      name === q ? 3 : name.startsWith(q) ? 2 : name.includes(q) ? 1 : 0;
    for (const q of ['出生', '登记', '许可', '社会保险', '营业执照']) {
      const res = await search(q, '&pageSize=100');
      const ranks = res.items.map((i) => rankOf(q, i.name));
      assert.ok(ranks.length > 0, q);
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => b - a),
        `${q}: ${res.items.map((i) => i.name).join()}`,
      );
    }
  });

  it('filters by applicant kind, life event, department and region', async () => {
    const person = await get<ServiceItemSearchResult>(
      `${API}/items?applicantKind=person&pageSize=100`,
    );
    assert.ok(person.items.every((i) => i.applicantKinds.includes('person')));
    const enterprise = await get<ServiceItemSearchResult>(
      `${API}/items?applicantKind=enterprise&pageSize=100`,
    );
    assert.ok(enterprise.items.every((i) => i.applicantKinds.includes('enterprise')));
    assert.equal(
      new Set([...person.items, ...enterprise.items].map((i) => i.code)).size,
      DEMO_ITEMS.length,
    );

    const births = await get<ServiceItemSearchResult>(
      `${API}/items?lifeEvent=${encodeURIComponent('出生')}&pageSize=100`,
    );
    assert.ok(births.total >= 3);
    assert.ok(births.items.every((i) => i.lifeEvents.includes('出生')));

    const lists = demoLists();
    const luoyang = await get<ServiceItemSearchResult>(`${API}/items?region=410300&pageSize=100`);
    const offeredInLuoyang = new Set(
      lists
        .filter((l) => l.regionCode.startsWith('4103') || l.regionCode === '410000')
        .map((l) => l.itemCode),
    );
    assert.deepEqual(new Set(luoyang.items.map((i) => i.code)), offeredInLuoyang);

    const detail = await get<ServiceItemDetail>(`${API}/items/${luoyang.items[0]!.code}`);
    const organisation = detail.lists[0]!.organisationId;
    const byDepartment = await get<ServiceItemSearchResult>(
      `${API}/items?organisation=${organisation}&pageSize=100`,
    );
    assert.ok(byDepartment.total >= 1);
    assert.ok(byDepartment.items.some((i) => i.code === detail.item.code));
  });

  it('pages through results', async () => {
    const first = await get<ServiceItemSearchResult>(`${API}/items?pageSize=10&page=1`);
    const second = await get<ServiceItemSearchResult>(`${API}/items?pageSize=10&page=2`);
    assert.equal(first.items.length, 10);
    assert.equal(first.total, second.total);
    const overlap = first.items.filter((a) => second.items.some((b) => b.code === a.code));
    assert.deepEqual(overlap, []);
    const past = await get<ServiceItemSearchResult>(`${API}/items?pageSize=10&page=999`);
    assert.deepEqual(past.items, []);
    assert.equal(past.total, first.total);
  });

  it('resolves the two bundles in 郑州 and 洛阳 with computed time and merged materials', async () => {
    const bundles = await get<BundleList>(`${API}/bundles`);
    assert.deepEqual(bundles.items.map((b) => b.code).sort(), ['business-startup', 'newborn']);
    for (const code of ['business-startup', 'newborn']) {
      for (const region of ['410100', '410300']) {
        const r = await get<ResolvedBundle>(`${API}/bundles/${code}/resolve?region=${region}`);
        assert.equal(r.members.length, r.bundle.members.length);
        const stages = new Map<number, number>();
        for (const m of r.members) {
          stages.set(m.stage, Math.max(stages.get(m.stage) ?? 0, m.promisedLimitDays));
        }
        const expected = [...stages.values()].reduce((a, b) => a + b, 0);
        assert.equal(r.promisedLimitDays, expected);
        assert.equal(
          r.separatePromisedLimitDays,
          r.members.reduce((a, m) => a + m.promisedLimitDays, 0),
        );
        // materials are asked once: no two merged materials share a name
        const names = r.materials.map((m) => m.name.replace(/\s/g, ''));
        assert.equal(new Set(names).size, names.length, names.join());
        assert.ok(Object.keys(r.form.schema).length > 0);
      }
    }
    const notOffered = await t.app.inject({
      method: 'GET',
      url: `${API}/bundles/newborn/resolve?region=999999`,
    });
    assert.equal(notOffered.statusCode, 404);
  });

  it('computes the six mosts of the seed from its lists', async () => {
    const report = await get<SixMostsReport>(`${API}/six-mosts?groupBy=region`);
    const expected = aggregateSixMosts(demoLists().map((l) => listMetrics(l.elements)));
    assert.deepEqual(report.total, expected);
    assert.equal(report.total.lists, demoLists().length);
    assert.deepEqual(
      report.rows.map((r) => r.key).sort(),
      [...new Set(demoLists().map((l) => l.regionCode))].sort(),
    );
  });
});
