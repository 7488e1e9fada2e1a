/** Polish normalisation: diacritics optional (children type "zle" for "źle", "bic" for "bić"), squeezed letters, digits as letters. */
import { englishNormaliser } from './en.ts';
import { basicFold, type Normaliser } from './normaliser.ts';

const PLAIN: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };

export const polishNormaliser: Normaliser = {
  fold: (word) => basicFold(word).replace(/[ąćęłńóśźż]/g, (letter) => PLAIN[letter] ?? letter),
  variants: englishNormaliser.variants,
};
