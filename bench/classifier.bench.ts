/**
 * `npx tsx bench/classifier.bench.ts`: the learned screening signal on 5,000-character messages in each language,
 * with the same run's baseline (lower-casing and splitting the same text into words) to compare machines by ratio.
 */
import { classifyDisclosure } from '../api/screening/classifier/index.ts';
import { loadCorpus } from '../api/screening/classifier/train.ts';
import { percentile, round, writeResult } from './lib.ts';

const LENGTH = 5_000;
const RUNS = 3_000;

/** A long message in one language: its ordinary corpus lines, one after another, cut to length. */
function message(language: string, offset: number): string {
  const lines = loadCorpus().filter((entry) => entry.language === language && entry.label === 'ordinary').map((entry) => entry.text);
  let text = '';
  for (let i = offset; text.length < LENGTH; i++) text += `${lines[i % lines.length]}. `;
  return text.slice(0, LENGTH);
}

type Timing = { p50Ms: number; p95Ms: number; p99Ms: number; cpuP50Ms: number; cpuP99Ms: number };

/** Baseline and classifier alternate call by call, so a busy machine slows both alike. */
function measure(texts: readonly string[], baseline: (text: string) => unknown, run: (text: string) => unknown): { baseline: Timing; classifier: Timing } {
  for (let i = 0; i < 200; i++) run(texts[i % texts.length]!);
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    const text = texts[i % texts.length]!;
    [baseline, run].forEach((fn, which) => {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      fn(text);
      wall[which]!.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu[which]!.push((used.user + used.system) / 1000);
    });
  }
  return { baseline: summary(wall[0], cpu[0]), classifier: summary(wall[1], cpu[1]) };
}

/** Wall-clock figures include time the process waited for a core on a shared machine; CPU time does not. */
function summary(wall: number[], cpu: number[]): Timing {
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (times: number[], p: number) => round4(percentile(times, p));
  return { p50Ms: at(wall, 0.5), p95Ms: at(wall, 0.95), p99Ms: at(wall, 0.99), cpuP50Ms: at(cpu, 0.5), cpuP99Ms: at(cpu, 0.99) };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const results: Record<string, unknown> = {};
for (const language of ['en', 'pl', 'ar']) {
  const texts = [0, 37, 101, 163].map((offset) => message(language, offset));
  const { baseline, classifier } = measure(texts, (text) => text.toLowerCase().split(/\s+/).length, (text) => classifyDisclosure(text));
  const ratio = round(classifier.p50Ms / baseline.p50Ms);
  results[language] = { baseline, classifier, p50Ratio: ratio };
  console.log(
    `${language}: classifier wall p50 ${classifier.p50Ms} ms, p95 ${classifier.p95Ms} ms, p99 ${classifier.p99Ms} ms; ` +
      `CPU p50 ${classifier.cpuP50Ms} ms, p99 ${classifier.cpuP99Ms} ms; baseline wall p50 ${baseline.p50Ms} ms (classifier ${ratio}× baseline)`,
  );
}
await writeResult('classifier', { characters: LENGTH, runs: RUNS, results });
