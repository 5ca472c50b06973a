import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** An Ajv instance with the standard formats (date, email, uuid …), not strict by default. */
export function createAjv(options: Options = {}): Ajv {
  return addFormats(new Ajv({ strict: false, ...options }));
}
