/**
 * The port through which a drawing's multipart body is read: streamed to a spool file on Node (busboy), with Web
 * `formData()` at the edge. Either way the route sees the same description of what arrived, and applies the rules.
 */
import type { IntegrityProblem } from '../images/integrity.ts';
import type { ImageType } from '../images/sniff.ts';
import type { BlobBody } from '../storage/blob-store.ts';

/** How much of a picture's start is kept in memory: enough to sniff its type and size past large EXIF/ICC segments. */
export const PICTURE_HEAD_BYTES = 256 * 1024;

/** A picture as it arrived: described, hashed and checked while its bytes went by, the bytes themselves elsewhere. */
export type ReceivedPicture = {
  declaredType: string;
  bytes: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** The first bytes, at most PICTURE_HEAD_BYTES. */
  head: Uint8Array;
  /** The structural check (integrity.ts) for the type the picture sniffs as. */
  integrity(type: ImageType): IntegrityProblem | undefined;
  /** The bytes, for the blob store (each call a fresh stream when they were spooled). */
  body(): BlobBody;
};

export type ReceivedForm = {
  /** Every part's name in order of arrival, repeats included, so strangers and repeats can be refused. */
  names: string[];
  /** The raw bytes of the first `submission` part (never decoded here: the route decodes strictly). */
  submission: Uint8Array | undefined;
  /** The first `image` part: whether it came as a file, and the picture when it did. */
  image: { file: false } | { file: true; picture: ReceivedPicture } | undefined;
  /** Removes anything spooled for this request; safe to call more than once. */
  dispose(): Promise<void>;
};

export type MultipartLimits = { maxImageBytes: number; maxSubmissionBytes: number };

export interface MultipartReader {
  /** Reads the whole body. Throws PartTooLargeError past a limit, MalformedMultipartError for a body it cannot parse. */
  read(request: Request, limits: MultipartLimits): Promise<ReceivedForm>;
}

export class PartTooLargeError extends Error {
  constructor(readonly part: string) {
    super(`the ${part} part is over its limit`);
    this.name = 'PartTooLargeError';
  }
}

export class MalformedMultipartError extends Error {
  override name = 'MalformedMultipartError';
}
