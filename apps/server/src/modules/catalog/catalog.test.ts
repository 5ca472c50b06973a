import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type {
  ImplementationList,
  ListVersionHistory,
  Problem,
  ServiceItemDetail,
  SixMostsReport,
} from '@zhengtong/contracts';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import {
  createPublishedList,
  createTestItem,
  organisationId,
  validElements,
} from '../../test-support/catalog.js';
import { createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';

const LISTS = '/api/v1/catalog/lists';

describe('implementation lists: publication workflow', () => {
  let t: TestApp;
  let zzMarket: string;
  let deptAdmin: string;
  let provinceAdmin: string;
  let itemCode: string;

  const call = async (
    cookie: string | undefined,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      ...(cookie ? { headers: { cookie } } : {}),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    zzMarket = await organisationId(t, '410100', '郑州市市场监督管理局');
    const province = await organisationId(t, '410000', '河南省大数据管理局');
    deptAdmin = await loginAs(
      t,
      await createStaff(t, {
        roles: ['departmentAdmin'],
        organisationId: zzMarket,
        jurisdiction: '410100',
      }),
    );
    provinceAdmin = await loginAs(
      t,
      await createStaff(t, {
        roles: ['provinceAdmin'],
        organisationId: province,
        jurisdiction: '410000',
      }),
    );
    itemCode = await createTestItem(t);
  });
  after(() => t.close());

  it('runs draft → submitted → published, with four eyes and lost-update protection', async () => {
    const created = await call(deptAdmin, 'POST', LISTS, {
      itemCode,
      organisationId: zzMarket,
      elements: validElements(),
    });
    assert.equal(created.statusCode, 201, created.body);
    const list = created.json<ImplementationList>();
    assert.equal(list.code, `${itemCode}41010001`);
    assert.equal(list.regionCode, '410100');
    assert.equal(list.organisationName, '郑州市市场监督管理局');
    assert.equal(list.published, null);
    assert.equal(list.pending?.status, 'draft');
    assert.equal(list.pending.revision, 1);
    assert.equal(list.pending.metrics.compressionPercent, 50);

    // not public while only a draft
    assert.equal((await call(undefined, 'GET', `${LISTS}/${list.id}`)).statusCode, 404);

    const saved = await call(deptAdmin, 'PUT', `${LISTS}/${list.id}/draft`, {
      revision: 1,
      elements: validElements({ promisedLimitDays: 5 }),
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json<ImplementationList>().pending?.revision, 2);
    const stale = await call(deptAdmin, 'PUT', `${LISTS}/${list.id}/draft`, {
      revision: 1,
      elements: validElements({ promisedLimitDays: 7 }),
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<Problem>().code, 'stale-draft');

    const submitted = await call(deptAdmin, 'POST', `${LISTS}/${list.id}/submit`);
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json<ImplementationList>().pending?.status, 'submitted');
    // a submission is not edited
    const edit = await call(deptAdmin, 'PUT', `${LISTS}/${list.id}/draft`, {
      revision: 2,
      elements: validElements(),
    });
    assert.equal(edit.statusCode, 409);

    const ownPublish = await call(deptAdmin, 'POST', `${LISTS}/${list.id}/publish`, {});
    assert.equal(ownPublish.statusCode, 403);
    assert.equal(ownPublish.json<Problem>().code, 'four-eyes');

    const published = await call(provinceAdmin, 'POST', `${LISTS}/${list.id}/publish`, {
      note: '要素齐全',
    });
    assert.equal(published.statusCode, 200, published.body);
    const v1 = published.json<ImplementationList>().published;
    assert.equal(v1?.status, 'published');
    assert.equal(v1.version, 1);
    assert.equal(v1.elements.promisedLimitDays, 5);
    assert.equal(v1.reviewNote, '要素齐全');

    // public now, with no pending version shown
    const pub = await call(undefined, 'GET', `${LISTS}/${list.id}`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json<ImplementationList>().pending, null);
    const detail = await call(undefined, 'GET', `/api/v1/catalog/items/${itemCode}`);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(
      detail.json<ServiceItemDetail>().lists.map((l) => l.id),
      [list.id],
    );

    // a revision leaves version 1 untouched until the next publication; an application filed
    // under version 1 keeps reading it afterwards
    const revision = await call(deptAdmin, 'POST', `${LISTS}/${list.id}/draft`);
    assert.equal(revision.statusCode, 200, revision.body);
    const draft2 = revision.json<ImplementationList>().pending;
    assert.equal(draft2?.version, 2);
    assert.equal((await call(deptAdmin, 'POST', `${LISTS}/${list.id}/draft`)).statusCode, 409);
    await call(deptAdmin, 'PUT', `${LISTS}/${list.id}/draft`, {
      revision: draft2.revision,
      elements: validElements({ promisedLimitDays: 3 }),
    });
    await call(deptAdmin, 'POST', `${LISTS}/${list.id}/submit`);
    const rejected = await call(provinceAdmin, 'POST', `${LISTS}/${list.id}/reject`, {});
    assert.equal(rejected.statusCode, 422, 'a rejection needs a note');
    const back = await call(provinceAdmin, 'POST', `${LISTS}/${list.id}/reject`, {
      note: '请补充常见问题',
    });
    assert.equal(back.json<ImplementationList>().pending?.status, 'draft');
    assert.equal(back.json<ImplementationList>().pending?.reviewNote, '请补充常见问题');
    await call(deptAdmin, 'POST', `${LISTS}/${list.id}/submit`);
    const v2 = await call(provinceAdmin, 'POST', `${LISTS}/${list.id}/publish`, {});
    assert.equal(v2.json<ImplementationList>().published?.version, 2);
    assert.equal(v2.json<ImplementationList>().published?.elements.promisedLimitDays, 3);

    // the version an application was filed under stays readable by anyone
    const boundRead = await call(undefined, 'GET', `/api/v1/catalog/versions/${v1.id}`);
    assert.equal(boundRead.statusCode, 200);
    assert.equal(boundRead.json<ImplementationList['published']>()?.status, 'superseded');
    const frozen = await t.app.catalog.getVersion(v1.id);
    assert.equal(frozen?.status, 'superseded');
    assert.equal(frozen.elements.promisedLimitDays, 5);

    const history = await call(undefined, 'GET', `${LISTS}/${list.id}/versions`);
    assert.deepEqual(
      history.json<ListVersionHistory>().items.map((v) => [v.version, v.status]),
      [
        [2, 'published'],
        [1, 'superseded'],
      ],
    );

    const retired = await call(deptAdmin, 'POST', `${LISTS}/${list.id}/retire`, {
      reason: '事项取消',
    });
    assert.equal(retired.statusCode, 200, retired.body);
    assert.equal(retired.json<ImplementationList>().published, null);
    assert.equal((await call(undefined, 'GET', `${LISTS}/${list.id}`)).statusCode, 404);

    // every step left an audit record
    const audit = await t.kernel.db.orm.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE target_id = ${list.id} ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      [
        'catalog.list.create',
        'catalog.list.update',
        'catalog.list.submit',
        'catalog.list.publish',
        'catalog.list.revise',
        'catalog.list.update',
        'catalog.list.submit',
        'catalog.list.reject',
        'catalog.list.submit',
        'catalog.list.publish',
        'catalog.list.retire',
      ],
    );
  });

  it('refuses to submit or publish a list naming every problem', async () => {
    const otherItem = await createTestItem(t);
    const created = await call(deptAdmin, 'POST', LISTS, {
      itemCode: otherItem,
      organisationId: zzMarket,
      elements: validElements({
        promisedLimitDays: 30,
        acceptanceConditions: '  ',
        form: { schema: { type: 'object', properties: { a: { type: 'strin' } } }, uiSchema: {} },
      }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<ImplementationList>().id;
    const refused = await call(deptAdmin, 'POST', `${LISTS}/${id}/submit`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.headers['content-type'] as string, /application\/problem\+json/);
    const problem = refused.json<Problem>();
    assert.equal(problem.code, 'list-not-publishable');
    const paths = (problem.errors ?? []).map((e) => e.path);
    assert.ok(paths.includes('/elements/promisedLimitDays'), paths.join());
    assert.ok(paths.includes('/elements/acceptanceConditions'), paths.join());
    assert.ok(
      paths.some((p) => p.startsWith('/elements/form/schema')),
      paths.join(),
    );
    assert.match(
      problem.errors?.find((e) => e.path === '/elements/promisedLimitDays')?.message ?? '',
      /30.*20/,
    );
    // the draft stays a draft, and only its managers read it
    const list = await call(deptAdmin, 'GET', `${LISTS}/${id}`);
    const draft = list.json<ImplementationList>().pending;
    assert.equal(draft?.status, 'draft');
    const versionUrl = `/api/v1/catalog/versions/${draft.id}`;
    assert.equal((await call(undefined, 'GET', versionUrl)).statusCode, 404);
    assert.equal((await call(deptAdmin, 'GET', versionUrl)).statusCode, 200);
  });

  it('refuses a 0-visit list that is not fully online, and unknown certificate types', async () => {
    const item = await createTestItem(t);
    const created = await call(deptAdmin, 'POST', LISTS, {
      itemCode: item,
      organisationId: zzMarket,
      elements: validElements({
        onSiteVisits: 0,
        onlineDepth: 3,
        result: { kind: 'certificate', certificateTypeCode: '11100000000000000X999' },
      }),
    });
    const id = created.json<ImplementationList>().id;
    const refused = await call(deptAdmin, 'POST', `${LISTS}/${id}/submit`);
    const paths = (refused.json<Problem>().errors ?? []).map((e) => e.path);
    assert.ok(paths.includes('/elements/onlineDepth'), paths.join());
    assert.ok(paths.includes('/elements/result/certificateTypeCode'), paths.join());
  });

  it('keeps a published version frozen in the database itself', async () => {
    const item = await createTestItem(t);
    const id = await createPublishedList(t, item, zzMarket);
    await assert.rejects(
      t.kernel.db.orm.execute(
        sql`UPDATE catalog_list_version SET elements = '{}'::jsonb WHERE list_id = ${id}`,
      ),
      (e: Error) => /frozen/.test(String((e.cause as Error | undefined)?.message)),
    );
    await assert.rejects(
      t.kernel.db.orm.execute(sql`DELETE FROM catalog_list_version WHERE list_id = ${id}`),
      (e: Error) => /only drafts/.test(String((e.cause as Error | undefined)?.message)),
    );
    await assert.rejects(
      t.kernel.db.orm.execute(
        sql`UPDATE catalog_list_version SET status = 'draft' WHERE list_id = ${id}`,
      ),
      (e: Error) => /not a publication step/.test(String((e.cause as Error | undefined)?.message)),
    );
  });

  it('answers concurrent publications of one submission with one success', async () => {
    const item = await createTestItem(t);
    const created = await call(deptAdmin, 'POST', LISTS, {
      itemCode: item,
      organisationId: zzMarket,
      elements: validElements(),
    });
    const id = created.json<ImplementationList>().id;
    await call(deptAdmin, 'POST', `${LISTS}/${id}/submit`);
    const results = await Promise.all(
      [1, 2, 3].map(() => call(provinceAdmin, 'POST', `${LISTS}/${id}/publish`, {})),
    );
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409, 409]);
  });

  it('computes the six mosts from the published lists', async () => {
    // a fresh organisation-scoped view: lists of 洛阳's natural-resources bureau only
    const lyLand = await organisationId(t, '410300', '洛阳市自然资源和规划局');
    const a = await createTestItem(t, { sector: 'naturalResources' });
    const b = await createTestItem(t, { sector: 'naturalResources' });
    const c = await createTestItem(t, { sector: 'naturalResources', itemType: 'confirmation' });
    // a: 20 → 10 days, 3 steps, free, 0 visits, depth 4
    await createPublishedList(t, a, lyLand);
    // b: 30 → 15 days, 2 steps, 80 yuan, 1 visit, depth 3, one material from a certificate
    const windows = await t.app.directory.listOrganisations(
      { id: 't', kind: 'system', roles: ['system'] },
      { region: '410300', kind: 'serviceHall' },
    );
    const hall = windows.items[0];
    assert.ok(hall);
    const hallWindows = await t.app.directory.listServiceWindows(
      { id: 't', kind: 'system', roles: ['system'] },
      hall.id,
    );
    const windowId = hallWindows.items[0]?.id;
    assert.ok(windowId);
    await createPublishedList(
      t,
      b,
      lyLand,
      validElements({
        statutoryLimitDays: 30,
        promisedLimitDays: 15,
        steps: [{ name: '受理' }, { name: '审核' }],
        fees: {
          free: false,
          items: [
            {
              name: '不动产登记费',
              amountFen: 8000,
              legalBasis: '发改价格规〔2016〕2559号',
              collectAt: 'beforeIssuing',
            },
          ],
        },
        onSiteVisits: 1,
        onlineDepth: 3,
        channels: ['online', 'window'],
        serviceWindowIds: [windowId],
        materials: [
          {
            key: 'idCard',
            name: '居民身份证',
            requirement: 'required',
            form: 'original',
            copies: 1,
            source: 'certificate',
            certificateTypeCode: (
              await t.app.certificates.listTypes({
                id: 't',
                kind: 'anonymous',
                roles: [],
              })
            ).items[0]!.code,
          },
          {
            key: 'contract',
            name: '买卖合同',
            requirement: 'required',
            form: 'original',
            copies: 1,
            source: 'upload',
          },
        ],
      }),
    );
    // c: immediate, 0 → 0 days, 1 step, free, 2 visits, depth 2
    await createPublishedList(
      t,
      c,
      lyLand,
      validElements({
        handlingKind: 'immediate',
        statutoryLimitDays: 0,
        promisedLimitDays: 0,
        steps: [{ name: '受理即办' }],
        onSiteVisits: 2,
        onlineDepth: 2,
        channels: ['window'],
        serviceWindowIds: [windowId],
      }),
    );
    const res = await call(
      undefined,
      'GET',
      `/api/v1/catalog/six-mosts?groupBy=organisation&region=410300`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json<SixMostsReport>();
    const row = report.rows.find((r) => r.key === lyLand);
    assert.ok(row);
    assert.equal(row.name, '洛阳市自然资源和规划局');
    assert.deepEqual(row.metrics, {
      lists: 3,
      averageSteps: 2, // (3 + 2 + 1) / 3
      materials: 4, // 1 + 2 + 1
      materialsByCertificate: 1,
      materialsBySharedData: 0,
      averageMaterialsToSubmit: 1, // (1 + 1 + 1) / 3
      statutoryLimitDays: 50,
      promisedLimitDays: 25,
      compressionPercent: 50, // 1 − 25 / 50
      immediateShare: 0.3333,
      freeShare: 0.6667,
      averageFeeFen: 2666.67,
      atMostOneVisitShare: 0.6667,
      zeroVisitShare: 0.3333,
      onlineDepth: { level1: 0, level2: 1, level3: 1, level4: 1 },
      fullyOnlineShare: 0.3333,
    });
    const byRegion = await call(undefined, 'GET', `/api/v1/catalog/six-mosts?groupBy=region`);
    const luoyang = byRegion.json<SixMostsReport>().rows.find((r) => r.key === '410300');
    assert.equal(luoyang?.name, '洛阳市');
    assert.equal(luoyang.metrics.lists, 3);
  });
});
