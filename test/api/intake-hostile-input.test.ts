// Hostile inputs that intake used to acknowledge and then drop silently: each is now refused at once with a
// problem+json code the child's app can act on, and nothing of it is stored.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { pngChunk } from '../helpers/png-chunk.ts';

/** A real PNG with an extra ancillary chunk inserted right after IHDR (8 + 25 bytes in). */
function withChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const bytes = Buffer.from(png);
  return new Uint8Array(Buffer.concat([bytes.subarray(0, 33), pngChunk(type, data), bytes.subarray(33)]));
}

/** Keyword, NUL, compression method 0, then `size` bytes standing in for a zlib stream (as a bomb's would). */
function compressedText(size: number): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), Buffer.alloc(size, 0x78)]));
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return (await response.json()) as { status: number; code: string; errors?: { pointer: string }[] };
}

describe('hostile input at intake', () => {
  let h: Harness;
  let png: Uint8Array;
  let jpeg: Uint8Array;
  beforeAll(async () => {
    h = await createHarness();
    png = await pngDrawing(200, 150);
    const noise = Buffer.alloc(200 * 150 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    jpeg = new Uint8Array(await sharp(noise, { raw: { width: 200, height: 150, channels: 3 } }).jpeg().toBuffer());
  });
  afterAll(async () => h?.close());

  const refusals: { name: string; code: string; pointer: string; send: () => Promise<Response> }[] = [
    { name: 'a truncated JPEG (header intact, no end marker)', code: 'image_incomplete', pointer: '/image', send: () => postDrawing(h.app, drawing(), jpeg.subarray(0, jpeg.length >> 1), 'image/jpeg') },
    { name: 'a truncated PNG (cut inside IDAT)', code: 'image_incomplete', pointer: '/image', send: () => postDrawing(h.app, drawing(), png.subarray(0, png.length - 40), 'image/png') },
    { name: 'a PNG without IEND', code: 'image_incomplete', pointer: '/image', send: () => postDrawing(h.app, drawing(), png.subarray(0, png.length - 12), 'image/png') },
    { name: 'a PNG with a large zTXt chunk', code: 'image_metadata_too_large', pointer: '/image', send: () => postDrawing(h.app, drawing(), withChunk(png, 'zTXt', compressedText(40_000)), 'image/png') },
    { name: 'a PNG with a large iCCP profile', code: 'image_metadata_too_large', pointer: '/image', send: () => postDrawing(h.app, drawing(), withChunk(png, 'iCCP', compressedText(40_000)), 'image/png') },
    {
      name: 'a PNG with many small iTXt chunks adding up',
      code: 'image_metadata_too_large',
      pointer: '/image',
      send: () => postDrawing(h.app, drawing(), [1, 2, 3, 4, 5].reduce((bytes) => withChunk(bytes, 'iTXt', compressedText(4000)), png), 'image/png'),
    },
    { name: 'a multipart body with two submission parts', code: 'duplicate_part', pointer: '/submission', send: () => postForm([['submission', JSON.stringify(drawing())], ['submission', JSON.stringify(drawing())], ['image', png]]) },
    { name: 'a multipart body with two image parts', code: 'duplicate_part', pointer: '/image', send: () => postForm([['submission', JSON.stringify(drawing())], ['image', png], ['image', png]]) },
    { name: 'JSON with a top-level __proto__ member', code: 'forbidden_member', pointer: '/__proto__', send: () => postJson(h.app, JSON.stringify(quote()).replace('{', '{"__proto__":{"admin":true},')) },
    { name: 'JSON with a nested constructor member', code: 'forbidden_member', pointer: '/consent/constructor', send: () => postJson(h.app, JSON.stringify(quote()).replace('"consent":{', '"consent":{"constructor":{"prototype":{}},')) },
    { name: 'a multipart submission part with __proto__', code: 'forbidden_member', pointer: '/__proto__', send: () => postForm([['submission', JSON.stringify(drawing()).replace('{', '{"__proto__":null,')], ['image', png]]) },
  ];

  it.each(refusals)('refuses $name with 422 $code', async ({ code, pointer, send }) => {
    const before = { rows: await countRows(h.database, 'submissions'), keys: await listKeys(h.blobs) };
    const response = await send();
    expect(response.status).toBe(422);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status: 422, code });
    expect(problem.errors?.map((error) => error.pointer)).toContain(pointer);
    expect(await countRows(h.database, 'submissions')).toBe(before.rows);
    expect(await listKeys(h.blobs)).toEqual(before.keys);
  });

  it('still takes whole pictures, small metadata, and a JPEG with data appended after its end', async () => {
    const small = withChunk(png, 'zTXt', compressedText(2000));
    const appended = new Uint8Array(Buffer.concat([jpeg, Buffer.from('PK\x03\x04 trailing bytes')]));
    for (const [bytes, type] of [[png, 'image/png'], [jpeg, 'image/jpeg'], [small, 'image/png'], [appended, 'image/jpeg']] as const) {
      const response = await postDrawing(h.app, drawing(), bytes, type);
      expect(response.status).toBe(201);
    }
  });

  function postForm(parts: [string, string | Uint8Array][]): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of parts) {
      if (typeof value === 'string') form.append(name, value);
      else form.append(name, new Blob([value as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'drawing');
    }
    return Promise.resolve(h.app.request('/api/submissions', { method: 'POST', body: form }));
  }
});
