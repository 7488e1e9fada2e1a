/** Chooses the blob store on Node: S3-compatible when S3_BUCKET is set, otherwise files under DATA_DIR/blobs. */
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import { FsBlobStore } from '../storage/fs-blob-store.ts';
import { createS3Client, S3BlobStore } from '../storage/s3-blob-store.ts';

export function openNodeBlobStore(config: AppConfig): { blobs: BlobStore; kind: 'filesystem' | 's3'; where: string } {
  if (config.s3) {
    const where = `s3://${config.s3.bucket}${config.s3.endpoint ? ` at ${config.s3.endpoint}` : ''}`;
    return { blobs: new S3BlobStore(createS3Client(config.s3), config.s3.bucket), kind: 's3', where };
  }
  const root = path.resolve(config.dataDir, 'blobs');
  return { blobs: new FsBlobStore(root), kind: 'filesystem', where: root };
}
