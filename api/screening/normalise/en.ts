/** English normalisation: squeezed letters and number-for-letter spellings (h8, sc4red, k1ll); text-speak lives in the lexicon data. */
import { basicFold, squeezed, type Normaliser } from './normaliser.ts';

const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'ate', '@': 'a', $: 's' };

function decodeDigits(word: string): string | undefined {
  if (!/\p{L}/u.test(word) || !/[0-9@$]/.test(word)) return undefined;
  return word.replace(/[0-9@$]/g, (digit) => DIGIT_AS_LETTER[digit] ?? digit);
}

export const englishNormaliser: Normaliser = {
  fold: basicFold,
  variants(folded) {
    const decoded = decodeDigits(folded);
    const forms = squeezed(folded);
    if (decoded) for (const form of squeezed(decoded)) if (!forms.includes(form)) forms.push(form);
    return forms;
  },
};
