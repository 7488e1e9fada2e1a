/** A fingerprint of what a client sent, so a retry with the same id can be told apart from different content. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** JSON with object keys sorted at every level and undefined members left out: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/**
 * SHA-256 of short text, computed in place. WebCrypto's digest is a round trip through a thread pool, which
 * cost more than the hashing itself for the few hundred bytes of a message, a device id or a session token.
 */
export function sha256HexOfText(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** SHA-256 of a picture's bytes, off the event loop: an upload can be megabytes. */
export async function sha256HexOfBytes(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** The fingerprint of a submission: its canonical fields plus, for a drawing, the image's own hash. */
export function submissionFingerprint(fields: unknown, imageSha256?: string): string {
  return sha256HexOfText(canonicalJson({ fields, image: imageSha256 }));
}
