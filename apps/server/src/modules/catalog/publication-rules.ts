import type { ErrorObject } from 'ajv';
import { createAjv } from '../../kernel/json-schema.js';
import {
  PREFILL_KEYWORD,
  PREFILL_SOURCES,
  type ImplementationElements,
  type ProblemFieldError,
} from '@zhengtong/contracts';
import { parseServiceItemCode, type ServiceItemCodeFailure } from '@zhengtong/gb';

// What an implementation list must satisfy before it is submitted or published. A draft may be
// incomplete; these rules say everything that keeps it from going public, all at once, so an
// editor fixes the list in one pass (the 一次性告知 habit applied to our own staff).

export interface PublicationContext {
  itemCode: string;
  knownCertificateTypes: ReadonlySet<string>;
  /** ids of service windows that exist (the service resolves them) */
  knownServiceWindowIds: ReadonlySet<string>;
}

/** Warnings Ajv logs while compiling (e.g. an unknown format), collected for the caller. */
let compileWarnings: string[] = [];
const collect = (...args: unknown[]): void => {
  compileWarnings.push(args.map(String).join(' '));
};

/**
 * One instance for checking application forms. Draft-07 as RJSF uses it; not strict, because
 * RJSF schemas carry keywords of their own (`enumNames`); schemas are never kept after the
 * check (`addUsedSchema: false` and removeSchema), so form authors' `$id`s cannot clash.
 */
const formAjv = createAjv({
  allErrors: true,
  addUsedSchema: false,
  logger: { log: () => undefined, warn: collect, error: collect },
});
// the two formats RJSF's validator adds to ajv-formats' (file widgets and colour pickers)
formAjv.addFormat('data-url', /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/);
formAjv.addFormat(
  'color',
  /^(#?([0-9A-Fa-f]{3}){1,2}\b|aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|(rgb\(\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*\))|(rgb\(\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*\)))$/,
);

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Problems of an application form's JSON Schema: not a draft-07 schema, a root that is not an
 * object, or one Ajv cannot compile (an unresolvable `$ref`, an unknown format). Paths are
 * `path` plus the pointer into the schema where Ajv found the fault.
 */
export function formSchemaProblems(
  schema: unknown,
  path = '/elements/form/schema',
): ProblemFieldError[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return [{ path, message: '表单定义须为 JSON Schema 对象' }];
  }
  const problems: ProblemFieldError[] = [];
  const root = schema as Record<string, unknown>;
  if (root.type !== 'object') {
    problems.push({
      path: `${path}/type`,
      message: `表单根节点的 type 须为 object，现为 ${JSON.stringify(root.type) ?? '空'}`,
    });
  }
  let valid: boolean;
  try {
    valid = formAjv.validateSchema(schema) as boolean;
  } catch (e) {
    // e.g. a `$schema` naming a draft Ajv does not know
    return [...problems, { path, message: `表单定义无效：${errorText(e)}` }];
  }
  if (!valid) {
    return [...problems, ...metaSchemaProblems(schema, formAjv.errors ?? [], path)];
  }
  const prefill = prefillProblems(schema, path);
  problems.push(...prefill.problems);
  // a keyword value of the wrong type would only repeat itself as a compile error
  if (!prefill.compilable) return problems;
  compileWarnings = [];
  try {
    formAjv.compile(schema);
    problems.push(...[...new Set(compileWarnings)].map((w) => warningProblem(w, path)));
  } catch (e) {
    problems.push({ path, message: `表单定义无法编译：${errorText(e)}` });
  } finally {
    compileWarnings = [];
    formAjv.removeSchema(schema);
  }
  return problems;
}

/** Keywords whose values are instance data, not schemas: nothing in them is an annotation. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
const escapeToken = (t: string): string => t.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * 预填: every `x-zt-prefill` in the schema must name a known source. Reported at the keyword
 * (`…/properties/<field>/x-zt-prefill`); `compilable` is false when a value is not a string,
 * which Ajv would refuse to compile.
 */
function prefillProblems(
  schema: object,
  path: string,
): { problems: ProblemFieldError[]; compilable: boolean } {
  const problems: ProblemFieldError[] = [];
  let compilable = true;
  const known: readonly string[] = PREFILL_SOURCES;
  const visit = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${pointer}/${i}`));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${escapeToken(key)}`;
      if (key === PREFILL_KEYWORD) {
        if (typeof value !== 'string') compilable = false;
        if (typeof value !== 'string' || !known.includes(value)) {
          problems.push({
            path: `${path}${at}`,
            message: `表单字段的预填来源 ${JSON.stringify(value) ?? '空'} 未知，可选：${known.join('、')}`,
          });
        }
      } else if (!DATA_KEYWORDS.has(key)) {
        visit(value, at);
      }
    }
  };
  visit(schema, '');
  return { problems, compilable };
}

/** Ajv warns e.g. `unknown format "x" ignored in schema at path "#/properties/a"`. */
function warningProblem(warning: string, path: string): ProblemFieldError {
  const at = /at path "#([^"]*)"/.exec(warning)?.[1] ?? '';
  const format = /unknown format "([^"]*)"/.exec(warning)?.[1];
  return format === undefined
    ? { path: `${path}${at}`, message: `表单定义有误：${warning}` }
    : { path: `${path}${at}/format`, message: `表单定义使用了未知的格式 "${format}"` };
}

/** The value at a JSON pointer (RFC 6901) inside `root`. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * The meta-schema reports a wrong `type` three times (enum, array, anyOf); one message per
 * place is enough, the most specific one (the first).
 */
function metaSchemaProblems(
  schema: object,
  errors: readonly ErrorObject[],
  path: string,
): ProblemFieldError[] {
  const byPlace = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (!byPlace.has(e.instancePath)) byPlace.set(e.instancePath, e);
  }
  return [...byPlace.values()].map((e) => {
    const allowed = (e.params as { allowedValues?: unknown }).allowedValues;
    const options = Array.isArray(allowed) ? `，可选：${allowed.join('、')}` : '';
    const actual = JSON.stringify(valueAt(schema, e.instancePath)) ?? '空';
    return {
      path: `${path}${e.instancePath}`,
      message: `表单定义不符合 JSON Schema：${e.instancePath || '根节点'} ${e.message ?? ''}（现为 ${actual}${options}）`,
    };
  });
}

const CODE_FAILURES: Record<ServiceItemCodeFailure, string> = {
  format: '应为 2 位大写字母加 11 位数字',
  itemType: '前 2 位不是已知的事项类型代码',
  sector: '第 3–5 位不是已知的部门类别代码',
  mainSequence: '主项序号不能为 00000',
};

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Every reason the elements cannot be published, each with a JSON pointer; [] when none. */
export function publicationProblems(
  elements: ImplementationElements,
  ctx: PublicationContext,
): ProblemFieldError[] {
  const problems: ProblemFieldError[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const el = '/elements';

  const code = parseServiceItemCode(ctx.itemCode);
  if (!code.ok) add('/itemCode', `事项编码 ${ctx.itemCode} 无效：${CODE_FAILURES[code.reason]}`);

  // time limits (working days)
  const { statutoryLimitDays: statutory, promisedLimitDays: promised } = elements;
  if (promised > statutory) {
    add(
      `${el}/promisedLimitDays`,
      `承诺时限 ${promised} 个工作日超过法定时限 ${statutory} 个工作日`,
    );
  }
  if (elements.handlingKind === 'immediate' && promised !== 0) {
    add(`${el}/promisedLimitDays`, `即办件的承诺时限应为 0 个工作日，现为 ${promised} 个工作日`);
  }
  if (elements.handlingKind === 'promised') {
    if (promised < 1) add(`${el}/promisedLimitDays`, '承诺件的承诺时限至少为 1 个工作日');
    if (statutory < 1) add(`${el}/statutoryLimitDays`, '承诺件的法定时限至少为 1 个工作日');
  }
  const stepDays = elements.steps.map((s) => s.limitDays);
  if (stepDays.length > 0 && stepDays.every((d) => d !== undefined)) {
    const total = stepDays.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    if (total > promised) {
      add(`${el}/steps`, `各办理环节时限合计 ${total} 个工作日超过承诺时限 ${promised} 个工作日`);
    }
  }

  // visits and online service
  if (elements.onSiteVisits === 0 && elements.onlineDepth !== 4) {
    add(
      `${el}/onlineDepth`,
      `到现场次数为 0（一次不用跑）须全程网办（网办深度 4），现为网办深度 ${elements.onlineDepth}`,
    );
  }
  const { channels } = elements;
  if (channels.length === 0) {
    add(`${el}/channels`, '至少需要一个办理渠道');
  } else if (
    elements.onlineDepth >= 3 &&
    !channels.includes('online') &&
    !channels.includes('mobile')
  ) {
    add(`${el}/channels`, `网办深度 ${elements.onlineDepth} 须提供网上或移动端办理渠道`);
  }
  if (channels.includes('window') && elements.serviceWindowIds.length === 0) {
    add(`${el}/serviceWindowIds`, '窗口办理须指定至少一个办事窗口');
  }
  elements.serviceWindowIds.forEach((id, i) => {
    if (!ctx.knownServiceWindowIds.has(id)) {
      add(`${el}/serviceWindowIds/${i}`, `办事窗口 ${id} 不存在`);
    }
  });

  // required content of the guide
  if (blank(elements.acceptanceConditions)) add(`${el}/acceptanceConditions`, '受理条件不能为空');
  if (elements.materials.length === 0) add(`${el}/materials`, '至少需要一项申请材料');
  if (elements.steps.length === 0) add(`${el}/steps`, '至少需要一个办理环节');
  if (blank(elements.consultationPhone)) add(`${el}/consultationPhone`, '咨询电话不能为空');

  // materials
  const firstByKey = new Map<string, number>();
  elements.materials.forEach((m, i) => {
    const at = `${el}/materials/${i}`;
    const label = `第 ${i + 1} 项材料“${m.name}”`;
    const first = firstByKey.get(m.key);
    if (first === undefined) firstByKey.set(m.key, i);
    else add(`${at}/key`, `${label}的标识 ${m.key} 与第 ${first + 1} 项材料重复`);
    if (m.requirement === 'conditional' && blank(m.condition)) {
      add(`${at}/condition`, `${label}为容缺或情形材料，须说明需要提交的情形`);
    }
    if (m.source === 'certificate') {
      if (m.certificateTypeCode === undefined) {
        add(`${at}/certificateTypeCode`, `${label}由电子证照免提交，须指定证照类型`);
      } else if (!ctx.knownCertificateTypes.has(m.certificateTypeCode)) {
        add(
          `${at}/certificateTypeCode`,
          `${label}的证照类型 ${m.certificateTypeCode} 不在证照目录中`,
        );
      }
    }
    if (m.source === 'sharedData' && blank(m.sharedDataResource)) {
      add(`${at}/sharedDataResource`, `${label}由共享数据免提交，须指定数据资源`);
    }
    if (m.form !== 'electronic' && m.copies < 1) {
      add(`${at}/copies`, `${label}为纸质材料，份数至少为 1`);
    }
  });

  // fees
  if (elements.fees.free && elements.fees.items.length > 0) {
    add(`${el}/fees/items`, `不收费事项不应列出收费项目（现有 ${elements.fees.items.length} 项）`);
  }
  if (!elements.fees.free && elements.fees.items.length === 0) {
    add(`${el}/fees/items`, '收费事项须列出至少一个收费项目');
  }

  // result
  const { result } = elements;
  if (result.kind === 'certificate') {
    if (!result.certificateTypeCode) {
      add(`${el}/result/certificateTypeCode`, '办理结果为证照时须填写证照类型');
    } else if (!ctx.knownCertificateTypes.has(result.certificateTypeCode)) {
      add(
        `${el}/result/certificateTypeCode`,
        `办理结果的证照类型 ${result.certificateTypeCode} 不在证照目录中`,
      );
    }
  } else if (!result.name?.trim()) {
    add(`${el}/result/name`, '办理结果为文书时须填写文书名称');
  }

  problems.push(...formSchemaProblems(elements.form.schema, `${el}/form/schema`));
  return problems;
}
