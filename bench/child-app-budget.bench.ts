/**
 * The children's app budget: JavaScript at first load at most 60 KB gzipped, and first render in Chromium under a
 * simulated slow 4G connection (reported, with the same page on an unthrottled connection as the baseline).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHILD_APP_DIR } from '../api/node/web-apps.ts';
import { buildWebApps, launchChromium, serveOverHttp } from '../test/helpers/browser.ts';
import { createHarness } from '../test/helpers/harness.ts';
import { round, writeResult } from './lib.ts';

await buildWebApps();
const html = readFileSync(path.join(CHILD_APP_DIR, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!).filter((src) => src.endsWith('.js'));
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) => match[1]!);
const assets = readdirSync(path.join(CHILD_APP_DIR, 'assets')).filter((file) => file.endsWith('.js')).map((file) => `/assets/${file}`);
// First load: the page's scripts and what they import statically (preloaded). The lazily loaded screens (the survey
// screens) are fetched when a child opens them, and are reported apart; the service worker precaches them later.
const firstLoad = [...new Set([...scripts, ...preloads])];
const lazy = assets.filter((src) => !firstLoad.includes(src));
const gzipOf = (files: string[]) => files.reduce((sum, src) => sum + gzipSync(readFileSync(path.join(CHILD_APP_DIR, src))).length, 0);
const gzipKb = round(gzipOf(firstLoad) / 1024);
const lazyGzipKb = round(gzipOf(lazy) / 1024);

const h = await createHarness();
const server = await serveOverHttp(h.app);
const browser = await launchChromium();
async function firstRenderMs(throttle: boolean): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    // Chrome DevTools' "Slow 4G": 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up; a mid-range phone's CPU.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  const started = performance.now();
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Start' }).waitFor();
  const elapsed = performance.now() - started;
  await context.close();
  return round(elapsed);
}
const baselineMs = await firstRenderMs(false);
const slow4gMs = await firstRenderMs(true);
await browser.close();
await server.close();
await h.close();

console.log(`child-app-budget`);
console.log(`  JavaScript at first load : ${gzipKb} KB gzipped (budget 60 KB) ${gzipKb <= 60 ? 'MET' : 'NOT MET'}`);
console.log(`  loaded later (lazy)      : ${lazyGzipKb} KB gzipped (${lazy.join(', ') || 'none'}); all JavaScript ${round(gzipKb + lazyGzipKb)} KB`);
console.log(`  first render, unthrottled: ${baselineMs} ms`);
console.log(`  first render, slow 4G    : ${slow4gMs} ms (${round(slow4gMs / baselineMs)}x the unthrottled load)`);
await writeResult('child-app-budget', { gzipKb, lazyGzipKb, budgetKb: 60, baselineMs, slow4gMs });
