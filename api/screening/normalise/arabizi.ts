/**
 * Arabizi (Arabic typed in Latin letters, digits for the sounds Latin lacks: 3 = ع, 7 = ح, 2 = ء, 5 = خ) and Arabic
 * script reduced to one consonant skeleton, so "bedrebni", "yedrabni" and "bi darbni" meet بيضربني/يضربني/ضربني.
 * Vowels and the long-vowel letters ا و ي are dropped (Arabizi spells them every way), letters children write alike
 * share a key (ض/د, ص/س, ط/ت, ق/ك, ح/ه), and a final ه/ة is dropped (Arabizi writes "madrase", "darabo").
 */

const FROM_ARABIC: Record<string, string> = {
  ب: 'b', ت: 't', ط: 't', ث: 't', ج: 'j', ح: 'h', ه: 'h', خ: '5', د: 'd', ض: 'd', ذ: 'd', ر: 'r', ز: 'z', ظ: 'z',
  س: 's', ص: 's', ش: 'c', ع: '3', غ: '8', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n',
};

const LATIN_PAIRS: [RegExp, string][] = [
  [/kh|7'/g, '5'],
  [/gh|3'/g, '8'],
  [/sh|ch/g, 'c'],
  [/th/g, 't'],
  [/dh/g, 'd'],
];

const FROM_LATIN: Record<string, string> = {
  b: 'b', p: 'b', t: 't', '6': 't', j: 'j', g: 'j', '7': 'h', h: 'h', '5': '5', d: 'd', r: 'r', z: 'z', s: 's',
  '9': 's', c: 'c', '3': '3', '8': '8', f: 'f', v: 'f', q: 'k', k: 'k', l: 'l', m: 'm', n: 'n',
};

/** Marks a skeleton key so it never meets a word of either script in the lexicon's index. */
export const SKELETON_MARK = '~';

function finish(consonants: string): string {
  return consonants.replace(/(.)\1+/g, '$1').replace(/h$/, '');
}

/** The skeleton of an Arabic-script word (already folded); '' when it has letters outside the alphabet. */
export function arabicSkeleton(word: string): string {
  let out = '';
  for (const letter of word) {
    const key = FROM_ARABIC[letter];
    if (key !== undefined) out += key;
    else if (!'اويء'.includes(letter)) return '';
  }
  return finish(out);
}

/** The skeleton of a Latin-script word; '' when it is not written in the Arabizi alphabet. */
export function latinSkeleton(word: string): string {
  let text = word;
  for (const [pair, key] of LATIN_PAIRS) text = text.replace(pair, key);
  let out = '';
  for (const letter of text) {
    const key = FROM_LATIN[letter];
    if (key !== undefined) out += key;
    else if (!'aeiouyw2'.includes(letter)) return '';
  }
  return finish(out);
}

const OBJECT_SUFFIXES = /(ouni|ooni|oni|uni|ni|na|ha|hom|hum|kon|kum)$/;
const DIGIT_LETTER = /[2356789]/;

/**
 * The skeleton keys a Latin text word may stand for: the whole word, and without an object pronoun or a leading
 * b/l/f (bi-, li-, fa-). Only a word with an Arabizi digit, or a verb ending in "me" (-ni, -ouni) written without the
 * letters Arabizi has no use for (p, q, v, x, c outside "ch"), is read this way: Polish "trudny" and English "brother"
 * must not meet an Arabic word by chance.
 */
export function arabiziKeys(word: string): string[] {
  if (!/^[a-z0-9]+$/.test(word) || !/[a-z]/.test(word)) return [];
  const hasDigit = DIGIT_LETTER.test(word);
  if (!hasDigit && (!/(ni)$/.test(word) || /[pqvx]|c(?!h)/.test(word) || word.length < 6)) return [];
  // Two consonants meet too many Arabic words ("o5ta" would be خط); short Arabizi words are in textSpeak instead.
  // "-ouni" (them → me) is Arabic's own ending: three consonants are then enough ("yzawjouni").
  const minimum = hasDigit ? 3 : /(ouni|ooni)$/.test(word) ? 3 : 4;
  const keys = new Set<string>();
  const bases = [word];
  const stripped = word.replace(OBJECT_SUFFIXES, '');
  if (stripped !== word && stripped.length >= 3) bases.push(stripped);
  for (const base of bases) {
    const skeleton = latinSkeleton(base);
    if (skeleton.length >= minimum) keys.add(skeleton);
    if (skeleton.length - 1 >= Math.max(minimum, 3) && 'blf'.includes(skeleton[0]!)) keys.add(skeleton.slice(1));
  }
  return [...keys].map((key) => SKELETON_MARK + key);
}

/** The object pronoun an Arabizi verb ends with ("yedrabni" → ني), for the rules' whom. */
export function arabiziPronoun(word: string): string | undefined {
  if (!DIGIT_LETTER.test(word) && word.length < 6) return undefined;
  if (/(ni|ouni|ooni)$/.test(word)) return 'ني';
  return undefined;
}
