import { isDeepStrictEqual } from 'node:util';
import type {
  ApplicationForm,
  BundleMaterial,
  ImplementationElements,
  Material,
} from '@zhengtong/contracts';

// 一件事一次办: several items applied for together. The applicant fills one form and hands in
// each material once; the items' own applications are filled from it through `fieldMap`.

export interface BundleMemberInput {
  itemCode: string;
  itemName: string;
  stage: number;
  elements: ImplementationElements;
}

export interface MergedBundle {
  form: ApplicationForm;
  /** for each field of the merged form, the member items' fields it fills */
  fieldMap: Record<string, { itemCode: string; field: string }[]>;
  materials: BundleMaterial[];
  /** Σ over stages of the longest promised limit in the stage */
  promisedLimitDays: number;
  statutoryLimitDays: number;
  /** Σ of every member's promised limit: the time the items take applied for one by one */
  separatePromisedLimitDays: number;
  onSiteVisits: number;
}

export function mergeBundle(members: readonly BundleMemberInput[]): MergedBundle {
  return {
    ...mergeForms(members),
    materials: mergeMaterials(members),
    promisedLimitDays: stagedDays(members, (e) => e.promisedLimitDays),
    statutoryLimitDays: stagedDays(members, (e) => e.statutoryLimitDays),
    separatePromisedLimitDays: members.reduce((s, m) => s + m.elements.promisedLimitDays, 0),
    onSiteVisits: Math.max(0, ...members.map((m) => m.elements.onSiteVisits)),
  };
}

/** Members of one stage run in parallel, stages one after another. */
function stagedDays(
  members: readonly BundleMemberInput[],
  days: (e: ImplementationElements) => number,
): number {
  const longest = new Map<number, number>();
  for (const m of members) {
    longest.set(m.stage, Math.max(longest.get(m.stage) ?? 0, days(m.elements)));
  }
  return [...longest.values()].reduce((s, d) => s + d, 0);
}

// ---------------------------------------------------------------------------------------------
// Form

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface MemberField {
  itemCode: string;
  itemName: string;
  field: string;
  schema: unknown;
  required: boolean;
  ui: unknown;
}

/** A member's top-level fields in the order its form shows them (its `ui:order`, if any). */
function memberFields(member: BundleMemberInput): MemberField[] {
  const { schema, uiSchema } = member.elements.form;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required)
      ? schema.required.filter((r): r is string => typeof r === 'string')
      : [],
  );
  const names = Object.keys(properties);
  const order = uiSchema['ui:order'];
  let ordered = names;
  if (Array.isArray(order)) {
    const listed = order.filter((n): n is string => typeof n === 'string');
    const rest = names.filter((n) => !listed.includes(n));
    ordered = [];
    for (const n of listed) {
      if (n === '*') ordered.push(...rest);
      else if (names.includes(n) && !ordered.includes(n)) ordered.push(n);
    }
    // fields the order forgot (RJSF would refuse them without a `*`) go last
    ordered.push(...rest.filter((n) => !ordered.includes(n)));
  }
  return ordered.map((field) => ({
    itemCode: member.itemCode,
    itemName: member.itemName,
    field,
    schema: properties[field],
    required: required.has(field),
    ui: uiSchema[field],
  }));
}

/** The schema of a field asked once per member, titled so the applicant sees which item. */
function titledFor(f: MemberField): unknown {
  if (!isObject(f.schema)) return f.schema;
  const title = typeof f.schema.title === 'string' ? f.schema.title : f.field;
  return { ...f.schema, title: `${title}（${f.itemName}）` };
}

function mergeForms(
  members: readonly BundleMemberInput[],
): Pick<MergedBundle, 'form' | 'fieldMap'> {
  const fieldsByMember = members.map(memberFields);
  const byName = new Map<string, MemberField[]>();
  for (const f of fieldsByMember.flat()) {
    const same = byName.get(f.field);
    if (same) same.push(f);
    else byName.set(f.field, [f]);
  }
  const shared = (name: string): boolean => {
    const fields = byName.get(name) ?? [];
    return fields.every((f) => isDeepStrictEqual(f.schema, fields[0]?.schema));
  };

  const properties: JsonObject = {};
  const required: string[] = [];
  const uiSchema: JsonObject = {};
  const fieldMap: MergedBundle['fieldMap'] = {};
  const taken = new Set<string>();
  const targetOf = new Map<MemberField, string>();

  for (const f of fieldsByMember.flat()) {
    let name: string;
    if (shared(f.field)) {
      name = f.field;
      if (!taken.has(name)) {
        taken.add(name);
        properties[name] = f.schema;
      }
    } else {
      name = uniqueName(`${f.field}_${f.itemCode}`, taken);
      taken.add(name);
      properties[name] = titledFor(f);
    }
    targetOf.set(f, name);
    (fieldMap[name] ??= []).push({ itemCode: f.itemCode, field: f.field });
    if (f.required && !required.includes(name)) required.push(name);
    // the first member that says how to show a shared field decides
    if (f.ui !== undefined && !(name in uiSchema)) uiSchema[name] = f.ui;
  }
  uiSchema['ui:order'] = Object.keys(properties);

  return {
    form: { schema: { type: 'object', properties, required }, uiSchema },
    fieldMap,
  };
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}${n}`;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Materials

/** Brackets are dropped with the whitespace: 身份证（复印件） and 身份证(复印件) are one material. */
const normaliseName = (name: string): string => name.replace(/[\s（）()【】[\]]/gu, '');

/** What makes two members' materials the same material. */
function identityOf(m: Material): string {
  if (m.source === 'certificate' && m.certificateTypeCode) {
    return `certificate:${m.certificateTypeCode}`;
  }
  if (m.source === 'sharedData' && m.sharedDataResource) {
    return `sharedData:${m.sharedDataResource.trim()}`;
  }
  return `name:${normaliseName(m.name)}`;
}

const STRICTNESS: Record<Material['form'], number> = { electronic: 0, copy: 1, original: 2 };

const MAX_CONDITION = 500;
const MAX_KEY = 40;

function mergeMaterials(members: readonly BundleMemberInput[]): BundleMaterial[] {
  const merged = new Map<string, { material: BundleMaterial; conditions: string[] }>();
  for (const member of members) {
    for (const m of member.elements.materials) {
      const id = identityOf(m);
      const seen = merged.get(id);
      if (!seen) {
        merged.set(id, {
          material: { ...m, requiredBy: [member.itemCode] },
          conditions: m.condition ? [m.condition] : [],
        });
        continue;
      }
      const into = seen.material;
      if (!into.requiredBy.includes(member.itemCode)) into.requiredBy.push(member.itemCode);
      if (m.requirement === 'required') into.requirement = 'required';
      if (m.condition && !seen.conditions.includes(m.condition)) seen.conditions.push(m.condition);
      into.copies = Math.max(into.copies, m.copies);
      if (STRICTNESS[m.form] > STRICTNESS[into.form]) into.form = m.form;
      // one upload must satisfy every item: the smaller size limit, the common file types
      if (m.maxBytes !== undefined)
        into.maxBytes = Math.min(into.maxBytes ?? m.maxBytes, m.maxBytes);
      if (m.acceptedTypes) {
        const common = into.acceptedTypes
          ? into.acceptedTypes.filter((t) => m.acceptedTypes?.includes(t))
          : m.acceptedTypes;
        if (common.length > 0) into.acceptedTypes = [...common];
      }
      // guidance the first item lacks comes from the next that has it
      if (into.sampleUrl === undefined && m.sampleUrl !== undefined) into.sampleUrl = m.sampleUrl;
      if (into.blankFormUrl === undefined && m.blankFormUrl !== undefined) {
        into.blankFormUrl = m.blankFormUrl;
      }
      if (into.note === undefined && m.note !== undefined) into.note = m.note;
    }
  }

  const keys = new Set<string>();
  return [...merged.values()].map(({ material, conditions }) => {
    const key = uniqueKey(material.key, keys);
    keys.add(key);
    const { condition: _, ...rest } = material;
    if (rest.requirement === 'required' || conditions.length === 0) return { ...rest, key };
    return { ...rest, key, condition: joinConditions(conditions) };
  });
}

/** The key with `2`, `3` … appended on a clash, kept within the key pattern's 40 characters. */
function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = String(n);
    const key = base.slice(0, MAX_KEY - suffix.length) + suffix;
    if (!taken.has(key)) return key;
  }
}

/** A material conditional for every item is needed in any of their cases. */
function joinConditions(conditions: readonly string[]): string {
  const joined = conditions.join('；');
  return joined.length <= MAX_CONDITION ? joined : `${joined.slice(0, MAX_CONDITION - 1)}…`;
}
