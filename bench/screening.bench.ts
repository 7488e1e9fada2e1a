/**
 * Screening speed: messages of 220, 1,000, 2,500 and 5,000 characters through every language's rules (and the
 * classifier when the rules are silent), against a plain lower-case-and-split of the same text timed call by call in
 * the same run. Two kinds of message: children's wording with disclosures in it (the rules fire), and ordinary
 * feedback from the corpus (nothing fires, so the classifier runs too — most messages). Also: time per character
 * (screening should grow linearly with length), garbage-collection time per message, and the Worker bundle's size.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { loadCorpus } from '../api/screening/classifier/train.ts';
import { screenForSafeguarding } from '../api/screening/safeguarding.ts';
import { buildEdge } from '../workers/build.ts';
import { percentile, round, writeResult } from './lib.ts';

const LENGTHS = [220, 1000, 2500, 5000] as const;
const TARGET_P99_MS = 2;
const BUNDLE_LIMIT_BYTES = 3 * 1024 * 1024;

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
const ordinaryLines = loadCorpus().filter((entry) => entry.label === 'ordinary').map((entry) => entry.text);

/** `count` distinct messages of `length` characters: the lines one after another from different offsets, cut to length. */
function messages(lines: readonly string[], length: number, count: number): string[] {
  return Array.from({ length: count }, (_, seed) => {
    let text = '';
    for (let i = seed * 7; text.length < length; i++) text += `${lines[i % lines.length]}. `;
    return text.slice(0, length);
  });
}

const baseline = (text: string) => text.toLowerCase().split(/\s+/);
const screen = (text: string) => screenForSafeguarding(text);

/**
 * Baseline and screening alternate call by call, so a busy machine slows both alike. Screening is timed on the wall
 * clock and in this process's CPU time: on a shared machine the wall clock's tail is other processes' turn on the CPU.
 */
function measure(texts: readonly string[], runs: number): { baseline: number[]; screening: number[]; screeningCpu: number[] } {
  const times = { baseline: [] as number[], screening: [] as number[], screeningCpu: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const text = texts[i % texts.length]!;
    let started = performance.now();
    baseline(text);
    times.baseline.push(performance.now() - started);
    const cpu = process.cpuUsage();
    started = performance.now();
    screen(text);
    times.screening.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    times.screeningCpu.push((used.user + used.system) / 1000);
  }
  for (const list of Object.values(times)) list.sort((a, b) => a - b);
  return times;
}

/** Garbage-collection time while screening alone, per message. */
async function gcPerMessage(texts: readonly string[], runs: number): Promise<{ gcMsPerMessage: number; collections: number }> {
  let total = 0;
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      total += entry.duration;
      collections++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < runs; i++) screen(texts[i % texts.length]!);
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { gcMsPerMessage: total / runs, collections };
}

const ms = (value: number) => Math.round(value * 1000) / 1000;
const loadBefore = loadavg()[0]!;
const kinds = { mixed: pieces, ordinary: ordinaryLines } as const;
const results: Record<string, Record<string, unknown>> = {};

for (const [kind, lines] of Object.entries(kinds)) {
  results[kind] = {};
  for (const length of LENGTHS) {
    const texts = messages(lines, length, 200);
    const runs = Math.round(2_000_000 / Math.max(length, 1000));
    for (const text of texts) screen(text); // warm up the JIT and the word cache
    const times = measure(texts, runs);
    const gc = await gcPerMessage(texts, runs);
    const p50 = percentile(times.screening, 0.5);
    const p99 = percentile(times.screening, 0.99);
    results[kind][length] = {
      runs,
      screening: { p50Ms: ms(p50), p99Ms: ms(p99), cpuP50Ms: ms(percentile(times.screeningCpu, 0.5)), cpuP99Ms: ms(percentile(times.screeningCpu, 0.99)) },
      baseline: { p50Ms: ms(percentile(times.baseline, 0.5)), p99Ms: ms(percentile(times.baseline, 0.99)) },
      ratioP50: round(p50 / percentile(times.baseline, 0.5)),
      nsPerCharP50: Math.round((p50 * 1e6) / length),
      gcMsPerMessage: ms(gc.gcMsPerMessage),
      gcCollections: gc.collections,
    };
    console.log(
      `${kind.padEnd(8)} ${String(length).padStart(5)} chars: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms ` +
        `(CPU p50 ${percentile(times.screeningCpu, 0.5).toFixed(3)}, p99 ${percentile(times.screeningCpu, 0.99).toFixed(3)}), ` +
        `×${round(p50 / percentile(times.baseline, 0.5))} the baseline, ${Math.round((p50 * 1e6) / length)} ns/char, GC ${gc.gcMsPerMessage.toFixed(3)} ms/message`,
    );
  }
}

const perChar = (kind: string, length: number) => (results[kind]![length] as { nsPerCharP50: number }).nsPerCharP50;
/** Time per character at 5,000 over time per character at 1,000: 1 is linear, above 1 grows faster than the text. */
const linearity = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, round(perChar(kind, 5000) / perChar(kind, 1000))]));
console.log(`time per character, 5,000 vs 1,000 chars: ${JSON.stringify(linearity)} (1 = linear)`);

const entry = buildEdge();
const bundle = readFileSync(entry);
const bundleGzipBytes = gzipSync(bundle).length;
console.log(`Worker bundle: ${(bundle.length / 1024).toFixed(0)} KiB, ${(bundleGzipBytes / 1024).toFixed(0)} KiB gzipped (limit 3 MiB)`);

type Timing = { screening: { p99Ms: number; cpuP99Ms: number } };
const worstP99 = Math.max(...Object.keys(kinds).map((kind) => (results[kind]![5000] as Timing).screening.p99Ms));
const worstCpuP99 = Math.max(...Object.keys(kinds).map((kind) => (results[kind]![5000] as Timing).screening.cpuP99Ms));
console.log(`p99 at 5,000 chars: ${worstP99} ms wall, ${worstCpuP99} ms CPU (target < ${TARGET_P99_MS} ms)`);
await writeResult('screening', {
  machine: { cpus: cpus().length, loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]!) } },
  targetP99Ms: TARGET_P99_MS,
  p99At5000Ms: worstP99,
  cpuP99At5000Ms: worstCpuP99,
  linearity,
  byKindAndLength: results,
  workerBundle: { bytes: bundle.length, gzipBytes: bundleGzipBytes, limitGzipBytes: BUNDLE_LIMIT_BYTES },
});
