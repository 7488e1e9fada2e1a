/**
 * Blob store on a Cloudflare R2 bucket through its Worker binding: no credentials in the Worker, no request
 * signing. The Node image processor reaches the same bucket through R2's S3-compatible API (s3-blob-store.ts).
 */
import { assertValidKey, assertValidPrefix, type BlobBody, type BlobStore, type ListedBlob, type PutOptions, type StoredBlob } from './blob-store.ts';

/** The part of the R2 binding we use (structural, so the API code needs no Workers type package). */
export interface R2BucketLike {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream; size: number; httpMetadata?: { contentType?: string } } | null>;
  delete(key: string): Promise<void>;
  list(options: { prefix?: string; cursor?: string; limit?: number }): Promise<{
    objects: { key: string; uploaded: Date }[];
    truncated: boolean;
    cursor?: string;
  }>;
  head(key: string): Promise<unknown>;
}

export class R2BlobStore implements BlobStore {
  constructor(private readonly bucket: R2BucketLike) {}

  async put(key: string, body: BlobBody, options: PutOptions): Promise<void> {
    assertValidKey(key);
    // The Worker reads uploads with formData(), so its pictures arrive in memory; a stream is collected to be safe.
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(await new Response(body.stream).arrayBuffer());
    await this.bucket.put(key, bytes, { httpMetadata: { contentType: options.contentType } });
  }

  async get(key: string): Promise<StoredBlob | null> {
    assertValidKey(key);
    const object = await this.bucket.get(key);
    if (!object) return null;
    return {
      body: object.body as ReadableStream<Uint8Array>,
      contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
      bytes: object.size,
    };
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.bucket.delete(key);
  }

  async *list(prefix: string): AsyncIterable<ListedBlob> {
    assertValidPrefix(prefix);
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: prefix || undefined, cursor, limit: 1000 });
      for (const object of page.objects) yield { key: object.key, lastModified: object.uploaded };
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }

  async check(): Promise<void> {
    await this.bucket.head('readyz-probe');
  }
}
