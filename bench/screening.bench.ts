/**
 * Screening speed: one 5,000-character message (children's wording, ordinary and disclosing, in en/pl/ar) through
 * every language's rules, against a plain lower-case-and-split of the same text timed in the same run.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { screenForSafeguarding } from '../api/screening/safeguarding.ts';
import { percentile, round } from './lib.ts';

const pieces = [
  'we had a really good day at school and the football was fun, can we have more trips please',
  'sometimes my dad gets angry and i dont feel safe at home when he shouts',
  'the canteen food is ok but lunch is too short and the queue takes ages',
  'chciałabym więcej zajęć z plastyki i dłuższą przerwę na obiad',
  'ojczym mnie bije jak jest pijany i boję się wracać do domu',
  'بدنا رحلات اكتر بالمدرسه والملعب صغير كتير',
  'ابوي بيضربني لما يعصب وما بحس بالامان بالبيت',
  'my mum will kill me if im late lol, this homework is killing me',
  'i want someone to talk to, i dont know what to do anymore',
];

function message(length: number, seed: number): string {
  let text = '';
  for (let i = seed; text.length < length; i++) text += `${pieces[i % pieces.length]}. `;
  return text.slice(0, length);
}

function measure(runs: number, texts: readonly string[], work: (text: string) => unknown): { p50: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = texts[i % texts.length]!;
    const started = performance.now();
    work(text);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

// Distinct texts, so the per-word cache helps only as much as it would with real children's words repeating.
const texts = Array.from({ length: 200 }, (_, i) => message(5000, i));
const baseline = (text: string) => text.toLowerCase().split(/\s+/);

for (const text of texts.slice(0, 50)) screenForSafeguarding(text); // warm up the JIT and the word cache
measure(2000, texts, baseline);

const base = measure(5000, texts, baseline);
const screen = measure(2000, texts, (text) => screenForSafeguarding(text));
const result = {
  messageChars: 5000,
  baseline: { p50Ms: round(base.p50 * 1000) / 1000, p99Ms: round(base.p99 * 1000) / 1000 },
  screening: { p50Ms: round(screen.p50 * 100) / 100, p99Ms: round(screen.p99 * 100) / 100 },
  ratioP50: round(screen.p50 / base.p50),
  ratioP99: round(screen.p99 / base.p99),
  targetP99Ms: 2,
};
console.log(`baseline (lower-case + split): p50 ${base.p50.toFixed(3)} ms, p99 ${base.p99.toFixed(3)} ms`);
console.log(`screening, 3 languages:        p50 ${screen.p50.toFixed(3)} ms, p99 ${screen.p99.toFixed(3)} ms (target p99 < 2 ms)`);
console.log(`ratio to baseline:             p50 ×${result.ratioP50}, p99 ×${result.ratioP99}`);
await writeFile(fileURLToPath(new URL('./results/screening.json', import.meta.url)), `${JSON.stringify(result, null, 2)}\n`);
