/** `npm run screening:train`: trains the classifier from corpus/<lang>.jsonl, prints cross-validation, writes model.json. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { StoredModel } from './model.ts';
import { trainModel, type CorpusEntry } from './training.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const CORPUS_DIR = path.join(here, '..', 'corpus');
export const MODEL_FILE = path.join(here, 'model.json');

const line = z.strictObject({ text: z.string().min(1), label: z.enum(['disclosure', 'ordinary']), category: z.string().optional() });

/** Every corpus file's entries, tagged with the file's language; a bad line names its file and line number. */
export function loadCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .map((text, i) => ({ text, i }))
        .filter(({ text }) => text.trim() !== '')
        .map(({ text, i }) => {
          const parsed = line.safeParse(JSON.parse(text));
          if (!parsed.success) throw new Error(`${name}:${i + 1}: ${parsed.error.message}`);
          return { ...parsed.data, language: name.replace('.jsonl', '') };
        }),
    );
}

/** The exact text written to model.json, so a test can compare a fresh run with the committed file. */
export function serialiseModel(model: StoredModel): string {
  return `${JSON.stringify(model)}\n`;
}

function printReport(model: StoredModel): void {
  const cv = model.crossValidation;
  console.log(`${cv.folds}-fold cross-validation on the corpus: recall ${cv.recall}, false positives ${cv.falsePositiveRate}, category right ${cv.categoryAccuracy} (threshold ${model.threshold.toFixed(4)}; texts of at most ${model.shortText.words} words ${model.shortText.threshold.toFixed(4)})`);
  for (const [length, row] of Object.entries(cv.byLength)) {
    console.log(`  ${length} texts: recall ${row.recall} of ${row.disclosures} disclosures, false positives ${row.falsePositiveRate} of ${row.ordinary} ordinary`);
  }
  for (const [language, row] of Object.entries(cv.byLanguage)) {
    console.log(`  ${language}: recall ${row.recall} of ${row.disclosures} disclosures, false positives ${row.falsePositiveRate} of ${row.ordinary} ordinary`);
  }
  for (const [category, row] of Object.entries(cv.byCategory)) console.log(`  ${category.padEnd(22)} recall ${row.recall}  category right ${row.categoryAccuracy}  (${row.disclosures})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = performance.now();
  const model = trainModel(loadCorpus());
  const text = serialiseModel(model);
  writeFileSync(MODEL_FILE, text);
  printReport(model);
  console.log(`wrote ${path.relative(process.cwd(), MODEL_FILE)} (${(text.length / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
