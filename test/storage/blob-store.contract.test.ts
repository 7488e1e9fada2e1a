// One contract, every implementation: the embedded filesystem store and the S3 store against a real S3-protocol server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidBlobKeyError, type BlobStore } from '../../api/storage/blob-store.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { startS3Server } from '../helpers/s3-server.ts';

type StoreFactory = { name: string; start(): Promise<{ store: BlobStore; stop(): Promise<void> }> };

const factories: StoreFactory[] = [
  {
    name: 'filesystem',
    async start() {
      const root = await mkdtemp(path.join(tmpdir(), 'heard-blobs-'));
      return { store: new FsBlobStore(root), stop: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver over HTTP)',
    async start() {
      const server = await startS3Server();
      return { store: new S3BlobStore(createS3Client(server.config), server.config.bucket), stop: server.stop };
    },
  },
];

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function collect(iterable: AsyncIterable<{ key: string; lastModified: Date }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key, lastModified } of iterable) {
    expect(Math.abs(Date.now() - lastModified.getTime())).toBeLessThan(10 * 60_000);
    keys.push(key);
  }
  return keys;
}

describe.each(factories)('blob store contract: $name', (factory) => {
  let store: BlobStore;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, stop } = await factory.start());
  });
  afterAll(() => stop());

  it('is reachable', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  it('stores and returns the exact bytes and content type', async () => {
    const bytes = new Uint8Array(randomBytes(300_000));
    await store.put('quarantine/a1/original', bytes, { contentType: 'image/png' });
    const blob = await store.get('quarantine/a1/original');
    expect(blob).not.toBeNull();
    expect(blob!.contentType).toBe('image/png');
    expect(blob!.bytes).toBe(bytes.byteLength);
    expect(Buffer.from(await readAll(blob!.body)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('replaces an object put again under the same key', async () => {
    await store.put('media/b2/processed.webp', new TextEncoder().encode('first'), { contentType: 'image/webp' });
    await store.put('media/b2/processed.webp', new TextEncoder().encode('second'), { contentType: 'image/webp' });
    const blob = await store.get('media/b2/processed.webp');
    expect(new TextDecoder().decode(await readAll(blob!.body))).toBe('second');
  });

  it('stores an empty object', async () => {
    await store.put('media/empty', new Uint8Array(), { contentType: 'application/octet-stream' });
    const blob = await store.get('media/empty');
    expect(blob?.bytes).toBe(0);
    expect((await readAll(blob!.body)).byteLength).toBe(0);
  });

  it('returns null for a missing key', async () => {
    expect(await store.get('media/never-stored')).toBeNull();
  });

  it('deletes, and deleting again or deleting a missing key succeeds', async () => {
    await store.put('media/c3/thumb.webp', new Uint8Array([1, 2, 3]), { contentType: 'image/webp' });
    await store.delete('media/c3/thumb.webp');
    expect(await store.get('media/c3/thumb.webp')).toBeNull();
    await expect(store.delete('media/c3/thumb.webp')).resolves.toBeUndefined();
    await expect(store.delete('media/never-there')).resolves.toBeUndefined();
  });

  it('lists keys by prefix', async () => {
    for (const key of ['list-test/x/1', 'list-test/x/2', 'list-test/y/1']) {
      await store.put(key, new Uint8Array([0]), { contentType: 'application/octet-stream' });
    }
    expect((await collect(store.list('list-test/x/'))).sort()).toEqual(['list-test/x/1', 'list-test/x/2']);
    expect(await collect(store.list('list-test/'))).toHaveLength(3);
    expect(await collect(store.list('nothing-here/'))).toEqual([]);
  });

  it.each(['../etc/passwd', 'a/../../b', '/absolute', 'UPPER/case', 'space here', 'a//b', '', 'trailing/'])(
    'refuses the unsafe key %j',
    async (key) => {
      await expect(store.put(key, new Uint8Array([1]), { contentType: 'text/plain' })).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    },
  );
});
