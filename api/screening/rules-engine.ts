/** One language's phrases, compositional rules and figures of speech, compiled at module load and run over a text. */
import { compilePattern, couldMatch, matchAt, MAX_MATCH_WORDS, type CompiledPattern } from './pattern.ts';
import { Lexicon, type LexiconData, type RuleData } from './lexicon.ts';
import type { Normaliser } from './normalise/normaliser.ts';
import type { TokenList } from './token-list.ts';
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
  /** By atom: the [entry, pattern] pairs, flattened, whose pattern can start with it. */
  private readonly byFirstAtom: (Int32Array | undefined)[] = [];
  private readonly figuresByFirstAtom: (Int32Array | undefined)[] = [];
  /** The most words, and the most gap tokens, of any pattern: together they bound how far a match reaches. */
  private readonly maxWords: number;
  private readonly maxGaps: number;
  // Scratch reused by every call (screening is synchronous).
  /** By atom: how many tokens of the window that a match from the current token can reach have it. */
  private counts = new Int32Array(0);
  /** By entry: whether it matched already (an entry is reported once). */
  private readonly done: Uint8Array;
  private readonly used = new Int32Array(MAX_MATCH_WORDS);
  private readonly figureUsed = new Int32Array(MAX_MATCH_WORDS);
  /** Figure-of-speech spans of the current text, [from, to] flattened; found only once an entry matches. */
  private readonly figureSpans: number[] = [];

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
    const starts = new Map<number, number[]>();
    this.entries.forEach((entry, which) =>
      entry.patterns.forEach((pattern, variant) => {
        for (const atom of pattern.first) push(starts, atom, which, variant);
      }),
    );
    for (const [atom, pairs] of starts) this.byFirstAtom[atom] = Int32Array.from(pairs);
    const figureStarts = new Map<number, number[]>();
    this.figures.forEach((pattern, which) => {
      for (const atom of pattern.first) push(figureStarts, atom, which);
    });
    for (const [atom, figures] of figureStarts) this.figuresByFirstAtom[atom] = Int32Array.from(figures);
    this.done = new Uint8Array(this.entries.length);
    const patterns = this.entries.flatMap((entry) => entry.patterns);
    this.maxWords = Math.max(...patterns.map((pattern) => pattern.words));
    this.maxGaps = Math.max(...patterns.map((pattern) => pattern.gaps));
  }

  get language(): string {
    return this.lexicon.data.language;
  }

  /** Every entry that matches, once each (its first match), minus those overlapping a figure of speech. */
  screen(text: string, words?: readonly RawWord[]): EngineMatch[] {
    const tokens = this.lexicon.tokenize(text, words);
    const { done, used, entries, byFirstAtom } = this;
    done.fill(0);
    if (this.counts.length < this.lexicon.atomNames.length) this.counts = new Int32Array(this.lexicon.atomNames.length);
    const counts = this.counts;
    // Only tokens a match from `start` can reach are counted: an entry whose words are not all there is not tried.
    const reach = this.maxGaps + this.maxWords * (1 + tokens.longestDetachedRun);
    const found: EngineMatch[] = [];
    let figuresFound = false;
    let counted = 0;
    for (let start = 0; start < tokens.length; start++) {
      if (start > 0) count(counts, tokens.atoms[start - 1]!, -1);
      for (const last = Math.min(tokens.length, start + reach + 1); counted < last; counted++) count(counts, tokens.atoms[counted]!, 1);
      const atoms = tokens.atoms[start]!;
      for (let a = 0; a < atoms.length; a++) {
        const pairs = byFirstAtom[atoms[a]!];
        if (pairs === undefined) continue;
        for (let k = 0; k < pairs.length; k += 2) {
          const which = pairs[k]!;
          if (done[which] === 1) continue;
          const entry = entries[which]!;
          const pattern = entry.patterns[pairs[k + 1]!]!;
          if (!couldMatch(pattern, counts)) continue;
          const matched = matchAt(pattern, tokens, start, used);
          if (matched === 0) continue;
          const from = tokens.start[used[0]!]!;
          const to = tokens.end[used[matched - 1]!]!;
          if (!figuresFound) {
            this.findFigures(tokens);
            figuresFound = true;
          }
          if (this.overlapsFigure(from, to)) continue;
          done[which] = 1;
          found.push({ phraseId: entry.id, category: entry.category, start: from, end: to, signal: entry.signal, words: wordsOf(text, tokens, used, matched) });
        }
      }
    }
    for (let t = Math.max(0, tokens.length - 1); t < counted; t++) count(counts, tokens.atoms[t]!, -1);
    return found;
  }

  private findFigures(tokens: TokenList): void {
    const spans = this.figureSpans;
    spans.length = 0;
    const used = this.figureUsed;
    for (let start = 0; start < tokens.length; start++) {
      const atoms = tokens.atoms[start]!;
      for (let a = 0; a < atoms.length; a++) {
        const figures = this.figuresByFirstAtom[atoms[a]!];
        if (figures === undefined) continue;
        for (let k = 0; k < figures.length; k++) {
          const count = matchAt(this.figures[figures[k]!]!, tokens, start, used);
          if (count > 0) spans.push(tokens.start[start]!, tokens.end[used[count - 1]!]!);
        }
      }
    }
  }

  private overlapsFigure(from: number, to: number): boolean {
    const spans = this.figureSpans;
    for (let i = 0; i < spans.length; i += 2) if (from < spans[i + 1]! && spans[i]! < to) return true;
    return false;
  }
}

function count(counts: Int32Array, atoms: readonly number[], by: number): void {
  for (let a = 0; a < atoms.length; a++) counts[atoms[a]!]! += by;
}

function push(map: Map<number, number[]>, key: number, ...values: number[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

function wordsOf(text: string, tokens: TokenList, used: Int32Array, count: number): string[] {
  const seen = new Set<number>();
  const words: string[] = [];
  for (let u = 0; u < count; u++) {
    const i = used[u]!;
    const start = tokens.start[i]!;
    if (seen.has(start)) continue;
    seen.add(start);
    words.push(text.slice(start, tokens.end[i]!));
  }
  return words;
}
