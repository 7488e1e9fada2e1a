/** Receipt codes a child can write down: no look-alike characters, 65 bits of randomness, e.g. "KM7TA-HX9PC-R4WEN". */

// No 0/O/Q/D-like pairs, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V: only characters a child will not confuse.
export const RECEIPT_ALPHABET = 'ACEFHJKMNPRTWXY34679';
const LENGTH = 15;
/** Receipts issued before codes were lengthened (README, "Guessing codes") stay valid. */
const LEGACY_LENGTH = 10;
const GROUP = 5;

/** log2(20^15) ≈ 64.8 bits: see README, "Guessing codes", for why 43 bits was not enough at the throttled rate. */
export const RECEIPT_BITS = LENGTH * Math.log2(RECEIPT_ALPHABET.length);

/** `length` characters drawn uniformly from `alphabet`, from the Web Crypto source. */
export function randomCode(alphabet: string, length: number): string {
  const chars: string[] = [];
  // Rejection sampling: the largest multiple of the alphabet's size below 256, so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  while (chars.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && chars.length < length) chars.push(alphabet[byte % alphabet.length]!);
    }
  }
  return chars.join('');
}

export function generateReceipt(): string {
  return grouped(randomCode(RECEIPT_ALPHABET, LENGTH));
}

/** Accepts what a child types (any case, spaces or dashes anywhere); returns the canonical code or undefined. */
export function normaliseReceipt(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (compact.length !== LENGTH && compact.length !== LEGACY_LENGTH) return undefined;
  for (const char of compact) if (!RECEIPT_ALPHABET.includes(char)) return undefined;
  return grouped(compact);
}

function grouped(compact: string): string {
  const groups: string[] = [];
  for (let at = 0; at < compact.length; at += GROUP) groups.push(compact.slice(at, at + GROUP));
  return groups.join('-');
}
