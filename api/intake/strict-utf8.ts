/**
 * Strict UTF-8 for a child's words: bytes that are not UTF-8 (a lone surrogate in its 3-byte form, a stray
 * continuation byte) are refused, never silently turned into U+FFFD and stored as if the child had typed that.
 */

const strict = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** The text of these bytes, or undefined when they are not valid UTF-8. A leading BOM is dropped, as JSON readers do. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The raw bytes of the multipart/form-data part named `name` (the first one), or undefined. Used only to check
 * what the form parser already decoded, which replaces bad bytes without saying so.
 */
export function multipartPartBytes(body: Uint8Array, contentType: string, name: string): Uint8Array | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return undefined;
  const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
  const delimiter = ascii(`\r\n--${marker}`);
  const blank = ascii('\r\n\r\n');
  // The first delimiter may start the body without the CRLF before it.
  let at = indexOf(body, delimiter.subarray(2), 0);
  while (at >= 0) {
    const headersEnd = indexOf(body, blank, at);
    if (headersEnd < 0) return undefined;
    const next = indexOf(body, delimiter, headersEnd + 4);
    if (next < 0) return undefined;
    const headers = latin1.decode(body.subarray(at, headersEnd));
    if (new RegExp(`(?:^|[;\\s])name="${name}"`, 'i').test(headers)) return body.subarray(headersEnd + 4, next);
    at = next + 2;
  }
  return undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
