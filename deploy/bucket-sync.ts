/**
 * Copies every object of Heard's blob store (the S3 bucket through the AWS SDK, or DATA_DIR/blobs) to a folder, or
 * back. Used by backup.sh and restore.sh; configured by the same environment as the service (README: Configuration).
 *   node --import tsx deploy/bucket-sync.ts download <folder>   ·   node --import tsx deploy/bucket-sync.ts upload <folder>
 * The folder holds objects/<key> and manifest.json (key, bytes, sha256, content type), checked on upload.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseConfig } from '../api/config.ts';
import { openNodeBlobStore } from '../api/node/open-blob-store.ts';
import { assertValidKey } from '../api/storage/blob-store.ts';

type ManifestEntry = { key: string; bytes: number; sha256: string; contentType: string };

const [direction, folder] = process.argv.slice(2);
if ((direction !== 'download' && direction !== 'upload') || !folder) {
  process.stderr.write('usage: bucket-sync.ts download|upload <folder>\n');
  process.exit(2);
}

try {
  const store = openNodeBlobStore(parseConfig(process.env, { staff: false }));
  const objects = path.join(folder, 'objects');
  const manifestFile = path.join(folder, 'manifest.json');
  if (direction === 'download') {
    const manifest: ManifestEntry[] = [];
    for await (const { key } of store.blobs.list('')) {
      const blob = await store.blobs.get(key);
      if (!blob) continue; // deleted since it was listed (a withdrawal, a sweep)
      const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
      const file = path.join(objects, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
      manifest.push({ key, bytes: bytes.byteLength, sha256: sha256(bytes), contentType: blob.contentType });
    }
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
    process.stdout.write(`bucket-sync: ${manifest.length} objects from ${store.where} to ${folder}\n`);
  } else {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as ManifestEntry[];
    for (const entry of manifest) {
      assertValidKey(entry.key);
      const bytes = new Uint8Array(await readFile(path.join(objects, entry.key)));
      if (bytes.byteLength !== entry.bytes || sha256(bytes) !== entry.sha256) throw new Error(`${entry.key} does not match the manifest: the backup is damaged`);
      await store.blobs.put(entry.key, bytes, { contentType: entry.contentType });
    }
    process.stdout.write(`bucket-sync: ${manifest.length} objects from ${folder} to ${store.where}\n`);
  }
} catch (error) {
  process.stderr.write(`bucket-sync: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
