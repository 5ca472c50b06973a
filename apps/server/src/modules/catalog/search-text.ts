import { pinyin } from 'pinyin-pro';

// Keyword search over the catalogue is LIKE over two derived columns: the text (name, keywords,
// type and sector names, code) and the pinyin initials people type on a phone (yyzz → 营业执照).
// Both sides are NFKC-normalised, so full-width letters and digits (ＡＢＣ１２３) match ASCII.

const normalise = (s: string): string => s.normalize('NFKC').toLowerCase();

/** pinyin initials of Chinese text, lower case; other letters/digits kept lower-cased: 营业执照 → 'yyzz' */
export function pinyinInitials(text: string): string {
  const normalised = text.normalize('NFKC');
  if (normalised.trim() === '') return '';
  // the whole text at once, so pinyin-pro reads polyphones in their words (行政 xíng, 银行 háng);
  // surname mode off, or 单 and 曾 would be read as surnames
  const initials = pinyin(normalised, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    surname: 'off',
  });
  // punctuation, spaces and characters pinyin-pro cannot read come back as themselves: dropped
  return initials
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** the text searched: parts joined, lower-cased, whitespace collapsed */
export function searchTextOf(parts: readonly string[]): string {
  return normalise(parts.join(' ')).replace(/\s+/g, ' ').trim();
}

const MAX_TERMS = 5;

/** the query split into terms (whitespace, commas, 、), lower-cased, LIKE wildcards not interpreted; at most 5 terms */
export function queryTerms(q: string): string[] {
  // NFKC turns the full-width comma and semicolon into ASCII ones
  const terms = normalise(q)
    .split(/[\s,;、]+/)
    .filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** escapes % _ and \ for a LIKE pattern with ESCAPE '\' */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
