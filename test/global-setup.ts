/** Runs once before every test file: builds the web apps, so no two files rebuild (and empty) dist/web at once. */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  for (const name of ['child', 'staff']) {
    await build({ configFile: new URL(`../web/${name}/vite.config.ts`, import.meta.url).pathname, logLevel: 'warn' });
  }
}
