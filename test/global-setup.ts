/** Runs once before every test file: builds the web apps, so no two files rebuild (and empty) dist/web at once. */
import { buildWebApp, WEB_APPS } from '../web/build-app.ts';

export default async function setup(): Promise<void> {
  for (const name of WEB_APPS) await buildWebApp(name);
}
