/**
 * `npm run screening:eval [-- --report-only] [-- --misses]`: screens every evaluation line with the engine and prints
 * recall and false-positive tables. Exits 1 when a target of issue 20 is missed, unless --report-only.
 * --misses lists the missed disclosures and the flagged ordinary messages, for the lead engineer to read (never to
 * copy into phrases, rules or the training corpus).
 */
import { execFileSync } from 'node:child_process';
import { screenForSafeguarding } from '../../../api/screening/safeguarding.ts';
import { readEvalSet } from './eval-set.ts';
import { failures, MIN_EXAMPLES_FOR_TARGET, pct, rate, scoreEvalSet, type Screen, type Tally } from './score.ts';

const args = new Set(process.argv.slice(2));
const screen: Screen = (text, language) => screenForSafeguarding(text, language);

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const recallRow = (key: string, tally: Tally): string[] => [key, String(tally.n), String(tally.flagged), pct(rate(tally.flagged, tally.n)), pct(rate(tally.rightCategory, tally.n))];
const recallHeader = ['', 'n', 'flagged', 'recall', 'right category'];
const sorted = <T>(map: Map<string, T>): [string, T][] => [...map].sort(([a], [b]) => a.localeCompare(b));

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'api/screening'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha} (api/screening modified)` : sha;
  } catch {
    return 'unknown';
  }
}

const examples = readEvalSet();
const score = scoreEvalSet(examples, screen);
const { recall, falsePositives, signals } = score;

console.log(`Screening evaluation — engine at commit ${commit()}, ${examples.length} lines`);
table('Recall on disclosures, by language', recallHeader, [...sorted(recall.byLanguage).map(([k, t]) => recallRow(k, t)), recallRow('**all**', recall.overall)]);
table('Recall by category', recallHeader, sorted(recall.byCategory).map(([k, t]) => recallRow(k, t)));
const bigCells = sorted(recall.byCategoryLanguage).filter(([, t]) => t.n >= MIN_EXAMPLES_FOR_TARGET);
table(`Recall by category × language (cells with n ≥ ${MIN_EXAMPLES_FOR_TARGET})`, recallHeader, bigCells.map(([k, t]) => recallRow(k, t)));
const fpRow = (key: string, t: Tally): string[] => [key, String(t.n), String(t.flagged), pct(rate(t.flagged, t.n))];
table('False positives on ordinary messages', ['', 'n', 'flagged', 'false-positive rate'], [...sorted(falsePositives.byLanguage).map(([k, t]) => fpRow(k, t)), fpRow('**all**', falsePositives.overall)]);
const signalNames = [...new Set([...signals.disclosures.keys(), ...signals.ordinary.keys(), 'phrase', 'rule', 'classifier'])].sort();
table('Signals that fired (examples with at least one match of that signal)', ['signal', 'disclosures', 'ordinary'], signalNames.map((s) => [s, String(signals.disclosures.get(s) ?? 0), String(signals.ordinary.get(s) ?? 0)]));

if (args.has('--misses')) {
  console.log('\nMissed disclosures (for reading only: never copy these into phrases, rules or the corpus)');
  for (const o of score.outcomes.filter((o) => o.example.kind === 'disclosure' && !o.flagged)) console.log(`  ${o.example.source} [${o.example.category}, app ${o.example.appLanguage}] ${o.example.text}`);
  console.log('\nFlagged ordinary messages');
  for (const o of score.outcomes.filter((o) => o.example.kind === 'ordinary' && o.flagged)) console.log(`  ${o.example.source} [${o.signals.join(',')}] ${o.example.text}`);
}

const problems = failures(score);
console.log(problems.length === 0 ? '\nAll targets met.' : `\nTargets missed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
if (problems.length > 0 && !args.has('--report-only')) process.exitCode = 1;
