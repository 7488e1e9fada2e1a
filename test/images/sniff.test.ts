import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImage, withinLimits } from '../../api/images/sniff.ts';

const canvas = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } });

describe('sniffImage', () => {
  it.each([
    ['JPEG', () => canvas(320, 200).jpeg().toBuffer(), 'image/jpeg'],
    ['progressive JPEG with EXIF before the frame', () => canvas(321, 201).jpeg({ progressive: true }).withExif({ IFD0: { Make: 'X' } }).toBuffer(), 'image/jpeg'],
    ['PNG', () => canvas(322, 202).png().toBuffer(), 'image/png'],
    ['lossy WebP (VP8)', () => canvas(324, 204).webp().toBuffer(), 'image/webp'],
    ['lossless WebP (VP8L)', () => canvas(325, 205).webp({ lossless: true }).toBuffer(), 'image/webp'],
    ['WebP with alpha (VP8X)', () => canvas(326, 206, 4).webp({ alphaQuality: 50 }).toBuffer(), 'image/webp'],
  ])('reads the type and size of a %s from its header', async (_name, make, type) => {
    const bytes = new Uint8Array(await make());
    const { width, height } = await sharp(bytes).metadata();
    expect(sniffImage(bytes)).toEqual({ ok: true, type, width, height });
  });

  it.each([
    ['svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['svg', '\uFEFF  <svg><rect/></svg>'],
    ['html', '<!DOCTYPE html><html><body>hi</body></html>'],
    ['html', '<script>alert(1)</script>'],
    ['pdf', '%PDF-1.7\n%âãÏÓ'],
    ['gif', 'GIF89a\u0001\u0000\u0001\u0000'],
    ['bmp', 'BM6\u0000\u0000\u0000'],
  ])('recognises %s as unsupported', (detected, text) => {
    expect(sniffImage(new TextEncoder().encode(text))).toEqual({ ok: false, reason: 'unsupported_type', detected });
  });

  it.each([
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0, 0]],
    ['tiff', [0x49, 0x49, 0x2a, 0x00, 8, 0]],
    ['tiff', [0x4d, 0x4d, 0x00, 0x2a, 0, 8]],
    ['heic', [0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic')]],
    ['avif', [0, 0, 0, 0x18, ...new TextEncoder().encode('ftypavif')]],
  ])('recognises %s bytes as unsupported', (detected, bytes) => {
    expect(sniffImage(new Uint8Array(bytes))).toEqual({ ok: false, reason: 'unsupported_type', detected });
  });

  it('calls a truncated JPEG header unreadable', async () => {
    const jpeg = new Uint8Array(await canvas(100, 100).jpeg().withExif({ IFD0: { Make: 'X' } }).toBuffer());
    expect(sniffImage(jpeg.subarray(0, 40))).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('never throws, whatever the bytes', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(randomBytes(i % 64));
      if (i % 3 === 0) bytes.set([0xff, 0xd8, 0xff].slice(0, bytes.length));
      if (i % 3 === 1) bytes.set([0x52, 0x49, 0x46, 0x46].slice(0, bytes.length));
      expect(() => sniffImage(bytes)).not.toThrow();
    }
    expect(sniffImage(new Uint8Array())).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads the claimed size of a decompression bomb without decoding it', async () => {
    const png = Buffer.from(await canvas(8, 8).png().toBuffer());
    png.writeUInt32BE(30000, 16);
    png.writeUInt32BE(30000, 20);
    const sniffed = sniffImage(new Uint8Array(png));
    expect(sniffed).toEqual({ ok: true, type: 'image/png', width: 30000, height: 30000 });
    expect(withinLimits(sniffed as { width: number; height: number })).toBe(false);
    expect(withinLimits({ width: 4000, height: 3000 })).toBe(true);
    expect(withinLimits({ width: 16385, height: 10 })).toBe(false);
  });
});
