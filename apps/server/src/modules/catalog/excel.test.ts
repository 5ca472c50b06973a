import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { ImplementationElements, Material } from '@zhengtong/contracts';
import {
  FAQ_COLUMNS,
  FEE_COLUMNS,
  MATERIAL_COLUMNS,
  type FaqField,
  type FeeField,
  type ListField,
  type MaterialField,
} from './excel-columns.js';
import {
  LIST_COLUMNS,
  SHEETS,
  cellText,
  readListsWorkbook,
  writeListsWorkbook,
  type ImportedList,
  type ListSheetRow,
  type ReadResult,
} from './excel.js';

const MIB = 1024 * 1024;
const CERT_ID_CARD = '11100000000013127D001';
const CERT_LICENCE = '91410100MA44XYW12P002';
const WINDOW_1 = '0b3c6a52-6d3e-4f0a-9c43-2b6f1f0e7a11';
const WINDOW_2 = '5d0f2f1e-8a4b-4c7d-b1e2-93f0c2d4e5a6';
const ZZ_MARKET = '郑州市市场监督管理局';

function elements(over: Partial<ImplementationElements> = {}): ImplementationElements {
  return {
    handlingKind: 'immediate',
    statutoryLimitDays: 0,
    promisedLimitDays: 0,
    acceptanceConditions: '',
    materials: [],
    fees: { free: true, items: [] },
    onSiteVisits: 0,
    onlineDepth: 4,
    channels: [],
    serviceWindowIds: [],
    form: { schema: { type: 'object', properties: {} }, uiSchema: {} },
    processDefinitionKey: 'immediate-case',
    steps: [],
    allowsPendingMaterials: false,
    result: { kind: 'document', name: '准予登记通知书' },
    crossRegionScope: 'local',
    faqs: [],
    lifeEvents: [],
    ...over,
  };
}

const applicationForm: Material = {
  key: 'applicationForm',
  name: '设立登记申请书',
  requirement: 'required',
  form: 'original',
  copies: 1,
  source: 'upload',
  sampleUrl: 'https://zwfw.henan.gov.cn/samples/sqs.pdf',
  blankFormUrl: '/forms/sqs.docx',
  acceptedTypes: ['application/pdf', 'image/jpeg'],
  maxBytes: 5 * MIB,
  note: '法定代表人签字',
};
const idCard: Material = {
  key: 'idCard',
  name: '法定代表人居民身份证',
  requirement: 'required',
  form: 'electronic',
  copies: 0,
  source: 'certificate',
  certificateTypeCode: CERT_ID_CARD,
};
const premises: Material = {
  key: 'premisesProof',
  name: '住所使用证明',
  requirement: 'conditional',
  condition: '住所为自有房产的',
  form: 'copy',
  copies: 2,
  source: 'sharedData',
  sharedDataResource: '不动产登记信息',
  maxBytes: 1024,
};

/** 3 lists as varied as the elements allow */
const LISTS: ListSheetRow[] = [
  {
    itemCode: 'XK00100001000',
    itemName: '企业设立登记',
    organisationName: ZZ_MARKET,
    regionCode: '410100',
    elements: elements({
      handlingKind: 'promised',
      statutoryLimitDays: 20,
      promisedLimitDays: 3,
      acceptanceConditions: '1. 名称已经申报；\n2. 材料齐全、符合法定形式。',
      materials: [applicationForm, idCard, premises],
      fees: {
        free: false,
        items: [
          {
            name: '工本费',
            amountFen: 29,
            legalBasis: '豫发改收费〔2020〕1号',
            nonTaxRevenueCode: '103050',
            collectAt: 'beforeIssuing',
          },
          {
            name: '登记费',
            amountFen: 105050,
            legalBasis: '《企业登记收费办法》',
            collectAt: 'beforeAcceptance',
          },
        ],
      },
      onSiteVisits: 1,
      onlineDepth: 3,
      channels: ['online', 'window', 'mobile'],
      serviceWindowIds: [WINDOW_1, WINDOW_2],
      form: {
        schema: {
          type: 'object',
          required: ['companyName'],
          properties: {
            companyName: { type: 'string', title: '企业名称', maxLength: 50 },
            capital: { type: 'number', title: '注册资本（万元）', minimum: 0 },
          },
        },
        uiSchema: { companyName: { 'ui:placeholder': '与名称申报一致' } },
      },
      processDefinitionKey: 'promised-case',
      steps: [
        { name: '受理', limitDays: 1, description: '窗口核对材料' },
        { name: '审查', limitDays: 1 },
        { name: '决定', limitDays: 1, description: '' },
      ],
      allowsPendingMaterials: true,
      result: { kind: 'certificate', certificateTypeCode: CERT_LICENCE },
      crossRegionScope: 'crossRegion',
      faqs: [
        { question: '可以网上办理吗？', answer: '可以，登录河南政务服务网办理。' },
        { question: '住所证明有什么要求？', answer: '自有房产提交产权证明；租赁的提交租赁合同。' },
      ],
      lifeEvents: ['开办企业', '准营'],
      consultationPhone: '0371-12345',
      complaintPhone: '12345',
      address: '郑州市郑东新区商务外环路 1 号',
      officeHours: '工作日 9:00–17:00',
    }),
  },
  {
    itemCode: 'GG00400012003',
    itemName: '婚姻登记证明',
    organisationName: '金水区民政局',
    regionCode: '410105',
    elements: elements({
      steps: [{ name: '受理' }, { name: '办结' }],
      faqs: [],
    }),
  },
  {
    itemCode: 'XK00100001000',
    itemName: '企业设立登记',
    organisationName: '金水区市场监督管理局',
    regionCode: '410105',
    elements: elements({
      handlingKind: 'promised',
      statutoryLimitDays: 15,
      promisedLimitDays: 15,
      acceptanceConditions: '申请人为在金水区设立的企业',
      materials: [{ ...applicationForm, acceptedTypes: ['application/pdf'], maxBytes: 50 * MIB }],
      onSiteVisits: 2,
      onlineDepth: 1,
      channels: ['online', 'window', 'mobile', 'selfService', 'mail'],
      serviceWindowIds: [WINDOW_2],
      steps: [{ name: '受理', limitDays: 0 }, { name: '审查' }, { name: '决定', limitDays: 14 }],
      result: { kind: 'certificate', certificateTypeCode: CERT_LICENCE },
      crossRegionScope: 'crossProvince',
      faqs: [{ question: '跨省能办吗？', answer: '可以。'.repeat(200) }],
      lifeEvents: ['开办企业'],
    }),
  },
];

const asImported = (lists: readonly ListSheetRow[]): ImportedList[] =>
  lists.map((l, i) => ({
    row: i + 2,
    itemCode: l.itemCode,
    organisationName: l.organisationName,
    regionCode: l.regionCode,
    elements: l.elements,
  }));

const okLists = (result: ReadResult): ImportedList[] => {
  assert.ok(result.ok, `read failed: ${JSON.stringify(!result.ok && result.errors, null, 1)}`);
  return result.lists;
};
const errorsOf = (result: ReadResult) => {
  assert.ok(!result.ok, 'expected errors');
  return result.errors;
};

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

function sheet(wb: ExcelJS.Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `no sheet ${name}`);
  return ws;
}
/** the column number of a header on row 1 */
function columnOf(ws: Worksheet, header: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  assert.ok(found > 0, `no column ${header} on ${ws.name}`);
  return found;
}
function setCell(ws: Worksheet, row: number, header: string, value: CellValue): void {
  ws.getRow(row).getCell(columnOf(ws, header)).value = value;
}

describe('implementation-list workbook', () => {
  it('reads back what it writes, list by list in sheet order', async () => {
    const data = await writeListsWorkbook(LISTS);
    const lists = okLists(await readListsWorkbook(data));
    assert.deepEqual(lists, asImported(LISTS));
    // and again: an exported workbook re-imported and re-exported is the same workbook content
    const again = okLists(
      await readListsWorkbook(await writeListsWorkbook(lists.map((l) => ({ ...l, itemName: '' })))),
    );
    assert.deepEqual(again, asImported(LISTS));
  });

  it('writes bold frozen headers, set widths, codes as text and readable words', async () => {
    const wb = await load(await writeListsWorkbook(LISTS));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['实施清单', '申请材料', '收费项目', '常见问题'],
    );
    const main = sheet(wb, SHEETS.lists);
    assert.equal(main.getRow(1).getCell(1).value, '事项编码');
    assert.equal(main.getRow(1).getCell(1).font.bold, true);
    assert.notEqual(main.getRow(2).getCell(1).font?.bold, true);
    assert.equal(main.views[0]?.state, 'frozen');
    assert.equal((main.views[0] as { ySplit?: number }).ySplit, 1);
    assert.ok(main.columns.every((c) => (c.width ?? 0) >= 7));
    const region = main.getRow(2).getCell(columnOf(main, LIST_COLUMNS.regionCode));
    assert.equal(region.value, '410100');
    assert.equal(region.numFmt, '@');
    const row = (header: string) => main.getRow(2).getCell(columnOf(main, header)).value;
    assert.equal(row('办件类型'), '承诺件');
    assert.equal(row('办理渠道'), '网上办理、窗口办理、移动端');
    assert.equal(row('办理环节'), '受理(1)：窗口核对材料→审查(1)→决定(1)：');
    assert.equal(row('是否收费'), '是');
    assert.equal(row('通办范围'), '省内通办');
    assert.equal(row('主题'), '开办企业、准营');
    assert.equal(main.getRow(3).getCell(columnOf(main, '申请表单')).value, null);
    const fees = sheet(wb, SHEETS.fees);
    assert.equal(fees.getRow(3).getCell(columnOf(fees, '金额（元）')).value, 1050.5);
    const materials = sheet(wb, SHEETS.materials);
    assert.equal(materials.getRow(2).getCell(columnOf(materials, '大小上限（MB）')).value, 5);
    assert.equal(materials.getRow(3).getCell(columnOf(materials, '来源')).value, '电子证照');
  });

  it('writes and reads 500 lists in well under 10 seconds', async () => {
    const many: ListSheetRow[] = Array.from({ length: 500 }, (_, i) => {
      const model = LISTS[i % 3];
      assert.ok(model);
      return {
        ...model,
        itemCode: `XK001${String(i + 1).padStart(5, '0')}000`,
        organisationName: `第 ${i % 7} 局`,
        elements: { ...model.elements, statutoryLimitDays: i % 366 },
      };
    });
    const started = performance.now();
    const data = await writeListsWorkbook(many);
    const lists = okLists(await readListsWorkbook(data));
    const ms = performance.now() - started;
    console.log(`500 lists: ${data.length} bytes, written and read in ${Math.round(ms)} ms`);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    assert.equal(lists.length, 500);
    assert.deepEqual(lists, asImported(many));
  });

  it('reports every bad cell with its sheet, row and column, and nothing else', async () => {
    const a = LISTS[0];
    const b = LISTS[1];
    assert.ok(a && b);
    const variant = (model: ListSheetRow, n: number): ListSheetRow => ({
      ...model,
      itemCode: `XK001000${String(n).padStart(2, '0')}000`,
    });
    const input = [
      variant(a, 1), // row 2
      variant(b, 2), // row 3
      variant(b, 3), // row 4
      variant(b, 4), // row 5
      variant(a, 5), // row 6
      variant(b, 6), // row 7
      variant(b, 6), // row 8: the same list again
      variant(b, 7), // row 9 (blank row 10 follows)
      variant(b, 8), // row 11
    ];
    const wb = await load(await writeListsWorkbook(input));
    const main = sheet(wb, SHEETS.lists);
    // a blank row and an unknown column are no problem
    main.spliceRows(10, 0, []);
    main.getRow(1).getCell(40).value = '备注';
    main.getRow(3).getCell(40).value = '随便写';
    main.getRow(10).getCell(2).value = '   '; // blank all the same
    main.getRow(10).getCell(40).value = '只有备注的一行';
    main.getRow(4).getCell(columnOf(main, '区划代码')).value = 410105; // a number
    setCell(main, 2, '承诺时限（工作日）', '三十');
    setCell(main, 3, '办件类型', '加急件');
    setCell(main, 4, '办理渠道', '网上办理、飞鸽传书');
    setCell(main, 5, '申请表单', '{"schema": {"type": "object"');
    setCell(main, 6, '是否收费', '否'); // but it has two fee rows
    setCell(main, 7, '是否收费', '是'); // but it has none
    setCell(main, 9, '流程定义', 'Promised_Case');
    setCell(main, 11, '到现场次数', 3);

    const materials = sheet(wb, SHEETS.materials);
    setCell(materials, 3, '份数', '两份');
    setCell(materials, 4, '材料名称', '证'.repeat(201));
    materials.addRow(['XK00100099000', ZZ_MARKET, '410100', 'orphan', '无主材料', '必要', '',
      '原件', 1, '申请人提交', '', '', '', '', '']); // prettier-ignore
    materials.addRow(['XK00100005000', ZZ_MARKET, '410100', 'idCard', '又一份身份证', '必要', '',
      '原件', 1, '申请人提交', '', '', '', '', '']); // prettier-ignore
    const fees = sheet(wb, SHEETS.fees);
    setCell(fees, 3, '金额（元）', 12.345);

    const errors = errorsOf(await readListsWorkbook(await save(wb)));
    assert.deepEqual(
      errors.map((e) => [e.sheet, e.row, e.column]),
      [
        ['实施清单', 2, '承诺时限（工作日）'],
        ['实施清单', 3, '办件类型'],
        ['实施清单', 4, '办理渠道'],
        ['实施清单', 5, '申请表单'],
        ['实施清单', 6, '是否收费'],
        ['实施清单', 7, '是否收费'],
        ['实施清单', 8, '事项编码'],
        ['实施清单', 9, '流程定义'],
        ['实施清单', 11, '到现场次数'],
        ['申请材料', 3, '份数'],
        ['申请材料', 4, '材料名称'],
        ['申请材料', 8, '事项编码'],
        ['申请材料', 9, '材料标识'],
        ['收费项目', 3, '金额（元）'],
      ],
    );
    const messages = errors.map((e) => e.message);
    assert.deepEqual(messages, [
      '承诺时限应为 0–365 的整数，实为 "三十"',
      '办件类型应为即办件或承诺件，实为 "加急件"',
      '办理渠道应为网上办理、窗口办理、移动端、自助终端或邮寄中的一项或多项（以“、”分隔），实为 "飞鸽传书"',
      messages[3],
      '是否收费为“否”，但“收费项目”中有本清单的 2 项收费（第 4、5 行）',
      '是否收费为“是”，但“收费项目”中没有本清单的收费项目',
      '与第 7 行是同一清单（事项编码、实施机构、区划代码都相同），每个清单只能有一行',
      '流程定义应为以小写字母开头的小写字母、数字和连字符（2–64 位，如 promised-case），实为 "Promised_Case"',
      '到现场次数应为 0、1 或 2（2 表示 2 次及以上），实为 "3"',
      '份数应为 0–20 的整数，实为 "两份"',
      '材料名称不能超过 200 个字符，实为 201 个',
      '“实施清单”中没有这个清单（事项编码 XK00100099000、实施机构 郑州市市场监督管理局、区划代码 410100）',
      '材料标识“idCard”在本清单中已用于第 6 行，同一清单的材料标识不能重复',
      '金额应为 0.01–1000000 元之间、最多两位小数的金额，实为 "12.345"',
    ]);
    assert.match(messages[3] ?? '', /^申请表单不是有效的 JSON（.+）$/);
  });

  it('finds what is wrong with a list as a whole: too many materials', async () => {
    const a = LISTS[0];
    assert.ok(a);
    const materials = Array.from({ length: 101 }, (_, i) => ({ ...idCard, key: `m${i}` }));
    const data = await writeListsWorkbook([{ ...a, elements: { ...a.elements, materials } }]);
    assert.deepEqual(errorsOf(await readListsWorkbook(data)), [
      {
        sheet: '申请材料',
        row: 102,
        column: '事项编码',
        message: '每个清单最多 100 项申请材料，本清单有 101 项',
      },
    ]);
  });

  it('reads cells typed as numbers, rich text, formulas, hyperlinks and merged cells', async () => {
    const wb = new ExcelJS.Workbook();
    const addSheet = <F extends string>(
      name: string,
      columns: Record<F, string>,
      rows: Partial<Record<F, CellValue>>[],
      rename: Partial<Record<F, string>> = {},
    ) => {
      const fields = (Object.keys(columns) as F[]).filter((f) => f !== 'itemName');
      const ws = wb.addWorksheet(name);
      ws.addRow(fields.map((f) => rename[f] ?? columns[f]));
      for (const r of rows) ws.addRow(fields.map((f) => r[f] ?? null));
      return ws;
    };
    addSheet<ListField>(
      SHEETS.lists,
      LIST_COLUMNS,
      [
        {
          itemCode: { richText: [{ text: 'xk001' }, { text: '00001000', font: { bold: true } }] },
          organisationName: { text: ZZ_MARKET, hyperlink: 'https://scjg.zhengzhou.gov.cn' },
          regionCode: 410100,
          handlingKind: '承诺件',
          statutoryLimitDays: { formula: '10*2', result: 20 },
          promisedLimitDays: 5,
          onSiteVisits: '2次及以上',
          onlineDepth: '全程网办',
          channels: '网上办理，窗口办理',
          serviceWindowIds: `${WINDOW_1.toUpperCase()}\n${WINDOW_2}`,
          fees: true,
          processDefinitionKey: 'promised-case',
          steps: '受理（1个工作日）->审查',
          allowsPendingMaterials: '否',
          resultKind: '文书',
          result: '准予许可决定书',
          crossRegionScope: '本地',
          lifeEvents: '开办企业 工程建设',
          consultationPhone: 37112345,
        },
      ],
      { statutoryLimitDays: '法定时限 (工作日)', promisedLimitDays: '承诺时限' },
    );
    const materials = addSheet<MaterialField>(SHEETS.materials, MATERIAL_COLUMNS, [
      {
        itemCode: 'XK00100001000',
        organisationName: ZZ_MARKET,
        regionCode: '410100',
        key: 'idCard',
        name: '身份证',
        requirement: '必要',
        form: '电子件',
        copies: 0,
        source: '电子证照',
        certificateTypeCode: CERT_ID_CARD.toLowerCase(),
      },
      {
        key: 'photo',
        name: '照片',
        requirement: '情形必要',
        condition: '首次申请的',
        form: '原件',
        copies: { formula: '1+1', result: 2 },
        source: '申请人提交',
        acceptedTypes: 'image/jpeg, image/png',
        maxBytes: 0.5,
      },
    ]);
    // the key cells of a list's materials merged down, as people do
    for (const column of ['A', 'B', 'C']) materials.mergeCells(`${column}2:${column}3`);
    addSheet<FeeField>(SHEETS.fees, FEE_COLUMNS, [
      {
        itemCode: 'XK00100001000',
        organisationName: ZZ_MARKET,
        regionCode: 410100,
        name: '工本费',
        amountFen: { formula: '0.1+0.2', result: 0.1 + 0.2 },
        legalBasis: '依据',
        collectAt: '受理前',
      },
    ]);
    addSheet<FaqField>(SHEETS.faqs, FAQ_COLUMNS, []);

    const lists = okLists(await readListsWorkbook(await save(wb)));
    assert.deepEqual(lists, [
      {
        row: 2,
        itemCode: 'XK00100001000',
        organisationName: ZZ_MARKET,
        regionCode: '410100',
        elements: elements({
          handlingKind: 'promised',
          statutoryLimitDays: 20,
          promisedLimitDays: 5,
          onSiteVisits: 2,
          onlineDepth: 4,
          channels: ['online', 'window'],
          serviceWindowIds: [WINDOW_1, WINDOW_2],
          fees: {
            free: false,
            items: [
              { name: '工本费', amountFen: 30, legalBasis: '依据', collectAt: 'beforeAcceptance' },
            ],
          },
          processDefinitionKey: 'promised-case',
          steps: [{ name: '受理', limitDays: 1 }, { name: '审查' }],
          result: { kind: 'document', name: '准予许可决定书' },
          lifeEvents: ['开办企业', '工程建设'],
          consultationPhone: '37112345',
          materials: [
            {
              key: 'idCard',
              name: '身份证',
              requirement: 'required',
              form: 'electronic',
              copies: 0,
              source: 'certificate',
              certificateTypeCode: CERT_ID_CARD,
            },
            {
              key: 'photo',
              name: '照片',
              requirement: 'conditional',
              condition: '首次申请的',
              form: 'original',
              copies: 2,
              source: 'upload',
              acceptedTypes: ['image/jpeg', 'image/png'],
              maxBytes: 512 * 1024,
            },
          ],
        }),
      },
    ]);
  });

  it('refuses what is not an xlsx with one clear error', async () => {
    const notXlsx = [{ sheet: '', row: 1, column: '', message: '不是有效的 Excel (.xlsx) 文件' }];
    for (const data of [
      Buffer.from('事项编码,实施机构,区划代码\nXK00100001000,郑州,410100\n'),
      Buffer.alloc(0),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    ]) {
      assert.deepEqual(await readListsWorkbook(data), { ok: false, errors: notXlsx });
    }
  });

  it('reports a missing sheet or a missing column on row 1', async () => {
    const wb = await load(await writeListsWorkbook(LISTS));
    wb.removeWorksheet(sheet(wb, SHEETS.faqs).id);
    setCell(sheet(wb, SHEETS.lists), 1, '办件类型', '类型');
    // optional columns may go
    sheet(wb, SHEETS.materials).spliceColumns(columnOf(sheet(wb, SHEETS.materials), '允许类型'), 2);
    assert.deepEqual(errorsOf(await readListsWorkbook(await save(wb))), [
      {
        sheet: '实施清单',
        row: 1,
        column: '办件类型',
        message: '工作表“实施清单”缺少列“办件类型”',
      },
      { sheet: '常见问题', row: 1, column: '', message: '缺少工作表“常见问题”' },
    ]);
  });

  it('refuses more list rows than maxRows', async () => {
    const data = await writeListsWorkbook(LISTS);
    assert.equal(okLists(await readListsWorkbook(data, { maxRows: 3 })).length, 3);
    assert.deepEqual(errorsOf(await readListsWorkbook(data, { maxRows: 2 })), [
      { sheet: '实施清单', row: 4, column: '', message: '实施清单最多 2 行，实有 3 行' },
    ]);
  });

  it('turns any cell value into trimmed text', () => {
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
    assert.equal(cellText('  承诺件\u200b '), '承诺件');
    assert.equal(cellText(410100), '410100');
    assert.equal(cellText(0.1 + 0.2), '0.3');
    assert.equal(cellText(true), 'TRUE');
    assert.equal(cellText(new Date(Date.UTC(2024, 0, 2))), '2024-01-02');
    assert.equal(cellText(new Date(Date.UTC(2024, 0, 2, 9, 30))), '2024-01-02 09:30:00');
    assert.equal(cellText({ richText: [{ text: ' 受理' }, { text: '→审查 ' }] }), '受理→审查');
    assert.equal(cellText({ text: '链接', hyperlink: 'https://example.org' }), '链接');
    assert.equal(cellText({ formula: 'A1', result: 12 }), '12');
    assert.equal(cellText({ sharedFormula: 'A1', result: '是' }), '是');
    assert.equal(cellText({ formula: 'A1' }), '');
    assert.equal(cellText({ error: '#N/A' }), '#N/A');
  });
});
