/** Builds the web apps with Vite. `npm start` runs it first when they have not been built yet (`--if-missing`). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildWebApp, WEB_APPS } from './build-app.ts';

const apps = WEB_APPS.map((name) => ({ name, output: fileURLToPath(new URL(`../dist/web/${name}/index.html`, import.meta.url)) }));

const ifMissing = process.argv.includes('--if-missing');
for (const app of apps) {
  if (ifMissing && existsSync(app.output)) continue;
  console.log(`building the ${app.name} app…`);
  await buildWebApp(app.name);
}
