import type { FormInstance } from 'antd';
import { isApiError } from '../api/ApiError';
import type { Translate } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';

// The server words field errors in English; these are the ones the identity API sends.
const serverMessages: Record<string, MessageKey> = {
  'already registered': 'fieldError.alreadyRegistered',
  'already taken': 'fieldError.alreadyTaken',
  'does not match': 'fieldError.wrong',
  'is not right': 'fieldError.wrong',
  'must not be blank': 'fieldError.blank',
  'must be a mainland mobile number': 'register.phoneFormat',
  'must differ from the last five passwords': 'fieldError.passwordReused',
  'must not contain the account name': 'fieldError.passwordContainsName',
  'must mix three of: lower case, upper case, digits, symbols': 'fieldError.passwordClasses',
  'no such organisation': 'fieldError.noOrganisation',
  'no such region': 'fieldError.noRegion',
  'must be 18 characters': 'register.idNumber.length',
  'must be 17 digits and a digit or X': 'register.idNumber.charset',
  'the first six digits are not an administrative division code': 'register.idNumber.regionCode',
  'the birth date (digits 7–14) is not a real date': 'register.idNumber.birthDate',
  'the check character does not match (GB 11643)': 'register.idNumber.checkCharacter',
};

/** A server field message in the UI language when it is one we know, else as sent. */
export function translateFieldMessage(message: string, t: Translate): string {
  const key = serverMessages[message];
  if (key) return t(key);
  const tooShort = /^must be at least (\d+) characters$/.exec(message);
  if (tooShort) return t('password.tooShort', { min: tooShort[1] ?? '' });
  return message;
}

/**
 * Puts a validation problem's field errors (`/body/idNumber`) onto the form's fields. Returns
 * true when every failing field was shown on the form, so nothing else needs saying.
 */
export function showFieldErrors<Values>(
  form: FormInstance<Values>,
  error: unknown,
  fields: readonly string[],
  t: Translate,
): boolean {
  if (!isApiError(error) || error.fieldErrors.length === 0) return false;
  const byField = new Map<string, string[]>();
  let unmatched = 0;
  for (const fieldError of error.fieldErrors) {
    const field = /^\/body\/([^/]+)/.exec(fieldError.path)?.[1];
    if (field && fields.includes(field)) {
      byField.set(field, [
        ...(byField.get(field) ?? []),
        translateFieldMessage(fieldError.message, t),
      ]);
    } else {
      unmatched += 1;
    }
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return unmatched === 0;
}

/** A `?next=` target only if it is a path on this site (no `//evil.example`, no scheme). */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
