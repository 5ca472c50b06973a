import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import type { ProblemFieldError } from '@zhengtong/contracts';
import { isApiError } from '../../shared/api/ApiError';
import type { Translate } from '../../shared/i18n/LocaleProvider';

// The application form is validated twice with AJV, in the browser (RJSF) and on the server;
// both word their messages in English. These helpers put them in the UI language and put the
// server's onto the form's fields.

const typeNames = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);

/** An AJV message in the UI language when it is one we know, else as it came. */
export function translateAjvMessage(message: string, t: Translate): string {
  const text = message.trim();
  if (/^must have required property\b/.test(text) || /is a required property$/.test(text)) {
    return t('apply.formError.required');
  }
  let match = /^must NOT have fewer than (\d+) characters?$/.exec(text);
  if (match) {
    const limit = Number(match[1]);
    return limit <= 1 ? t('apply.formError.required') : t('apply.formError.minLength', { limit });
  }
  match = /^must NOT have more than (\d+) characters?$/.exec(text);
  if (match) return t('apply.formError.maxLength', { limit: match[1] ?? '' });
  match = /^must NOT have fewer than (\d+) items?$/.exec(text);
  if (match) return t('apply.formError.minItems', { limit: match[1] ?? '' });
  match = /^must NOT have more than (\d+) items?$/.exec(text);
  if (match) return t('apply.formError.maxItems', { limit: match[1] ?? '' });
  match = /^must be (>=|>|<=|<) (\S+)$/.exec(text);
  if (match) {
    const limit = match[2] ?? '';
    switch (match[1]) {
      case '>=':
        return t('apply.formError.minimum', { limit });
      case '>':
        return t('apply.formError.exclusiveMinimum', { limit });
      case '<=':
        return t('apply.formError.maximum', { limit });
      default:
        return t('apply.formError.exclusiveMaximum', { limit });
    }
  }
  if (/^must match pattern\b/.test(text)) return t('apply.formError.pattern');
  if (/^must match format\b/.test(text)) return t('apply.formError.format');
  if (/^must be equal to (one of the allowed values|constant)$/.test(text)) {
    return t('apply.formError.enum');
  }
  if (/^must be multiple of\b/.test(text)) return t('apply.formError.multipleOf');
  if (/^must NOT have additional properties$/.test(text)) return t('apply.formError.additional');
  match = /^must be (\w+)(,\w+)*$/.exec(text);
  if (match && typeNames.has(match[1] ?? '')) return t('apply.formError.type');
  return message;
}

/** RJSF's `transformErrors`: the browser's AJV messages in the UI language. */
export function transformFormErrors(
  errors: RJSFValidationError[],
  t: Translate,
): RJSFValidationError[] {
  return errors.map((error) => {
    const message = translateAjvMessage(error.message ?? '', t);
    return { ...error, message, stack: message };
  });
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export interface ServerFormErrors {
  /** the failures on form fields, for RJSF's `extraErrors`; undefined when there are none */
  extraErrors: ErrorSchema | undefined;
  /** failures the form cannot show on a field (the whole form, another part of the request) */
  unplaced: ProblemFieldError[];
}

/**
 * A validation problem's errors on `/body/formData/<field>[/<sub>…]` as RJSF `extraErrors`;
 * the rest stay for an alert.
 */
export function serverFormErrors(error: unknown, t: Translate): ServerFormErrors {
  if (!isApiError(error)) return { extraErrors: undefined, unplaced: [] };
  const root: Record<string, unknown> = {};
  const unplaced: ProblemFieldError[] = [];
  let placed = 0;
  for (const fieldError of error.fieldErrors) {
    const match = /^\/body\/formData\/(.+)$/.exec(fieldError.path);
    if (!match?.[1]) {
      unplaced.push(fieldError);
      continue;
    }
    let node = root;
    for (const segment of match[1].split('/').map(unescapePointer)) {
      const next = (node[segment] ??= {}) as Record<string, unknown>;
      node = next;
    }
    const messages = (node.__errors ??= []) as string[];
    messages.push(translateAjvMessage(fieldError.message, t));
    placed += 1;
  }
  return { extraErrors: placed > 0 ? (root as ErrorSchema) : undefined, unplaced };
}

/** The title a form schema gives a top-level field, else the field's name. */
export function fieldTitle(schema: Record<string, unknown>, field: string): string {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return field;
  const property = (properties as Record<string, unknown>)[field];
  if (typeof property !== 'object' || property === null) return field;
  const title = (property as Record<string, unknown>).title;
  return typeof title === 'string' && title ? title : field;
}
