import type {
  FeeItem,
  ImplementationElements,
  ImportCellError,
  ItemResult,
  Material,
  ProcessStep,
} from '@zhengtong/contracts';
import { isApiError } from '../../shared/api/ApiError';
import type { Translate } from '../../shared/i18n/LocaleProvider';
import type { MessageKey } from '../../shared/i18n/messages';

// Between the implementation-list elements the API speaks and the values the editor's form
// holds: money in yuan instead of fen, the application form's schemas as JSON text.

/** A fee item as typed: yuan with two decimals. */
export interface FeeItemValues extends Omit<FeeItem, 'amountFen'> {
  amountYuan: number | null;
}

export interface EditorValues extends Omit<ImplementationElements, 'fees' | 'form'> {
  fees: { free: boolean; items: FeeItemValues[] };
  form: { schemaText: string; uiSchemaText: string };
  result: ItemResult;
}

/** A starting point for a new list: a promised case handled at the window and online. */
export function defaultElements(): ImplementationElements {
  return {
    handlingKind: 'promised',
    statutoryLimitDays: 20,
    promisedLimitDays: 10,
    acceptanceConditions: '',
    materials: [],
    fees: { free: true, items: [] },
    onSiteVisits: 1,
    onlineDepth: 3,
    channels: ['online', 'window'],
    serviceWindowIds: [],
    form: { schema: { type: 'object', properties: {}, required: [] }, uiSchema: {} },
    processDefinitionKey: 'promised-case',
    steps: [{ name: '受理' }, { name: '审查' }, { name: '决定' }, { name: '送达' }],
    allowsPendingMaterials: false,
    result: { kind: 'document', name: '办理结果通知书' },
    crossRegionScope: 'local',
    faqs: [],
    lifeEvents: [],
  };
}

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/**
 * The form's values for some elements. Every optional field is present, if undefined, so that
 * setting these values over a form's earlier ones leaves nothing of those behind.
 */
export function toEditorValues(elements: ImplementationElements): EditorValues {
  return {
    consultationPhone: undefined,
    complaintPhone: undefined,
    address: undefined,
    officeHours: undefined,
    ...elements,
    result: { certificateTypeCode: undefined, name: undefined, ...elements.result },
    fees: {
      free: elements.fees.free,
      items: elements.fees.items.map(({ amountFen, ...item }) => ({
        ...item,
        amountYuan: fenToYuan(amountFen),
      })),
    },
    form: {
      schemaText: JSON.stringify(elements.form.schema, null, 2),
      uiSchemaText: JSON.stringify(elements.form.uiSchema, null, 2),
    },
  };
}

/** A trimmed optional text, absent when blank (the schema's optional strings have minLength). */
function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function withOptional<T extends object>(target: T, extra: Record<string, unknown>): T {
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null) Object.assign(target, { [name]: value });
  }
  return target;
}

function cleanMaterial(material: Material): Material {
  return withOptional<Material>(
    {
      key: material.key.trim(),
      name: material.name.trim(),
      requirement: material.requirement,
      form: material.form,
      copies: material.copies ?? 1,
      source: material.source,
    },
    {
      // only what the chosen requirement and source use: a left-over certificate type on an
      // uploaded material would mislead the guide and the metrics
      condition: material.requirement === 'conditional' ? text(material.condition) : undefined,
      certificateTypeCode:
        material.source === 'certificate' ? text(material.certificateTypeCode) : undefined,
      sharedDataResource:
        material.source === 'sharedData' ? text(material.sharedDataResource) : undefined,
      sampleUrl: text(material.sampleUrl),
      blankFormUrl: text(material.blankFormUrl),
      acceptedTypes: material.acceptedTypes,
      maxBytes: material.maxBytes,
      note: text(material.note),
    },
  );
}

function cleanStep(step: ProcessStep): ProcessStep {
  return withOptional<ProcessStep>(
    { name: step.name.trim() },
    { description: text(step.description), limitDays: step.limitDays },
  );
}

function cleanFee(item: FeeItemValues): FeeItem {
  return withOptional<FeeItem>(
    {
      name: item.name.trim(),
      amountFen: yuanToFen(item.amountYuan ?? 0),
      legalBasis: item.legalBasis.trim(),
      collectAt: item.collectAt,
    },
    { nonTaxRevenueCode: text(item.nonTaxRevenueCode) },
  );
}

/** Thrown when the form's JSON text areas do not hold JSON objects. */
export class FormJsonError extends Error {
  constructor(readonly field: 'schemaText' | 'uiSchemaText') {
    super(`form.${field} is not a JSON object`);
  }
}

/** Parses a JSON object; the error says where parsing stopped. */
export function parseJsonObject(
  source: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'not an object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export function fromEditorValues(values: EditorValues): ImplementationElements {
  const schema = parseJsonObject(values.form.schemaText);
  if (!schema.ok) throw new FormJsonError('schemaText');
  const uiSchema = parseJsonObject(values.form.uiSchemaText);
  if (!uiSchema.ok) throw new FormJsonError('uiSchemaText');
  // only the field the kind uses; publication checks that it is there
  const result: ItemResult =
    values.result.kind === 'certificate'
      ? withOptional<ItemResult>(
          { kind: 'certificate' },
          { certificateTypeCode: text(values.result.certificateTypeCode) },
        )
      : withOptional<ItemResult>({ kind: 'document' }, { name: text(values.result.name) });
  return withOptional<ImplementationElements>(
    {
      handlingKind: values.handlingKind,
      statutoryLimitDays: values.statutoryLimitDays ?? 0,
      promisedLimitDays: values.promisedLimitDays ?? 0,
      acceptanceConditions: values.acceptanceConditions ?? '',
      materials: (values.materials ?? []).map(cleanMaterial),
      fees: {
        free: values.fees.free,
        items: values.fees.free ? [] : (values.fees.items ?? []).map(cleanFee),
      },
      onSiteVisits: values.onSiteVisits,
      onlineDepth: values.onlineDepth,
      channels: values.channels ?? [],
      serviceWindowIds: values.serviceWindowIds ?? [],
      form: { schema: schema.value, uiSchema: uiSchema.value },
      processDefinitionKey: values.processDefinitionKey,
      steps: (values.steps ?? []).map(cleanStep),
      allowsPendingMaterials: values.allowsPendingMaterials ?? false,
      result,
      crossRegionScope: values.crossRegionScope,
      faqs: (values.faqs ?? []).map((faq) => ({
        question: faq.question.trim(),
        answer: faq.answer.trim(),
      })),
      lifeEvents: values.lifeEvents ?? [],
    },
    {
      consultationPhone: text(values.consultationPhone),
      complaintPhone: text(values.complaintPhone),
      address: text(values.address),
      officeHours: text(values.officeHours),
    },
  );
}

/** A fresh material key not yet used in the list (`material3`). */
export function nextMaterialKey(materials: readonly Partial<Material>[] | undefined): string {
  const used = new Set((materials ?? []).map((material) => material?.key));
  let n = (materials?.length ?? 0) + 1;
  while (used.has(`material${n}`)) n += 1;
  return `material${n}`;
}

// ---------------------------------------------------------------------------------------------
// Problem paths

function decodeSegment(segment: string): string {
  let decoded = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  if (/%[0-9A-Fa-f]{2}/.test(decoded)) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // not percent-encoded after all
    }
  }
  return decoded;
}

export type FieldName = (string | number)[];

/**
 * The editor field a problem is about: `/elements/materials/0/key` (publication checks) or
 * `/body/elements/…` (request validation) → ['materials', 0, 'key']. Undefined for paths
 * outside the elements.
 */
export function elementsPathToName(path: string): FieldName | undefined {
  const match = /^(?:\/body)?\/elements(?:\/(.*))?$/.exec(path);
  if (!match?.[1]) return undefined;
  const name: FieldName = match[1]
    .split('/')
    .map(decodeSegment)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  // The form holds a few things differently from the API.
  if (name[0] === 'fees' && name[1] === 'items' && name[3] === 'amountFen') name[3] = 'amountYuan';
  if (name[0] === 'form') return ['form', name[1] === 'uiSchema' ? 'uiSchemaText' : 'schemaText'];
  return name;
}

const topLabels: Partial<Record<string, MessageKey>> = {
  handlingKind: 'catalogAdmin.el.handlingKind',
  statutoryLimitDays: 'catalogAdmin.el.statutoryLimitDays',
  promisedLimitDays: 'catalogAdmin.el.promisedLimitDays',
  acceptanceConditions: 'catalogAdmin.el.acceptanceConditions',
  materials: 'catalogAdmin.el.materials',
  fees: 'catalogAdmin.el.fees',
  onSiteVisits: 'catalogAdmin.el.onSiteVisits',
  onlineDepth: 'catalogAdmin.el.onlineDepth',
  channels: 'catalogAdmin.el.channels',
  serviceWindowIds: 'catalogAdmin.el.serviceWindowIds',
  form: 'catalogAdmin.el.form',
  processDefinitionKey: 'catalogAdmin.el.processDefinitionKey',
  steps: 'catalogAdmin.el.steps',
  allowsPendingMaterials: 'catalogAdmin.el.allowsPendingMaterials',
  result: 'catalogAdmin.el.result',
  crossRegionScope: 'catalogAdmin.el.crossRegionScope',
  faqs: 'catalogAdmin.el.faqs',
  lifeEvents: 'catalogAdmin.el.lifeEvents',
  consultationPhone: 'catalogAdmin.el.consultationPhone',
  complaintPhone: 'catalogAdmin.el.complaintPhone',
  address: 'catalogAdmin.el.address',
  officeHours: 'catalogAdmin.el.officeHours',
};

const innerLabels: Partial<Record<string, MessageKey>> = {
  key: 'catalogAdmin.material.key',
  name: 'catalogAdmin.field.name',
  requirement: 'catalogAdmin.material.requirement',
  condition: 'catalogAdmin.material.condition',
  form: 'catalogAdmin.material.form',
  copies: 'catalogAdmin.material.copies',
  source: 'catalogAdmin.material.source',
  certificateTypeCode: 'catalogAdmin.material.certificateType',
  sharedDataResource: 'catalogAdmin.material.sharedDataResource',
  sampleUrl: 'catalogAdmin.material.sampleUrl',
  blankFormUrl: 'catalogAdmin.material.blankFormUrl',
  note: 'catalogAdmin.material.note',
  free: 'catalogAdmin.fee.free',
  items: 'catalogAdmin.fee.items',
  amountFen: 'catalogAdmin.fee.amount',
  legalBasis: 'catalogAdmin.fee.legalBasis',
  nonTaxRevenueCode: 'catalogAdmin.fee.nonTaxRevenueCode',
  collectAt: 'catalogAdmin.fee.collectAt',
  description: 'catalogAdmin.step.description',
  limitDays: 'catalogAdmin.step.limitDays',
  question: 'catalogAdmin.faq.question',
  answer: 'catalogAdmin.faq.answer',
  kind: 'catalogAdmin.result.kind',
  schema: 'catalogAdmin.form.schema',
  uiSchema: 'catalogAdmin.form.uiSchema',
};

/** `/elements/materials/2/certificateTypeCode` → 申请材料 › 第 3 项 › 证照类型. */
export function describeElementsPath(path: string, t: Translate): string {
  const match = /^(?:\/body)?\/elements(?:\/(.*))?$/.exec(path);
  if (!match) return path;
  if (!match[1]) return t('catalogAdmin.el.all');
  return match[1]
    .split('/')
    .map(decodeSegment)
    .map((segment, index) => {
      if (/^\d+$/.test(segment)) return t('catalogAdmin.editor.nth', { n: Number(segment) + 1 });
      const key = (index === 0 ? topLabels : innerLabels)[segment];
      return key ? t(key) : segment;
    })
    .join(' › ');
}

/** The bad cells of a refused import: `/<sheet>/<row>/<column>` paths of a 422 problem. */
export function importCellErrors(error: unknown): ImportCellError[] {
  if (!isApiError(error) || error.status !== 422) return [];
  return error.fieldErrors.map((fieldError) => {
    const [sheet = '', row = '', ...column] = fieldError.path
      .split('/')
      .slice(1)
      .map(decodeSegment);
    return {
      sheet,
      row: /^\d+$/.test(row) ? Number(row) : 0,
      column: column.join('/'),
      message: fieldError.message,
    };
  });
}
