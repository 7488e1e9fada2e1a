/**
 * Arabic normalisation: no diacritics or tatweel, one alef, ى→ي, ة→ه, hamza carriers folded; a text word also stands for
 * itself without its clitics (و ف ب ل ك س ال before; ني ه ها ك نا هم… after) and without a present-tense prefix.
 * Latin letters (Arabizi) are lower-cased, digits keep their Arabizi meaning (3 = ع, 7 = ح), and a Latin word also stands
 * for its consonant skeleton, which every Arabic lexicon word is indexed under too (`arabizi.ts`). An object pronoun on a
 * word (يضربني, yedrabni) is also given as a token of its own, for rules that ask who was harmed.
 */
import { arabicSkeleton, arabiziKeys, arabiziPronoun, SKELETON_MARK } from './arabizi.ts';
import { basicFold, squeezed, type Normaliser } from './normaliser.ts';

const PREFIXES = ['وال', 'فال', 'بال', 'كال', 'عال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك', 'س', 'ع'];
const SUFFIXES = ['هما', 'كما', 'وني', 'وها', 'وه', 'هم', 'هن', 'كم', 'ني', 'نا', 'ها', 'ه', 'ك', 'ي', 'ون', 'ين', 'ات', 'وا', 'ت', 'و'];
const TENSE = ['ي', 'ت', 'ن', 'ا'];
const MIN_STEM = 2;

function fold(word: string): string {
  return basicFold(word)
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي');
}

function withoutClitics(word: string): string[] {
  const forms = new Set<string>([word]);
  const fronts = [word, ...PREFIXES.filter((p) => word.startsWith(p) && word.length - p.length >= MIN_STEM).map((p) => word.slice(p.length))];
  for (const front of fronts) {
    forms.add(front);
    for (const suffix of SUFFIXES) if (front.endsWith(suffix) && front.length - suffix.length >= MIN_STEM) forms.add(front.slice(0, -suffix.length));
  }
  for (const form of [...forms]) {
    if (form.length >= 4 && TENSE.includes(form[0]!)) forms.add(form.slice(1));
  }
  return [...forms];
}

const ARABIC_LETTERS = /[\u0600-\u06FF]/;
const OBJECT_PRONOUNS = ['ني', 'نا', 'ها', 'هم'];
/** Words that end like an object pronoun but hold none ("because I"): never a "whom". */
const NO_PRONOUN = new Set(['لاني', 'لانني', 'كاني', 'كانني', 'لكني', 'لكنني', 'بدني', 'انني']);

export const arabicNormaliser: Normaliser = {
  fold,
  lexiconForms(folded) {
    const forms = folded.startsWith('ال') && folded.length >= 5 ? [folded.slice(2)] : [];
    if (!ARABIC_LETTERS.test(folded)) return forms;
    const skeletons = new Set([folded, ...forms].map(arabicSkeleton).filter((skeleton) => skeleton.length >= 2));
    return [...forms, ...[...skeletons].map((skeleton) => SKELETON_MARK + skeleton)];
  },
  detached(folded) {
    if (!ARABIC_LETTERS.test(folded)) {
      const pronoun = arabiziPronoun(folded);
      return pronoun ? [pronoun] : [];
    }
    if (folded.length < 4 || NO_PRONOUN.has(folded)) return [];
    return OBJECT_PRONOUNS.filter((pronoun) => folded.endsWith(pronoun)).slice(0, 1);
  },
  variants(folded) {
    if (!ARABIC_LETTERS.test(folded)) {
      const forms = squeezed(folded);
      return [...forms, ...new Set(forms.flatMap(arabiziKeys))];
    }
    // Children stretch letters ("كتييير", "ههههه"): three or more in a row also stand for one and for two.
    if (!/(\p{L})\1\1/u.test(folded)) return withoutClitics(folded);
    const stretched = [folded, folded.replace(/(\p{L})\1{2,}/gu, '$1'), folded.replace(/(\p{L})\1{2,}/gu, '$1$1')];
    return [...new Set(stretched.flatMap(withoutClitics))];
  },
};
