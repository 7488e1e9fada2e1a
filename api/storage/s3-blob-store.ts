/** Blob store on any S3-compatible service (AWS S3, Cloudflare R2, MinIO) through @aws-sdk/client-s3. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { S3Config } from '../config.ts';
import { assertValidKey, assertValidPrefix, type BlobBody, type BlobStore, type ListedBlob, type PutOptions, type StoredBlob } from './blob-store.ts';

/** A store that cannot accept a connection in this long is treated as down (503 to the child, a transient job failure). */
export const S3_CONNECT_TIMEOUT_MS = 3_000;
/** No single store call may take longer than this, however large the picture. */
export const S3_REQUEST_TIMEOUT_MS = 30_000;

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    // The SDK's default checksums frame streamed bodies as aws-chunked, which S3-compatible
    // servers (R2, MinIO, s3rver) may store verbatim. Only send checksums where the API demands one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    // Without these a paused store holds an upload (and the child's app) open indefinitely.
    requestHandler: { connectionTimeout: S3_CONNECT_TIMEOUT_MS, requestTimeout: S3_REQUEST_TIMEOUT_MS },
  });
}

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: BlobBody, options: PutOptions): Promise<void> {
    assertValidKey(key);
    const inMemory = body instanceof Uint8Array;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        // A spooled upload streams from its file; the SDK's Node handler pipes a Node Readable, not a Web stream.
        Body: inMemory ? body : Readable.fromWeb(body.stream as NodeReadableStream<Uint8Array>),
        ContentType: options.contentType,
        ContentLength: inMemory ? body.byteLength : body.bytes,
      }),
    );
  }

  async get(key: string): Promise<StoredBlob | null> {
    assertValidKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!result.Body) return null;
      return {
        body: result.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        contentType: result.ContentType ?? 'application/octet-stream',
        bytes: result.ContentLength ?? 0,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    assertValidPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, lastModified: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
}
