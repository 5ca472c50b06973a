import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Certificate } from '@zhengtong/contracts';
import QRCode from 'qrcode';

import {
  CjkFontMissingError,
  findCjkFont,
  formatDate,
  renderCertificatePdf,
  verificationQrPng,
} from './render.js';

// The renderer needs a CJK font (fonts-noto-cjk, which .ci/run installs); without one these
// tests are skipped rather than failed, and the missing-font test still runs.
const fontAvailable = (() => {
  try {
    findCjkFont();
    return true;
  } catch {
    return false;
  }
})();

const identifier = '1.2.156.410103.2025.11.000123.7';
const verifyUrl = `https://zw.example.gov.cn/verify/${identifier}`;

function certificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    id: '0b0f5b2e-1111-4222-8333-944445555666',
    identifier,
    typeCode: '11100000MB0T36203R001',
    typeName: '食品经营许可证',
    holderKind: 'enterprise',
    holderName: '郑州市二七区好味道餐饮有限公司',
    holderIdMasked: '91410103MA4****23X',
    issuerOrganisationId: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890',
    issuerName: '郑州市二七区市场监督管理局',
    state: 'valid',
    validFrom: '2025-03-01',
    validTo: '2030-02-28',
    issuedAt: '2025-03-01T02:30:00.000Z',
    version: 1,
    data: {
      premises: '河南省郑州市二七区大学路 88 号',
      businessType: '餐饮服务经营者（中型餐馆）',
      items: ['热食类食品制售', '冷食类食品制售'],
      licenceNo: 'JY24101030012345',
      chainStore: false,
    },
    applicationId: null,
    supersedes: null,
    supersededBy: null,
    revokedAt: null,
    revokeReason: null,
    signature: {
      algorithm: 'SM2-with-SM3',
      signerId: '1234567812345678',
      keyId: 'seal-410103-2025-01',
      digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
      value: '3045022100aa',
    },
    ...overrides,
  };
}

interface PdfImage {
  width: number;
  height: number;
  colorSpace: string;
  smask: boolean;
  pixels: Buffer;
}

/** The image XObjects of a PDF as pdfkit writes them (Flate-compressed, no predictor). */
function imagesOf(pdf: Buffer): PdfImage[] {
  const text = pdf.toString('latin1');
  const images: PdfImage[] = [];
  const header = /\d+ 0 obj\s*<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const dict = match[1] ?? '';
    if (!dict.includes('/Subtype /Image')) continue;
    const number = (name: string) => Number(new RegExp(`/${name} (\\d+)`).exec(dict)?.[1]);
    const start = match.index + match[0].length;
    const raw = pdf.subarray(start, start + number('Length'));
    images.push({
      width: number('Width'),
      height: number('Height'),
      colorSpace: /\/ColorSpace \/(\w+)/.exec(dict)?.[1] ?? '',
      smask: dict.includes('/SMask'),
      pixels: zlib.inflateSync(raw),
    });
  }
  return images;
}

describe('certificate PDF', { skip: !fontAvailable && 'no CJK font installed' }, () => {
  it('renders an A4 PDF with the CJK font embedded and the QR code as an image', async () => {
    const pdf = await renderCertificatePdf({
      certificate: certificate(),
      verifyUrl,
      sealName: '郑州市二七区市场监督管理局电子证照专用章',
      titles: { premises: '经营场所', businessType: '主体业态', items: '经营项目' },
    });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdf.toString('latin1');
    // a subset of the font (ABCDEF+Name), not the 19 MB collection
    assert.match(text, /\/BaseFont \/[A-Z]{6}\+NotoS\w+CJKsc-Regular/);
    assert.match(text, /\/FontFile[23]? /);
    assert.match(text, /\/Subtype \/Image/);
    assert.match(text, /\/MediaBox \[0 0 595\.28 841\.89\]/);
    assert.equal(text.match(/\/Type \/Page\b/g)?.length, 1);
    assert.ok(pdf.length > 20_000 && pdf.length < 1_000_000, `size ${pdf.length}`);
  });

  it('carries a QR code of the verification address', async () => {
    const pdf = await renderCertificatePdf({
      certificate: certificate(),
      verifyUrl,
      sealName: '郑州市二七区市场监督管理局电子证照专用章',
    });
    const image = imagesOf(pdf).find((candidate) => candidate.colorSpace === 'DeviceRGB');
    assert.ok(image, 'an RGB image');
    // No QR decoder is installed: compare the bitmap in the PDF with the symbol the encoder
    // builds for the address (8 px modules, a quiet zone of one module).
    const symbol = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
    const modules = symbol.modules.size;
    const scale = 8;
    assert.equal(image.width, (modules + 2) * scale);
    assert.equal(image.height, image.width);
    let mismatches = 0;
    for (let row = -1; row <= modules; row++) {
      for (let col = -1; col <= modules; col++) {
        const inside = row >= 0 && col >= 0 && row < modules && col < modules;
        const dark = inside && symbol.modules.get(row, col) === 1;
        const x = (col + 1) * scale + scale / 2;
        const y = (row + 1) * scale + scale / 2;
        const red = image.pixels[(y * image.width + x) * 3] ?? -1;
        if (dark !== red < 128) mismatches++;
      }
    }
    assert.equal(mismatches, 0);
    // and the PNG handed to pdfkit is the one a fresh encoding of the address gives
    assert.deepEqual(
      await verificationQrPng(verifyUrl),
      await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, scale: 8 }),
    );
  });

  it('continues a long data table on a second page', async () => {
    const data = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`项目${i + 1}`, `第 ${i + 1} 项的内容`]),
    );
    const pdf = await renderCertificatePdf({
      certificate: certificate({ data, state: 'revoked', revokeReason: '依申请注销' }),
      verifyUrl,
      sealName: '测试专用章',
    });
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    assert.ok(pages >= 2, `pages ${pages}`);
  });

  it('takes a font given by path', async () => {
    const font = findCjkFont();
    const pdf = await renderCertificatePdf({
      certificate: certificate({ data: {} }),
      verifyUrl,
      sealName: '测试专用章',
      fontPath: font.path,
    });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  });
});

describe('certificate PDF font', () => {
  it('refuses with a clear error when the font is missing', async () => {
    const missing = '/nonexistent/fonts/NotoSansCJK-Regular.ttc';
    assert.equal(fs.existsSync(missing), false);
    await assert.rejects(
      renderCertificatePdf({
        certificate: certificate(),
        verifyUrl,
        sealName: '章',
        fontPath: missing,
      }),
      (error: unknown) => {
        assert.ok(error instanceof CjkFontMissingError);
        assert.equal(error.code, 'cjk-font-missing');
        assert.match(error.message, /^cjk-font-missing/);
        assert.match(error.message, /fonts-noto-cjk/);
        assert.match(error.message, /ZT_CJK_FONT/);
        assert.ok(error.message.includes(missing));
        return true;
      },
    );
  });

  it('writes dates as Chinese calendar days in Beijing time', () => {
    assert.equal(formatDate('2030-02-28'), '2030年2月28日');
    // 17:00 UTC is already the next day in Beijing
    assert.equal(formatDate('2025-03-01T17:00:00.000Z'), '2025年3月2日');
  });
});
