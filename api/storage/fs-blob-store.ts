/** Blob store on the local filesystem under DATA_DIR/blobs: the embedded default. Node only. */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertValidKey, assertValidPrefix, type BlobStore, type ListedBlob, type PutOptions, type StoredBlob } from './blob-store.ts';

const META_SUFFIX = '.meta.json';

export class FsBlobStore implements BlobStore {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.objectsDir = path.resolve(root, 'objects');
    this.tmpDir = path.resolve(root, 'tmp');
  }

  async put(key: string, body: Uint8Array, options: PutOptions): Promise<void> {
    assertValidKey(key);
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const staged = path.join(this.tmpDir, randomUUID());
    try {
      await writeDurably(`${staged}${META_SUFFIX}`, JSON.stringify({ contentType: options.contentType }));
      await writeDurably(staged, body);
      // Metadata first, then the data: a reader that finds the data always finds its metadata.
      await rename(`${staged}${META_SUFFIX}`, `${target}${META_SUFFIX}`);
      await rename(staged, target);
    } finally {
      await rm(staged, { force: true });
      await rm(`${staged}${META_SUFFIX}`, { force: true });
    }
  }

  async get(key: string): Promise<StoredBlob | null> {
    assertValidKey(key);
    const target = this.pathOf(key);
    let bytes: number;
    try {
      bytes = (await stat(target)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const meta = JSON.parse(await readFile(`${target}${META_SUFFIX}`, 'utf8')) as { contentType?: unknown };
    const contentType = typeof meta.contentType === 'string' ? meta.contentType : 'application/octet-stream';
    const body = Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>;
    return { body, contentType, bytes };
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    const target = this.pathOf(key);
    await rm(target, { force: true });
    await rm(`${target}${META_SUFFIX}`, { force: true });
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    assertValidPrefix(prefix);
    for (const key of (await this.walk(this.objectsDir, '')).sort()) {
      if (!key.startsWith(prefix)) continue;
      try {
        yield { key, lastModified: (await stat(this.pathOf(key))).mtime };
      } catch (error) {
        if (!isMissing(error)) throw error; // deleted while we listed
      }
    }
  }

  async check(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true });
    const probe = path.join(this.objectsDir, `.readyz-${randomUUID()}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.objectsDir, ...key.split('/'));
  }

  private async walk(dir: string, base: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const key = base ? `${base}/${entry.name}` : entry.name;
      if (entry.isDirectory()) keys.push(...(await this.walk(path.join(dir, entry.name), key)));
      else if (!entry.name.endsWith(META_SUFFIX) && !entry.name.startsWith('.')) keys.push(key);
    }
    return keys;
  }
}

async function writeDurably(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
