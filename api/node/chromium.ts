/** Headless Debian Chromium through playwright-core: the pack PDF on the server, and the browser tests. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** CHROMIUM_PATH, or Debian's chromium where it is installed; undefined when there is none (no PDF then). */
export function findChromium(env: Record<string, string | undefined>): string | undefined {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate) => existsSync(candidate));
}

/** The flags every headless Chromium of ours runs with (no sandbox in containers, nothing fetched in the background). */
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** playwright-core is loaded on the first launch, not at start-up: it cost every restart about 0.6 s. */
export async function launchHeadlessChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...HEADLESS_CHROMIUM_ARGS] });
}
