/** Cheap structural checks on an upload already sniffed as JPEG or PNG: complete, and no compressed metadata bombs. No decoding. */
import type { ImageType } from './sniff.ts';

/**
 * Compressed text and colour profiles together may take at most this many bytes: real drawings and phone photos
 * carry a few kilobytes, and zlib expands at most ~1000×, so the decoder never inflates more than ~16 MB of them.
 */
export const MAX_COMPRESSED_METADATA_BYTES = 16 * 1024;

export type IntegrityProblem = 'truncated' | 'oversized_metadata';

/** Why the file cannot be taken, or undefined when it looks whole. WebP is left to the processor. */
export function integrityProblem(bytes: Uint8Array, type: ImageType): IntegrityProblem | undefined {
  if (type === 'image/jpeg') return jpegEnds(bytes) ? undefined : 'truncated';
  if (type === 'image/png') return pngProblem(bytes);
  return undefined;
}

/**
 * A JPEG is whole when an end-of-image marker follows its first start-of-scan. Inside entropy-coded data 0xFF is
 * always stuffed (followed by 0x00 or a restart marker), so FF D9 there can only be the real end; data appended
 * after it (a polyglot) is the processor's business, which re-encodes and drops it.
 */
function jpegEnds(bytes: Uint8Array): boolean {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9) return true;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker === 0xda) return hasEndAfter(bytes, at + 2 + length);
    at += 2 + length;
  }
  return false;
}

function hasEndAfter(bytes: Uint8Array, from: number): boolean {
  for (let at = from; at + 1 < bytes.length; at += 1) if (bytes[at] === 0xff && bytes[at + 1] === 0xd9) return true;
  return false;
}

const BOMB_PRONE = new Set(['iCCP', 'zTXt', 'iTXt']);

/** Walks every chunk: each must fit in the file, IEND must be reached, and bomb-prone chunks must stay small together. */
function pngProblem(bytes: Uint8Array): IntegrityProblem | undefined {
  let at = 8;
  let compressed = 0;
  while (at + 12 <= bytes.length) {
    const length = ((bytes[at]! << 24) >>> 0) + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + length > bytes.length) return 'truncated';
    if (BOMB_PRONE.has(type)) compressed += length;
    if (compressed > MAX_COMPRESSED_METADATA_BYTES) return 'oversized_metadata';
    if (type === 'IEND') return undefined;
    at += 12 + length;
  }
  return 'truncated';
}
