import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRejectedError } from '../../api/images/image-processor.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';

const processor = createSharpProcessor();

describe('the sharp image processor', () => {
  it('bounds the processed image to 2048 px and the thumbnail to 400 px, as WebP', async () => {
    const big = await sharp({ create: { width: 5000, height: 3000, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const { processed, thumbnail } = await processor.process(new Uint8Array(big));
    expect([processed.width, processed.height, processed.contentType]).toEqual([2048, 1229, 'image/webp']);
    expect([thumbnail.width, thumbnail.height]).toEqual([400, 240]);
    expect((await sharp(processed.bytes).metadata()).format).toBe('webp');
  });

  it('never enlarges a small drawing', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: 'white' } }).png().toBuffer();
    const { processed, thumbnail } = await processor.process(new Uint8Array(small));
    expect([processed.width, processed.height, thumbnail.width]).toEqual([300, 200, 300]);
  });

  it('puts a transparent canvas drawing on white', async () => {
    const transparent = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const { processed } = await processor.process(new Uint8Array(transparent));
    const { data, info } = await sharp(processed.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]);
  });

  it('refuses a decompression bomb quickly and without a jump in memory', async () => {
    const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: 'white' } }).png().toBuffer());
    png.writeUInt32BE(30000, 16);
    png.writeUInt32BE(30000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
    const before = process.memoryUsage().rss;
    await expect(processor.process(new Uint8Array(png))).rejects.toBeInstanceOf(ImageRejectedError);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a bomb that lies in its header less than the limit but more than the pixels it holds', async () => {
    const processorWithLowLimit = createSharpProcessor({ limitInputPixels: 10_000 });
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: 'white' } }).png().toBuffer();
    await expect(processorWithLowLimit.process(new Uint8Array(png))).rejects.toMatchObject({ reason: 'too_many_pixels' });
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 400, channels: 3, background: 'red' } }).jpeg().toBuffer();
    await expect(processor.process(new Uint8Array(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))))).rejects.toBeInstanceOf(ImageRejectedError);
  });

  it('refuses SVG and HTML before sharp sees them', async () => {
    for (const text of ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', '<!doctype html><p>hi']) {
      await expect(processor.process(new TextEncoder().encode(text))).rejects.toMatchObject({ reason: 'unsupported_type' });
    }
  });
});
