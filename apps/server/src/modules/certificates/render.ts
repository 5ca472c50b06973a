import fs from 'node:fs';
import type { Certificate, CertificateState } from '@zhengtong/contracts';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

// 电子证照 as a printable A4 PDF: the face of the certificate (照面信息), a QR code for 扫码核验
// and a drawn seal. The PDF is a convenience copy; what counts is the signature and the online
// verification the QR code points at, which is why the digest and key id are printed.

/** The Debian/Ubuntu package whose fonts the renderer looks for first. */
export const CJK_FONT_PACKAGE = 'fonts-noto-cjk';

export interface CjkFont {
  path: string;
  /** the PostScript name of the face to use when `path` is a collection (.ttc/.otc) */
  family?: string | undefined;
}

/** Where the common distributions put a Simplified Chinese font, best first. */
export const KNOWN_CJK_FONTS: readonly CjkFont[] = [
  // Debian / Ubuntu: fonts-noto-cjk
  {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    family: 'NotoSansCJKsc-Regular',
  },
  // Fedora: google-noto-sans-cjk-fonts; Arch: noto-fonts-cjk; Alpine: font-noto-cjk
  {
    path: '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
    family: 'NotoSansCJKsc-Regular',
  },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  {
    path: '/usr/share/fonts/noto-cjk/NotoSansCJKsc-Regular.otf',
  },
  // Debian fonts-noto-cjk also ships the serif faces
  {
    path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
    family: 'NotoSerifCJKsc-Regular',
  },
];

/** No usable CJK font: rendering would print empty boxes instead of Chinese, so it refuses. */
export class CjkFontMissingError extends Error {
  readonly code = 'cjk-font-missing';
  constructor(tried: readonly string[]) {
    super(
      `cjk-font-missing: certificate PDFs need a Chinese (CJK) font and none was found ` +
        `(looked for ${tried.join(', ')}). Install the ${CJK_FONT_PACKAGE} package ` +
        `(apt-get install ${CJK_FONT_PACKAGE}) or set ZT_CJK_FONT=/path/to/font.ttc|.otf|.ttf.`,
    );
    this.name = 'CjkFontMissingError';
  }
}

/**
 * The font to embed: `fontPath` when given (from ZT_CJK_FONT — the caller reads the
 * environment), which must then exist; otherwise the first known path that does.
 */
export function findCjkFont(fontPath?: string): CjkFont {
  if (fontPath) {
    if (!fs.existsSync(fontPath)) throw new CjkFontMissingError([fontPath]);
    const known = KNOWN_CJK_FONTS.find((font) => font.path === fontPath);
    if (known) return known;
    // A Noto CJK collection named by path: take its Simplified Chinese face.
    if (/\.(ttc|otc)$/i.test(fontPath)) {
      const serif = /serif/i.test(fontPath);
      return { path: fontPath, family: serif ? 'NotoSerifCJKsc-Regular' : 'NotoSansCJKsc-Regular' };
    }
    return { path: fontPath };
  }
  const found = KNOWN_CJK_FONTS.find((font) => fs.existsSync(font.path));
  if (!found) throw new CjkFontMissingError(KNOWN_CJK_FONTS.map((font) => font.path));
  return found;
}

/** The QR code printed on the certificate: a PNG of the verification address. */
export function verificationQrPng(verifyUrl: string): Promise<Buffer> {
  return QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, scale: 8 });
}

export interface RenderCertificateInput {
  certificate: Certificate;
  /** `${publicUrl}/verify/${identifier}`: what the QR code encodes */
  verifyUrl: string;
  /** the name of the seal that signed it (电子印章名称) */
  sealName: string;
  /** a CJK font file (ZT_CJK_FONT); without it the known system paths are searched */
  fontPath?: string | undefined;
  /** display names of the data items (the type's dataSchema titles); keys are shown otherwise */
  titles?: Readonly<Record<string, string>> | undefined;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const SEAL_RED = '#d0021b';
const INK = '#1f1f1f';
const MUTED = '#666666';
const RULE = '#bfbfbf';
const FONT = 'cjk';
// the QR code, seal and footer at the foot of the last page
const CLOSING_HEIGHT = 190;
const FOOTER_TOP = A4.height - MARGIN - 24;

const stateWatermark: Record<CertificateState, string | null> = {
  valid: null,
  expired: '已过期',
  revoked: '已注销',
  superseded: '已变更',
};

/** Renders a certificate as an A4 PDF with its verification QR code and seal. */
export async function renderCertificatePdf(input: RenderCertificateInput): Promise<Buffer> {
  const { certificate, verifyUrl, sealName, titles } = input;
  const font = findCjkFont(input.fontPath);
  const qr = await verificationQrPng(verifyUrl);

  // Margins of 0: every position is set here, and pdfkit adds no page behind our back.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: {
      Title: `${certificate.typeName} ${certificate.identifier}`,
      Author: certificate.issuerName,
      Subject: '电子证照',
      Creator: '政通 Zhengtong',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (font.family) doc.registerFont(FONT, font.path, font.family);
  else doc.registerFont(FONT, font.path);
  doc.font(FONT);

  drawFrame(doc);
  drawWatermark(doc, certificate.state);
  let y = drawHeading(doc, certificate);
  y = drawFacts(doc, certificate, y);
  y = drawDataTable(doc, certificate, titles ?? {}, y);

  if (y + CLOSING_HEIGHT > FOOTER_TOP) {
    doc.addPage();
    drawFrame(doc);
    drawWatermark(doc, certificate.state);
  }
  drawQr(doc, qr, verifyUrl);
  drawSeal(doc, { cx: A4.width - MARGIN - 90, cy: FOOTER_TOP - 100, sealName, certificate });
  drawFooter(doc, certificate);

  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function drawFrame(doc: Doc): void {
  doc
    .save()
    .lineWidth(2)
    .strokeColor('#8c6d1f')
    .rect(24, 24, A4.width - 48, A4.height - 48)
    .stroke()
    .lineWidth(0.6)
    .rect(30, 30, A4.width - 60, A4.height - 60)
    .stroke()
    .restore();
}

function drawWatermark(doc: Doc, state: CertificateState): void {
  const text = stateWatermark[state];
  if (!text) return;
  doc
    .save()
    .rotate(-30, { origin: [A4.width / 2, A4.height / 2] })
    .fillColor('#999999')
    .fillOpacity(0.18)
    .fontSize(110)
    .text(text, 0, A4.height / 2 - 70, { width: A4.width, align: 'center', lineBreak: false })
    .restore();
}

/** The type name as title and the 证照标识 under it; returns the y below. */
function drawHeading(doc: Doc, certificate: Certificate): number {
  let y = MARGIN + 10;
  doc.fillColor(INK).fontSize(28);
  doc.text(certificate.typeName, MARGIN, y, { width: CONTENT_WIDTH, align: 'center' });
  y = doc.y + 8;
  doc.fillColor(MUTED).fontSize(10);
  doc.text(`证照标识：${certificate.identifier}`, MARGIN, y, {
    width: CONTENT_WIDTH,
    align: 'center',
  });
  y = doc.y + 6;
  doc.save().strokeColor(RULE).lineWidth(0.8);
  doc
    .moveTo(MARGIN, y)
    .lineTo(A4.width - MARGIN, y)
    .stroke();
  doc.restore();
  return y + 16;
}

/** Holder, issuer and validity as label/value lines; returns the y below. */
function drawFacts(doc: Doc, certificate: Certificate, top: number): number {
  const holderLabel = certificate.holderKind === 'enterprise' ? '持证主体' : '持证人';
  const idLabel = certificate.holderKind === 'enterprise' ? '统一社会信用代码' : '身份证件号码';
  const facts: [string, string][] = [
    [holderLabel, certificate.holderName],
    [idLabel, certificate.holderIdMasked],
    ['发证机关', certificate.issuerName],
    ['有效期限', validityText(certificate)],
    ['签发日期', formatDate(certificate.issuedAt)],
  ];
  if (certificate.version > 1) facts.push(['版本', `第 ${certificate.version} 版（变更换发）`]);
  let y = top;
  const labelWidth = 110;
  for (const [label, value] of facts) {
    doc.fontSize(11).fillColor(MUTED);
    doc.text(`${label}：`, MARGIN, y, { width: labelWidth, align: 'right' });
    doc.fillColor(INK);
    doc.text(value, MARGIN + labelWidth + 4, y, { width: CONTENT_WIDTH - labelWidth - 4 });
    y = doc.y + 6;
  }
  return y + 10;
}

/** 照面信息 as a two-column table (item, value), continuing on a new page when full. */
function drawDataTable(
  doc: Doc,
  certificate: Certificate,
  titles: Readonly<Record<string, string>>,
  top: number,
): number {
  const rows = Object.entries(certificate.data).map(
    ([key, value]) => [titles[key] ?? key, formatValue(value)] as const,
  );
  if (rows.length === 0) return top;
  const labelWidth = 150;
  const valueWidth = CONTENT_WIDTH - labelWidth;
  const pad = 6;
  let y = top;
  doc.fontSize(12).fillColor(INK).text('照面信息', MARGIN, y);
  y = doc.y + 6;
  doc.fontSize(10.5);
  for (const [label, value] of rows) {
    const height =
      Math.max(
        doc.heightOfString(label, { width: labelWidth - 2 * pad }),
        doc.heightOfString(value, { width: valueWidth - 2 * pad }),
      ) +
      2 * pad;
    if (y + height > FOOTER_TOP - 8) {
      doc.addPage();
      drawFrame(doc);
      drawWatermark(doc, certificate.state);
      doc.font(FONT).fontSize(10.5);
      y = MARGIN;
    }
    doc.save().lineWidth(0.6).strokeColor(RULE);
    doc.rect(MARGIN, y, labelWidth, height).fillAndStroke('#f5f5f5', RULE);
    doc.rect(MARGIN + labelWidth, y, valueWidth, height).stroke();
    doc.restore();
    doc.fillColor(MUTED).text(label, MARGIN + pad, y + pad, { width: labelWidth - 2 * pad });
    doc.fillColor(INK).text(value, MARGIN + labelWidth + pad, y + pad, {
      width: valueWidth - 2 * pad,
    });
    y += height;
  }
  return y + 12;
}

function drawQr(doc: Doc, png: Buffer, verifyUrl: string): void {
  const size = 104;
  const x = MARGIN;
  const y = FOOTER_TOP - 40 - size - 12;
  doc.image(png, x, y, { width: size, height: size });
  doc.fontSize(11).fillColor(INK);
  doc.text('扫码核验', x, y + size + 4, { width: size, align: 'center' });
  doc.fontSize(7).fillColor(MUTED);
  doc.text(verifyUrl, x + size + 10, y + size - 20, { width: 200 });
}

interface SealPlacement {
  cx: number;
  cy: number;
  sealName: string;
  certificate: Certificate;
}

/**
 * An illustration of a round official seal drawn with vector paths: ring, star and the seal's
 * name along the upper arc. It is not the signature; 电子印章 under it says what it stands for.
 */
function drawSeal(doc: Doc, { cx, cy, sealName, certificate }: SealPlacement): void {
  const radius = 58;
  // the issuer and date beside the seal, as on a paper certificate
  const textRight = cx - radius - 10;
  doc.fontSize(11).fillColor(INK);
  doc.text(certificate.issuerName, textRight - 220, cy - 16, { width: 220, align: 'right' });
  doc.text(formatDate(certificate.issuedAt), textRight - 220, cy + 4, {
    width: 220,
    align: 'right',
  });

  doc.save().fillOpacity(0.85).strokeOpacity(0.85).strokeColor(SEAL_RED).fillColor(SEAL_RED);
  doc.lineWidth(3).circle(cx, cy, radius).stroke();
  doc
    .lineWidth(0.8)
    .circle(cx, cy, radius - 5)
    .stroke();
  doc.polygon(...starPoints(cx, cy, 17)).fill();

  // The name along the arc, each character turned to face the centre.
  const chars = [...sealName];
  const span = Math.min(250, Math.max(120, chars.length * 22));
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const textRadius = radius - 15;
  const size = Math.max(6, Math.min(13, ((step || 20) * Math.PI * textRadius) / 180 - 1));
  doc.fontSize(size);
  chars.forEach((char, index) => {
    const angle = chars.length > 1 ? -span / 2 + index * step : 0;
    const radians = (angle * Math.PI) / 180;
    const x = cx + textRadius * Math.sin(radians);
    const y = cy - textRadius * Math.cos(radians);
    doc.save().rotate(angle, { origin: [x, y] });
    doc.text(char, x - size / 2, y - size / 2 - 1, { width: size + 4, lineBreak: false });
    doc.restore();
  });
  doc.fontSize(7).text('电子印章', cx - 30, cy + 26, { width: 60, align: 'center' });
  doc.restore();
}

/** The five points of a star and the five between them, clockwise from the top. */
function starPoints(cx: number, cy: number, outer: number): number[][] {
  const inner = outer * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = (i * Math.PI) / 5;
    return [cx + r * Math.sin(angle), cy - r * Math.cos(angle)];
  });
}

function drawFooter(doc: Doc, certificate: Certificate): void {
  const { signature } = certificate;
  doc.save().strokeColor(RULE).lineWidth(0.5);
  doc
    .moveTo(MARGIN, FOOTER_TOP - 6)
    .lineTo(A4.width - MARGIN, FOOTER_TOP - 6)
    .stroke();
  doc.restore();
  doc.fontSize(7).fillColor(MUTED);
  doc.text(`SM3 摘要：${signature.digest}`, MARGIN, FOOTER_TOP, {
    width: CONTENT_WIDTH,
    lineBreak: false,
  });
  doc.text(
    `签名算法：${signature.algorithm}\u3000密钥标识（keyId）：${signature.keyId}\u3000` +
      '本件为电子证照的打印版式，以在线核验结果为准。',
    MARGIN,
    FOOTER_TOP + 11,
    { width: CONTENT_WIDTH },
  );
}

function validityText(certificate: Certificate): string {
  const from = formatDate(certificate.validFrom);
  return certificate.validTo
    ? `${from} 至 ${formatDate(certificate.validTo)}`
    : `${from} 起长期有效`;
}

/** A date (YYYY-MM-DD) or an instant as the Beijing-time calendar day, 2025年3月1日. */
export function formatDate(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[1]}年${Number(plain[2])}月${Number(plain[3])}日`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const beijing = new Date(instant.getTime() + 8 * 3600_000);
  return `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日`;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? formatDate(value)
      : String(value);
  }
  if (Array.isArray(value)) return value.map(formatValue).join('、');
  return JSON.stringify(value);
}
