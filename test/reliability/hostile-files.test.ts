// Release check 4, hostile files: each one is posted as a drawing through the real API (multipart) and, when intake
// takes it, the real job runner processes it. Every file must be refused at intake with a problem+json 4xx, or be
// re-encoded to a clean WebP, or be marked failed (and its quarantined upload deleted). Times and the peak RSS during
// processing are printed, not asserted (the machine is noisy); outcomes are asserted.
// Already covered elsewhere and not repeated here: the sniffer's format table (test/images/sniff.test.ts), the
// processor on its own (test/images/sharp-processor.test.ts), and SVG/HTML/zip/30000² header at intake
// (test/api/submissions-drawing.test.ts).
import { once } from 'node:events';
import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor, restrictSharpLoaders } from '../../api/images/sharp-processor.ts';
import { createJobRunner, type JobRunner } from '../../api/jobs/runner.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, postDrawing } from '../helpers/intake.ts';
import { pngChunk } from '../helpers/png-chunk.ts';

type Outcome = 'refused at intake' | 'processed' | 'failed';
type Hostile = { name: string; expected: Outcome; type: string; make: () => Promise<Uint8Array> };

const text = (value: string) => new TextEncoder().encode(value);
const canvas = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 250, g: 250, b: 245 } } });

/** A structurally valid 1-bit greyscale PNG of width×height black pixels: tiny on disk, huge once decoded. */
async function pngFlood(width: number, height: number): Promise<Uint8Array> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = once(deflate, 'end');
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  for (let y = 0; y < height; y++) if (!deflate.write(row)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(parts)), pngChunk('IEND', new Uint8Array())]));
}

/** A real small JPEG whose frame header (SOF0) is rewritten to claim width×height. */
async function jpegFlood(width: number, height: number): Promise<Uint8Array> {
  const jpeg = Buffer.from(await canvas(16, 16).jpeg().toBuffer());
  const sof = jpeg.findIndex((byte, at) => byte === 0xff && jpeg[at + 1] === 0xc0);
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return new Uint8Array(jpeg);
}

/** A minimal stored (uncompressed) ZIP holding one file, as appended to a JPEG to make a polyglot. */
function zipWith(name: string, content: Uint8Array): Buffer {
  const nameBytes = Buffer.from(name, 'latin1');
  const crc = crc32(content) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + content.length, 16);
  return Buffer.concat([local, nameBytes, content, central, nameBytes, end]);
}

/** An animated WebP: `frames` frames of width×height, each a different colour. */
async function animatedWebp(width: number, height: number, frames: number): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let frame = 0; frame < frames; frame++) raw.fill((frame * 37) % 256, frame * width * height * 3, (frame + 1) * width * height * 3);
  const webp = await sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .webp({ loop: 0, delay: new Array<number>(frames).fill(40), effort: 0 })
    .toBuffer();
  return new Uint8Array(webp);
}

const SCRIPT_SVG = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="fetch(\'/api/me\')"><script>alert(document.cookie)</script></svg>';

const hostile: Hostile[] = [
  { name: 'pixel-flood PNG (valid 1-bit IDAT, header 50000×50000)', expected: 'refused at intake', type: 'image/png', make: () => pngFlood(50_000, 50_000) },
  { name: 'pixel-flood JPEG (16×16 file, SOF claims 65000×65000)', expected: 'refused at intake', type: 'image/jpeg', make: () => jpegFlood(65_000, 65_000) },
  { name: 'real 16383×16383 PNG (268 Mpx, every row present)', expected: 'refused at intake', type: 'image/png', make: () => pngFlood(16_383, 16_383) },
  { name: 'PNG flood just inside the limits (7000×7000, 1-bit)', expected: 'processed', type: 'image/png', make: () => pngFlood(7000, 7000) },
  { name: 'JPEG just inside the limits (7000×7000)', expected: 'processed', type: 'image/jpeg', make: async () => new Uint8Array(await canvas(7000, 7000).jpeg().toBuffer()) },
  { name: 'SVG with script, BOM and XML prolog, declared WebP', expected: 'refused at intake', type: 'image/webp', make: async () => text(SCRIPT_SVG) },
  { name: 'SVG with script declared PNG', expected: 'refused at intake', type: 'image/png', make: async () => text(SCRIPT_SVG.slice(1)) },
  { name: 'HTML renamed .png (leading blank lines)', expected: 'refused at intake', type: 'image/png', make: async () => text('\n\n  <html><body><script>fetch("/api/me")</script></body></html>') },
  {
    name: 'polyglot JPEG/ZIP (JPEG with a ZIP holding a script appended)',
    expected: 'processed',
    type: 'image/jpeg',
    make: async () => new Uint8Array(Buffer.concat([await canvas(320, 240).jpeg().toBuffer(), zipWith('evil.html', text('<script>alert(1)</script>'))])),
  },
  { name: 'TIFF declared JPEG', expected: 'refused at intake', type: 'image/jpeg', make: async () => new Uint8Array(await canvas(64, 64).tiff().toBuffer()) },
  { name: 'TIFF declared TIFF', expected: 'refused at intake', type: 'image/tiff', make: async () => new Uint8Array(await canvas(64, 64).tiff().toBuffer()) },
  { name: 'PDF declared PNG', expected: 'refused at intake', type: 'image/png', make: async () => text('%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF') },
  { name: 'PDF declared PDF', expected: 'refused at intake', type: 'application/pdf', make: async () => text('%PDF-1.4\n%%EOF') },
  {
    name: 'truncated JPEG (cut at 50%, header intact)',
    expected: 'refused at intake',
    type: 'image/jpeg',
    make: async () => {
      const noise = Buffer.alloc(400 * 300 * 3);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
      const whole = await sharp(noise, { raw: { width: 400, height: 300, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
      return new Uint8Array(whole.subarray(0, whole.length >> 1));
    },
  },
  { name: 'animated WebP, 24 frames of 2048×2048', expected: 'processed', type: 'image/webp', make: () => animatedWebp(2048, 2048, 24) },
];

describe(`hostile files through the API and the job runner on ${engineName}`, () => {
  let h: Harness;
  let runner: JobRunner;
  const rows: { file: string; bytes: number; outcome: string; status: number; intakeMs: number; processMs: number; totalMs: number; rssGrowth: number }[] = [];
  let baselineRss = 0;
  let peakRss = 0;

  beforeAll(async () => {
    // As the Node server runs: only the JPEG, PNG and WebP loaders (process-wide; each test file has its own process).
    restrictSharpLoaders();
    h = await createHarness();
    runner = createJobRunner(h.deps, createSharpProcessor());
    baselineRss = process.memoryUsage().rss;
  });
  afterAll(async () => {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      [
        `hostile files (${engineName}): outcome and time per file (intake + processing)`,
        ...rows.map((r) => `  ${r.file.padEnd(62)} ${String(r.bytes).padStart(9)} B  ${String(r.status)}  ${r.outcome.padEnd(17)} intake ${r.intakeMs.toFixed(0).padStart(4)} ms  processing ${r.processMs.toFixed(0).padStart(4)} ms  total ${r.totalMs.toFixed(0).padStart(4)} ms${r.rssGrowth > 0 ? `  RSS +${mb(r.rssGrowth)}` : ''}${r.totalMs > 1000 ? '  (over 1 s)' : ''}`),
        `  process RSS: ${mb(baselineRss)} after start-up, peak while the job runner processed ${mb(peakRss)}`,
      ].join('\n'),
    );
    await h?.close();
  });

  it.each(hostile)('$name', async (file) => {
    const bytes = await file.make();
    const body = drawing();
    const id = body.id as string;
    const before = { rows: await countRows(h.database, 'submissions'), keys: await listKeys(h.blobs) };

    const intakeStarted = performance.now();
    const response = await postDrawing(h.app, body, bytes, file.type);
    const intakeMs = performance.now() - intakeStarted;

    let outcome: Outcome;
    let processMs = 0;
    let rssGrowth = 0;
    if (response.status >= 400) {
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await response.json();
      expect(problem).toMatchObject({ status: response.status, code: expect.any(String) });
      // Nothing of a refused file is stored.
      expect(await countRows(h.database, 'submissions')).toBe(before.rows);
      expect(await listKeys(h.blobs)).toEqual(before.keys);
      outcome = 'refused at intake';
    } else {
      expect(response.status).toBe(201);
      const sampler = sampleRss();
      const startRss = process.memoryUsage().rss;
      const processStarted = performance.now();
      await runner.drain();
      processMs = performance.now() - processStarted;
      const peak = sampler.stop();
      peakRss = Math.max(peakRss, peak);
      rssGrowth = peak - startRss;
      outcome = await outcomeOf(h, id);
    }
    rows.push({ file: file.name, bytes: bytes.length, outcome, status: response.status, intakeMs, processMs, totalMs: intakeMs + processMs, rssGrowth });
    expect(outcome).toBe(file.expected);
  });
});

/** Samples the process's RSS every few milliseconds until stopped; returns the highest seen. */
function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

async function readObject(blobs: BlobStore, key: string): Promise<Buffer> {
  const blob = await blobs.get(key);
  if (!blob) throw new Error(`missing object ${key}`);
  return Buffer.from(await new Response(blob.body).arrayBuffer());
}

/** After the job ran: checks the submission ended in one of the two safe states and says which. */
async function outcomeOf(h: Harness, id: string): Promise<Outcome> {
  const media = await h.database.db
    .selectFrom('media_objects')
    .select(['role', 'storage_key', 'content_type', 'processing_status', 'width', 'height'])
    .where('submission_id', '=', id)
    .orderBy('role')
    .execute();
  const job = await h.database.db
    .selectFrom('jobs')
    .select(['status', 'last_error'])
    .where('kind', '=', 'process_drawing')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  // Either way the raw upload is gone from quarantine.
  expect(await listKeys(h.blobs, `quarantine/${id}/`)).toEqual([]);

  if (media.some((m) => m.role === 'processed')) {
    expect(job.status).toBe('done');
    expect(media.map((m) => [m.role, m.processing_status, m.content_type])).toEqual([
      ['processed', 'ready', 'image/webp'],
      ['thumbnail', 'ready', 'image/webp'],
    ]);
    for (const item of media) {
      const stored = await readObject(h.blobs, item.storage_key);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.pages ?? 1).toBe(1); // one still frame, never an animation
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2048);
      expect([meta.width, meta.height]).toEqual([item.width, item.height]);
      // Nothing smuggled after the image survives a re-encode.
      const latin1 = stored.toString('latin1');
      for (const leak of ['PK\x03\x04', 'PK\x01\x02', '<script', 'evil.html']) expect(latin1).not.toContain(leak);
    }
    return 'processed';
  }
  expect(job.status).toBe('dead');
  expect(job.last_error).toMatch(/^image rejected: /);
  expect(media.map((m) => [m.role, m.processing_status])).toEqual([['original', 'failed']]);
  return 'failed';
}
