/** Tells what an uploaded file really is, and how big, from its first bytes: no decoding, no `node:` imports (runs in a Worker). */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export type SniffResult =
  | { ok: true; type: ImageType; width: number; height: number }
  /**
   * `unsupported_type`: recognisably something we do not accept; `detected` names it (svg, html, xml, zip, gzip, pdf,
   * tiff, gif, bmp, heic, avif, mp4). `unreadable`: not recognisable, or a JPEG/PNG/WebP whose header is truncated,
   * invalid or claims a zero size.
   */
  | { ok: false; reason: 'unsupported_type' | 'unreadable'; detected?: string };

export type DimensionLimits = { maxPixels: number; maxSide: number };

export const defaultDimensionLimits: DimensionLimits = { maxPixels: 50_000_000, maxSide: 16_384 };

/** Whether decoding an image of this size is allowed: both sides positive, neither over `maxSide`, area within `maxPixels`. */
export function withinLimits(
  sniffed: { width: number; height: number },
  limits: DimensionLimits = defaultDimensionLimits,
): boolean {
  const { width, height } = sniffed;
  return (
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width > 0 &&
    height > 0 &&
    width <= limits.maxSide &&
    height <= limits.maxSide &&
    width * height <= limits.maxPixels
  );
}

/** Identifies `bytes` by magic number only (never a declared type or file name). Never throws. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  try {
    if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sized('image/jpeg', jpegSize(bytes));
    if (startsWith(bytes, PNG_SIGNATURE)) return sized('image/png', pngSize(bytes));
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return sized('image/webp', webpSize(bytes));
    const detected = detectOther(bytes);
    return detected ? { ok: false, reason: 'unsupported_type', detected } : { ok: false, reason: 'unreadable' };
  } catch {
    // Every read below is bounds-checked; this is only a guarantee that no input can ever make sniffing throw.
    return { ok: false, reason: 'unreadable' };
  }
}

type Size = { width: number; height: number } | undefined;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sized(type: ImageType, size: Size): SniffResult {
  if (!size || size.width <= 0 || size.height <= 0) return { ok: false, reason: 'unreadable' };
  return { ok: true, type, width: size.width, height: size.height };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

/** The bytes at [at, at+length) as Latin-1 text; shorter when the input ends first. */
function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let index = at; index < Math.min(at + length, bytes.length); index += 1) text += String.fromCharCode(bytes[index]!);
  return text;
}

function u8(bytes: Uint8Array, at: number): number {
  if (at < 0 || at >= bytes.length) throw new RangeError('out of bounds');
  return bytes[at]!;
}
const u16be = (b: Uint8Array, at: number) => (u8(b, at) << 8) | u8(b, at + 1);
const u16le = (b: Uint8Array, at: number) => u8(b, at) | (u8(b, at + 1) << 8);
const u24le = (b: Uint8Array, at: number) => u8(b, at) | (u8(b, at + 1) << 8) | (u8(b, at + 2) << 16);
const u32be = (b: Uint8Array, at: number) => u8(b, at) * 0x1000000 + ((u8(b, at + 1) << 16) | (u8(b, at + 2) << 8) | u8(b, at + 3));
const u32le = (b: Uint8Array, at: number) => u24le(b, at) + u8(b, at + 3) * 0x1000000;

/** PNG: the first chunk must be a 13-byte IHDR, which starts with width and height. */
function pngSize(bytes: Uint8Array): Size {
  if (bytes.length < 33 || u32be(bytes, 8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

/** SOF markers that carry frame dimensions: C0–C3, C5–C7, C9–CB, CD–CF (C4 is DHT, C8 reserved, CC is DAC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walk marker segments from SOI to the first SOF; a scan, EOI or the end of input before it means unreadable. */
function jpegSize(bytes: Uint8Array): Size {
  let at = 2;
  // Each pass consumes at least two bytes, so the input length bounds the loop; the constant is a second guard.
  for (let guard = 0; guard < 100_000 && at < bytes.length; guard += 1) {
    if (u8(bytes, at) !== 0xff) return undefined;
    while (u8(bytes, at) === 0xff) at += 1; // any number of 0xFF fill bytes may precede a marker
    const marker = u8(bytes, at);
    at += 1;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue; // TEM, RSTn, SOI: no length field
    if (marker === 0xd9 || marker === 0xda || marker === 0x00) return undefined; // EOI, SOS, stuffed zero
    const length = u16be(bytes, at);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (length < 8) return undefined;
      return { height: u16be(bytes, at + 3), width: u16be(bytes, at + 5) }; // length(2) precision(1) height(2) width(2)
    }
    at += length; // APPn (EXIF, XMP, ICC), COM, DQT, DHT, DRI…
  }
  return undefined;
}

/** WebP: the first chunk after the RIFF header is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webpSize(bytes: Uint8Array): Size {
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    const isKeyFrame = (u8(bytes, data) & 1) === 0;
    if (!isKeyFrame || !startsWith(bytes, [0x9d, 0x01, 0x2a], data + 3)) return undefined;
    return { width: u16le(bytes, data + 6) & 0x3fff, height: u16le(bytes, data + 8) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (u8(bytes, data) !== 0x2f) return undefined;
    const bits = u32le(bytes, data + 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { width: u24le(bytes, data + 4) + 1, height: u24le(bytes, data + 7) + 1 };
  }
  return undefined;
}

/** Names a format we refuse, or undefined when the bytes are not recognisable at all. */
function detectOther(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 12);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('II*\0') || head.startsWith('MM\0*') || head.startsWith('II+\0') || head.startsWith('MM\0+')) return 'tiff';
  if (head.startsWith('PK\x03\x04') || head.startsWith('PK\x05\x06') || head.startsWith('PK\x07\x08')) return 'zip';
  if (head.startsWith('\x1f\x8b')) return 'gzip'; // e.g. .svgz
  if (head.startsWith('BM') && bytes.length >= 18 && [12, 40, 52, 56, 64, 108, 124].includes(u32le(bytes, 14))) return 'bmp';
  if (head.slice(4, 8) === 'ftyp') return isoMediaBrand(bytes);
  return detectText(bytes);
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** An ISO-BMFF `ftyp` box: HEIC/HEIF or AVIF by major or compatible brand, otherwise some video container. */
function isoMediaBrand(bytes: Uint8Array): string {
  const boxEnd = Math.min(u32be(bytes, 0), bytes.length, 4096);
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(bytes, at, 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  return 'mp4';
}

const HTML_ELEMENTS = new Set(['html', 'head', 'body', 'script', 'iframe', 'meta', 'title', 'style', 'div', 'img', 'a', 'p', 'form', 'link']);

/** Markup and PDFs, after an optional byte-order mark and leading whitespace. */
function detectText(bytes: Uint8Array): string | undefined {
  const text = decodePrefix(bytes.subarray(0, 2048)).trimStart().toLowerCase();
  if (text.startsWith('%pdf-')) return 'pdf';
  let rest = text;
  // Skip the XML declaration, processing instructions, comments and doctypes to reach the first element.
  for (let guard = 0; guard < 32 && rest.startsWith('<'); guard += 1) {
    if (rest.startsWith('<!doctype')) {
      const name = /^<!doctype\s+([a-z0-9:-]+)/.exec(rest)?.[1];
      if (name === 'html') return 'html';
      if (name === 'svg') return 'svg';
    }
    const skipTo = rest.startsWith('<?') ? '?>' : rest.startsWith('<!--') ? '-->' : rest.startsWith('<!') ? '>' : undefined;
    if (skipTo === undefined) {
      const element = /^<([a-z][a-z0-9:-]*)/.exec(rest)?.[1];
      if (element === undefined) return 'xml';
      if (element === 'svg' || element.endsWith(':svg')) return 'svg';
      return HTML_ELEMENTS.has(element) ? 'html' : 'xml';
    }
    const end = rest.indexOf(skipTo);
    if (end < 0) return text.startsWith('<?xml') ? 'xml' : 'html';
    rest = rest.slice(end + skipTo.length).trimStart();
  }
  return text.startsWith('<') ? 'xml' : undefined;
}

/** Text from the first bytes, honouring a UTF-8 or UTF-16 byte-order mark; undecodable bytes become U+FFFD. */
function decodePrefix(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes); // the UTF-8 decoder drops a leading BOM itself
}
