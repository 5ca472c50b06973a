// Reads the QR code printed on a certificate PDF, so a journey follows the link a phone would
// scan rather than the one the page offers beside it. No QR decoder is installed and none may be
// added, so this is a small one of our own for what the server prints: a clean, axis-aligned
// symbol (qrcode's PNG, embedded by pdfkit). It reads the format, unmasks, de-interleaves and
// parses numeric, alphanumeric and byte segments; it corrects no errors, but checks every
// block's Reed–Solomon codewords, so a misread is an error rather than a wrong link.
// Tables and layout follow ISO/IEC 18004 as Project Nayuki's qrcodegen states them.
import zlib from 'node:zlib';

/** A raster image: `channels` bytes a pixel, 8 bits each, rows top to bottom. */
export interface RasterImage {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

// ------------------------------------------------------------------------------------ the PDF

/** Every 8-bit FlateDecode image XObject of an (uncompressed-xref) PDF such as pdfkit writes. */
export function pdfImages(pdf: Buffer): RasterImage[] {
  const text = pdf.toString('latin1');
  const images: RasterImage[] = [];
  const streamStart = /\bstream\r?\n/g;
  for (let match = streamStart.exec(text); match; match = streamStart.exec(text)) {
    const dictionary = text.slice(text.lastIndexOf(' obj', match.index), match.index);
    if (!/\/Subtype\s*\/Image\b/.test(dictionary)) continue;
    const number = (key: string) => {
      const found = new RegExp(`/${key}\\s+(\\d+)(?!\\s+\\d+\\s+R)`).exec(dictionary);
      return found ? Number(found[1]) : undefined;
    };
    const start = match.index + match[0].length;
    const length = number('Length') ?? text.indexOf('endstream', start) - start;
    const width = number('Width');
    const height = number('Height');
    if (!width || !height || number('BitsPerComponent') !== 8) continue;
    if (!/\/Filter\s*\/FlateDecode\b/.test(dictionary)) continue;
    const channels = /\/ColorSpace\s*\/DeviceRGB\b/.test(dictionary)
      ? 3
      : /\/ColorSpace\s*\/DeviceGray\b/.test(dictionary)
        ? 1
        : undefined;
    if (!channels) continue;
    let pixels: Uint8Array = zlib.inflateSync(pdf.subarray(start, start + length));
    // pdfkit passes a PNG's own compressed rows through, with their per-row filters
    if ((number('Predictor') ?? 1) >= 10) pixels = unfilterPngRows(pixels, width, channels);
    if (pixels.length < width * height * channels) continue;
    images.push({ width, height, channels, pixels });
  }
  return images;
}

/** Undoes the PNG row filters (None, Sub, Up, Average, Paeth) of 8-bit samples. */
function unfilterPngRows(data: Uint8Array, width: number, channels: number): Uint8Array {
  const stride = width * channels;
  const rows = Math.floor(data.length / (stride + 1));
  const out = new Uint8Array(rows * stride);
  for (let y = 0; y < rows; y++) {
    const filter = data[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[y * stride + x] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ the symbol

/** The text of the QR code that fills an image (with its quiet zone), or an Error saying why not. */
export function decodeQr(image: RasterImage): string {
  return readCodewords(sampleModules(image));
}

/** The module grid: true = dark. */
function sampleModules({ width, height, channels, pixels }: RasterImage): boolean[][] {
  const dark = (x: number, y: number) => {
    const at = (y * width + x) * channels;
    const luminance =
      channels >= 3
        ? 0.299 * (pixels[at] ?? 0) + 0.587 * (pixels[at + 1] ?? 0) + 0.114 * (pixels[at + 2] ?? 0)
        : (pixels[at] ?? 0);
    return luminance < 128;
  };
  let [top, left, bottom, right] = [height, width, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!dark(x, y)) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (bottom < 0) throw new Error('no QR code: the image has no dark pixels');
  // the top-left finder pattern's outer ring is 7 modules of dark
  let run = 0;
  while (left + run <= right && dark(left + run, top)) run++;
  const moduleSize = run / 7;
  const size = Math.round((right - left + 1) / moduleSize);
  if (size < 21 || (size - 17) % 4 !== 0) {
    throw new Error(`no QR code: ${size} modules across is no QR version`);
  }
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) =>
      dark(
        Math.floor(left + (column + 0.5) * moduleSize),
        Math.floor(top + (row + 0.5) * moduleSize),
      ),
    ),
  );
}

type Level = 'L' | 'M' | 'Q' | 'H';
/** format-information bits of the error-correction levels */
const LEVEL_BITS: Record<Level, number> = { L: 1, M: 0, Q: 3, H: 2 };
// per level, indexed by version (index 0 unused)
const ECC_CODEWORDS_PER_BLOCK: Record<Level, readonly number[]> = {
  L: [
    -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30,
    30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  M: [
    -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  ],
  Q: [
    -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30,
    30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
  H: [
    -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30,
    30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
  ],
};
const ERROR_CORRECTION_BLOCKS: Record<Level, readonly number[]> = {
  L: [
    -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14,
    15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
  ],
  M: [
    -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
    25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
  ],
  Q: [
    -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34,
    34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
  ],
  H: [
    -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35,
    37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
  ],
};

const MASKS: readonly ((row: number, column: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(c / 3) + Math.floor(r / 2)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** The 15 format bits of a level and mask, BCH-coded and masked. */
function formatBits(level: Level, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  return ((data << 10) | remainder) ^ 0x5412;
}

/** The level and mask whose format bits are nearest to what either copy in the symbol says. */
function readFormat(m: boolean[][]): { level: Level; mask: number } {
  const size = m.length;
  const bit = (row: number, column: number) => (m[row]?.[column] ? 1 : 0);
  let first = 0;
  let second = 0;
  // bit i of the first copy around the top-left finder, of the second split over the others
  const firstAt = (i: number): [number, number] =>
    i <= 5 ? [i, 8] : i === 6 ? [7, 8] : i === 7 ? [8, 8] : i === 8 ? [8, 7] : [8, 14 - i];
  const secondAt = (i: number): [number, number] =>
    i < 8 ? [8, size - 1 - i] : [size - 15 + i, 8];
  for (let i = 0; i < 15; i++) {
    first |= bit(...firstAt(i)) << i;
    second |= bit(...secondAt(i)) << i;
  }
  let best = { level: 'M' as Level, mask: 0, distance: Infinity };
  for (const level of Object.keys(LEVEL_BITS) as Level[]) {
    for (let mask = 0; mask < 8; mask++) {
      const expected = formatBits(level, mask);
      const distance = Math.min(popCount(first ^ expected), popCount(second ^ expected));
      if (distance < best.distance) best = { level, mask, distance };
    }
  }
  if (best.distance > 3) throw new Error('no QR code: the format information is unreadable');
  return best;
}

function popCount(n: number): number {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
}

/** Which modules are function patterns (finders, timing, alignment, format, version). */
function functionModules(version: number): boolean[][] {
  const size = version * 4 + 17;
  const f = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  const mark = (row: number, column: number) => {
    if (row >= 0 && row < size && column >= 0 && column < size) f[row]![column] = true;
  };
  for (let i = 0; i < size; i++) {
    mark(6, i);
    mark(i, 6);
  }
  for (const [row, column] of [
    [3, 3],
    [3, size - 4],
    [size - 4, 3],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) mark(row + dy, column + dx);
  }
  const positions = alignmentPositions(version);
  const last = positions.length - 1;
  positions.forEach((row, i) =>
    positions.forEach((column, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) mark(row + dy, column + dx);
    }),
  );
  for (let i = 0; i <= 8; i++) {
    mark(8, i);
    mark(i, 8);
  }
  for (let i = 0; i < 8; i++) mark(8, size - 1 - i);
  for (let i = 0; i < 8; i++) mark(size - 1 - i, 8);
  if (version >= 7) {
    for (let i = 0; i < 18; i++) {
      mark(Math.floor(i / 3), size - 11 + (i % 3));
      mark(size - 11 + (i % 3), Math.floor(i / 3));
    }
  }
  return f;
}

function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const result = [6];
  for (let pos = version * 4 + 10; result.length < count; pos -= step) result.splice(1, 0, pos);
  return result;
}

function rawCodewords(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const count = Math.floor(version / 7) + 2;
    modules -= (25 * count - 10) * count - 55;
    if (version >= 7) modules -= 36;
  }
  return Math.floor(modules / 8);
}

function readCodewords(m: boolean[][]): string {
  const size = m.length;
  const version = (size - 17) / 4;
  const { level, mask } = readFormat(m);
  const reserved = functionModules(version);
  const total = rawCodewords(version);
  const bytes = new Uint8Array(total);
  let index = 0;
  // two columns at a time from the right, upwards then downwards, skipping the timing column
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vertical = 0; vertical < size; vertical++) {
      const row = upward ? size - 1 - vertical : vertical;
      for (let j = 0; j < 2; j++) {
        const column = right - j;
        if (reserved[row]?.[column] || index >= total * 8) continue;
        const dark = (m[row]?.[column] ?? false) !== MASKS[mask]!(row, column);
        if (dark) bytes[index >> 3]! |= 0x80 >> (index & 7);
        index++;
      }
    }
  }
  return parseSegments(deinterleave(bytes, version, level), version);
}

/** The data codewords in order, after checking each block's error-correction codewords. */
function deinterleave(codewords: Uint8Array, version: number, level: Level): Uint8Array {
  const blocks = ERROR_CORRECTION_BLOCKS[level][version]!;
  const ecc = ECC_CODEWORDS_PER_BLOCK[level][version]!;
  const total = codewords.length;
  const shortBlocks = blocks - (total % blocks);
  const shortLength = Math.floor(total / blocks);
  const dataLength = (b: number) => shortLength - ecc + (b < shortBlocks ? 0 : 1);
  const data = Array.from({ length: blocks }, (_, b) => new Uint8Array(dataLength(b)));
  const check = Array.from({ length: blocks }, () => new Uint8Array(ecc));
  let at = 0;
  for (let i = 0; i < shortLength - ecc + 1; i++) {
    for (let b = 0; b < blocks; b++) if (i < dataLength(b)) data[b]![i] = codewords[at++]!;
  }
  for (let i = 0; i < ecc; i++) for (let b = 0; b < blocks; b++) check[b]![i] = codewords[at++]!;
  const divisor = reedSolomonDivisor(ecc);
  data.forEach((block, b) => {
    const expected = reedSolomonRemainder(block, divisor);
    if (expected.some((value, i) => value !== check[b]![i])) {
      throw new Error(`QR code misread: block ${b + 1} fails its error-correction check`);
    }
  });
  const out = new Uint8Array(data.reduce((sum, block) => sum + block.length, 0));
  let offset = 0;
  for (const block of data) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function reedSolomonDivisor(degree: number): number[] {
  const result = Array.from({ length: degree }, () => 0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j]!, root);
      if (j + 1 < degree) result[j]! ^= result[j + 1]!;
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

function reedSolomonRemainder(data: Uint8Array, divisor: number[]): number[] {
  const result = divisor.map(() => 0);
  for (const value of data) {
    const factor = value ^ result.shift()!;
    result.push(0);
    divisor.forEach((coefficient, i) => (result[i]! ^= gfMultiply(coefficient, factor)));
  }
  return result;
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** The text of the data codewords: numeric, alphanumeric and byte (UTF-8) segments. */
function parseSegments(data: Uint8Array, version: number): string {
  let position = 0;
  const read = (bits: number) => {
    let value = 0;
    for (let i = 0; i < bits; i++, position++) {
      value = (value << 1) | ((data[position >> 3]! >> (7 - (position & 7))) & 1);
    }
    return value;
  };
  const countBits = (small: number, medium: number, large: number) =>
    version <= 9 ? small : version <= 26 ? medium : large;
  const bytes: number[] = [];
  while (position + 4 <= data.length * 8) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 0b0001) {
      let count = read(countBits(10, 12, 14));
      for (; count >= 3; count -= 3)
        bytes.push(...String(read(10)).padStart(3, '0').split('').map(code));
      if (count === 2) bytes.push(...String(read(7)).padStart(2, '0').split('').map(code));
      if (count === 1) bytes.push(code(String(read(4))));
    } else if (mode === 0b0010) {
      let count = read(countBits(9, 11, 13));
      for (; count >= 2; count -= 2) {
        const pair = read(11);
        bytes.push(code(ALPHANUMERIC[Math.floor(pair / 45)]!), code(ALPHANUMERIC[pair % 45]!));
      }
      if (count === 1) bytes.push(code(ALPHANUMERIC[read(6)]!));
    } else if (mode === 0b0100) {
      const count = read(countBits(8, 16, 16));
      for (let i = 0; i < count; i++) bytes.push(read(8));
    } else {
      throw new Error(`QR code uses segment mode ${mode.toString(2)}, which this reader lacks`);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const code = (character: string) => character.charCodeAt(0);
