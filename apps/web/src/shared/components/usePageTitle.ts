import { useEffect } from 'react';
import { useT } from '../i18n/LocaleProvider';

/** Sets the document title to "<page> · 政通" while the page is shown. */
export function usePageTitle(title: string): void {
  const t = useT();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
}
