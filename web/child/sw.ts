/**
 * The children's service worker: precaches the app shell (and nothing else: never API answers), serves it for every
 * page, and flushes the outbox when Background Sync says there is a connection, even with the app closed.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { openOutbox } from './outbox.ts';
import { flushOutbox, SYNC_TAG, type SentMessage } from './sync.ts';

// The DOM library is what this project compiles against; these are the few service worker shapes used here.
type SyncEvent = Event & { tag: string; lastChance?: boolean; waitUntil(work: Promise<unknown>): void };
type WorkerScope = {
  __WB_MANIFEST: (PrecacheEntry | string)[];
  skipWaiting(): Promise<void>;
  clients: { matchAll(options?: { type?: string }): Promise<{ postMessage(message: unknown): void }[]> };
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
};
const worker = self as unknown as WorkerScope;

void worker.skipWaiting();
clientsClaim();
precacheAndRoute((self as unknown as WorkerScope).__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/auth\//, /^\/staff/, /^\/healthz/, /^\/readyz/] }));

/** Scripts left out of the precache (other languages, the survey screen): kept the first time they load. */
const LAZY_SCRIPTS = 'heard-lazy-scripts';
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && /^\/assets\/[\w-]+\.js$/.test(url.pathname),
  async ({ request }) => {
    const cache = await caches.open(LAZY_SCRIPTS);
    const kept = await cache.match(request);
    if (kept) return kept;
    const response = await fetch(request);
    // Content-hashed names: a kept copy never goes stale.
    if (response.ok) await cache.put(request, response.clone());
    return response;
  },
);

async function syncOutbox(): Promise<void> {
  const box = await openOutbox();
  try {
    // No localStorage here: an item saved without a device id gets a one-off id, which the server only uses to rate limit.
    const { accepted, waiting } = await flushOutbox(box, () => crypto.randomUUID(), true);
    if (accepted.length > 0) {
      const message: SentMessage = { type: 'heard-outbox-sent', accepted: accepted.map(({ id, receipt, showHelp }) => ({ id, receipt, showHelp })), waiting };
      for (const client of await worker.clients.matchAll({ type: 'window' })) client.postMessage(message);
    }
    // Something still waits (not something a child must fix): fail, so the browser tries this sync again later.
    if ((await box.list()).some((item) => !item.problem)) throw new Error('outbox not empty yet');
  } finally {
    box.close();
  }
}

worker.addEventListener('sync', (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(syncOutbox());
});
