import { once } from 'node:events';
import { crc32, createDeflate } from 'node:zlib';
import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageRejectedError, type ProcessedImage } from '../../api/images/image-processor.ts';
import { createSharpProcessor, restrictSharpLoaders } from '../../api/images/sharp-processor.ts';

// Run as production should: only the JPEG, PNG and WebP loaders (process-wide; vitest gives each file its own process).
restrictSharpLoaders();
const processor = createSharpProcessor();

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Jamie Example</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A phone photo of paper, 300×200 as stored, to be shown rotated (orientation 6): red top-left corner, GPS, XMP, P3 profile. */
async function phonePhoto(): Promise<Uint8Array> {
  const corner = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
  const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 240, g: 240, b: 240 } } })
    .composite([{ input: corner, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneCo', Model: 'Phone 12', Artist: 'Jamie Example' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3230/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 4366/100' },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .jpeg()
    .toBuffer();
  return new Uint8Array(jpeg);
}

/** The RIFF chunks of a WebP file and, when extended, the VP8X feature flags. */
function webpChunks(bytes: Uint8Array): { chunks: string[]; flags: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fourcc = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  expect([fourcc(0), fourcc(8)]).toEqual(['RIFF', 'WEBP']);
  const chunks: string[] = [];
  let flags = 0;
  for (let at = 12; at + 8 <= bytes.length; at += 8 + view.getUint32(at + 4, true) + (view.getUint32(at + 4, true) % 2)) {
    chunks.push(fourcc(at));
    if (fourcc(at) === 'VP8X') flags = bytes[at + 8]!;
  }
  return { chunks, flags };
}

const VP8X_ICC = 0x20;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** Fails unless the WebP carries pixels and nothing else: no EXIF, XMP or ICC chunk, flag or text. */
async function expectNoMetadata(image: ProcessedImage): Promise<void> {
  expect(image.contentType).toBe('image/webp');
  const { chunks, flags } = webpChunks(image.bytes);
  expect(chunks.filter((chunk) => !['VP8 ', 'VP8L', 'VP8X', 'ALPH'].includes(chunk))).toEqual([]);
  expect(flags & (VP8X_ICC | VP8X_EXIF | VP8X_XMP)).toBe(0);
  const metadata = await sharp(image.bytes).metadata();
  expect(metadata.format).toBe('webp');
  expect([metadata.exif, metadata.xmp, metadata.icc, metadata.iptc, metadata.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  const latin1 = Buffer.from(image.bytes).toString('latin1');
  for (const leak of ['Exif', 'GPS', 'PhoneCo', 'Jamie', 'xmpmeta', 'adobe', 'acsp']) expect(latin1).not.toContain(leak);
  // exifr cannot read WebP at all ("Unknown file format"), so it cannot vouch for the output; the checks above do.
  await expect(exifr.parse(image.bytes, true)).rejects.toThrow(/Unknown file format/);
}

/** A valid PNG of side×side 1-bit black pixels: over a billion bytes once decoded, about 100 kB on disk. */
async function pngBomb(side: number): Promise<Uint8Array> {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = once(deflate, 'end');
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter type 0, then the row's pixels
  for (let y = 0; y < side; y++) if (!deflate.write(row)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', Buffer.concat(parts)), chunk('IEND', Buffer.alloc(0))]));
}

describe('the sharp image processor', () => {
  let photo: Uint8Array;
  beforeAll(async () => {
    photo = await phonePhoto();
  });

  it('starts from a photo that really does carry GPS, orientation, XMP and an ICC profile', async () => {
    const input = await exifr.parse(photo, { tiff: true, xmp: true, icc: true, iptc: true, gps: true });
    expect(input.latitude).toBeCloseTo(51.509, 3);
    expect(input.longitude).toBeCloseTo(-0.1288, 3);
    expect(input.Make).toBe('PhoneCo');
    expect(input.Orientation).toBe('Rotate 90 CW');
    expect(input.creator).toBe('Jamie Example');
    expect(input.ProfileDescription).toBeDefined();
  });

  it('strips every piece of metadata from the processed image and the thumbnail', async () => {
    const { processed, thumbnail } = await processor.process(photo);
    await expectNoMetadata(processed);
    await expectNoMetadata(thumbnail);
  });

  it('would notice metadata in a WebP (the check above can fail)', async () => {
    const leaky = await sharp(photo).keepMetadata().webp().toBuffer(); // never done by the processor
    const { flags, chunks } = webpChunks(new Uint8Array(leaky));
    expect(flags & (VP8X_ICC | VP8X_EXIF | VP8X_XMP)).toBe(VP8X_ICC | VP8X_EXIF | VP8X_XMP);
    expect(chunks).toEqual(expect.arrayContaining(['ICCP', 'EXIF', 'XMP ']));
  });

  it('applies the EXIF orientation, so the picture comes out upright', async () => {
    const { processed, thumbnail } = await processor.process(photo);
    expect([processed.width, processed.height]).toEqual([200, 300]);
    expect([thumbnail.width, thumbnail.height]).toEqual([200, 300]);
    // Orientation 6 turns the stored top-left corner to the top right.
    const { data, info } = await sharp(processed.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(pixel(190, 10)[0]).toBeGreaterThan(200);
    expect(pixel(190, 10)[1]).toBeLessThan(60);
    expect(pixel(10, 10)[1]).toBeGreaterThan(200);
  });

  it('bounds the processed image to 2048 px and the thumbnail to 400 px, as WebP', async () => {
    const big = await sharp({ create: { width: 5000, height: 3000, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const { processed, thumbnail } = await processor.process(new Uint8Array(big));
    expect([processed.width, processed.height, processed.contentType]).toEqual([2048, 1229, 'image/webp']);
    expect([thumbnail.width, thumbnail.height, thumbnail.contentType]).toEqual([400, 240, 'image/webp']);
    expect(await sharp(processed.bytes).metadata()).toMatchObject({ format: 'webp', width: 2048, height: 1229 });
    expect(await sharp(thumbnail.bytes).metadata()).toMatchObject({ format: 'webp', width: 400, height: 240 });
  });

  it('never enlarges a small drawing', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: 'white' } }).png().toBuffer();
    const { processed, thumbnail } = await processor.process(new Uint8Array(small));
    expect([processed.width, processed.height, thumbnail.width]).toEqual([300, 200, 300]);
  });

  it('takes WebP in, lossy and lossless', async () => {
    for (const lossless of [false, true]) {
      const webp = await sharp({ create: { width: 640, height: 480, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).webp({ lossless }).toBuffer();
      const { processed } = await processor.process(new Uint8Array(webp));
      expect([processed.width, processed.height]).toEqual([640, 480]);
    }
  });

  it('puts a transparent canvas drawing on white', async () => {
    const stroke = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
    const drawing = await sharp({ create: { width: 60, height: 60, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: stroke, left: 20, top: 20 }])
      .png()
      .toBuffer();
    const { processed } = await processor.process(new Uint8Array(drawing));
    const { data, info } = await sharp(processed.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]); // was transparent black
    const centre = (30 * info.width + 30) * 3;
    expect(data[centre]).toBeGreaterThan(200);
    expect(data[centre + 1]).toBeLessThan(60);
  });

  it('accepts a JPEG that only makes libjpeg warn, as real phone photos sometimes do', async () => {
    const noise = Buffer.alloc(600 * 400 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: 600, height: 400, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    jpeg.set([0xff, 0xd3], jpeg.length >> 1); // a stray restart marker in the middle of the scan
    await expect(sharp(jpeg, { failOn: 'warning' }).raw().toBuffer()).rejects.toThrow(/Corrupt JPEG data/);
    const { processed } = await processor.process(new Uint8Array(jpeg));
    expect([processed.width, processed.height]).toEqual([600, 400]);
  });

  it('refuses a decompression bomb quickly and without a jump in memory', async () => {
    const small = await pngBomb(64);
    expect(await sharp(small).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 }); // the builder makes real PNGs
    const bomb = await pngBomb(30000);
    expect(bomb.length).toBeLessThan(1_000_000);

    const before = process.memoryUsage().rss;
    await expect(processor.process(bomb)).rejects.toMatchObject({ name: 'ImageRejectedError', reason: 'too_many_pixels' });
    // libvips' own limit is the second line of defence, should a header ever be misread.
    await expect(sharp(bomb, { limitInputPixels: 50_000_000 }).raw().toBuffer()).rejects.toThrow(/exceeds pixel limit/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a picture just over a lower pixel limit', async () => {
    const processorWithLowLimit = createSharpProcessor({ limitInputPixels: 10_000 });
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: 'white' } }).png().toBuffer();
    await expect(processorWithLowLimit.process(new Uint8Array(png))).rejects.toMatchObject({ reason: 'too_many_pixels' });
  });

  it.each([
    ['JPEG', () => sharp({ create: { width: 400, height: 400, channels: 3, background: 'red' } }).jpeg().toBuffer()],
    ['progressive JPEG', () => sharp({ create: { width: 400, height: 400, channels: 3, background: 'red' } }).jpeg({ progressive: true }).toBuffer()],
    ['PNG', () => sharp({ create: { width: 400, height: 400, channels: 4, background: 'red' } }).png().toBuffer()],
    ['WebP', () => sharp({ create: { width: 400, height: 400, channels: 3, background: 'red' } }).webp().toBuffer()],
  ])('refuses a truncated %s as undecodable', async (_name, make) => {
    const whole = await make();
    const cut = new Uint8Array(whole.subarray(0, Math.floor(whole.length * 0.6)));
    const rejection = processor.process(cut);
    await expect(rejection).rejects.toBeInstanceOf(ImageRejectedError);
    await expect(rejection).rejects.toMatchObject({ reason: expect.stringMatching(/^(undecodable|unreadable)$/) });
  });

  it('refuses a PNG whose pixel data fails its checksum', async () => {
    const png = Buffer.from(await sharp({ create: { width: 64, height: 64, channels: 3, background: 'red' } }).png().toBuffer());
    png[png.length - 20]! ^= 0xff; // inside IDAT: libspng notices the bad CRC (decoders set to "truncated" would not)
    await expect(processor.process(new Uint8Array(png))).rejects.toMatchObject({ name: 'ImageRejectedError', reason: 'undecodable' });
  });

  it('refuses SVG, HTML and other formats before sharp sees them', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).tiff().toBuffer();
    const inputs = [
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      new TextEncoder().encode('<!doctype html><p>hi'),
      new Uint8Array(gif),
      new Uint8Array(tiff),
    ];
    for (const input of inputs) await expect(processor.process(input)).rejects.toMatchObject({ name: 'ImageRejectedError', reason: 'unsupported_type' });
    await expect(processor.process(new Uint8Array())).rejects.toMatchObject({ reason: 'unreadable' });
  });

  it('leaves only the JPEG, PNG and WebP loaders in libvips once restricted', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
    for (const input of [svg, gif]) await expect(sharp(input).raw().toBuffer()).rejects.toThrow(/unsupported image format/);
  });
});
