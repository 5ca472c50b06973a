import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api/client';
import { translate, type Locale, type MessageKey, type MessageVars } from './messages';
import { theme } from '../layout/theme';

const storageKey = 'zt.locale';

export type Translate = (key: MessageKey, vars?: MessageVars) => string;
export type DateFormat = 'date' | 'longDate' | 'yearMonth';
export type FormatDate = (date: Dayjs, format: DateFormat) => string;

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** a dayjs keeps the locale it was made in; this formats in the current UI language */
  formatDate: FormatDate;
}

const LocaleContext = createContext<LocaleContextValue | undefined>(undefined);

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be disabled (private mode, policy); Chinese is the default.
    return 'zh-CN';
  }
}

/** Everything outside React that follows the UI language: dayjs, <html lang>, API requests. */
function dayjsLocaleOf(locale: Locale): string {
  return locale === 'en' ? 'en' : 'zh-cn';
}

function applyLocale(locale: Locale): void {
  dayjs.locale(dayjsLocaleOf(locale));
  document.documentElement.lang = locale;
  setRequestLanguage(locale);
}

function initialLocale(): Locale {
  const locale = readStoredLocale();
  applyLocale(locale);
  return locale;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    applyLocale(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<LocaleContextValue>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      formatDate: (date, format) =>
        date.locale(dayjsLocaleOf(locale)).format(translate(locale, `format.${format}`)),
    }),
    [locale, setLocale],
  );

  return (
    <LocaleContext value={value}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
        {children}
      </ConfigProvider>
    </LocaleContext>
  );
}

export function useLocale(): LocaleContextValue {
  const context = use(LocaleContext);
  if (!context) throw new Error('useLocale must be used inside <LocaleProvider>');
  return context;
}

/** Formats a date in the current UI language: 2025年10月14日 星期二 / Tuesday, October 14, 2025. */
export function useFormatDate(): FormatDate {
  return useLocale().formatDate;
}

/** The translate function of the current UI language. */
export function useT(): Translate {
  return useLocale().t;
}
