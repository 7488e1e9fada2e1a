/** The one interface every blob store implements: the filesystem on one machine, S3/R2/MinIO when scaled out. */

export type StoredBlob = {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  bytes: number;
};

export type ListedBlob = { key: string; lastModified: Date };

/** What `put` stores: bytes in memory, or a stream whose length is known (an upload spooled to disk, never held whole). */
export type BlobBody = Uint8Array | SizedStream;

export type SizedStream = { stream: ReadableStream<Uint8Array>; bytes: number };

export type PutOptions = {
  contentType: string;
};

export interface BlobStore {
  /** Stores bytes under `key`, replacing what was there. Resolves only once the bytes are durable. */
  put(key: string, body: BlobBody, options: PutOptions): Promise<void>;
  /** Streams the object, or null when there is none. */
  get(key: string): Promise<StoredBlob | null>;
  /** Removes the object; removing a missing key succeeds (withdrawal and sweeps retry). */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, with when it was written (for quarantine sweeps and orphan checks). */
  list(prefix: string): AsyncIterable<ListedBlob>;
  /** Throws when the store cannot be reached; used by /readyz. */
  check(): Promise<void>;
  /** Stores that stage writes outside their keys (the filesystem) delete staged files older than this; returns how many. */
  sweepTemporary?(olderThan: Date): Promise<number>;
}

/** Keys are our own, never a child's file name: lower-case path segments of safe characters, no `..`. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export class InvalidBlobKeyError extends Error {
  constructor(key: string) {
    super(`Invalid blob key: ${JSON.stringify(key)}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new InvalidBlobKeyError(key);
  }
}

/** Prefixes may be empty or end with '/'; they follow the same character rules as keys. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
