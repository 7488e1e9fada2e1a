// Release check 5, metadata: a phone photo carrying EXIF (with GPS), XMP, IPTC and orientation 6 is posted as a drawing
// and processed by the real job runner; then EVERY object stored for that submission is read back from the blob store
// and examined with exiftool (Debian's libimage-exiftool-perl, an independent reader that knows far more formats and
// tags than sharp or exifr). Nothing identifying may remain, and the picture must be upright.
// The processor's own metadata unit tests are in test/images/sharp-processor.test.ts (RIFF chunks, sharp, exifr);
// this check adds the whole path through the API and blob store, and a second opinion from exiftool.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, postDrawing } from '../helpers/intake.ts';
import { startS3Server } from '../helpers/s3-server.ts';

const run = promisify(execFile);

type ExifToolTags = Record<string, unknown>;

let workDir: string;

/** exiftool's view of `bytes` (`-j -G -a -u`: every tag, duplicates and unknown ones too, keyed "Group:Tag"). */
async function exiftool(bytes: Uint8Array, name: string): Promise<ExifToolTags> {
  const file = path.join(workDir, name);
  await writeFile(file, bytes);
  let stdout: string;
  try {
    ({ stdout } = await run('exiftool', ['-j', '-G', '-a', '-u', file]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('exiftool is not installed: this check needs it (apt-get install -y libimage-exiftool-perl; .ci/run installs it in CI).');
    }
    throw error;
  }
  const [tags] = JSON.parse(stdout) as ExifToolTags[];
  return tags!;
}

const SECRETS = ['Sam Smith', 'Oakfield Primary', 'PhoneCo', 'Hackney', '51.5', 'Jamie'];

/** An IPTC-IIM record (Photoshop APP13, resource 0x0404) naming the child and the school. */
function iptcSegment(): Buffer {
  const dataset = (record: number, tag: number, value: string) => {
    const bytes = Buffer.from(value, 'utf8');
    const head = Buffer.from([0x1c, record, tag, 0, 0]);
    head.writeUInt16BE(bytes.length, 3);
    return Buffer.concat([head, bytes]);
  };
  const iptc = Buffer.concat([
    dataset(1, 90, '\x1b%G'), // coded character set: UTF-8
    dataset(2, 0, '\x00\x04'),
    dataset(2, 5, 'Sam at Oakfield Primary'),
    dataset(2, 80, 'Sam Smith'),
    dataset(2, 90, 'Hackney'),
    dataset(2, 120, 'Drawn in class 4B'),
  ]);
  const padded = iptc.length % 2 ? Buffer.concat([iptc, Buffer.alloc(1)]) : iptc;
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), Buffer.alloc(4), padded]);
  resource.writeUInt32BE(iptc.length, 8);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xed, 0, 0]), payload]);
  segment.writeUInt16BE(payload.length + 2, 2);
  return segment;
}

const XMP =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
  '<dc:creator><rdf:Seq><rdf:li>Sam Smith</rdf:li></rdf:Seq></dc:creator><photoshop:City>Hackney</photoshop:City>' +
  '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';

/**
 * A 600×400 (as stored) phone photo to be shown rotated 90° clockwise (orientation 6), with a red block in its stored
 * top-left corner: upright, that corner is at the top right.
 */
async function phonePhoto(): Promise<Uint8Array> {
  const corner = await sharp({ create: { width: 90, height: 60, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
  const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 235, g: 235, b: 235 } } })
    .composite([{ input: corner, left: 0, top: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneCo', Model: 'Phone 12', Artist: 'Sam Smith', ImageDescription: 'Sam at Oakfield Primary' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 32/1 4000/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 3/1 3000/100' },
    })
    .withXmp(XMP)
    .toBuffer();
  // IPTC goes straight after SOI; sharp has no writer for it.
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), iptcSegment(), jpeg.subarray(2)]));
}

/** Tag keys (Group:Name) that would carry metadata we must not keep. */
const FORBIDDEN_GROUPS = /^(EXIF|XMP|XMP-[\w-]+|IPTC|Photoshop|ICC_Profile|ICC-[\w-]+|MakerNotes|JFIF|APP\d+|GPS)$/;
const FORBIDDEN_TAGS = /gps|orientation|xmp|iptc|exif|artist|creator|by-?line|make|model|city|description|rotation/i;

function leaks(tags: ExifToolTags): string[] {
  return Object.keys(tags).filter((key) => {
    if (key === 'SourceFile' || key === 'ExifTool:ExifToolVersion') return false;
    const [group, name = ''] = key.split(':');
    return FORBIDDEN_GROUPS.test(group!) || FORBIDDEN_TAGS.test(name);
  });
}

const stores = [
  { name: 'filesystem blobs', start: async () => ({ blobs: undefined as BlobStore | undefined, stop: async () => {} }) },
  {
    name: 'S3 blobs (s3rver)',
    start: async () => {
      const server = await startS3Server();
      return { blobs: new S3BlobStore(createS3Client(server.config), server.config.bucket) as BlobStore | undefined, stop: server.stop };
    },
  },
];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'heard-exiftool-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe.each(stores)(`metadata of a processed drawing on ${engineName} with $name`, (store) => {
  let h: Harness;
  let stop: () => Promise<void>;
  let photo: Uint8Array;
  beforeAll(async () => {
    const started = await store.start();
    stop = started.stop;
    h = await createHarness({ blobs: started.blobs });
    photo = await phonePhoto();
  });
  afterAll(async () => {
    await h?.close();
    await stop?.();
  });

  it('starts from a photo exiftool sees GPS, XMP, IPTC, EXIF and orientation 6 in (so the check below can fail)', async () => {
    const tags = await exiftool(photo, 'input.jpg');
    expect(tags).toMatchObject({
      'EXIF:Orientation': 'Rotate 90 CW',
      'EXIF:Make': 'PhoneCo',
      'EXIF:GPSLatitudeRef': 'North',
      'XMP:Creator': 'Sam Smith',
      'IPTC:By-line': 'Sam Smith',
      'IPTC:ObjectName': 'Sam at Oakfield Primary',
      'File:ImageWidth': 600,
      'File:ImageHeight': 400,
    });
    expect(tags['Composite:GPSPosition']).toMatch(/^51 deg 32' 40\.00" N/);
    expect(leaks(tags).length).toBeGreaterThan(10);
  });

  it('keeps none of it in any stored object, and stores the picture upright', async () => {
    const body = drawing();
    const id = body.id as string;
    const response = await postDrawing(h.app, body, photo, 'image/jpeg');
    expect(response.status).toBe(201);
    const runner = createJobRunner(h.deps, createSharpProcessor());
    expect(await runner.drain()).toBeGreaterThanOrEqual(1);

    const media = await h.database.db
      .selectFrom('media_objects')
      .select(['role', 'storage_key', 'processing_status', 'width', 'height'])
      .where('submission_id', '=', id)
      .orderBy('role')
      .execute();
    expect(media.map((m) => [m.role, m.processing_status])).toEqual([
      ['processed', 'ready'],
      ['thumbnail', 'ready'],
    ]);

    // Every object in the store that belongs to this submission, wherever it lives (not only those a row names).
    const keys = (await listKeys(h.blobs)).filter((key) => key.includes(id));
    expect(keys.sort()).toEqual(media.map((m) => m.storage_key).sort());

    const report: string[] = [];
    for (const key of keys) {
      const blob = await h.blobs.get(key);
      const bytes = new Uint8Array(await new Response(blob!.body).arrayBuffer());
      const tags = await exiftool(bytes, `${path.basename(key)}`);
      const text = JSON.stringify(tags);
      report.push(`  ${key}: ${tags['File:FileType']} ${tags['RIFF:ImageWidth']}×${tags['RIFF:ImageHeight']}, ${Object.keys(tags).length} tags, groups ${[...new Set(Object.keys(tags).map((k) => k.split(':')[0]))].join(' ')}`);
      expect(tags['File:FileType']).toBe('WEBP');
      expect(leaks(tags)).toEqual([]);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      const latin1 = Buffer.from(bytes).toString('latin1');
      for (const marker of ['Exif\0\0', 'xmpmeta', '8BIM', 'Photoshop', 'PhoneCo', 'Sam Smith']) expect(latin1).not.toContain(marker);

      // Orientation 6 on a 600×400 sensor image: upright it is portrait, 400×600 (the thumbnail scaled to 400 high).
      const row = media.find((m) => m.storage_key === key)!;
      expect([tags['RIFF:ImageWidth'], tags['RIFF:ImageHeight']]).toEqual([row.width, row.height]);
      expect(row.height!).toBeGreaterThan(row.width!);
      expect(row.width! / row.height!).toBeCloseTo(400 / 600, 2);
      // The stored top-left corner (red) is now top right: rotated clockwise, not anticlockwise or mirrored.
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
      const [r, g] = pixel(info.width - 3, 3);
      expect(r!).toBeGreaterThan(200);
      expect(g!).toBeLessThan(80);
      for (const [x, y] of [[3, 3], [3, info.height - 4], [info.width - 4, info.height - 4]] as const) expect(pixel(x, y)[1]!).toBeGreaterThan(180);
    }
    console.log([`metadata (${engineName}, ${store.name}): exiftool on every stored object of the submission`, `  input: ${leaks(await exiftool(photo, 'again.jpg')).length} identifying or orientation tags`, ...report].join('\n'));
  });
});
