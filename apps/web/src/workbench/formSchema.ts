// Reading an implementation list's application form (a JSON Schema) without trusting its shape.

export interface FormField {
  name: string;
  /** the schema's title for the field, else its name */
  title: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level fields of a form schema, in the schema's order. */
export function formFieldsOf(schema: unknown): FormField[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    title: isRecord(property) && typeof property.title === 'string' ? property.title : name,
  }));
}

/** Whether a schema is worth handing to the form renderer: an object with fields. */
export function isUsableSchema(schema: unknown): schema is Record<string, unknown> {
  return formFieldsOf(schema).length > 0;
}
