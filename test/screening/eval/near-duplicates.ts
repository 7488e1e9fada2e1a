/** Finds texts that are the same or nearly the same (case, accents, punctuation and small edits aside). */

/** Lower case, diacritics and Arabic tashkeel removed, anything that is not a letter or digit made a single space. */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Character trigrams of the normalised text, with word edges marked. */
export function shingles(text: string): Set<string> {
  const padded = ` ${normaliseForComparison(text)} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

export type NearDuplicate = { a: number; b: number; similarity: number };

/**
 * Every pair (index into `left`, index into `right`) whose trigram sets have a Jaccard similarity of at least
 * `threshold`; an inverted index keeps it to the pairs that share a trigram.
 */
export function findNearDuplicates(left: readonly string[], right: readonly string[], threshold = 0.75): NearDuplicate[] {
  const rightShingles = right.map(shingles);
  const index = new Map<string, number[]>();
  rightShingles.forEach((set, id) => {
    for (const gram of set) {
      const ids = index.get(gram);
      if (ids) ids.push(id);
      else index.set(gram, [id]);
    }
  });
  const found: NearDuplicate[] = [];
  left.forEach((text, a) => {
    const mine = shingles(text);
    const shared = new Map<number, number>();
    for (const gram of mine) for (const id of index.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    for (const [b, count] of shared) {
      const similarity = count / (mine.size + rightShingles[b]!.size - count);
      if (similarity >= threshold) found.push({ a, b, similarity });
    }
  });
  return found;
}
