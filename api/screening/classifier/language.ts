/** Which of the app's languages a text is written in, from its script and a few very common words. */
import { tokenize, wordHash, type Tokens } from './features.ts';

export type ScreeningLanguage = 'en' | 'pl' | 'ar';

function lexicon(words: string): Set<number> {
  const tokens = tokenize(words);
  const hashes = new Set<number>();
  for (let t = 0; t < tokens.count; t++) hashes.add(wordHash(tokens, t));
  return hashes;
}

// Words common in children's writing and rare in the other language ("i", "to", "a" are in both, so in neither).
const english = lexicon('me my im the and is it he she they dont cant when with at of in you your not what this that was did does have has him her want');
const polish = lexicon('nie sie się sobie siebie mnie mi jest w na ze że jak bo czy ale tak juz już moj mój moja moje ja jestem mam mama tata co do po za sa są mowi mówi zeby żeby tylko chce chcę mnie');
const common = lexicon(
  'i a to on so or if me my im i\'m the and is it he she they dont cant when with at of in you your not what this that was did does have has him her ' +
    'nie sie się mi jest w z na ze że jak bo czy ale tak juz już ja co do po za sa są to ' +
    'ما في انا وانا من على الى عن هو هي بس كل لا و يا اللي',
);

/** A very common word in one of the languages: never shown to a lead as the reason for a flag. */
export function isCommonWord(hash: number): boolean {
  return common.has(hash);
}

const polishLetters = /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/;

/** `words` holds the hash of each token (as computed by the scorer), so nothing is hashed twice. */
export function detectLanguage(text: string, tokens: Tokens, words: Uint32Array): ScreeningLanguage {
  let arabic = 0;
  let en = 0;
  let pl = 0;
  for (let t = 0; t < tokens.count; t++) {
    const first = tokens.chars[tokens.charStarts[t]! + 1]!;
    if (first >= 0x0600 && first < 0x0700) arabic++;
    else if (english.has(words[t]!)) en++;
    else if (polish.has(words[t]!)) pl++;
  }
  if (arabic * 2 >= tokens.count && arabic > 0) return 'ar';
  if (pl > en || (pl === en && polishLetters.test(text))) return 'pl';
  return 'en';
}
