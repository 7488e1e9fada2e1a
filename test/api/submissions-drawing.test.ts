import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, jpegWithGps, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.ts';

async function readObject(blobs: BlobStore, key: string): Promise<Buffer> {
  const blob = await blobs.get(key);
  if (!blob) throw new Error(`missing object ${key}`);
  return Buffer.from(await new Response(blob.body).arrayBuffer());
}

async function mediaOf(h: Harness, submissionId: string) {
  return h.database.db
    .selectFrom('media_objects')
    .select(['role', 'storage_key', 'content_type', 'processing_status', 'width', 'height'])
    .where('submission_id', '=', submissionId)
    .orderBy('role')
    .execute();
}

const stores = [
  { name: 'filesystem blobs', start: async () => ({ blobs: undefined as BlobStore | undefined, stop: async () => {} }) },
  {
    name: 'S3 blobs (s3rver)',
    start: async () => {
      const server: TestS3Server = await startS3Server();
      return { blobs: new S3BlobStore(createS3Client(server.config), server.config.bucket) as BlobStore | undefined, stop: server.stop };
    },
  },
];

describe.each(stores)(`drawings on ${engineName} with $name`, (store) => {
  let h: Harness;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const started = await store.start();
    stop = started.stop;
    h = await createHarness({ blobs: started.blobs });
  });
  afterAll(async () => {
    await h.close();
    await stop();
  });

  it('quarantines the upload and answers at once; the job makes a clean WebP and thumbnail and deletes the upload', async () => {
    const body = drawing();
    const photo = await jpegWithGps(600, 400);
    // The fixture really carries a location, an orientation, XMP and a colour profile.
    const input = await exifr.parse(Buffer.from(photo), { gps: true, xmp: true, icc: true });
    expect(input.latitude).toBeCloseTo(51.5, 1);
    expect(input.Orientation).toBe('Rotate 90 CW');
    expect(input.creator).toBe('Sam Smith');

    const response = await postDrawing(h.app, body, photo, 'image/jpeg');
    expect(response.status).toBe(201);
    expect((await listKeys(h.blobs, 'quarantine/')).length).toBe(1);
    expect(await mediaOf(h, body.id as string)).toEqual([expect.objectContaining({ role: 'original', processing_status: 'pending' })]);

    const runner = createJobRunner(h.deps, createSharpProcessor());
    expect(await runner.drain()).toBeGreaterThanOrEqual(1);

    const media = await mediaOf(h, body.id as string);
    expect(media.map((m) => [m.role, m.processing_status, m.content_type])).toEqual([
      ['processed', 'ready', 'image/webp'],
      ['thumbnail', 'ready', 'image/webp'],
    ]);
    expect(await listKeys(h.blobs, 'quarantine/')).toEqual([]);
    for (const item of media) {
      const bytes = await readObject(h.blobs, item.storage_key);
      // exifr does not read WebP, so list the RIFF chunks ourselves: metadata lives only in EXIF, XMP and ICCP chunks.
      expect(webpChunks(bytes).filter((chunk) => ['EXIF', 'XMP ', 'ICCP'].includes(chunk))).toEqual([]);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.exif).toBeUndefined();
      // Orientation 6 means the 600×400 sensor image is upright as 400×600.
      expect(meta.height!).toBeGreaterThan(meta.width!);
    }
  });

  it('replays a drawing idempotently and refuses a different picture under the same id', async () => {
    const body = drawing();
    const picture = await pngDrawing(320, 240);
    const first = await postDrawing(h.app, body, picture);
    const again = await postDrawing(h.app, body, picture);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(await again.json()).toEqual(await first.json());
    const other = await postDrawing(h.app, body, await pngDrawing(321, 240));
    expect(other.status).toBe(422);
    expect((await listKeys(h.blobs, `quarantine/${body.id}/`)).length).toBe(1);
  });

  describe('refuses what is not a safe picture, storing nothing', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const cases: [string, () => Promise<Response>, number][] = [
      ['a drawing without its picture', () => postDrawing(h.app, drawing(), undefined), 422],
      ['a quote with a picture', async () => postDrawing(h.app, { ...drawing(), kind: 'quote' }, await pngDrawing(50, 50)), 422],
      ['SVG declared as SVG', () => postDrawing(h.app, drawing(), svg, 'image/svg+xml'), 415],
      ['SVG renamed to PNG', () => postDrawing(h.app, drawing(), svg, 'image/png'), 422],
      ['HTML renamed to PNG', () => postDrawing(h.app, drawing(), html, 'image/png'), 422],
      ['a zip declared as a picture', () => postDrawing(h.app, drawing(), zip, 'image/jpeg'), 422],
      ['a zip declared as a zip', () => postDrawing(h.app, drawing(), zip, 'application/zip'), 415],
      ['PNG bytes declared as JPEG', async () => postDrawing(h.app, drawing(), await pngDrawing(50, 50), 'image/jpeg'), 422],
      ['absurd dimensions (30000×30000 header)', async () => postDrawing(h.app, drawing(), await hugePngHeader(30000, 30000)), 422],
      ['a malformed submission part', async () => postDrawing(h.app, '{"kind": "drawing", ', await pngDrawing(50, 50)), 400],
      ['an unexpected part', async () => {
        const form = new FormData();
        form.set('submission', JSON.stringify(drawing()));
        form.set('image', new Blob([(await pngDrawing(50, 50)) as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
        form.set('location', '51.5,-0.1');
        return h.app.request('/api/submissions', { method: 'POST', body: form });
      }, 422],
    ];

    it.each(cases)('%s', async (_name, send, status) => {
      const before = { rows: await countRows(h.database, 'submissions'), keys: await listKeys(h.blobs) };
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await countRows(h.database, 'submissions')).toBe(before.rows);
      expect(await listKeys(h.blobs)).toEqual(before.keys);
    });

    it('answers 413 before reading a body larger than the configured limit', async () => {
      const response = await h.app.request('/api/submissions', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) },
        body: new ReadableStream({ start: (controller) => controller.close() }),
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect((await response.json()).code).toBe('body_too_large');
    });
  });
});

/** The FourCC of every chunk in a WebP (RIFF) file. */
function webpChunks(bytes: Buffer): string[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 12)).toBe('WEBP');
  const chunks: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const size = bytes.readUInt32LE(offset + 4);
    chunks.push(bytes.toString('latin1', offset, offset + 4));
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

/** A PNG whose header claims the given size, with a tiny valid zlib stream: a decompression bomb's shape. */
async function hugePngHeader(width: number, height: number): Promise<Uint8Array> {
  const png = Buffer.from(await pngDrawing(8, 8));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  // Recompute the IHDR CRC so the file is structurally valid.
  const { crc32 } = await import('node:zlib');
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return new Uint8Array(png);
}
