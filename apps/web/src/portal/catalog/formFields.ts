import type { ApplicationForm } from '@zhengtong/contracts';

/** A field of an application form as a guide lists it (一表申请 preview). */
export interface FormField {
  key: string;
  title: string;
  required: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The top-level fields of a JSON Schema form in the order the UI schema gives (`ui:order`, with
 * `*` standing for the rest), else in the schema's own order.
 */
export function formFields(form: ApplicationForm): FormField[] {
  const properties = isRecord(form.schema.properties) ? form.schema.properties : {};
  const required = new Set(
    Array.isArray(form.schema.required)
      ? form.schema.required.filter((key): key is string => typeof key === 'string')
      : [],
  );
  const keys = Object.keys(properties);
  const order = Array.isArray(form.uiSchema['ui:order'])
    ? form.uiSchema['ui:order'].filter((key): key is string => typeof key === 'string')
    : [];
  const known = (list: readonly string[]) => list.filter((key) => keys.includes(key));
  const star = order.indexOf('*');
  const before = known(star < 0 ? order : order.slice(0, star));
  const after = known(star < 0 ? [] : order.slice(star + 1));
  const rest = keys.filter((key) => !before.includes(key) && !after.includes(key));
  const ordered = [...before, ...rest, ...after];

  return ordered.map((key) => {
    const property = properties[key];
    const title = isRecord(property) && typeof property.title === 'string' ? property.title : key;
    return { key, title, required: required.has(key) };
  });
}
