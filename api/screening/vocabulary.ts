/**
 * The words screening has seen, each with a small id, shared by every language: a word of a text is found here by
 * its characters in place (no string made for a word seen before), and each lexicon keeps its reading of a word by id.
 * Bounded: it starts afresh (bumping `generation`, so the lexicons drop what they kept) only before a text is split,
 * so an id stays valid until the next text is split; a word that finds it full gets no id (-1) and is read uncached.
 */

const SLOTS = 1 << 15;
const LIMIT = SLOTS >>> 1;
const FNV_PRIME = 0x01000193;
const FNV_SEED = 0x811c9dc5;

const keys: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
const hashes = new Int32Array(SLOTS);
const ids = new Int32Array(SLOTS);
/** By id: the word. */
const words: string[] = [];

export const vocabulary = {
  /** The most words it holds; ids are below this. */
  limit: LIMIT,
  /** Changes whenever ids are handed out afresh; an id is only meaningful with the generation it came with. */
  generation: 0,
  /** The word with id `id`. */
  word(id: number): string {
    return words[id]!;
  },
  /** Called before splitting a text of `length` characters: starts afresh unless there is room for all its words. */
  makeRoom(length: number): void {
    if (words.length === 0 || words.length + (length >>> 1) + 1 <= LIMIT) return;
    keys.fill(undefined);
    words.length = 0;
    this.generation++;
  },
  /** The id of `text.slice(start, end)`, adding it when new; -1 when the vocabulary is full. */
  idOf(text: string, start: number, end: number): number {
    let hash = FNV_SEED;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    const length = end - start;
    let slot: number = hash & (SLOTS - 1);
    for (;;) {
      const key = keys[slot];
      if (key === undefined) break;
      if (hashes[slot] === hash && key.length === length && text.startsWith(key, start)) return ids[slot]!;
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (words.length >= LIMIT) return -1;
    const id = words.length;
    const key = text.slice(start, end);
    words.push(key);
    keys[slot] = key;
    hashes[slot] = hash;
    ids[slot] = id;
    return id;
  },
};
