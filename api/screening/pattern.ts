/**
 * The pattern language of the lexicon files: words in order; `@class` is any word of a class; `stem*` any word starting
 * so; (a|b c) either alternative, each possibly several words; a trailing ? makes a word or group optional; `*` skips up
 * to four other words of the same sentence and `*N` up to N.
 */
import type { Lexicon, Token } from './lexicon.ts';

const DEFAULT_GAP = 4;

type Step = { kind: 'words'; options: number[][]; optional: boolean } | { kind: 'gap'; max: number };
export type CompiledPattern = { source: string; steps: Step[]; first: number[] };

export function compilePattern(source: string, lexicon: Lexicon): CompiledPattern {
  const steps: Step[] = [];
  const parts = source.match(/\([^)]*\)\??|\S+/g) ?? [];
  for (const part of parts) {
    const gap = /^\*(\d*)$/.exec(part);
    if (gap) {
      steps.push({ kind: 'gap', max: gap[1] ? Number(gap[1]) : DEFAULT_GAP });
      continue;
    }
    const optional = part.endsWith('?');
    const body = optional ? part.slice(0, -1) : part;
    const inner = body.startsWith('(') && body.endsWith(')') ? body.slice(1, -1) : body;
    const options = inner.split('|').map((option) =>
      option
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .flatMap((word) => lexicon.patternWords(word))
        .map((word) => lexicon.atom(word)),
    );
    if (options.some((option) => option.length === 0)) throw new Error(`Empty alternative in pattern: ${source}`);
    steps.push({ kind: 'words', options, optional });
  }
  if (steps[0]?.kind !== 'words' || steps.every((step) => step.kind === 'gap' || step.optional)) throw new Error(`Pattern has no fixed start: ${source}`);
  return { source, steps, first: firstAtoms(steps, 0, source) };
}

/** The atoms a match can begin with, so the matcher only tries tokens that could start one. */
function firstAtoms(steps: Step[], from: number, source: string): number[] {
  const step = steps[from];
  if (!step) throw new Error(`Pattern can match nothing: ${source}`);
  if (step.kind === 'gap') throw new Error(`Pattern starts with a gap: ${source}`);
  const atoms = step.options.map((option) => option[0]!);
  return step.optional ? [...new Set([...atoms, ...firstAtoms(steps, from + 1, source)])] : [...new Set(atoms)];
}

/** The indexes of the tokens the words of the pattern consumed (gaps excluded) for a match starting at `start`. */
export function matchAt(pattern: CompiledPattern, tokens: readonly Token[], start: number): number[] | undefined {
  const used: number[] = [];
  return walk(pattern.steps, 0, tokens, start, used) ? used : undefined;
}

function walk(steps: readonly Step[], step: number, tokens: readonly Token[], at: number, used: number[]): boolean {
  if (step === steps.length) return used.length > 0;
  const current = steps[step]!;
  if (current.kind === 'gap') {
    const sentence = tokens[at - 1]?.sentence;
    for (let skip = 0; skip <= current.max && at + skip <= tokens.length; skip++) {
      if (skip > 0 && tokens[at + skip - 1]!.sentence !== sentence) break;
      if (walk(steps, step + 1, tokens, at + skip, used)) return true;
    }
    return false;
  }
  for (const option of current.options) {
    const mark = used.length;
    const next = matchOption(option, tokens, at, used);
    if (next !== undefined && walk(steps, step + 1, tokens, next, used)) return true;
    used.length = mark;
  }
  return current.optional ? walk(steps, step + 1, tokens, at, used) : false;
}

/** Consumes the option's words in order from `at`, stepping over detached pronouns that are not part of it. */
function matchOption(option: readonly number[], tokens: readonly Token[], at: number, used: number[]): number | undefined {
  let position = at;
  for (const atom of option) {
    while (position < tokens.length && !tokens[position]!.atoms.includes(atom) && tokens[position]!.detached) position++;
    if (position >= tokens.length || !tokens[position]!.atoms.includes(atom)) return undefined;
    used.push(position);
    position++;
  }
  return position;
}
