/** Reads the screening evaluation files (disclosures and ordinary messages, per language), validating each line. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The shared category ids of issue 20 (api/screening/categories.ts holds the same list with labels and sources). */
export const EVAL_CATEGORIES = [
  'physical_abuse', 'sexual_abuse', 'emotional_abuse', 'neglect', 'domestic_abuse', 'self_harm', 'suicidal_thoughts',
  'eating_disorder', 'online_grooming', 'sexual_exploitation', 'criminal_exploitation', 'missing_from_home',
  'forced_marriage', 'fgm', 'trafficking', 'young_carer', 'bullying', 'secrecy_threats', 'unsafe_at_home', 'asked_for_help',
] as const;

export const EVAL_LANGUAGES = ['en', 'pl', 'ar'] as const;
export type EvalLanguage = (typeof EVAL_LANGUAGES)[number];

export const EVAL_DIR = fileURLToPath(new URL('.', import.meta.url));

const language = z.enum(EVAL_LANGUAGES);
const common = { text: z.string().trim().min(3).max(5000), language, age: z.number().int().min(8).max(17), appLanguage: language };
const disclosureLine = z.strictObject({ ...common, category: z.enum(EVAL_CATEGORIES) });
const ordinaryLine = z.strictObject(common);

export type EvalExample = z.infer<typeof ordinaryLine> & {
  kind: 'disclosure' | 'ordinary';
  category?: (typeof EVAL_CATEGORIES)[number];
  /** "disclosures.pl.jsonl:12", for error messages and the --misses listing. */
  source: string;
};

/** Every line of one file, parsed; throws naming the file and line of the first bad one. */
export function readEvalFile(file: string): EvalExample[] {
  const kind = path.basename(file).startsWith('disclosures.') ? 'disclosure' : 'ordinary';
  const schema = kind === 'disclosure' ? disclosureLine : ordinaryLine;
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: EvalExample[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const source = `${path.basename(file)}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${source}: not JSON`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`${source}: ${z.prettifyError(parsed.error)}`);
    examples.push({ ...parsed.data, kind, source });
  });
  return examples;
}

/** The evaluation file names present in a folder (disclosures.<lang>.jsonl and ordinary.<lang>.jsonl). */
export function evalFiles(dir: string = EVAL_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /^(disclosures|ordinary)\.[a-z]{2}\.jsonl$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The whole evaluation set, disclosures and ordinary messages of every language. */
export function readEvalSet(dir: string = EVAL_DIR): EvalExample[] {
  return evalFiles(dir).flatMap(readEvalFile);
}
