/**
 * `npx tsx test/screening/dev/run-dev.ts [en|pl|ar…] [--list] [--corpus]`: recall and false positives on the
 * development sets in this folder (written for tuning, apart from the evaluation files). --list prints each miss and
 * each flagged ordinary line with what fired; --corpus scores `api/screening/corpus/<lang>.jsonl` the same way (rules only
 * matter there: the classifier was trained on those lines).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { screenForSafeguarding } from '../../../api/screening/safeguarding.ts';

type Line = { text: string; label: 'disclosure' | 'ordinary'; category?: string };

process.stdout.on('error', () => process.exit(0));
const args = process.argv.slice(2);
const list = args.includes('--list');
const corpus = args.includes('--corpus');
const languages = args.filter((arg) => !arg.startsWith('--'));

function read(path: string): Line[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Line);
}

const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);

for (const language of languages.length > 0 ? languages : ['en', 'pl', 'ar']) {
  const path = corpus
    ? fileURLToPath(new URL(`../../../api/screening/corpus/${language}.jsonl`, import.meta.url))
    : fileURLToPath(new URL(`./${language}.jsonl`, import.meta.url));
  if (!existsSync(path)) continue;
  const lines = read(path);
  const byCategory = new Map<string, [number, number]>();
  let disclosures = 0;
  let recalled = 0;
  let ordinary = 0;
  let flaggedOrdinary = 0;
  const notes: string[] = [];
  for (const line of lines) {
    const matches = screenForSafeguarding(line.text, language);
    const why = matches.map((m) => `${m.language}:${m.phraseId}[${(m.words ?? []).join(' ')}]`).join(', ');
    if (line.label === 'disclosure') {
      disclosures++;
      const tally = byCategory.get(line.category ?? '?') ?? [0, 0];
      tally[0]++;
      if (matches.length > 0) {
        recalled++;
        tally[1]++;
      } else notes.push(`MISS ${line.category}: ${line.text}`);
      byCategory.set(line.category ?? '?', tally);
    } else {
      ordinary++;
      if (matches.length > 0) {
        flaggedOrdinary++;
        notes.push(`FP ${line.text}  <- ${why}`);
      }
    }
  }
  console.log(`${language}${corpus ? ' (corpus)' : ''}: recall ${recalled}/${disclosures} ${pct(recalled, disclosures)}, false positives ${flaggedOrdinary}/${ordinary} ${pct(flaggedOrdinary, ordinary)}`);
  const weak = [...byCategory].filter(([, [n, hit]]) => hit < n).map(([category, [n, hit]]) => `${category} ${hit}/${n}`);
  if (weak.length > 0) console.log(`  below 100%: ${weak.join(', ')}`);
  if (list) for (const note of notes) console.log(`  ${note}`);
}
