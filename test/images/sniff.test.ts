import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImage, withinLimits } from '../../api/images/sniff.ts';

const canvas = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } });

const text = (value: string) => new TextEncoder().encode(value);
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';

/** A 54-byte BMP header (BITMAPINFOHEADER) for a 2×2 24-bit image, plus its pixels. */
function bmp(): Uint8Array {
  const bytes = new Uint8Array(54 + 16);
  const view = new DataView(bytes.buffer);
  bytes.set(text('BM'));
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, 2, true);
  view.setInt32(22, 2, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  return bytes;
}

describe('sniffImage', () => {
  it.each([
    ['JPEG', () => canvas(320, 200).jpeg().toBuffer(), 'image/jpeg'],
    ['progressive JPEG', () => canvas(323, 203).jpeg({ progressive: true }).toBuffer(), 'image/jpeg'],
    [
      'JPEG with EXIF, XMP and ICC segments before the frame',
      () => canvas(321, 201).jpeg({ progressive: true }).withExif({ IFD0: { Make: 'X' } }).withXmp(XMP).withIccProfile('p3').toBuffer(),
      'image/jpeg',
    ],
    ['PNG', () => canvas(322, 202).png().toBuffer(), 'image/png'],
    ['lossy WebP (VP8)', () => canvas(324, 204).webp().toBuffer(), 'image/webp'],
    ['lossless WebP (VP8L)', () => canvas(325, 205).webp({ lossless: true }).toBuffer(), 'image/webp'],
    ['WebP with alpha (VP8X)', () => canvas(326, 206, 4).webp({ alphaQuality: 50 }).toBuffer(), 'image/webp'],
    ['large lossless WebP', () => canvas(16383, 3, 3).webp({ lossless: true }).toBuffer(), 'image/webp'],
  ])('reads the type and size of a %s from its header, as the decoder would', async (_name, make, type) => {
    const bytes = new Uint8Array(await make());
    const { width, height } = await sharp(bytes).metadata();
    expect(sniffImage(bytes)).toEqual({ ok: true, type, width, height });
  });

  it('checks the WebP chunk it reads really is the extended one', async () => {
    const bytes = new Uint8Array(await canvas(326, 206, 4).webp().toBuffer());
    expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('VP8X');
  });

  it('skips 0xFF fill bytes before a JPEG marker', async () => {
    const jpeg = new Uint8Array(await canvas(120, 80).jpeg().withExif({ IFD0: { Make: 'X' } }).toBuffer());
    const padded = new Uint8Array([...jpeg.subarray(0, 2), 0xff, 0xff, 0xff, ...jpeg.subarray(2)]);
    expect(sniffImage(padded)).toEqual({ ok: true, type: 'image/jpeg', width: 120, height: 80 });
    expect((await sharp(padded).metadata()).width).toBe(120);
  });

  it.each([
    ['svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['svg', '\uFEFF  <svg><rect/></svg>'],
    ['svg', '<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg/>'],
    ['html', '<!DOCTYPE html><html><body><svg></svg></body></html>'],
    ['html', '\n\n   <html><script>fetch("/x")</script></html>'],
    ['html', '<script>alert(1)</script>'],
    ['xml', '<?xml version="1.0"?><note>hi</note>'],
    ['pdf', '%PDF-1.7\n%âãÏÓ'],
    ['gif', 'GIF89a\u0001\u0000\u0001\u0000'],
  ])('recognises %s as unsupported', (detected, value) => {
    expect(sniffImage(text(value))).toEqual({ ok: false, reason: 'unsupported_type', detected });
  });

  it('recognises SVG saved as UTF-16', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'<svg/>'].flatMap((char) => [char.charCodeAt(0), 0])]);
    expect(sniffImage(utf16)).toEqual({ ok: false, reason: 'unsupported_type', detected: 'svg' });
  });

  it.each([
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0, 0]],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00]],
    ['tiff', [0x49, 0x49, 0x2a, 0x00, 8, 0]],
    ['tiff', [0x4d, 0x4d, 0x00, 0x2a, 0, 8]],
    ['heic', [0, 0, 0, 0x18, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')]],
    ['heic', [0, 0, 0, 0x14, ...text('ftypmif1'), 0, 0, 0, 0, ...text('heic')]],
    ['avif', [0, 0, 0, 0x1c, ...text('ftypavif'), 0, 0, 0, 0, ...text('avifmif1miaf')]],
    ['mp4', [0, 0, 0, 0x14, ...text('ftypisom'), 0, 0, 2, 0, ...text('mp41')]],
    ['bmp', [...bmp()]],
  ])('recognises %s bytes as unsupported', (detected, bytes) => {
    expect(sniffImage(new Uint8Array(bytes))).toEqual({ ok: false, reason: 'unsupported_type', detected });
  });

  it('recognises real GIF and TIFF files', async () => {
    expect(sniffImage(new Uint8Array(await canvas(10, 10).gif().toBuffer()))).toMatchObject({ detected: 'gif' });
    expect(sniffImage(new Uint8Array(await canvas(10, 10).tiff().toBuffer()))).toMatchObject({ detected: 'tiff' });
  });

  it('calls every truncation of a JPEG before its frame header unreadable', async () => {
    const jpeg = new Uint8Array(await canvas(100, 100).jpeg().withExif({ IFD0: { Make: 'X' } }).withXmp(XMP).toBuffer());
    const sof = jpeg.findIndex((byte, at) => byte === 0xff && jpeg[at + 1] === 0xc0);
    expect(sof).toBeGreaterThan(100);
    for (let length = 0; length < sof + 9; length++) {
      expect(sniffImage(jpeg.subarray(0, length))).toMatchObject({ ok: false, reason: 'unreadable' });
    }
    expect(sniffImage(jpeg.subarray(0, sof + 9))).toMatchObject({ ok: true, width: 100, height: 100 });
  });

  it.each([
    ['PNG', () => canvas(50, 40).png().toBuffer(), 24],
    ['lossy WebP', () => canvas(50, 40).webp().toBuffer(), 30],
    ['lossless WebP', () => canvas(50, 40).webp({ lossless: true }).toBuffer(), 25],
    ['extended WebP', () => canvas(50, 40, 4).webp().toBuffer(), 30],
  ])('calls every truncation of a %s header unreadable', async (_name, make, needed) => {
    const bytes = new Uint8Array(await make());
    for (let length = 0; length < needed; length++) {
      expect(sniffImage(bytes.subarray(0, length))).toMatchObject({ ok: false, reason: 'unreadable' });
    }
  });

  it('calls a header claiming zero pixels unreadable', async () => {
    const png = Buffer.from(await canvas(8, 8).png().toBuffer());
    png.writeUInt32BE(0, 16);
    expect(sniffImage(new Uint8Array(png))).toEqual({ ok: false, reason: 'unreadable' });
    const jpeg = Buffer.from(await canvas(8, 8).jpeg().toBuffer());
    const sof = jpeg.findIndex((byte, at) => byte === 0xff && jpeg[at + 1] === 0xc0);
    jpeg.writeUInt16BE(0, sof + 5); // height 0: "defined later by a DNL marker", which we do not follow
    expect(sniffImage(new Uint8Array(jpeg))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('stops at the scan when a JPEG has no frame header', () => {
    const noFrame = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x04, 0, 0, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0]);
    expect(sniffImage(noFrame)).toEqual({ ok: false, reason: 'unreadable' });
    expect(sniffImage(new Uint8Array([0xff, 0xd8, ...new Array(5000).fill(0xff)]))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('never throws, whatever the bytes', () => {
    const prefixes = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...text('RIFF'), 1, 2, 3, 4, ...text('WEBPVP8')], [0xef, 0xbb, 0xbf, 0x3c], []];
    for (let i = 0; i < 5000; i++) {
      const bytes = new Uint8Array(randomBytes(i % 300));
      const prefix = prefixes[i % prefixes.length]!;
      bytes.set(prefix.slice(0, bytes.length));
      const result = sniffImage(bytes);
      if (result.ok) expect(result.width * result.height).toBeGreaterThan(0);
    }
    expect(sniffImage(new Uint8Array())).toEqual({ ok: false, reason: 'unreadable' });
    expect(sniffImage(new Uint8Array([0xff]))).toEqual({ ok: false, reason: 'unreadable' });
    expect(sniffImage(text('hello, this is just text'))).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads the claimed size of a decompression bomb without decoding it', async () => {
    const png = Buffer.from(await canvas(8, 8).png().toBuffer());
    png.writeUInt32BE(30000, 16);
    png.writeUInt32BE(30000, 20);
    const sniffed = sniffImage(new Uint8Array(png));
    expect(sniffed).toEqual({ ok: true, type: 'image/png', width: 30000, height: 30000 });
    expect(sniffed.ok && withinLimits(sniffed)).toBe(false);
  });
});

describe('withinLimits', () => {
  it('allows phone photos and refuses too many pixels or too long a side', () => {
    expect(withinLimits({ width: 4032, height: 3024 })).toBe(true);
    expect(withinLimits({ width: 8064, height: 6048 })).toBe(true); // a 48-megapixel phone photo
    expect(withinLimits({ width: 8000, height: 6300 })).toBe(false); // 50.4 megapixels
    expect(withinLimits({ width: 16385, height: 10 })).toBe(false);
    expect(withinLimits({ width: 0, height: 10 })).toBe(false);
    expect(withinLimits({ width: 100, height: 100 }, { maxPixels: 5000, maxSide: 1000 })).toBe(false);
  });
});
