// The integrity walk as the Node upload path runs it: fed chunk by chunk as the bytes stream in. Whatever the chunk
// sizes (headers split across chunks, an end marker split between two), it must say what the whole-file check says.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIntegrityScanner, integrityProblem, MAX_COMPRESSED_METADATA_BYTES } from '../../api/images/integrity.ts';
import type { ImageType } from '../../api/images/sniff.ts';
import { pngDrawing } from '../helpers/intake.ts';
import { largeJpeg } from '../helpers/photos.ts';
import { pngChunk } from '../helpers/png-chunk.ts';

function scanInChunks(bytes: Uint8Array, size: number, type: ImageType) {
  const scanner = createIntegrityScanner();
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
  return scanner.result(type);
}

/** A PNG with `chunk` inserted right after IHDR. */
function withChunk(png: Uint8Array, chunk: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]));
}

describe('integrity scan, streamed', () => {
  const files: { name: string; type: ImageType; bytes: Uint8Array; expected: string | undefined }[] = [];
  beforeAll(async () => {
    const png = await pngDrawing(120, 90);
    const noise = Buffer.alloc(160 * 120 * 3).map((_, index) => (index * 7919) % 251);
    const jpeg = new Uint8Array(await sharp(noise, { raw: { width: 160, height: 120, channels: 3 } }).jpeg().toBuffer());
    const bomb = pngChunk('zTXt', new Uint8Array(MAX_COMPRESSED_METADATA_BYTES + 10));
    files.push(
      { name: 'a whole PNG', type: 'image/png', bytes: png, expected: undefined },
      { name: 'a PNG cut inside its data', type: 'image/png', bytes: png.subarray(0, png.length - 40), expected: 'truncated' },
      { name: 'a PNG without IEND', type: 'image/png', bytes: png.subarray(0, png.length - 12), expected: 'truncated' },
      { name: 'a PNG with a zTXt bomb', type: 'image/png', bytes: withChunk(png, bomb), expected: 'oversized_metadata' },
      { name: 'a PNG with a zTXt bomb, cut inside it', type: 'image/png', bytes: withChunk(png, bomb).subarray(0, 33 + 100), expected: 'truncated' },
      { name: 'a whole JPEG', type: 'image/jpeg', bytes: jpeg, expected: undefined },
      { name: 'a JPEG cut in half', type: 'image/jpeg', bytes: jpeg.subarray(0, jpeg.length >> 1), expected: 'truncated' },
      { name: 'a JPEG without its last byte', type: 'image/jpeg', bytes: jpeg.subarray(0, jpeg.length - 1), expected: 'truncated' },
      { name: 'a JPEG with data after its end', type: 'image/jpeg', bytes: new Uint8Array(Buffer.concat([jpeg, Buffer.from('PK\x03\x04 appended')])), expected: undefined },
      { name: 'a large photo-like JPEG', type: 'image/jpeg', bytes: await largeJpeg(), expected: undefined },
    );
  }, 60_000);

  it('agrees with the whole-file check for every chunk size', () => {
    for (const file of files) {
      expect(integrityProblem(file.bytes, file.type), file.name).toBe(file.expected);
      const sizes = file.bytes.length > 1_000_000 ? [65_536, 65_537, 16_384] : [1, 2, 3, 5, 7, 64, 4096];
      for (const size of sizes) expect(scanInChunks(file.bytes, size, file.type), `${file.name} in chunks of ${size}`).toBe(file.expected);
    }
  });
});
