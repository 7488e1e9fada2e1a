/** What each language's normaliser provides: one folding for lexicon and text alike, and the forms a text word may stand for. */

export type Normaliser = {
  /** Folds a word (from the lexicon or from a child's text) to the form the index is keyed by. */
  fold(word: string): string;
  /** The forms a folded text word may stand for, the word itself first (squeezed letters, decoded digits, stripped clitics). */
  variants(folded: string): string[];
  /**
   * Object pronouns written onto the word that stand for a word of their own (Arabic يضربني "hits-me" → ني), so a
   * rule's "whom" can match them. Each becomes one more token at the word's span.
   */
  detached?(folded: string): string[];
  /** Further forms a lexicon word is indexed under (Arabic البيت also as بيت, since text words are looked up bare too). */
  lexiconForms?(folded: string): string[];
};

const REPEATS_3 = /(\p{L})\1{2,}/gu;
const REPEATS_2 = /(\p{L})\1+/gu;

/** "sooo" → "soo" and "so"; "killl" → "kill" and "kil"; the index keeps whichever is a word. */
export function squeezed(word: string): string[] {
  if (!/(\p{L})\1/u.test(word)) return [word];
  const two = word.replace(REPEATS_3, '$1$1');
  const one = word.replace(REPEATS_2, '$1');
  return [...new Set([word, two, one])];
}

/** Lower case, compatibility forms folded, apostrophes dropped (children leave them out: "dont", "im"). */
export function basicFold(word: string): string {
  return word.normalize('NFKC').toLowerCase().replace(/['’`‘]/g, '');
}
