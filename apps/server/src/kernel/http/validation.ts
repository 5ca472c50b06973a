import type { Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { createAjv } from '../json-schema.js';

const common: Options = {
  removeAdditional: 'all',
  useDefaults: true,
  allErrors: true,
  strict: false,
};

/**
 * Query strings and path parameters arrive as text and are coerced to their schema types;
 * JSON bodies are not: `"name": 42` where a string is expected is an error, not "42".
 */
const coercing = createAjv({ ...common, coerceTypes: 'array' });
const strict = createAjv({ ...common, coerceTypes: false });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
