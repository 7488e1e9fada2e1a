/** Finds details that could identify a child (email, phone, postcode, address, school, @handle) so a moderator can redact them in one action. */

export type IdentifyingKind = 'email' | 'phone' | 'postcode' | 'address' | 'school' | 'handle';
export type IdentifyingSpan = { kind: IdentifyingKind; start: number; end: number };

const STREET_SUFFIXES =
  'street|st|road|rd|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|gardens|gdns|place|pl|terrace|grove|walk|row|hill|square|sq|mews|parade|park';

const detectors: [IdentifyingKind, RegExp][] = [
  // The look-behind starts a try only at the head of a run of address characters: without it a long run with no "@"
  // is rescanned from every position (quadratic; 100,000 letters took minutes).
  ['email', /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu],
  // UK mobiles and landlines, with or without +44, spaces, dashes or brackets.
  ['phone', /(?<![\p{N}])(?:(?:\+|00)44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){9,10}(?![\p{N}])/gu],
  ['postcode', /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}\b/giu],
  ['address', new RegExp(`\\b(?:flat\\s+\\d+[a-z]?,?\\s+)?\\d{1,4}[a-z]?,?\\s+(?:[\\p{L}'’-]+\\s+){1,3}(?:${STREET_SUFFIXES})\\b\\.?`, 'giu')],
  ['handle', /(?<![\p{L}\p{N}._%+-])@[A-Za-z0-9_.]{2,30}\b/gu],
];

export function findIdentifyingDetails(text: string, options: { schoolNames?: readonly string[] } = {}): IdentifyingSpan[] {
  const found: IdentifyingSpan[] = [];
  for (const [kind, pattern] of detectors) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0].replace(/[\s,.]+$/u, '');
      if (kind === 'postcode' && !/\d/.test(value)) continue;
      found.push({ kind, start: match.index, end: match.index + value.length });
    }
  }
  for (const name of options.schoolNames ?? []) {
    const pattern = schoolPattern(name);
    if (pattern) for (const match of text.matchAll(pattern)) found.push({ kind: 'school', start: match.index, end: match.index + match[0].length });
  }
  return withoutOverlaps(found);
}

const schoolPatterns = new Map<string, RegExp | undefined>();

function schoolPattern(name: string): RegExp | undefined {
  if (!schoolPatterns.has(name)) {
    if (schoolPatterns.size > 10_000) schoolPatterns.clear(); // the list is edited over the years; keep the cache bounded
    schoolPatterns.set(name, compileSchoolPattern(name));
  }
  return schoolPatterns.get(name);
}

/** "St Mary's Primary" also matches "st marys primary" and "St. Mary's  Primary". */
function compileSchoolPattern(name: string): RegExp | undefined {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const parts = words.map((word) =>
    word
      .replace(/['’.]/g, '')
      .split('')
      .map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join("['’.]?"),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join("['’.]?\\s+")}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Sorted by start; where spans overlap the longer one wins (an address beats the postcode inside it). */
function withoutOverlaps(spans: IdentifyingSpan[]): IdentifyingSpan[] {
  const byLength = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: IdentifyingSpan[] = [];
  for (const span of byLength) {
    if (!kept.some((other) => span.start < other.end && other.start < span.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
