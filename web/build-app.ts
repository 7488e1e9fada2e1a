/** Builds one web app for production, whoever calls it: `npm start`, the test setup or a benchmark. */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { precompressDir } from './precompress.ts';

export type WebAppName = 'child' | 'staff';
export const WEB_APPS: readonly WebAppName[] = ['child', 'staff'];

export async function buildWebApp(name: WebAppName): Promise<void> {
  // Test runners set NODE_ENV=test, and Vite then builds the JSX for development: bigger, and carrying this
  // machine's source paths into what children download. Every build of the apps is a production build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL(`./${name}/vite.config.ts`, import.meta.url)), mode: 'production', logLevel: 'warn' });
    await precompressDir(fileURLToPath(new URL(`../dist/web/${name}`, import.meta.url)));
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
