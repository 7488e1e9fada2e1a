/** Builds the children's PWA into dist/web/child: its own small bundle, a service worker (web/child/sw.ts) and a manifest. */
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: { outDir: fileURLToPath(new URL('../../dist/web/child', import.meta.url)), emptyOutDir: true, sourcemap: false },
  plugins: [
    preact({ prerender: { enabled: false } }),
    VitePWA({
      registerType: 'autoUpdate',
      // Our own small worker (sw.ts): workbox precaching of the app shell, plus Background Sync of the outbox.
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      // A script file, not inline code, so the strict Content-Security-Policy holds.
      injectRegister: 'script',
      manifest: {
        name: 'Heard',
        short_name: 'Heard',
        description: 'Tell the people who make decisions what you think.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      // Only the app shell is precached: never API answers, never staff pages (sw.ts keeps navigations off /api and /staff).
      // The other languages' words and the survey screen are not in the first load: sw.ts caches them the first time
      // the app loads them, and the app loads them ahead while online when this child will need them (warm-up.ts).
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        globIgnores: ['**/assets/pl-*.js', '**/assets/ar-*.js', '**/assets/survey-*.js'],
        rollupFormat: 'iife',
      },
    }),
  ],
});
