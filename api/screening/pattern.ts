/**
 * The phrase-list pattern language (see phrases/en.json): words in order; (a|b c) either alternative, each
 * possibly several words; a trailing ? makes a word or group optional; * skips up to four other words.
 */
import { wordsMatch, type Token } from './tokens.ts';

const MAX_GAP = 4;

type Step = { kind: 'words'; options: string[][]; optional: boolean } | { kind: 'gap' };
export type CompiledPattern = Step[];

export function compilePattern(source: string): CompiledPattern {
  const steps: Step[] = [];
  const parts = source.match(/\([^)]*\)\??|\S+/g) ?? [];
  for (const part of parts) {
    if (part === '*') {
      steps.push({ kind: 'gap' });
      continue;
    }
    const optional = part.endsWith('?');
    const body = optional ? part.slice(0, -1) : part;
    const inner = body.startsWith('(') && body.endsWith(')') ? body.slice(1, -1) : body;
    const options = inner.split('|').map((option) => option.trim().toLowerCase().replace(/['’]/g, '').split(/\s+/).filter(Boolean));
    if (options.some((option) => option.length === 0)) throw new Error(`Empty alternative in pattern: ${source}`);
    steps.push({ kind: 'words', options, optional });
  }
  if (steps.length === 0 || steps.every((step) => step.kind === 'gap' || step.optional)) throw new Error(`Pattern matches nothing: ${source}`);
  return steps;
}

/** The first match as [first token index, last token index], or undefined. */
export function findMatch(pattern: CompiledPattern, tokens: readonly Token[]): [number, number] | undefined {
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(pattern, 0, tokens, start, start);
    if (end !== undefined) return [start, end];
  }
  return undefined;
}

/** Returns the index of the last token consumed, or undefined. `first` is where the match began. */
function matchFrom(pattern: CompiledPattern, step: number, tokens: readonly Token[], at: number, first: number): number | undefined {
  if (step === pattern.length) return at - 1 >= first ? at - 1 : undefined;
  const current = pattern[step]!;
  if (current.kind === 'gap') {
    for (let skip = 0; skip <= MAX_GAP && at + skip <= tokens.length; skip++) {
      const end = matchFrom(pattern, step + 1, tokens, at + skip, first);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  for (const option of current.options) {
    if (option.every((word, offset) => at + offset < tokens.length && wordsMatch(word, tokens[at + offset]!.word))) {
      const end = matchFrom(pattern, step + 1, tokens, at + option.length, first);
      if (end !== undefined) return end;
    }
  }
  return current.optional ? matchFrom(pattern, step + 1, tokens, at, first) : undefined;
}
