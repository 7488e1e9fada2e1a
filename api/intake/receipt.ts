/** Receipt codes a child can write down: no look-alike characters, 43 bits of randomness, e.g. "KM7TA-HX9PC". */

// No 0/O/Q/D-like pairs, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V: only characters a child will not confuse.
export const RECEIPT_ALPHABET = 'ACEFHJKMNPRTWXY34679';
const LENGTH = 10;
const GROUP = 5;

/** log2(20^10) ≈ 43.2 bits: guessing one of a million live receipts still takes ~9 million tries on average. */
export const RECEIPT_BITS = LENGTH * Math.log2(RECEIPT_ALPHABET.length);

export function generateReceipt(): string {
  const chars: string[] = [];
  // Rejection sampling: 240 is the largest multiple of 20 below 256, so every character is equally likely.
  const limit = 256 - (256 % RECEIPT_ALPHABET.length);
  while (chars.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && chars.length < LENGTH) chars.push(RECEIPT_ALPHABET[byte % RECEIPT_ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, GROUP).join('')}-${chars.slice(GROUP).join('')}`;
}

/** Accepts what a child types (any case, spaces or dashes anywhere); returns the canonical code or undefined. */
export function normaliseReceipt(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (compact.length !== LENGTH) return undefined;
  for (const char of compact) if (!RECEIPT_ALPHABET.includes(char)) return undefined;
  return `${compact.slice(0, GROUP)}-${compact.slice(GROUP)}`;
}
