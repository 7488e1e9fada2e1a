/** Blob store on the local filesystem under DATA_DIR/blobs: the embedded default. Node only. */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { assertValidKey, assertValidPrefix, type BlobBody, type BlobStore, type ListedBlob, type PutOptions, type StoredBlob } from './blob-store.ts';

const META_SUFFIX = '.meta.json';

export class FsBlobStore implements BlobStore {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  constructor(root: string) {
    this.objectsDir = path.resolve(root, 'objects');
    this.tmpDir = path.resolve(root, 'tmp');
  }

  async put(key: string, body: BlobBody, options: PutOptions): Promise<void> {
    assertValidKey(key);
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
    const staged = path.join(this.tmpDir, randomUUID());
    try {
      await writeDurably(`${staged}${META_SUFFIX}`, JSON.stringify({ contentType: options.contentType }));
      await writeDurably(staged, body);
      // Metadata first, then the data: a reader that finds the data always finds its metadata.
      await renameInto(`${staged}${META_SUFFIX}`, `${target}${META_SUFFIX}`);
      await renameInto(staged, target);
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
    await this.removeEmptyFolders(path.dirname(target));
  }

  /**
   * Deletes staged files older than `olderThan`: a process killed mid-upload leaves a complete picture in tmp/,
   * which no key names, so neither a withdrawal nor the orphan sweep could otherwise reach it.
   */
  async sweepTemporary(olderThan: Date): Promise<number> {
    let entries: string[];
    try {
      entries = await readdir(this.tmpDir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of entries) {
      const file = path.join(this.tmpDir, name);
      try {
        if ((await stat(file)).mtime >= olderThan) continue;
        await rm(file, { force: true });
        removed += 1;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return removed;
  }

  /** A withdrawn child's folder (quarantine/<id>/, media/<id>/) must not outlive its pictures, even empty. */
  private async removeEmptyFolders(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.objectsDir + path.sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty, or already gone
      }
      current = path.dirname(current);
    }
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

async function writeDurably(file: string, data: BlobBody | string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else {
      let written = 0;
      for await (const chunk of data.stream as NodeReadableStream<Uint8Array>) {
        await handle.write(chunk);
        written += chunk.byteLength;
      }
      if (written !== data.bytes) throw new Error(`stored ${written} bytes of ${data.bytes}`);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames into a folder that a concurrent delete may just have removed as empty: recreate it and try once more. */
async function renameInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (!isMissing(error)) throw error;
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
