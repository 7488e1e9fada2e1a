/**
 * The pattern language of the lexicon files: words in order; `@class` is any word of a class; `stem*` any word starting
 * so; (a|b c) either alternative, each possibly several words; a trailing ? makes a word or group optional; `*` skips up
 * to four other words of the same sentence and `*N` up to N.
 */
import type { Lexicon } from './lexicon.ts';
import type { TokenList } from './token-list.ts';

const DEFAULT_GAP = 4;

/**
 * `single` holds the one-word options as a Set (most are) and `multi` the longer ones by their first word, so trying
 * a step at a word costs a look-up per atom of that word rather than a pass over every alternative. Gaps and words
 * steps share one shape, so the matcher reads them without a type check.
 */
type Step = {
  gap: boolean;
  /** A gap's longest skip. */
  max: number;
  /** A gap stops only before a word in this bit set of atoms (the first atoms of the words after it), when known. */
  next: Uint32Array | undefined;
  options: number[][];
  /** The one-word options' atoms, as a bit set. */
  single: Uint32Array;
  multi: Map<number, number[][]>;
  optional: boolean;
};
/**
 * `required`: for each step that must match, the atoms one of which the text must contain (a cheap test before
 * matching); `checks`: the same less the first step's when a match can only start with it (the word it starts at has
 * one), fewest atoms first. `words`: the most words a match consumes; `gaps`: the most tokens its gaps skip. A match from token s ends
 * before token s + gaps + words × (1 + r), r being the longest run of detached pronouns it may step over.
 */
export type CompiledPattern = { source: string; steps: Step[]; first: number[]; required: number[][]; checks: number[][]; words: number; gaps: number };

const NO_ATOMS = new Uint32Array(0);

export function compilePattern(source: string, lexicon: Lexicon): CompiledPattern {
  const steps: Step[] = [];
  const parts = source.match(/\([^)]*\)\??|\S+/g) ?? [];
  for (const part of parts) {
    const gap = /^\*(\d*)$/.exec(part);
    if (gap) {
      steps.push({ gap: true, max: gap[1] ? Number(gap[1]) : DEFAULT_GAP, next: undefined, options: [], single: NO_ATOMS, multi: new Map(), optional: false });
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
    const single = bitSet(options.filter((option) => option.length === 1).map((option) => option[0]!));
    const multi = new Map<number, number[][]>();
    for (const option of options.filter((o) => o.length > 1)) multi.set(option[0]!, [...(multi.get(option[0]!) ?? []), option]);
    steps.push({ gap: false, max: 0, next: undefined, options, single, multi, optional });
  }
  if (steps[0]?.gap !== false || steps.every((step) => step.gap || step.optional)) throw new Error(`Pattern has no fixed start: ${source}`);
  // A gap only stops where the words after it could begin: their first atoms, known when a words step follows.
  steps.forEach((step, i) => {
    const following = steps[i + 1];
    const next = following?.gap === false ? leadingAtoms(steps, i + 1) : undefined;
    if (step.gap && next) step.next = bitSet(next);
  });
  const first = leadingAtoms(steps, 0);
  if (!first) throw new Error(`Pattern has no fixed start: ${source}`);
  const words = steps.reduce((sum, step) => sum + Math.max(0, ...step.options.map((option) => option.length)), 0);
  if (words > MAX_MATCH_WORDS) throw new Error(`Pattern may consume more than ${MAX_MATCH_WORDS} words: ${source}`);
  const gaps = steps.reduce((sum, step) => sum + (step.gap ? step.max : 0), 0);
  const required = steps.flatMap((step) => (!step.gap && !step.optional ? [[...new Set(step.options.map((option) => option[0]!))]] : []));
  const checks = (steps[0]!.optional ? required : required.slice(1)).sort((a, b) => a.length - b.length);
  return { source, steps, first, required, checks, words, gaps };
}

/** The atoms a match from step `from` can begin with; undefined when it may begin anywhere (an optional step before a gap or the end). */
function leadingAtoms(steps: Step[], from: number): number[] | undefined {
  const step = steps[from];
  if (!step || step.gap) return undefined;
  const atoms = step.options.map((option) => option[0]!);
  if (!step.optional) return [...new Set(atoms)];
  const rest = leadingAtoms(steps, from + 1);
  return rest ? [...new Set([...atoms, ...rest])] : undefined;
}

/**
 * Whether every step that must match has one of its words among the tokens counted in `counts` (by atom), for a match
 * starting at a word that is one of the pattern's `first`.
 */
export function couldMatch(pattern: CompiledPattern, counts: Int32Array): boolean {
  const { checks } = pattern;
  for (let s = 0; s < checks.length; s++) {
    const atoms = checks[s]!;
    let found = false;
    for (let a = 0; a < atoms.length && !found; a++) found = counts[atoms[a]!]! > 0;
    if (!found) return false;
  }
  return true;
}

/** Room for the words one match may consume; a pattern that could need more is refused when compiled. */
export const MAX_MATCH_WORDS = 64;

/**
 * Whether the pattern matches from token `start`: the number of the pattern's words consumed (gaps excluded), whose
 * token indexes are then at the front of `used` (a buffer of MAX_MATCH_WORDS the caller reuses); 0 when it does not match.
 */
export function matchAt(pattern: CompiledPattern, tokens: TokenList, start: number, used: Int32Array): number {
  const count = walk(pattern.steps, 0, tokens, start, used, 0);
  return count > 0 ? count : 0;
}

/** -1 when the steps from `step` do not match at `at`; otherwise how many entries of `used` the whole match filled. */
function walk(steps: readonly Step[], step: number, tokens: TokenList, at: number, used: Int32Array, count: number): number {
  if (step === steps.length) return count > 0 ? count : -1;
  const current = steps[step]!;
  const n = tokens.length;
  const { atoms, detached } = tokens;
  if (current.gap) {
    // a gap never crosses a sentence end (a gap is never first, so a word before it was consumed: at > 0)
    const sentence = at > 0 ? tokens.sentence[at - 1]! : -1;
    for (let skip = 0; skip <= current.max && at + skip <= n; skip++) {
      const candidate = at + skip;
      if (skip > 0 && tokens.sentence[candidate - 1] !== sentence) break;
      if (current.next && candidate < n && detached[candidate] === 0 && !hasAny(atoms[candidate]!, current.next)) continue;
      const total = walk(steps, step + 1, tokens, candidate, used, count);
      if (total !== -1) return total;
    }
    return -1;
  }
  let position = at;
  // A detached pronoun (Arabic ني) that is not part of this step is stepped over.
  while (position < n && detached[position] === 1 && !hasAny(atoms[position]!, current.single)) position++;
  if (position < n && hasAny(atoms[position]!, current.single)) {
    used[count] = position;
    const total = walk(steps, step + 1, tokens, position + 1, used, count + 1);
    if (total !== -1) return total;
  }
  if (current.multi.size > 0) {
    for (let first = at; first < n && (first === at || detached[first - 1] === 1); first++) {
      const here = atoms[first]!;
      for (let a = 0; a < here.length; a++) {
        const options = current.multi.get(here[a]!);
        if (!options) continue;
        for (const option of options) {
          const next = matchOption(option, tokens, first, used, count);
          if (next === -1) continue;
          const total = walk(steps, step + 1, tokens, next, used, count + option.length);
          if (total !== -1) return total;
        }
      }
      if (detached[first] === 0) break;
    }
  }
  return current.optional ? walk(steps, step + 1, tokens, at, used, count) : -1;
}

/** Whether one of `atoms` is in the bit set. */
function hasAny(atoms: readonly number[], bits: Uint32Array): boolean {
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    const word = atom >>> 5;
    if (word < bits.length && (bits[word]! & (1 << (atom & 31))) !== 0) return true;
  }
  return false;
}

function bitSet(atoms: Iterable<number>): Uint32Array {
  const list = [...atoms];
  const bits = new Uint32Array(list.length === 0 ? 0 : (Math.max(...list) >>> 5) + 1);
  for (const atom of list) bits[atom >>> 5]! |= 1 << (atom & 31);
  return bits;
}

/**
 * Consumes the option's words in order from `at`, stepping over detached pronouns that are not part of it, writing
 * their indexes into `used` from `count`; the position after it, or -1 when it does not match.
 */
function matchOption(option: readonly number[], tokens: TokenList, at: number, used: Int32Array, count: number): number {
  const n = tokens.length;
  const { atoms, detached } = tokens;
  let position = at;
  for (let i = 0; i < option.length; i++) {
    const atom = option[i]!;
    while (position < n && detached[position] === 1 && !atoms[position]!.includes(atom)) position++;
    if (position >= n || !atoms[position]!.includes(atom)) return -1;
    used[count + i] = position;
    position++;
  }
  return position;
}
