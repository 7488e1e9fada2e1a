/**
 * Cheap structural checks on an upload sniffed as JPEG or PNG: complete, and no compressed metadata bombs. No
 * decoding, and no need to hold the file: a scanner is fed the bytes as they stream in, a few bytes kept between chunks.
 */
import type { ImageType } from './sniff.ts';

/**
 * Compressed text and colour profiles together may take at most this many bytes: real drawings and phone photos
 * carry a few kilobytes, and zlib expands at most ~1000×, so the decoder never inflates more than ~16 MB of them.
 */
export const MAX_COMPRESSED_METADATA_BYTES = 16 * 1024;

export type IntegrityProblem = 'truncated' | 'oversized_metadata';

/** Fed every byte of an upload in order; then says what is wrong with it as the type it sniffed as. */
export type IntegrityScanner = {
  push(chunk: Uint8Array): void;
  /** Why the file cannot be taken, or undefined when it looks whole. WebP is left to the processor. */
  result(type: ImageType): IntegrityProblem | undefined;
};

/** Why the file cannot be taken, or undefined when it looks whole (the whole file in memory). */
export function integrityProblem(bytes: Uint8Array, type: ImageType): IntegrityProblem | undefined {
  const scanner = createIntegrityScanner();
  scanner.push(bytes);
  return scanner.result(type);
}

/** Both walks run side by side (cheap: they jump from header to header), so the type need not be known yet. */
export function createIntegrityScanner(): IntegrityScanner {
  const jpeg = new JpegWalk();
  const png = new PngWalk();
  let total = 0;
  return {
    push(chunk) {
      jpeg.push(chunk, total);
      png.push(chunk, total);
      total += chunk.length;
    },
    result(type) {
      if (type === 'image/jpeg') return jpeg.whole ? undefined : 'truncated';
      if (type === 'image/png') return png.result(total);
      return undefined;
    },
  };
}

/**
 * Reads fixed-size headers at absolute stream positions, jumping over the data between them; a header split across
 * two chunks is joined from the few bytes kept back.
 */
abstract class HeaderWalk {
  protected cursor: number;
  protected done = false;
  private kept: Uint8Array | undefined;
  private keptAt = 0;

  constructor(start: number) {
    this.cursor = start;
  }

  push(chunk: Uint8Array, chunkAt: number): void {
    if (this.done) return;
    let buffer = chunk;
    let bufferAt = chunkAt;
    if (this.kept) {
      buffer = new Uint8Array(this.kept.length + chunk.length);
      buffer.set(this.kept);
      buffer.set(chunk, this.kept.length);
      bufferAt = this.keptAt;
      this.kept = undefined;
    }
    while (!this.done) {
      const at = this.cursor - bufferAt;
      if (at >= buffer.length) return; // the next header is in a later chunk
      const consumed = this.step(buffer, at, bufferAt);
      if (consumed === undefined) {
        this.kept = buffer.slice(at);
        this.keptAt = this.cursor;
        return;
      }
    }
  }

  /** Reads at `at` in `buffer` (which starts at stream position `bufferAt`); undefined when more bytes are needed. */
  protected abstract step(buffer: Uint8Array, at: number, bufferAt: number): true | undefined;
}

/**
 * A JPEG is whole when an end-of-image marker follows its first start-of-scan. Inside entropy-coded data 0xFF is
 * always stuffed (followed by 0x00 or a restart marker), so FF D9 there can only be the real end; data appended
 * after it (a polyglot) is the processor's business, which re-encodes and drops it.
 */
class JpegWalk extends HeaderWalk {
  whole = false;
  private scanning = false;
  private lastWasFf = false;

  constructor() {
    super(2);
  }

  protected step(buffer: Uint8Array, at: number, bufferAt: number): true | undefined {
    if (this.scanning) return this.scan(buffer, at, bufferAt);
    if (at + 4 > buffer.length) return undefined; // a marker and its length: a file that ends inside them is truncated
    if (buffer[at] !== 0xff) return this.finish(false);
    const marker = buffer[at + 1]!;
    if (marker === 0xff) {
      this.cursor += 1;
      return true;
    }
    if (marker === 0xd9) return this.finish(true);
    const length = (buffer[at + 2]! << 8) | buffer[at + 3]!;
    this.cursor += 2 + length;
    if (marker === 0xda) this.scanning = true;
    return true;
  }

  /** Looks for FF D9 from the cursor to the end of the buffer, remembering a trailing FF for the next chunk. */
  private scan(buffer: Uint8Array, at: number, bufferAt: number): true {
    if (this.lastWasFf && buffer[at] === 0xd9) return this.finish(true);
    let index = buffer.indexOf(0xff, at);
    while (index >= 0 && index + 1 < buffer.length) {
      if (buffer[index + 1] === 0xd9) return this.finish(true);
      index = buffer.indexOf(0xff, index + 1);
    }
    this.lastWasFf = index === buffer.length - 1;
    this.cursor = bufferAt + buffer.length;
    return true;
  }

  private finish(whole: boolean): true {
    this.whole = whole;
    this.done = true;
    return true;
  }
}

const BOMB_PRONE = new Set(['iCCP', 'zTXt', 'iTXt']);

/** Walks every chunk: each must fit in the file, IEND must be reached, and bomb-prone chunks must stay small together. */
class PngWalk extends HeaderWalk {
  private compressed = 0;
  private verdict: { problem: IntegrityProblem | undefined; needsEnd: number } | undefined;

  constructor() {
    super(8);
  }

  protected step(buffer: Uint8Array, at: number): true | undefined {
    if (at + 8 > buffer.length) return undefined;
    const length = ((buffer[at]! << 24) >>> 0) + ((buffer[at + 1]! << 16) | (buffer[at + 2]! << 8) | buffer[at + 3]!);
    const type = String.fromCharCode(buffer[at + 4]!, buffer[at + 5]!, buffer[at + 6]!, buffer[at + 7]!);
    // Whether this chunk fits in the file is known only at the end: remember where it must end.
    const end = this.cursor + 12 + length;
    if (BOMB_PRONE.has(type)) this.compressed += length;
    if (this.compressed > MAX_COMPRESSED_METADATA_BYTES) return this.finish('oversized_metadata', end);
    if (type === 'IEND') return this.finish(undefined, end);
    this.cursor = end;
    return true;
  }

  result(total: number): IntegrityProblem | undefined {
    if (!this.verdict || total < this.verdict.needsEnd) return 'truncated';
    return this.verdict.problem;
  }

  private finish(problem: IntegrityProblem | undefined, needsEnd: number): true {
    this.verdict = { problem, needsEnd };
    this.done = true;
    return true;
  }
}
