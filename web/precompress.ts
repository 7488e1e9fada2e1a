/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of a built web app, so the Node server sends
 * compressed bytes without compressing on each request (serveStatic's `precompressed`, with Content-Encoding and Vary).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|webmanifest|json|svg|txt)$/;
/** Below this a compressed copy saves too little to be worth a second file. */
const MIN_BYTES = 512;

export async function precompressDir(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !TEXT.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (bytes.length < MIN_BYTES) continue;
    await writeFile(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
