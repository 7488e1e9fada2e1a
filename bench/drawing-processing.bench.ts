/**
 * Drawing processing: drawings per second through the job runner (claim, read the quarantined upload from the
 * blob store, sharp, write two objects, record them, delete the upload) against the bare sharp pipeline on the
 * same images in the same process. Target: at least 0.8x. Peak RSS is reported.
 */
import { parseConfig } from '../api/config.ts';
import sharp from 'sharp';
import { createSharpProcessor } from '../api/images/sharp-processor.ts';
import { createJobRunner } from '../api/jobs/runner.ts';
import { createHarness } from '../test/helpers/harness.ts';
import { drawing, jpegWithGps, pngDrawing, postDrawing } from '../test/helpers/intake.ts';
import { round, writeResult } from './lib.ts';

const COUNT = Number(process.env.BENCH_DRAWINGS ?? 40);

// Phone photos and screen drawings, as children send them.
const images: [Uint8Array, string][] = [];
for (let i = 0; i < COUNT; i++) {
  if (i % 2 === 0) images.push([await jpegWithGps(3024 - i, 4032), 'image/jpeg']);
  else images.push([await pngDrawing(1600 + i, 1200), 'image/png']);
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const processor = createSharpProcessor();
const bareStarted = performance.now();
for (const [bytes] of images) await processor.process(bytes);
const bareSeconds = (performance.now() - bareStarted) / 1000;

const h = await createHarness({ config: { rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: 1e9, perDeviceInGroup: 1e9, perGroup: 1e9, withoutDevice: 1e9 } } });
for (const [bytes, type] of images) {
  const response = await postDrawing(h.app, drawing(), bytes, type);
  if (response.status !== 201) throw new Error(`intake answered ${response.status}`);
}
const runner = createJobRunner(h.deps, createSharpProcessor());
const jobsStarted = performance.now();
const done = await runner.drain();
const jobSeconds = (performance.now() - jobsStarted) / 1000;
clearInterval(sampler);
await h.close();
if (done < COUNT) throw new Error(`only ${done} of ${COUNT} jobs ran`);

const bare = round(COUNT / bareSeconds);
const jobs = round(COUNT / jobSeconds);
const ratio = round(jobs / bare);
const peakRssMb = Math.round(peakRss / 1024 / 1024);
console.log(`drawing-processing (${COUNT} drawings: phone photos 3024x4032 and canvas PNGs; sharp ${sharp.versions.sharp})`);
console.log(`  bare sharp pipeline : ${bare} drawings/s`);
console.log(`  job runner          : ${jobs} drawings/s`);
console.log(`  ratio               : ${ratio}x of bare (target >= 0.8x) ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`);
console.log(`  peak RSS            : ${peakRssMb} MB`);
await writeResult('drawing-processing', { drawings: COUNT, bare, jobs, ratio, target: 0.8, peakRssMb, engine: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
