/**
 * `npm run screening:dev`: recall and false positives on the English DEV set (test/screening/dev/en.jsonl), written for
 * tuning apart from the evaluation set. Unlike the evaluation, its misses and false positives are listed: tune on these.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { screenForSafeguarding } from '../../../api/screening/safeguarding.ts';
import { EVAL_CATEGORIES, type EvalExample } from '../eval/eval-set.ts';
import { pct, rate, scoreEvalSet } from '../eval/score.ts';

const DEV_FILE = fileURLToPath(new URL('en.jsonl', import.meta.url));

const line = z.strictObject({
  text: z.string().trim().min(2),
  label: z.enum(['disclosure', 'ordinary']),
  category: z.enum(EVAL_CATEGORIES).optional(),
  age: z.number().int().min(8).max(17),
});

/** The dev lines in the evaluation's shape, so the same scorer reads them. */
export function readDevSet(file: string = DEV_FILE): EvalExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => (text.trim() === '' ? [] : [{ text, i }]))
    .map(({ text, i }) => {
      const parsed = line.parse(JSON.parse(text));
      if ((parsed.label === 'disclosure') !== (parsed.category !== undefined)) throw new Error(`en.jsonl:${i + 1}: a disclosure, and only a disclosure, has a category`);
      return { text: parsed.text, language: 'en', appLanguage: 'en', age: parsed.age, kind: parsed.label, category: parsed.category, source: `en.jsonl:${i + 1}` } satisfies EvalExample;
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const score = scoreEvalSet(readDevSet(), (text, language) => screenForSafeguarding(text, language));
  const { recall, falsePositives } = score;
  console.log(`dev en: recall ${pct(rate(recall.overall.flagged, recall.overall.n))} (${recall.overall.flagged}/${recall.overall.n}), right category ${pct(rate(recall.overall.rightCategory, recall.overall.n))}, false positives ${pct(rate(falsePositives.overall.flagged, falsePositives.overall.n))} (${falsePositives.overall.flagged}/${falsePositives.overall.n})`);
  for (const [category, tally] of [...recall.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${category.padEnd(22)} ${String(tally.flagged).padStart(2)}/${String(tally.n).padEnd(2)} right category ${tally.rightCategory}`);
  }
  if (!process.argv.includes('--quiet')) {
    console.log('\nMissed disclosures');
    for (const o of score.outcomes.filter((o) => o.example.kind === 'disclosure' && !o.flagged)) console.log(`  [${o.example.category}] ${o.example.text}`);
    console.log('\nFlagged ordinary lines');
    for (const o of score.outcomes.filter((o) => o.example.kind === 'ordinary' && o.flagged)) {
      const why = screenForSafeguarding(o.example.text, 'en').map((m) => `${m.phraseId}${m.score ? `@${m.score}` : ''}`);
      console.log(`  [${why.join(',')}] ${o.example.text}`);
    }
  }
}
