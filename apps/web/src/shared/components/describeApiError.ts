import { isApiError } from '../api/ApiError';
import type { Translate } from '../i18n/LocaleProvider';

export interface ErrorDescription {
  title: string;
  detail: string | undefined;
}

/**
 * What to tell the user about a failure: the server's problem title and detail when there is one,
 * otherwise a sentence in the UI language.
 */
export function describeApiError(error: unknown, t: Translate): ErrorDescription {
  if (isApiError(error)) {
    switch (error.kind) {
      case 'problem':
        return { title: error.title, detail: error.detail };
      case 'network':
        return { title: t('error.network.title'), detail: t('error.network.detail') };
      case 'http':
        return {
          title: t('error.http.title', { status: error.status }),
          detail:
            error.status >= 500 || error.status === 404
              ? t('error.http.serverDetail')
              : error.detail,
        };
    }
  }
  return {
    title: t('error.unexpected.title'),
    detail: error instanceof Error ? error.message : undefined,
  };
}
