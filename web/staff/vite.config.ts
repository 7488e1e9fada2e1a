/** Builds the staff app into dist/web/staff, served by the Node server at /staff (never shipped to children). */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/staff/',
  build: { outDir: fileURLToPath(new URL('../../dist/web/staff', import.meta.url)), emptyOutDir: true },
  plugins: [preact({ prerender: { enabled: false } })],
});
