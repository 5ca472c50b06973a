import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * An Ajv instance with the standard formats (date, email, uuid …), not strict by default. It
 * knows our annotation keywords, so even a strict instance accepts application forms using them.
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = addFormats(new Ajv({ strict: false, ...options }));
  // 预填: a form property filled from the applicant's identity; an annotation, validates nothing
  ajv.addKeyword({ keyword: 'x-zt-prefill', schemaType: 'string' });
  return ajv;
}
