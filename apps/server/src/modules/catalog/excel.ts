import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import {
  Faq,
  FeeItem,
  ImplementationElements,
  LIFE_EVENTS,
  Material,
  type ApplicationForm,
  type ImportCellError,
  type ProcessStep,
} from '@zhengtong/contracts';
import { isRegionCode, parseServiceItemCode } from '@zhengtong/gb';
import {
  CHANNEL_WORDS,
  COLLECT_AT_WORDS,
  FAQ_SHEET,
  FEE_SHEET,
  HANDLING_KIND_WORDS,
  LIST_SHEET,
  MATERIAL_FORM_WORDS,
  MATERIAL_SHEET,
  MATERIAL_SOURCE_WORDS,
  ONLINE_DEPTH_WORDS,
  REQUIREMENT_WORDS,
  RESULT_KIND_WORDS,
  SCOPE_WORDS,
  SHEETS,
  type ColumnSpec,
  type FaqField,
  type FeeField,
  type ListField,
  type MaterialField,
} from './excel-columns.js';

// Excel import and export of implementation lists (实施清单), the form in which provincial staff
// exchange them. Pure functions over exceljs: the service resolves items and organisations,
// checks rights and stores drafts; publication rules are checked later, on submission.

export { LIST_COLUMNS, SHEETS } from './excel-columns.js';

/** One list as exported, and as the service hands it to us. */
export interface ListSheetRow {
  itemCode: string;
  itemName: string;
  organisationName: string;
  regionCode: string;
  elements: ImplementationElements;
}

/** One list as read from a workbook: `row` is the Excel row of its line on 实施清单. */
export interface ImportedList {
  row: number;
  itemCode: string;
  organisationName: string;
  regionCode: string;
  elements: ImplementationElements;
}

export type ReadResult =
  { ok: true; lists: ImportedList[] } | { ok: false; errors: ImportCellError[] };

export const DEFAULT_MAX_ROWS = 5000;

const NOT_XLSX = '不是有效的 Excel (.xlsx) 文件';
const MIB = 1024 * 1024;
const DEFAULT_FORM: ApplicationForm = { schema: { type: 'object', properties: {} }, uiSchema: {} };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CERTIFICATE_TYPE_CODE = /^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$/;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9*][a-z0-9!#$&^_.+-]*$/i;
/** separators of multi-valued cells: 、 , ， ; ； and white space (line breaks included) */
const LIST_SEPARATORS = /[\s、,，;；]+/;
/** separators of 办理环节 */
const STEP_SEPARATORS = /→|->/;

// serviceWindowIds are `format: 'uuid'`; TypeBox's Value knows no formats until registered.
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));

// ---------------------------------------------------------------------------------------------
// Cells

/**
 * The text of any cell value, trimmed: numbers without float noise (0.1+0.2 → "0.3", 410100 →
 * "410100"), rich text joined, hyperlinks as their text, formulas as their result, dates as
 * YYYY-MM-DD (with the time when there is one), booleans as TRUE/FALSE, errors as #N/A etc.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return clean(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) {
    // typed as a string, but a hyperlink's text may be rich text
    const text: unknown = value.text;
    return cellText(text as CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  if ('error' in value) return value.error;
  return '';
}

// zero-width characters come along when people paste from web pages
const clean = (s: string) => s.replace(/[\u200b-\u200d\ufeff]/g, '').trim();

function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

const headerKey = (s: string) =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
/** the header without its unit: 法定时限（工作日） → 法定时限 */
const baseLabel = (header: string) => header.replace(/\s*[(（][^()（）]*[)）]\s*$/, '');

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
const show = (v: unknown) =>
  typeof v === 'string' ? `"${clip(v)}"` : v === undefined ? '空' : clip(JSON.stringify(v));
const orList = (words: readonly string[]) =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join('、')}或${words.at(-1)}`;
/** a space between Chinese text and what follows when that begins with a digit or letter */
const spaced = (s: string) => (/^[\x21-\x7e]/.test(s) ? ` ${s}` : s);
const splitList = (s: string) => s.split(LIST_SEPARATORS).filter((t) => t !== '');

// ---------------------------------------------------------------------------------------------
// Writing

/** The workbook of the given lists: one row each on 实施清单, their parts on the other sheets. */
export async function writeListsWorkbook(lists: readonly ListSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政通';
  const main = addSheet(wb, SHEETS.lists, LIST_SHEET);
  const materials = addSheet(wb, SHEETS.materials, MATERIAL_SHEET);
  const fees = addSheet(wb, SHEETS.fees, FEE_SHEET);
  const faqs = addSheet(wb, SHEETS.faqs, FAQ_SHEET);

  for (const list of lists) {
    const e = list.elements;
    const key = {
      itemCode: list.itemCode,
      organisationName: list.organisationName,
      regionCode: list.regionCode,
    };
    main.addRow({
      ...key,
      itemName: list.itemName,
      handlingKind: HANDLING_KIND_WORDS[e.handlingKind],
      statutoryLimitDays: e.statutoryLimitDays,
      promisedLimitDays: e.promisedLimitDays,
      acceptanceConditions: e.acceptanceConditions || null,
      onSiteVisits: e.onSiteVisits,
      onlineDepth: e.onlineDepth,
      channels: e.channels.map((c) => CHANNEL_WORDS[c]).join('、') || null,
      serviceWindowIds: e.serviceWindowIds.join(',') || null,
      fees: e.fees.free ? '否' : '是',
      processDefinitionKey: e.processDefinitionKey,
      steps: formatSteps(e.steps) || null,
      allowsPendingMaterials: e.allowsPendingMaterials ? '是' : '否',
      resultKind: RESULT_KIND_WORDS[e.result.kind],
      result: e.result.kind === 'certificate' ? e.result.certificateTypeCode : e.result.name,
      crossRegionScope: SCOPE_WORDS[e.crossRegionScope],
      lifeEvents: e.lifeEvents.join('、') || null,
      consultationPhone: e.consultationPhone ?? null,
      complaintPhone: e.complaintPhone ?? null,
      address: e.address ?? null,
      officeHours: e.officeHours ?? null,
      // the empty form is left blank, which reads back as the empty form
      form: isDeepStrictEqual(e.form, DEFAULT_FORM) ? null : JSON.stringify(e.form),
    } satisfies Record<ListField, unknown>);

    for (const m of e.materials) {
      materials.addRow({
        ...key,
        key: m.key,
        name: m.name,
        requirement: REQUIREMENT_WORDS[m.requirement],
        condition: m.condition ?? null,
        form: MATERIAL_FORM_WORDS[m.form],
        copies: m.copies,
        source: MATERIAL_SOURCE_WORDS[m.source],
        certificateTypeCode: m.certificateTypeCode ?? null,
        sharedDataResource: m.sharedDataResource ?? null,
        sampleUrl: m.sampleUrl ?? null,
        blankFormUrl: m.blankFormUrl ?? null,
        note: m.note ?? null,
        acceptedTypes: m.acceptedTypes?.join(',') ?? null,
        maxBytes: m.maxBytes === undefined ? null : m.maxBytes / MIB,
      } satisfies Record<MaterialField, unknown>);
    }
    for (const f of e.fees.items) {
      fees.addRow({
        ...key,
        name: f.name,
        amountFen: f.amountFen / 100,
        legalBasis: f.legalBasis,
        nonTaxRevenueCode: f.nonTaxRevenueCode ?? null,
        collectAt: COLLECT_AT_WORDS[f.collectAt],
      } satisfies Record<FeeField, unknown>);
    }
    for (const q of e.faqs) {
      faqs.addRow({ ...key, question: q.question, answer: q.answer } satisfies Record<
        FaqField,
        unknown
      >);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet(wb: Workbook, name: string, spec: Record<string, ColumnSpec>): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const entries = Object.entries(spec);
  ws.columns = entries.map(([key, c]) => ({
    key,
    header: c.header,
    width: c.width,
    ...(c.numFmt !== undefined && { style: { numFmt: c.numFmt } }),
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: entries.length } };
  return ws;
}

/** 受理(1)：说明→审查(3)→决定 */
function formatSteps(steps: readonly ProcessStep[]): string {
  return steps
    .map(
      (s) =>
        s.name +
        (s.limitDays === undefined ? '' : `(${s.limitDays})`) +
        (s.description === undefined ? '' : `：${s.description}`),
    )
    .join('→');
}

// ---------------------------------------------------------------------------------------------
// Reading: sheets and rows

class Problems {
  readonly errors: ImportCellError[] = [];
  private readonly cells = new Set<string>();
  private readonly rows = new Set<string>();

  /** records a problem; a cell gets only its first one */
  add(sheet: string, row: number, column: string, message: string): void {
    const cell = `${sheet}\u0000${row}\u0000${column}`;
    if (this.cells.has(cell)) return;
    this.cells.add(cell);
    this.rows.add(`${sheet}\u0000${row}`);
    this.errors.push({ sheet, row, column, message });
  }

  hasRow(sheet: string, row: number): boolean {
    return this.rows.has(`${sheet}\u0000${row}`);
  }
}

interface Table<F extends string> {
  sheet: string;
  spec: Record<F, ColumnSpec>;
  /** each column's header as the sheet has it (the standard one when an optional one is absent) */
  headers: Record<F, string>;
  /** non-blank rows below the header */
  rows: { row: number; cells: Record<F, string> }[];
}

function readTable<F extends string>(
  wb: Workbook,
  sheet: string,
  spec: Record<F, ColumnSpec>,
  problems: Problems,
): Table<F> | undefined {
  const ws = wb.worksheets.find((w) => w.name.trim() === sheet);
  if (!ws) {
    problems.add(sheet, 1, '', `缺少工作表“${sheet}”`);
    return undefined;
  }
  const found = new Map<string, { column: number; header: string }>();
  ws.getRow(1).eachCell((cell, column) => {
    const header = cellText(cell.value);
    const key = headerKey(header);
    if (key !== '' && !found.has(key)) found.set(key, { column, header });
  });

  const fields = Object.keys(spec) as F[];
  const headers = {} as Record<F, string>;
  const columns = new Map<F, number>();
  let complete = true;
  for (const f of fields) {
    const c = spec[f];
    // 法定时限（工作日）, 法定时限 (工作日) and 法定时限 are all the same column
    const hit = found.get(headerKey(c.header)) ?? found.get(headerKey(baseLabel(c.header)));
    headers[f] = hit?.header ?? c.header;
    if (hit) columns.set(f, hit.column);
    else if (!c.optional) {
      problems.add(sheet, 1, c.header, `工作表“${sheet}”缺少列“${c.header}”`);
      complete = false;
    }
  }
  if (!complete) return undefined;

  const rows: Table<F>['rows'] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    const cells = {} as Record<F, string>;
    let blank = true;
    for (const f of fields) {
      const column = columns.get(f);
      const text = column === undefined ? '' : cellText(row.getCell(column).value);
      cells[f] = text;
      if (text !== '') blank = false;
    }
    if (!blank) rows.push({ row: number, cells });
  });
  return { sheet, spec, headers, rows };
}

/** Reads the cells of one row, reporting each bad one and remembering which failed. */
class RowReader<F extends string> {
  readonly failed = new Set<F>();

  constructor(
    private readonly table: Table<F>,
    readonly row: number,
    private readonly cells: Record<F, string>,
    private readonly problems: Problems,
  ) {}

  header(f: F): string {
    return this.table.headers[f];
  }

  label(f: F): string {
    return baseLabel(this.table.spec[f].header);
  }

  text(f: F): string {
    return this.cells[f];
  }

  fail(f: F, message: string): undefined {
    this.failed.add(f);
    this.problems.add(this.table.sheet, this.row, this.header(f), message);
    return undefined;
  }

  expected(f: F, expectation: string, shown: string = this.text(f)): undefined {
    return this.fail(f, `${this.label(f)}应为${spaced(expectation)}，实为 "${clip(shown)}"`);
  }

  required(f: F): string | undefined {
    const t = this.text(f);
    return t === '' ? this.fail(f, `${this.label(f)}不能为空`) : t;
  }

  optional(f: F): string | undefined {
    const t = this.text(f);
    return t === '' ? undefined : t;
  }

  integer(f: F, min: number, max: number): number | undefined {
    const t = this.required(f);
    if (t === undefined) return undefined;
    const n = /^\d+$/.test(t) ? Number(t) : NaN;
    return n >= min && n <= max ? n : this.expected(f, `${min}–${max} 的整数`);
  }

  word<T extends string>(
    f: F,
    words: Record<T, string>,
    aliases: Record<string, T> = {},
  ): T | undefined {
    const t = this.required(f);
    if (t === undefined) return undefined;
    const entries = Object.entries(words) as [T, string][];
    const hit = entries.find(([, w]) => w === t)?.[0] ?? aliases[t];
    return hit ?? this.expected(f, orList(Object.values<string>(words)));
  }

  yesNo(f: F): boolean | undefined {
    const t = this.required(f);
    if (t === undefined) return undefined;
    const v = YES_NO[t.toUpperCase()];
    return v ?? this.expected(f, '是或否');
  }

  /** the cells that identify the list (事项编码, 实施机构, 区划代码), when none is blank */
  listKey() {
    const [itemCode, organisationName, regionCode] = KEY_FIELDS.map((f) => this.required(f as F));
    if (itemCode === undefined || organisationName === undefined || regionCode === undefined) {
      return undefined;
    }
    const code = itemCode.toUpperCase();
    return {
      key: listKey(code, organisationName, regionCode),
      itemCode: code,
      organisationName,
      regionCode,
    };
  }
}

const KEY_FIELDS = ['itemCode', 'organisationName', 'regionCode'] as const;
const YES_NO: Record<string, boolean> = { 是: true, 否: false, TRUE: true, FALSE: false };

const listKey = (itemCode: string, organisationName: string, regionCode: string) =>
  `${itemCode}\u0001${organisationName}\u0001${regionCode}`;

/** sets `key` unless the value is undefined (a failed or blank optional cell) */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

// ---------------------------------------------------------------------------------------------
// Reading: the main sheet

interface ParsedList {
  row: number;
  key: string | undefined;
  itemCode: string;
  organisationName: string;
  regionCode: string;
  /** the elements read from the main row (failed cells left out) */
  values: Record<string, unknown>;
  free: boolean | undefined;
  /** element properties whose cells were already reported */
  failed: Set<string>;
  duplicate: boolean;
  materials: ChildRow[];
  fees: ChildRow[];
  faqs: ChildRow[];
}

interface ChildRow {
  row: number;
  value: Record<string, unknown>;
}

const ITEM_CODE_PROBLEMS = {
  format: '13 位基本编码（2 位大写字母 + 11 位数字）',
  itemType: '以事项类型代码（如 XK 行政许可、GG 公共服务）开头的基本编码',
  sector: '第 3–5 位为部门类别代码（001–016）的基本编码',
  mainSequence: '第 6–10 位主项序号不为 00000 的基本编码',
} as const;

const VISITS: Record<string, number> = {
  '0': 0,
  '1': 1,
  '2': 2,
  '0次': 0,
  '1次': 1,
  '2次': 2,
  '2次及以上': 2,
  两次及以上: 2,
};

function readListRow(r: RowReader<ListField>): ParsedList {
  const v: Record<string, unknown> = {};

  const itemCode = r.required('itemCode')?.toUpperCase();
  if (itemCode !== undefined) {
    const parsed = parseServiceItemCode(itemCode);
    if (!parsed.ok) r.expected('itemCode', ITEM_CODE_PROBLEMS[parsed.reason]);
  }
  const organisationName = r.required('organisationName');
  const regionCode = r.required('regionCode');
  if (regionCode !== undefined && !isRegionCode(regionCode)) {
    r.expected('regionCode', '6 位行政区划代码（GB/T 2260）');
  }
  const key =
    itemCode !== undefined && organisationName !== undefined && regionCode !== undefined
      ? listKey(itemCode, organisationName, regionCode)
      : undefined;

  put(v, 'handlingKind', r.word('handlingKind', HANDLING_KIND_WORDS));
  put(v, 'statutoryLimitDays', r.integer('statutoryLimitDays', 0, 365));
  put(v, 'promisedLimitDays', r.integer('promisedLimitDays', 0, 365));
  v.acceptanceConditions = r.text('acceptanceConditions');

  const visits = r.required('onSiteVisits');
  if (visits !== undefined) {
    const n = VISITS[visits.replace(/\s+/g, '')];
    if (n === undefined) r.expected('onSiteVisits', '0、1 或 2（2 表示 2 次及以上）');
    put(v, 'onSiteVisits', n);
  }

  const depth = r.required('onlineDepth');
  if (depth !== undefined) {
    const n = /^[1-4]$/.test(depth)
      ? Number(depth)
      : Object.entries(ONLINE_DEPTH_WORDS).find(([, w]) => w === depth)?.[0];
    if (n === undefined) {
      r.expected('onlineDepth', `1–4 或${orList(Object.values(ONLINE_DEPTH_WORDS))}`);
    }
    put(v, 'onlineDepth', n === undefined ? undefined : Number(n));
  }

  put(v, 'channels', readChannels(r));
  put(v, 'serviceWindowIds', readWindowIds(r));

  const charged = r.yesNo('fees');
  const free = charged === undefined ? undefined : !charged;

  put(v, 'processDefinitionKey', r.required('processDefinitionKey'));
  put(v, 'steps', readSteps(r));
  put(v, 'allowsPendingMaterials', r.yesNo('allowsPendingMaterials'));
  put(v, 'result', readResult(r));
  put(v, 'crossRegionScope', r.word('crossRegionScope', SCOPE_WORDS));
  put(v, 'lifeEvents', readLifeEvents(r));
  put(v, 'consultationPhone', r.optional('consultationPhone'));
  put(v, 'complaintPhone', r.optional('complaintPhone'));
  put(v, 'address', r.optional('address'));
  put(v, 'officeHours', r.optional('officeHours'));
  put(v, 'form', readForm(r));

  return {
    row: r.row,
    key,
    itemCode: itemCode ?? '',
    organisationName: organisationName ?? '',
    regionCode: regionCode ?? '',
    values: v,
    free,
    failed: new Set([...r.failed].map((f) => (f === 'resultKind' ? 'result' : f))),
    duplicate: false,
    materials: [],
    fees: [],
    faqs: [],
  };
}

function readChannels(r: RowReader<ListField>) {
  const channels: string[] = [];
  const byWord = new Map(Object.entries(CHANNEL_WORDS).map(([c, w]) => [w, c]));
  for (const word of splitList(r.text('channels'))) {
    const c = byWord.get(word);
    if (c === undefined) {
      return r.expected(
        'channels',
        `${orList(Object.values(CHANNEL_WORDS))}中的一项或多项（以“、”分隔）`,
        word,
      );
    }
    if (!channels.includes(c)) channels.push(c);
  }
  return channels;
}

function readWindowIds(r: RowReader<ListField>) {
  const ids: string[] = [];
  for (const id of splitList(r.text('serviceWindowIds'))) {
    if (!UUID.test(id)) return r.expected('serviceWindowIds', '以逗号分隔的窗口 UUID', id);
    ids.push(id.toLowerCase());
  }
  return ids;
}

function readLifeEvents(r: RowReader<ListField>) {
  const events: string[] = [];
  for (const word of splitList(r.text('lifeEvents'))) {
    if (!(LIFE_EVENTS as readonly string[]).includes(word)) {
      return r.expected('lifeEvents', `以“、”分隔的主题（${LIFE_EVENTS.join('、')}）`, word);
    }
    if (!events.includes(word)) events.push(word);
  }
  return events;
}

/** 受理(1)→审查(3)：说明→决定; days and description are optional */
function readSteps(r: RowReader<ListField>): ProcessStep[] | undefined {
  const text = r.text('steps');
  if (text === '') return [];
  const steps: ProcessStep[] = [];
  const tokens = text.split(STEP_SEPARATORS);
  for (const [i, raw] of tokens.entries()) {
    const token = raw.trim();
    const colon = token.search(/[:：]/);
    const head = (colon < 0 ? token : token.slice(0, colon)).trim();
    const m = /^(.*?)\s*[(（]\s*(\d+)\s*(?:个?工作日|天|日)?\s*[)）]$/.exec(head);
    const name = (m ? m[1] : head) ?? '';
    if (name === '') {
      return r.fail(
        'steps',
        `办理环节应写作 受理(1)→审查(3)→决定(1)，第 ${i + 1} 步缺少名称，实为 "${clip(text)}"`,
      );
    }
    const step: ProcessStep = { name };
    if (m?.[2] !== undefined) step.limitDays = Number(m[2]);
    if (colon >= 0) step.description = token.slice(colon + 1).trim();
    steps.push(step);
  }
  return steps;
}

function readResult(r: RowReader<ListField>) {
  const kind = r.word('resultKind', RESULT_KIND_WORDS);
  const what = r.required('result');
  if (kind === undefined || what === undefined) return undefined;
  if (kind === 'certificate') {
    const code = what.toUpperCase();
    return CERTIFICATE_TYPE_CODE.test(code)
      ? { kind, certificateTypeCode: code }
      : r.expected('result', HINTS.certificateTypeCode ?? '');
  }
  return what.length <= 200
    ? { kind, name: what }
    : r.fail('result', `办理结果不能超过 200 个字符，实为 ${what.length} 个`);
}

function readForm(r: RowReader<ListField>): ApplicationForm | undefined {
  const text = r.text('form');
  if (text === '') return structuredClone(DEFAULT_FORM);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return r.fail('form', `申请表单不是有效的 JSON（${(e as Error).message}）`);
  }
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (
    !isObject(parsed) ||
    !isObject(parsed.schema) ||
    (parsed.uiSchema !== undefined && !isObject(parsed.uiSchema))
  ) {
    return r.expected('form', '{"schema": {…}, "uiSchema": {…}} 形式的 JSON 对象');
  }
  return { schema: parsed.schema, uiSchema: isObject(parsed.uiSchema) ? parsed.uiSchema : {} };
}

// ---------------------------------------------------------------------------------------------
// Reading: materials, fees, FAQs

function readMaterialRow(r: RowReader<MaterialField>): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  put(v, 'key', r.required('key'));
  put(v, 'name', r.required('name'));
  put(v, 'requirement', r.word('requirement', REQUIREMENT_WORDS));
  put(v, 'condition', r.optional('condition'));
  put(
    v,
    'form',
    r.word('form', MATERIAL_FORM_WORDS, { 电子件: 'electronic', 电子版: 'electronic' }),
  );
  put(v, 'copies', r.integer('copies', 0, 20));
  put(v, 'source', r.word('source', MATERIAL_SOURCE_WORDS));
  put(v, 'certificateTypeCode', r.optional('certificateTypeCode')?.toUpperCase());
  put(v, 'sharedDataResource', r.optional('sharedDataResource'));
  put(v, 'sampleUrl', r.optional('sampleUrl'));
  put(v, 'blankFormUrl', r.optional('blankFormUrl'));
  put(v, 'note', r.optional('note'));

  const types = r.optional('acceptedTypes');
  if (types !== undefined) {
    const list: string[] = [];
    for (const t of splitList(types)) {
      if (!MIME_TYPE.test(t)) {
        r.expected('acceptedTypes', '以逗号分隔的 MIME 类型（如 application/pdf,image/jpeg）', t);
        break;
      }
      if (!list.includes(t.toLowerCase())) list.push(t.toLowerCase());
    }
    if (!r.failed.has('acceptedTypes')) v.acceptedTypes = list;
  }
  const mb = r.optional('maxBytes');
  if (mb !== undefined) {
    const bytes = /^\d+(\.\d+)?$/.test(mb) ? Math.round(Number(mb) * MIB) : NaN;
    if (bytes >= 1024 && bytes <= 50 * MIB) v.maxBytes = bytes;
    else r.expected('maxBytes', '0.001–50 之间的数（单位 MB）');
  }
  return v;
}

function readFeeRow(r: RowReader<FeeField>): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  put(v, 'name', r.required('name'));
  const amount = r.required('amountFen')?.replace(/^[¥￥]\s*/, '');
  if (amount !== undefined) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
    const fen = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
    if (fen >= 1 && fen <= 100_000_000) v.amountFen = fen;
    else r.expected('amountFen', '0.01–1000000 元之间、最多两位小数的金额');
  }
  put(v, 'legalBasis', r.required('legalBasis'));
  put(v, 'nonTaxRevenueCode', r.optional('nonTaxRevenueCode'));
  put(v, 'collectAt', r.word('collectAt', COLLECT_AT_WORDS));
  return v;
}

function readFaqRow(r: RowReader<FaqField>): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  put(v, 'question', r.required('question'));
  put(v, 'answer', r.required('answer'));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Schema errors → cells

/** what a well-formed value looks like, for pattern and format errors, by property name */
const HINTS: Record<string, string> = {
  key: '以小写字母开头的字母或数字（最长 40 位，如 idCard）',
  processDefinitionKey: '以小写字母开头的小写字母、数字和连字符（2–64 位，如 promised-case）',
  nonTaxRevenueCode: '4–20 位字母或数字',
  certificateTypeCode: '21 位证照类型代码（18 位统一社会信用代码 + 3 位数字）',
  uuid: 'UUID',
};

/** Chinese names of nested properties, for messages about a part of a cell */
const PART_NAMES: Record<string, string> = {
  name: '名称',
  limitDays: '时限',
  description: '说明',
  schema: 'schema',
  uiSchema: 'uiSchema',
};

const numberOf = (schema: TSchema, key: string): number | undefined => {
  const v: unknown = (schema as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : undefined;
};

/** A Chinese sentence for a TypeBox error about the value called `label`. */
function describe(e: ValueError, label: string, hint: string | undefined): string {
  const min = numberOf(e.schema, 'minimum');
  const max = numberOf(e.schema, 'maximum');
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
    case ValueErrorType.StringMinLength:
      return `${label}不能为空`;
    case ValueErrorType.StringMaxLength:
      return `${label}不能超过 ${numberOf(e.schema, 'maxLength')} 个字符，实为 ${String(e.value).length} 个`;
    case ValueErrorType.StringPattern:
    case ValueErrorType.StringFormat:
      return hint === undefined
        ? `${label}格式不正确，实为 ${show(e.value)}`
        : `${label}应为${spaced(hint)}，实为 ${show(e.value)}`;
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
      return min !== undefined && max !== undefined
        ? `${label}应为 ${min}–${max} 的整数，实为 ${show(e.value)}`
        : `${label}应为整数，实为 ${show(e.value)}`;
    case ValueErrorType.ArrayMaxItems:
      return `${label}最多 ${numberOf(e.schema, 'maxItems')} 项，实为 ${Array.isArray(e.value) ? e.value.length : '?'} 项`;
    case ValueErrorType.ArrayUniqueItems:
      return `${label}有重复项`;
    default:
      return `${label}不符合要求，实为 ${show(e.value)}`;
  }
}

/**
 * Reports the schema errors of a value read from one row, each at the cell its path starts
 * with; paths of cells already reported are skipped.
 */
function reportRowErrors<F extends string>(
  schema: TSchema,
  value: Record<string, unknown>,
  at: { sheet: string; row: number; headers: Record<F, string>; labels: Record<F, string> },
  failed: ReadonlySet<string>,
  problems: Problems,
  fallback: F,
): void {
  if (Value.Check(schema, value)) return;
  for (const e of Value.Errors(schema, value)) {
    const [top = '', ...rest] = e.path.split('/').slice(1);
    if (failed.has(top)) continue;
    const field = (top in at.headers ? top : fallback) as F;
    problems.add(
      at.sheet,
      at.row,
      at.headers[field],
      describe(e, at.labels[field] + partLabel(rest), hintFor(e)),
    );
  }
}

/** 第 3 项的名称 for ['2', 'name'] */
function partLabel(rest: readonly string[]): string {
  return rest
    .map((p, i) =>
      /^\d+$/.test(p) ? `第 ${Number(p) + 1} 项` : `${i === 0 ? '的' : ''}${PART_NAMES[p] ?? p}`,
    )
    .join('');
}

function hintFor(e: ValueError): string | undefined {
  const format = (e.schema as Record<string, unknown>).format;
  if (typeof format === 'string') return HINTS[format];
  const last = e.path.split('/').at(-1) ?? '';
  return HINTS[last];
}

const labelsOf = <F extends string>(spec: Record<F, ColumnSpec>) =>
  Object.fromEntries(
    Object.entries<ColumnSpec>(spec).map(([k, c]) => [k, baseLabel(c.header)]),
  ) as Record<F, string>;

// ---------------------------------------------------------------------------------------------
// Reading: the workbook

/**
 * Reads a workbook of implementation lists. Every bad cell is reported (sheet, Excel row,
 * column header, a Chinese message); when there is any, no list is returned. Lists come in the
 * order of 实施清单. Content rules of publication (promised ≤ statutory …) are not checked:
 * imported lists become drafts.
 */
export async function readListsWorkbook(
  data: Buffer,
  options: { maxRows?: number } = {},
): Promise<ReadResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, errors: [{ sheet: '', row: 1, column: '', message: NOT_XLSX }] };
  }
  if (wb.worksheets.length === 0) {
    return { ok: false, errors: [{ sheet: '', row: 1, column: '', message: NOT_XLSX }] };
  }

  const problems = new Problems();
  const mainTable = readTable(wb, SHEETS.lists, LIST_SHEET, problems);
  const materialTable = readTable(wb, SHEETS.materials, MATERIAL_SHEET, problems);
  const feeTable = readTable(wb, SHEETS.fees, FEE_SHEET, problems);
  const faqTable = readTable(wb, SHEETS.faqs, FAQ_SHEET, problems);
  if (!mainTable || !materialTable || !feeTable || !faqTable) {
    return { ok: false, errors: problems.errors };
  }
  const excess = mainTable.rows[maxRows];
  if (excess) {
    const message = `${SHEETS.lists}最多 ${maxRows} 行，实有 ${mainTable.rows.length} 行`;
    return { ok: false, errors: [{ sheet: SHEETS.lists, row: excess.row, column: '', message }] };
  }

  // the main sheet
  const lists: ParsedList[] = [];
  const byKey = new Map<string, ParsedList>();
  for (const { row, cells } of mainTable.rows) {
    const parsed = readListRow(new RowReader(mainTable, row, cells, problems));
    lists.push(parsed);
    if (parsed.key === undefined) continue;
    const first = byKey.get(parsed.key);
    if (first) {
      parsed.duplicate = true;
      problems.add(
        SHEETS.lists,
        row,
        mainTable.headers.itemCode,
        `与第 ${first.row} 行是同一清单（事项编码、实施机构、区划代码都相同），每个清单只能有一行`,
      );
    } else byKey.set(parsed.key, parsed);
  }

  // the other sheets: each row is checked alone, then attached to its list
  const children = <F extends FaqField | FeeField | MaterialField>(
    table: Table<F>,
    read: (r: RowReader<F>) => Record<string, unknown>,
    schema: TSchema,
    attach: (list: ParsedList, child: ChildRow, r: RowReader<F>) => void,
  ) => {
    const labels = labelsOf(table.spec);
    for (const { row, cells } of table.rows) {
      const r = new RowReader(table, row, cells, problems);
      const owner = r.listKey();
      const value = read(r);
      reportRowErrors(
        schema,
        value,
        { sheet: table.sheet, row, headers: table.headers, labels },
        r.failed as ReadonlySet<string>,
        problems,
        'itemCode' as F,
      );
      if (owner === undefined) continue;
      const list = byKey.get(owner.key);
      if (list) attach(list, { row, value }, r);
      else {
        problems.add(
          table.sheet,
          row,
          table.headers['itemCode' as F],
          `“${SHEETS.lists}”中没有这个清单（事项编码 ${owner.itemCode}、实施机构 ${owner.organisationName}、区划代码 ${owner.regionCode}）`,
        );
      }
    }
  };

  const materialKeys = new Map<ParsedList, Map<string, number>>();
  children(materialTable, readMaterialRow, Material, (list, child, r) => {
    list.materials.push(child);
    const key = child.value.key;
    if (typeof key !== 'string') return;
    const seen = materialKeys.get(list) ?? new Map<string, number>();
    materialKeys.set(list, seen);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, child.row);
    else
      r.fail('key', `材料标识“${key}”在本清单中已用于第 ${earlier} 行，同一清单的材料标识不能重复`);
  });
  children(feeTable, readFeeRow, FeeItem, (list, child) => list.fees.push(child));
  children(faqTable, readFaqRow, Faq, (list, child) => list.faqs.push(child));

  // each list as a whole
  const imported: ImportedList[] = [];
  for (const list of lists) {
    const elements: Record<string, unknown> = {
      ...list.values,
      materials: list.materials.map((c) => c.value),
      fees: {
        ...(list.free !== undefined && { free: list.free }),
        items: list.fees.map((c) => c.value),
      },
      faqs: list.faqs.map((c) => c.value),
    };
    if (list.free === true && list.fees.length > 0) {
      problems.add(
        SHEETS.lists,
        list.row,
        mainTable.headers.fees,
        `是否收费为“否”，但“${SHEETS.fees}”中有本清单的 ${list.fees.length} 项收费（第 ${list.fees.map((c) => c.row).join('、')} 行）`,
      );
    } else if (list.free === false && list.fees.length === 0 && !list.duplicate) {
      problems.add(
        SHEETS.lists,
        list.row,
        mainTable.headers.fees,
        `是否收费为“是”，但“${SHEETS.fees}”中没有本清单的收费项目`,
      );
    }
    if (!Value.Check(ImplementationElements, elements)) {
      for (const e of Value.Errors(ImplementationElements, elements)) {
        const cell = locate(list, e, mainTable, materialTable, feeTable, faqTable);
        if (cell) problems.add(cell.sheet, cell.row, cell.column, cell.message);
      }
      if (!listHasProblems(list, problems)) {
        problems.add(
          SHEETS.lists,
          list.row,
          mainTable.headers.itemCode,
          '清单要素不完整或格式不正确',
        );
      }
      continue;
    }
    imported.push({
      row: list.row,
      itemCode: list.itemCode,
      organisationName: list.organisationName,
      regionCode: list.regionCode,
      elements,
    });
  }

  if (problems.errors.length > 0) {
    // sheet by sheet, row by row, left to right
    const sheets: string[] = Object.values(SHEETS);
    const columns = new Map<string, string[]>(
      [mainTable, materialTable, feeTable, faqTable].map((t) => [
        t.sheet,
        Object.values<string>(t.headers),
      ]),
    );
    const rank = (e: ImportCellError) => [
      sheets.indexOf(e.sheet),
      e.row,
      columns.get(e.sheet)?.indexOf(e.column) ?? -1,
    ];
    const errors = problems.errors
      .map((e) => ({ e, key: rank(e) }))
      .sort((a, b) => a.key.reduce((d, x, i) => d || x - (b.key[i] ?? 0), 0))
      .map(({ e }) => e);
    return { ok: false, errors };
  }
  return { ok: true, lists: imported };
}

function listHasProblems(list: ParsedList, problems: Problems): boolean {
  return (
    problems.hasRow(SHEETS.lists, list.row) ||
    list.materials.some((c) => problems.hasRow(SHEETS.materials, c.row)) ||
    list.fees.some((c) => problems.hasRow(SHEETS.fees, c.row)) ||
    list.faqs.some((c) => problems.hasRow(SHEETS.faqs, c.row))
  );
}

/**
 * The cell a schema error of a whole list belongs to, with its message; undefined when the
 * error was already reported (a failed cell, or a material/fee/FAQ row checked on its own).
 */
function locate(
  list: ParsedList,
  e: ValueError,
  main: Table<ListField>,
  materials: Table<MaterialField>,
  fees: Table<FeeField>,
  faqs: Table<FaqField>,
): ImportCellError | undefined {
  const [top = '', second, third] = e.path.split('/').slice(1);
  const tooMany = <F extends string>(table: Table<F>, rows: ChildRow[], what: string) => {
    const max = numberOf(e.schema, 'maxItems');
    const first = max === undefined ? undefined : rows[max];
    const message = `每个清单最多 ${max} 项${what}，本清单有 ${rows.length} 项`;
    return first
      ? { sheet: table.sheet, row: first.row, column: table.headers['itemCode' as F], message }
      : { sheet: SHEETS.lists, row: list.row, column: main.headers.itemCode, message };
  };
  if (top === 'materials')
    return second === undefined ? tooMany(materials, list.materials, '申请材料') : undefined;
  if (top === 'faqs')
    return second === undefined ? tooMany(faqs, list.faqs, '常见问题') : undefined;
  if (top === 'fees' && second === 'items') {
    return third === undefined ? tooMany(fees, list.fees, '收费项目') : undefined;
  }
  if (list.failed.has(top)) return undefined;
  const field: ListField =
    top === 'result'
      ? second === 'kind'
        ? 'resultKind'
        : 'result'
      : top in LIST_SHEET
        ? (top as ListField)
        : 'itemCode';
  const rest = e.path.split('/').slice(2);
  const label = baseLabel(LIST_SHEET[field].header) + (top === 'fees' ? '' : partLabel(rest));
  return {
    sheet: SHEETS.lists,
    row: list.row,
    column: main.headers[field],
    message: describe(e, label, hintFor(e)),
  };
}
