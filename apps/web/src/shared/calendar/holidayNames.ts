import type { Locale } from '../i18n/messages';

/**
 * The statutory holidays (全国年节及纪念日放假办法) under the names the calendar data gives them,
 * short (中秋) or full (中秋节). A name an administrator typed into an override is shown as typed.
 */
const englishHolidayNames: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明: 'Qingming Festival',
  清明节: 'Qingming Festival',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  端午节: 'Dragon Boat Festival',
  中秋: 'Mid-Autumn Festival',
  中秋节: 'Mid-Autumn Festival',
  国庆节: 'National Day',
};

/** A holiday's name in the UI language; Chinese names stay as the calendar gives them. */
export function holidayName(locale: Locale, name: string): string {
  return locale === 'en' ? (englishHolidayNames[name] ?? name) : name;
}
