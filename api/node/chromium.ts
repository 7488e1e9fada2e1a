/** Headless Debian Chromium through playwright-core: the pack PDF on the server, and the browser tests. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** CHROMIUM_PATH, or Debian's chromium where it is installed; undefined when there is none (no PDF then). */
export function findChromium(env: Record<string, string | undefined>): string | undefined {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate) => existsSync(candidate));
}

/** The flags every headless Chromium of ours runs with (no sandbox in containers, nothing fetched in the background). */
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function launchHeadlessChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...HEADLESS_CHROMIUM_ARGS] });
}
