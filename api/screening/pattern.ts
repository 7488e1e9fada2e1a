/**
 * The pattern language of the lexicon files: words in order; `@class` is any word of a class; `stem*` any word starting
 * so; (a|b c) either alternative, each possibly several words; a trailing ? makes a word or group optional; `*` skips up
 * to four other words of the same sentence and `*N` up to N.
 */
import type { Lexicon, Token } from './lexicon.ts';

const DEFAULT_GAP = 4;

/**
 * `single` holds the one-word options as a Set (most are) and `multi` the longer ones by their first word, so trying
 * a step at a word costs a look-up per atom of that word rather than a pass over every alternative.
 */
type WordsStep = { kind: 'words'; options: number[][]; single: Set<number>; multi: Map<number, number[][]>; optional: boolean };
type Step = WordsStep | { kind: 'gap'; max: number; next: Set<number> | undefined };
/** `required`: for each step that must match, the atoms one of which the text must contain (a cheap test before matching). */
export type CompiledPattern = { source: string; steps: Step[]; first: number[]; required: number[][] };

export function compilePattern(source: string, lexicon: Lexicon): CompiledPattern {
  const steps: Step[] = [];
  const parts = source.match(/\([^)]*\)\??|\S+/g) ?? [];
  for (const part of parts) {
    const gap = /^\*(\d*)$/.exec(part);
    if (gap) {
      steps.push({ kind: 'gap', max: gap[1] ? Number(gap[1]) : DEFAULT_GAP, next: undefined });
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
    const single = new Set(options.filter((option) => option.length === 1).map((option) => option[0]!));
    const multi = new Map<number, number[][]>();
    for (const option of options.filter((o) => o.length > 1)) multi.set(option[0]!, [...(multi.get(option[0]!) ?? []), option]);
    steps.push({ kind: 'words', options, single, multi, optional });
  }
  if (steps[0]?.kind !== 'words' || steps.every((step) => step.kind === 'gap' || step.optional)) throw new Error(`Pattern has no fixed start: ${source}`);
  // A gap only stops where the words after it could begin: their first atoms, known when a words step follows.
  steps.forEach((step, i) => {
    const following = steps[i + 1];
    const next = following?.kind === 'words' ? leadingAtoms(steps, i + 1) : undefined;
    if (step.kind === 'gap' && next) step.next = new Set(next);
  });
  const first = leadingAtoms(steps, 0);
  if (!first) throw new Error(`Pattern has no fixed start: ${source}`);
  const required = steps.flatMap((step) => (step.kind === 'words' && !step.optional ? [[...new Set(step.options.map((option) => option[0]!))]] : []));
  return { source, steps, first, required };
}

/** The atoms a match from step `from` can begin with; undefined when it may begin anywhere (an optional step before a gap or the end). */
function leadingAtoms(steps: Step[], from: number): number[] | undefined {
  const step = steps[from];
  if (!step || step.kind === 'gap') return undefined;
  const atoms = step.options.map((option) => option[0]!);
  if (!step.optional) return [...new Set(atoms)];
  const rest = leadingAtoms(steps, from + 1);
  return rest ? [...new Set([...atoms, ...rest])] : undefined;
}

/** Whether every step that must match has one of its words somewhere in the text. */
export function couldMatch(pattern: CompiledPattern, present: ReadonlySet<number>): boolean {
  return pattern.required.every((atoms) => atoms.some((atom) => present.has(atom)));
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
      const candidate = tokens[at + skip];
      if (current.next && candidate && !candidate.detached && !hasAny(candidate.atoms, current.next)) continue;
      if (walk(steps, step + 1, tokens, at + skip, used)) return true;
    }
    return false;
  }
  let position = at;
  // A detached pronoun (Arabic ني) that is not part of this step is stepped over.
  while (position < tokens.length && tokens[position]!.detached && !hasAny(tokens[position]!.atoms, current.single)) position++;
  if (position < tokens.length && hasAny(tokens[position]!.atoms, current.single)) {
    const mark = used.length;
    used.push(position);
    if (walk(steps, step + 1, tokens, position + 1, used)) return true;
    truncate(used, mark);
  }
  if (current.multi.size > 0) {
    for (let first = at; first < tokens.length && (first === at || tokens[first - 1]!.detached); first++) {
      for (const atom of tokens[first]!.atoms) {
        for (const option of current.multi.get(atom) ?? []) {
          const mark = used.length;
          const next = matchOption(option, tokens, first, used);
          if (next !== undefined && walk(steps, step + 1, tokens, next, used)) return true;
          truncate(used, mark);
        }
      }
      if (!tokens[first]!.detached) break;
    }
  }
  return current.optional ? walk(steps, step + 1, tokens, at, used) : false;
}

function truncate(list: number[], length: number): void {
  while (list.length > length) list.pop();
}

function hasAny(atoms: readonly number[], set: ReadonlySet<number>): boolean {
  for (const atom of atoms) if (set.has(atom)) return true;
  return false;
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
