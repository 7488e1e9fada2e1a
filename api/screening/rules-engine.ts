/** One language's phrases, compositional rules and figures of speech, compiled at module load and run over a text. */
import { compilePattern, couldMatch, matchAt, type CompiledPattern } from './pattern.ts';
import { Lexicon, type LexiconData, type RuleData, type Token } from './lexicon.ts';
import type { Normaliser } from './normalise/normaliser.ts';
import type { RawWord } from './tokens.ts';

export type EngineMatch = { phraseId: string; category: string; start: number; end: number; signal: 'phrase' | 'rule'; words: string[] };

type Entry = { id: string; category: string; signal: 'phrase' | 'rule'; patterns: CompiledPattern[] };

const DEFAULT_WHO_WINDOW = 5;

const DEFAULT_ORDERS = ['who what whom'];

/**
 * who × what × whom as patterns, one per word order the rule allows (Polish and Arabic put the doer after the act as
 * often as before it): the doer within `whoWindow` words of the act, the one harmed within two.
 */
export function rulePatterns(rule: RuleData): string[] {
  const parts = { who: rule.who, what: rule.what, whom: rule.whom };
  return (rule.orders ?? DEFAULT_ORDERS).map((order) => {
    const names = order.split(' ').filter((name): name is keyof typeof parts => name in parts && parts[name as keyof typeof parts] !== undefined);
    return names
      .map((name, i) => {
        if (i === 0) return parts[name];
        const gap = name === 'who' || names[i - 1] === 'who' ? (rule.whoWindow ?? DEFAULT_WHO_WINDOW) : 2;
        return `*${gap} ${parts[name]}`;
      })
      .join(' ');
  });
}

export class RulesEngine {
  readonly lexicon: Lexicon;
  private readonly entries: Entry[];
  private readonly figures: CompiledPattern[];
  /** atom → [entry, pattern] pairs whose pattern can start with it. */
  private readonly byFirstAtom = new Map<number, [number, number][]>();
  private readonly figuresByFirstAtom = new Map<number, number[]>();

  constructor(data: LexiconData, normaliser: Normaliser) {
    this.lexicon = new Lexicon(data, normaliser);
    this.entries = [
      ...data.phrases.map((p) => ({ id: p.id, category: p.category, signal: 'phrase' as const, patterns: [compilePattern(p.pattern, this.lexicon)] })),
      ...data.rules.map((r) => ({
        id: `rule:${r.id}`,
        category: r.category,
        signal: 'rule' as const,
        patterns: rulePatterns(r).map((source) => compilePattern(source, this.lexicon)),
      })),
    ];
    this.figures = data.figures.map((source) => compilePattern(source, this.lexicon));
    this.entries.forEach((entry, which) =>
      entry.patterns.forEach((pattern, variant) => {
        for (const atom of pattern.first) push(this.byFirstAtom, atom, [which, variant]);
      }),
    );
    this.figures.forEach((pattern, which) => {
      for (const atom of pattern.first) push(this.figuresByFirstAtom, atom, which);
    });
  }

  get language(): string {
    return this.lexicon.data.language;
  }

  /** Every entry that matches, once each (its first match), minus those overlapping a figure of speech. */
  screen(text: string, words?: readonly RawWord[]): EngineMatch[] {
    const tokens = this.lexicon.tokenize(text, words);
    const figureSpans = this.spans(tokens, this.figures, this.figuresByFirstAtom);
    const found: EngineMatch[] = [];
    const present = new Set<number>();
    for (const token of tokens) for (const atom of token.atoms) present.add(atom);
    // Entries missing a word they need anywhere in the text are never tried.
    const done = new Set<number>();
    this.entries.forEach((entry, which) => {
      if (!entry.patterns.some((pattern) => couldMatch(pattern, present))) done.add(which);
    });
    for (let start = 0; start < tokens.length; start++) {
      for (const atom of tokens[start]!.atoms) {
        for (const [which, variant] of this.byFirstAtom.get(atom) ?? []) {
          if (done.has(which)) continue;
          const entry = this.entries[which]!;
          const used = matchAt(entry.patterns[variant]!, tokens, start);
          if (!used) continue;
          const first = tokens[used[0]!]!;
          const last = tokens[used[used.length - 1]!]!;
          if (figureSpans.some(([from, to]) => first.start < to && from < last.end)) continue;
          done.add(which);
          found.push({ phraseId: entry.id, category: entry.category, start: first.start, end: last.end, signal: entry.signal, words: wordsOf(text, tokens, used) });
        }
      }
    }
    return found;
  }

  private spans(tokens: readonly Token[], patterns: readonly CompiledPattern[], byFirst: Map<number, number[]>): [number, number][] {
    if (patterns.length === 0) return [];
    const spans: [number, number][] = [];
    for (let start = 0; start < tokens.length; start++) {
      for (const atom of tokens[start]!.atoms) {
        for (const which of byFirst.get(atom) ?? []) {
          const used = matchAt(patterns[which]!, tokens, start);
          if (used) spans.push([tokens[start]!.start, tokens[used[used.length - 1]!]!.end]);
        }
      }
    }
    return spans;
  }
}

function push<V>(map: Map<number, V[]>, key: number, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function wordsOf(text: string, tokens: readonly Token[], used: readonly number[]): string[] {
  const seen = new Set<number>();
  const words: string[] = [];
  for (const i of used) {
    const token = tokens[i]!;
    if (seen.has(token.start)) continue;
    seen.add(token.start);
    words.push(text.slice(token.start, token.end));
  }
  return words;
}
