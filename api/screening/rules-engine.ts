/** One language's phrases, compositional rules and figures of speech, compiled at module load and run over a text. */
import { compilePattern, matchAt, type CompiledPattern } from './pattern.ts';
import { Lexicon, type LexiconData, type RuleData, type Token } from './lexicon.ts';
import type { Normaliser } from './normalise/normaliser.ts';

export type EngineMatch = { phraseId: string; category: string; start: number; end: number; signal: 'phrase' | 'rule'; words: string[] };

type Entry = { id: string; category: string; signal: 'phrase' | 'rule'; pattern: CompiledPattern };

const DEFAULT_WHO_WINDOW = 5;

/** who × what × whom as one pattern: the doer up to `whoWindow` words before the act, the one harmed just after it. */
export function rulePattern(rule: RuleData): string {
  const who = rule.who ? `${rule.who} *${rule.whoWindow ?? DEFAULT_WHO_WINDOW} ` : '';
  const whom = rule.whom ? ` *2 ${rule.whom}` : '';
  return `${who}${rule.what}${whom}`;
}

export class RulesEngine {
  readonly lexicon: Lexicon;
  private readonly entries: Entry[];
  private readonly figures: CompiledPattern[];
  private readonly byFirstAtom = new Map<number, number[]>();
  private readonly figuresByFirstAtom = new Map<number, number[]>();

  constructor(data: LexiconData, normaliser: Normaliser) {
    this.lexicon = new Lexicon(data, normaliser);
    this.entries = [
      ...data.phrases.map((p) => ({ id: p.id, category: p.category, signal: 'phrase' as const, pattern: compilePattern(p.pattern, this.lexicon) })),
      ...data.rules.map((r) => ({ id: `rule:${r.id}`, category: r.category, signal: 'rule' as const, pattern: compilePattern(rulePattern(r), this.lexicon) })),
    ];
    this.figures = data.figures.map((source) => compilePattern(source, this.lexicon));
    index(this.entries.map((e) => e.pattern), this.byFirstAtom);
    index(this.figures, this.figuresByFirstAtom);
  }

  get language(): string {
    return this.lexicon.data.language;
  }

  /** Every entry that matches, once each (its first match), minus those overlapping a figure of speech. */
  screen(text: string): EngineMatch[] {
    const tokens = this.lexicon.tokenize(text);
    const figureSpans = this.spans(tokens, this.figures, this.figuresByFirstAtom);
    const found: EngineMatch[] = [];
    const done = new Set<number>();
    for (let start = 0; start < tokens.length; start++) {
      for (const atom of tokens[start]!.atoms) {
        for (const which of this.byFirstAtom.get(atom) ?? []) {
          if (done.has(which)) continue;
          const entry = this.entries[which]!;
          const used = matchAt(entry.pattern, tokens, start);
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

function index(patterns: readonly CompiledPattern[], into: Map<number, number[]>): void {
  patterns.forEach((pattern, which) => {
    for (const atom of pattern.first) {
      const list = into.get(atom);
      if (list) list.push(which);
      else into.set(atom, [which]);
    }
  });
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
