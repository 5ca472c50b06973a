import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { ImplementationListPage, ImportReport, Problem } from '@zhengtong/contracts';
import { systemActor } from '../../kernel/actor.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { createTestItem, organisationId, validElements } from '../../test-support/catalog.js';
import { createStaff, FAST_ARGON2, loginAs } from '../../test-support/identity.js';
import { SHEETS, writeListsWorkbook, type ListSheetRow } from './excel.js';
import { IMPORT_BODY_LIMIT, XLSX_TYPE } from './routes.js';

const IMPORT = '/api/v1/catalog/lists/import';

describe('implementation lists: Excel import and export', () => {
  let t: TestApp;
  let provinceAdmin: string;
  let zzAdmin: string;
  let departments: { name: string; regionCode: string }[];
  const items: string[] = [];

  const upload = (cookie: string, data: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { cookie, 'content-type': XLSX_TYPE },
      payload: data,
    });
  const listCount = async (cookie: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/catalog/lists?pageSize=1',
        headers: { cookie },
      })
    ).json<ImplementationListPage>().total;

  before(async () => {
    t = await createTestApp({ env: FAST_ARGON2 });
    provinceAdmin = await loginAs(
      t,
      await createStaff(t, {
        roles: ['provinceAdmin'],
        organisationId: await organisationId(t, '410000', '河南省大数据管理局'),
        jurisdiction: '410000',
      }),
    );
    zzAdmin = await loginAs(
      t,
      await createStaff(t, {
        roles: ['departmentAdmin'],
        organisationId: await organisationId(t, '410100', '郑州市市场监督管理局'),
        jurisdiction: '410100',
      }),
    );
    const { items: orgs } = await t.app.directory.listOrganisations(systemActor('test'), {
      region: '410100',
      kind: 'department',
    });
    departments = orgs.slice(0, 10).map((o) => ({ name: o.name, regionCode: o.regionCode }));
    assert.equal(departments.length, 10);
    for (let i = 0; i < 50; i++) items.push(await createTestItem(t));
  });
  after(() => t.close());

  const rows = (n: number): ListSheetRow[] =>
    Array.from({ length: n }, (_, i) => ({
      itemCode: items[i % 50]!,
      itemName: '',
      organisationName: departments[Math.floor(i / 50) % 10]!.name,
      regionCode: '410100',
      elements: validElements({ promisedLimitDays: 1 + (i % 20) }),
    }));

  it('imports a 500-list sheet as drafts, and a second import updates them', async () => {
    const data = await writeListsWorkbook(rows(500));
    const started = Date.now();
    const res = await upload(provinceAdmin, data);
    const took = Date.now() - started;
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.deepEqual(res.json<ImportReport>(), { created: 500, updated: 0, rows: 500 });
    assert.equal(await listCount(provinceAdmin), 500);
    console.log(`import of 500 lists: ${took} ms, ${data.length} bytes`);

    const again = await upload(provinceAdmin, data);
    assert.deepEqual(again.json<ImportReport>(), { created: 0, updated: 500, rows: 500 });
    assert.equal(await listCount(provinceAdmin), 500);

    // the export of what was imported reads back the same elements
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/catalog/lists/export?region=410100',
      headers: { cookie: provinceAdmin },
    });
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.headers['content-type'], XLSX_TYPE);
    assert.match(String(exported.headers['content-disposition']), /attachment/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    assert.equal(book.getWorksheet(SHEETS.lists)?.actualRowCount, 501);
  });

  it('reports every bad row and imports nothing from a sheet with errors', async () => {
    const before = await listCount(provinceAdmin);
    const good = rows(20).map((r, i) => ({ ...r, itemCode: items[i + 30]! }));
    const data = await writeListsWorkbook(good);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(SHEETS.lists);
    assert.ok(sheet);
    const header = sheet.getRow(1).values as (string | undefined)[];
    const col = (name: string) => {
      const index = header.findIndex((h) => typeof h === 'string' && h.startsWith(name));
      assert.ok(index > 0, `no column ${name}: ${header.join()}`);
      return index;
    };
    sheet.getRow(3).getCell(col('承诺时限')).value = '三十';
    sheet.getRow(7).getCell(col('办件类型')).value = '加急件';
    const bad = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(provinceAdmin, bad);
    assert.equal(res.statusCode, 422, res.body.slice(0, 500));
    const problem = res.json<Problem>();
    assert.equal(problem.code, 'import-refused');
    const where = (problem.errors ?? []).map((e) => e.path);
    // a sheet that does not read is refused before anything is looked up
    assert.ok(
      where.some((p) => p.startsWith(`/${SHEETS.lists}/3/`)),
      where.join(),
    );
    assert.ok(
      where.some((p) => p.startsWith(`/${SHEETS.lists}/7/`)),
      where.join(),
    );
    assert.equal(await listCount(provinceAdmin), before);

    // a clean sheet naming an item and an organisation that do not exist (rows 12 and 15)
    const semanticallyBad = await writeListsWorkbook(
      good.map((r, i) =>
        i === 10
          ? { ...r, itemCode: 'XK00199999999' }
          : i === 13
            ? { ...r, organisationName: '不存在的局' }
            : r,
      ),
    );
    const res2 = await upload(provinceAdmin, semanticallyBad);
    assert.equal(res2.statusCode, 422, res2.body.slice(0, 500));
    const errors = res2.json<Problem>().errors ?? [];
    assert.deepEqual(
      errors.map((e) => e.path),
      [`/${SHEETS.lists}/12/事项编码`, `/${SHEETS.lists}/15/实施机构`],
    );
    assert.match(errors[0]!.message, /XK00199999999/);
    assert.equal(await listCount(provinceAdmin), before);
  });

  it('refuses rows for organisations the admin does not manage', async () => {
    const data = await writeListsWorkbook(
      rows(60).filter((_, i) => i >= 40), // rows 40–59: the first and second departments
    );
    const res = await upload(zzAdmin, data);
    assert.equal(res.statusCode, 422);
    const messages = (res.json<Problem>().errors ?? []).map((e) => e.message);
    assert.ok(messages.length > 0 && messages.every((m) => m.includes('无权')), messages.join());
  });

  it('refuses what is not a workbook, and anonymous uploads', async () => {
    const junk = await upload(provinceAdmin, Buffer.from('PK\u0003\u0004 not really a zip'));
    assert.equal(junk.statusCode, 422);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { 'content-type': XLSX_TYPE },
      payload: await writeListsWorkbook(rows(1)),
    });
    assert.equal(anonymous.statusCode, 401);
    const wrongType = await t.app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { cookie: provinceAdmin, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    assert.equal(wrongType.statusCode, 415);
    const huge = await upload(provinceAdmin, Buffer.alloc(IMPORT_BODY_LIMIT + 1, 0x50));
    assert.equal(huge.statusCode, 413);
  });
});
