/** Builds the children's PWA into dist/web/child: its own small bundle, a service worker and a manifest. */
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
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        navigateFallback: '/index.html',
        // Only the app shell is cached: never API answers, never staff pages.
        navigateFallbackDenylist: [/^\/api\//, /^\/auth\//, /^\/staff/, /^\/healthz/, /^\/readyz/],
        runtimeCaching: [],
      },
    }),
  ],
});
