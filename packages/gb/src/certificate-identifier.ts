// 电子证照标识 in the style of GB/T 36904-2018. The segment semantics below are INFERRED from
// identifiers seen in production code (e.g. 1.2.156.3005.2.11100000000013338W011.
// 11430000006122244L.20230000403.001.U); the standard's text was not available to us, so the
// layout is kept as data (CERTIFICATE_IDENTIFIER_LAYOUT) and can be corrected in one place.
//
// Zhengtong writes:
//   1.2.156.3005.2 . <type code> . <issuer> . <year><sequence> . <version> . <check>
// where the check character is ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0–9 A–Z) over
// every digit and letter before it (the dots are not part of the check; the layout is validated
// separately). The hybrid MOD 37,36 system detects every single-character substitution and
// most transpositions of adjacent characters.

/** Root arc: ISO(1) member-body(2) China(156) 3005 (证照) 2 (电子证照), as seen in use. */
export const CERTIFICATE_IDENTIFIER_ROOT = '1.2.156.3005.2';

export interface IdentifierSegment {
  readonly name: 'root' | 'typeCode' | 'issuer' | 'serial' | 'version' | 'check';
  readonly label: string;
  readonly pattern: RegExp;
  readonly note: string;
}

/** The layout, segment by segment (dot-separated); see the file comment for its provenance. */
export const CERTIFICATE_IDENTIFIER_LAYOUT: readonly IdentifierSegment[] = [
  {
    name: 'root',
    label: '根标识',
    pattern: /^1\.2\.156\.3005\.2$/,
    note: 'five arcs, fixed',
  },
  {
    name: 'typeCode',
    label: '证照类型代码',
    pattern: /^[0-9A-HJ-NP-RTUWXY]{18}[0-9]{3}$/,
    note: "the defining department's credit code + a three-digit type number",
  },
  {
    name: 'issuer',
    label: '发证机构代码',
    pattern: /^(?:[0-9A-HJ-NP-RTUWXY]{18}|[0-9]{6})$/,
    note: "the issuing organisation's credit code, or its GB/T 2260 region code when it has none",
  },
  {
    name: 'serial',
    label: '年度 + 顺序号',
    pattern: /^[0-9]{4}[0-9]{6}$/,
    note: 'issuing year and a six-digit sequence per type, issuer and year',
  },
  {
    name: 'version',
    label: '版本号',
    pattern: /^[0-9]{3}$/,
    note: '001 at issue; a change (变更) keeps the serial and counts up',
  },
  { name: 'check', label: '校验位', pattern: /^[0-9A-Z]$/, note: 'ISO/IEC 7064 MOD 37,36' },
];

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/** ISO/IEC 7064 hybrid MOD 37,36 check character over digits and capitals (anything else throws). */
export function mod37_36CheckCharacter(text: string): string {
  let p = M;
  for (const c of text) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new RangeError(`not a digit or capital letter: ${JSON.stringify(c)}`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

/** Whether the last character of `text` is the MOD 37,36 check character of the rest. */
export function isValidMod37_36(text: string): boolean {
  if (text.length < 2 || !/^[0-9A-Z]+$/.test(text)) return false;
  return mod37_36CheckCharacter(text.slice(0, -1)) === text.slice(-1);
}

export interface CertificateIdentifierParts {
  readonly typeCode: string;
  /** credit code (18) or region code (6) */
  readonly issuer: string;
  readonly year: number;
  /** 1 – 999999 */
  readonly sequence: number;
  /** 1 – 999 */
  readonly version: number;
}

export type CertificateIdentifierFailure = 'layout' | 'segment' | 'checkCharacter';

export type CertificateIdentifierResult =
  | {
      readonly ok: true;
      readonly value: CertificateIdentifierParts & { readonly identifier: string };
    }
  | {
      readonly ok: false;
      readonly reason: CertificateIdentifierFailure;
      readonly segment?: string;
    };

const checkedText = (withoutCheck: string) => withoutCheck.replace(/\./g, '');

/** The serial segment (year + sequence) as the identifier writes it. */
export function certificateSerial(year: number, sequence: number): string {
  return `${String(year).padStart(4, '0')}${String(sequence).padStart(6, '0')}`;
}

/** The identifier up to (not including) the serial: what a sequence is counted under. */
export function certificateIdentifierPrefix(typeCode: string, issuer: string): string {
  return `${CERTIFICATE_IDENTIFIER_ROOT}.${typeCode}.${issuer}.`;
}

export function makeCertificateIdentifier(parts: CertificateIdentifierParts): string {
  const { typeCode, issuer, year, sequence, version } = parts;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('year');
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError('sequence must be 1–999999');
  }
  if (!Number.isInteger(version) || version < 1 || version > 999) {
    throw new RangeError('version must be 1–999');
  }
  const body = `${certificateIdentifierPrefix(typeCode, issuer)}${certificateSerial(year, sequence)}.${String(version).padStart(3, '0')}`;
  const segments = body.split('.');
  const expected = [
    CERTIFICATE_IDENTIFIER_ROOT,
    typeCode,
    issuer,
    certificateSerial(year, sequence),
    String(version).padStart(3, '0'),
  ];
  if (segments.length !== 9) throw new RangeError('a segment contains a dot');
  CERTIFICATE_IDENTIFIER_LAYOUT.slice(0, 5).forEach((seg, i) => {
    if (!seg.pattern.test(expected[i]!)) throw new RangeError(`invalid ${seg.name}`);
  });
  return `${body}.${mod37_36CheckCharacter(checkedText(body))}`;
}

export function parseCertificateIdentifier(text: string): CertificateIdentifierResult {
  const m = /^(1\.2\.156\.3005\.2)\.([^.]+)\.([^.]+)\.([^.]+)\.([^.]+)\.([^.]+)$/.exec(text);
  if (!m) return { ok: false, reason: 'layout' };
  const values = m.slice(1);
  for (const [i, seg] of CERTIFICATE_IDENTIFIER_LAYOUT.entries()) {
    if (!seg.pattern.test(values[i]!)) return { ok: false, reason: 'segment', segment: seg.name };
  }
  const body = text.slice(0, -2);
  if (mod37_36CheckCharacter(checkedText(body)) !== text.slice(-1)) {
    return { ok: false, reason: 'checkCharacter' };
  }
  const [, typeCode, issuer, serial, version] = values as [string, string, string, string, string];
  return {
    ok: true,
    value: {
      identifier: text,
      typeCode,
      issuer,
      year: Number(serial.slice(0, 4)),
      sequence: Number(serial.slice(4)),
      version: Number(version),
    },
  };
}

export const isValidCertificateIdentifier = (text: string): boolean =>
  parseCertificateIdentifier(text).ok;
