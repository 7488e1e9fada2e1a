/** Builds the web apps with Vite. `npm start` runs it first when they have not been built yet (`--if-missing`). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const apps = [{ name: 'child', config: fileURLToPath(new URL('./child/vite.config.ts', import.meta.url)), output: fileURLToPath(new URL('../dist/web/child/index.html', import.meta.url)) }];

const ifMissing = process.argv.includes('--if-missing');
for (const app of apps) {
  if (ifMissing && existsSync(app.output)) continue;
  console.log(`building the ${app.name} app…`);
  await build({ configFile: app.config, logLevel: 'warn' });
}
