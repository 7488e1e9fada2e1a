/**
 * A language's screening data compiled once at module load: every word, stem (`bij*`) and word class (`@actor`) becomes
 * an atom; a Map from folded word to atoms (plus stem and one-slip look-ups) tells which atoms a text word is.
 */
import type { Normaliser } from './normalise/normaliser.ts';
import { TokenList } from './token-list.ts';
import { deletions, splitWords, withinOneSlip, type RawWord } from './tokens.ts';
import { vocabulary } from './vocabulary.ts';

/** One atom list per token a word stands for, then one per detached pronoun. */
type Reading = readonly [readonly (readonly number[])[], readonly (readonly number[])[]];

export type PhraseData = { id: string; category: string; pattern: string; examples: string[] };
export type RuleData = {
  id: string;
  category: string;
  who?: string;
  what: string;
  whom?: string;
  whoWindow?: number;
  /** Word orders allowed, e.g. "who what whom", "whom what who"; the first by default. */
  orders?: string[];
  examples: string[];
};
export type LexiconData = {
  language: string;
  note: string;
  sources: Record<string, string>;
  textSpeak: Record<string, string>;
  words: Record<string, string[]>;
  phrases: PhraseData[];
  rules: RuleData[];
  figures: string[];
  /** Ordinary words one slip or clitic away from a listed word ("messing"/"missing", "عشره"/"شره"): read only as themselves. */
  plainWords?: string[];
  mustNotMatch: string[];
};

const MIN_STEM = 2;

export class Lexicon {
  readonly atomNames: string[] = [];
  private readonly atomIds = new Map<string, number>();
  private readonly exact = new Map<string, number[]>();
  private readonly stems = new Map<string, number[]>();
  private readonly slips = new Map<string, string[]>();
  private readonly textSpeak = new Map<string, string[]>();
  /** By vocabulary id: the word's readings and detached pronouns, as lookUp found them (see vocabulary.ts for the bound). */
  private readonly cache = new Array<Reading | undefined>(vocabulary.limit).fill(undefined);
  private cacheGeneration = vocabulary.generation;
  private readonly plain: ReadonlySet<string>;
  private readonly tokens = new TokenList();
  private readonly classes: Record<string, string[]>;
  private maxStem = 0;

  constructor(
    readonly data: LexiconData,
    readonly normaliser: Normaliser,
  ) {
    for (const [short, long] of Object.entries(data.textSpeak)) this.textSpeak.set(normaliser.fold(short), long.split(' ').map(normaliser.fold));
    this.classes = data.words;
    this.plain = new Set((data.plainWords ?? []).map(normaliser.fold));
  }

  /** The atom for a pattern word: `@class`, `stem*` or a plain word (already folded, text-speak expanded by the caller). */
  atom(word: string): number {
    const key = word.startsWith('@') ? `c:${word.slice(1)}` : word.endsWith('*') ? `p:${word.slice(0, -1)}` : `w:${word}`;
    let id = this.atomIds.get(key);
    if (id !== undefined) return id;
    id = this.atomNames.length;
    this.atomNames.push(key);
    this.atomIds.set(key, id);
    if (key.startsWith('c:')) {
      const members = this.classMembers(key.slice(2), new Set());
      for (const member of members) this.index(member, id);
    } else this.index(word, id);
    return id;
  }

  /** A pattern word folded and text-speak expanded ("dont" → "do", "not"); stems and classes stay as they are. */
  patternWords(word: string): string[] {
    if (word.startsWith('@')) return [word];
    const folded = this.normaliser.fold(word);
    if (folded.endsWith('*')) return [folded];
    return this.textSpeak.get(folded) ?? [folded];
  }

  private classMembers(name: string, seen: Set<string>): string[] {
    const members = this.classes[name];
    if (!members) throw new Error(`${this.data.language}: unknown word class @${name}`);
    if (seen.has(name)) throw new Error(`${this.data.language}: word class @${name} includes itself`);
    seen.add(name);
    return members.flatMap((member) => (member.startsWith('@') ? this.classMembers(member.slice(1), seen) : [this.normaliser.fold(member)]));
  }

  private index(word: string, atom: number): void {
    if (word.includes(' ')) throw new Error(`${this.data.language}: a class member is one word, not "${word}"`);
    if (word.endsWith('*')) {
      const stem = word.slice(0, -1);
      if (stem.length < MIN_STEM) throw new Error(`${this.data.language}: stem too short: ${word}`);
      push(this.stems, stem, atom);
      this.maxStem = Math.max(this.maxStem, stem.length);
      return;
    }
    push(this.exact, word, atom);
    for (const bare of this.normaliser.lexiconForms?.(word) ?? []) push(this.exact, bare, atom);
    if (word.length >= 5) for (const variant of [word, ...deletions(word)]) pushUnique(this.slips, variant, word);
  }

  /**
   * The tokens of a text in this language's reading (pass `words` when the text is already split), written into a
   * list this lexicon reuses: read it before the next call.
   */
  tokenize(text: string, words: readonly RawWord[] = splitWords(text)): TokenList {
    const tokens = this.tokens;
    tokens.clear();
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      const [readings, pronouns] = this.readingOf(word);
      for (let r = 0; r < readings.length; r++) tokens.push(readings[r]!, word.start, word.end, word.sentence, false);
      for (let p = 0; p < pronouns.length; p++) tokens.push(pronouns[p]!, word.start, word.end, word.sentence, true);
    }
    return tokens;
  }

  private readingOf(word: RawWord): Reading {
    if (this.cacheGeneration !== vocabulary.generation) {
      this.cache.fill(undefined);
      this.cacheGeneration = vocabulary.generation;
    }
    if (word.id === -1) return this.lookUp(word.text);
    return (this.cache[word.id] ??= this.lookUp(word.text));
  }

  /** One atom list per token the word stands for (several for text-speak such as "kms"), then its detached pronouns. */
  private lookUp(raw: string): Reading {
    const folded = this.normaliser.fold(raw);
    const plain = this.plain.has(folded);
    const forms = plain ? [folded] : this.normaliser.variants(folded);
    let words: number[][] | undefined;
    // A listed word ("بالموت") is read as itself, never as the text-speak of one of its clitic-stripped forms.
    const known = this.exact.has(folded);
    for (const form of forms) {
      if (known && form !== folded) continue;
      const expansion = this.textSpeak.get(form);
      if (expansion) {
        words = expansion.map((word) => this.atomsOf([word]));
        break;
      }
    }
    words ??= [this.atomsOf(forms, !plain)];
    return [words, (this.normaliser.detached?.(folded) ?? []).map((pronoun) => this.atomsOf([pronoun]))];
  }

  private atomsOf(forms: readonly string[], slips = true): number[] {
    const atoms = new Set<number>();
    for (const form of forms) {
      for (const atom of this.exact.get(form) ?? []) atoms.add(atom);
      for (let length = MIN_STEM; length <= Math.min(form.length, this.maxStem); length++) {
        for (const atom of this.stems.get(form.slice(0, length)) ?? []) atoms.add(atom);
      }
      if (slips && form.length >= 5 && !this.exact.has(form)) {
        for (const variant of [form, ...deletions(form)]) {
          for (const word of this.slips.get(variant) ?? []) {
            if (withinOneSlip(word, form)) for (const atom of this.exact.get(word) ?? []) atoms.add(atom);
          }
        }
      }
    }
    return [...atoms];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pushUnique<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
