/**
 * Sending what waits in the outbox, from the page or from the service worker. The outbox is the only sender; Background
 * Sync (where the browser has it) only decides when the service worker asks it to send, even with the page closed.
 */
import { sendSubmission } from './api.ts';
import type { Outbox, OutboxItem } from './outbox.ts';

/** The Background Sync tag the service worker answers by flushing the outbox. */
export const SYNC_TAG = 'heard-outbox';

/** What the service worker tells open pages after it has sent something, so a waiting child can see their receipt. */
export type SentMessage = { type: 'heard-outbox-sent'; accepted: { id: string; receipt: string; showHelp: boolean }[]; waiting: number };

export function isSentMessage(value: unknown): value is SentMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'heard-outbox-sent';
}

/** Sends the outbox's due items (all of them when forced), each with the device id saved beside it. */
export function flushOutbox(box: Outbox, fallbackDeviceId: () => string, force: boolean) {
  return box.flush((body, image, item: OutboxItem) => sendSubmission(body, item.deviceId ?? fallbackDeviceId(), image), { force });
}

type SyncRegistration = ServiceWorkerRegistration & { sync: { register(tag: string): Promise<void> } };

/**
 * Asks the browser to wake the service worker when there is a connection, even if the page has been closed.
 * Returns false where Background Sync is missing; the page then flushes on open and on `online`, as before.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || typeof ServiceWorkerRegistration === 'undefined' || !('sync' in ServiceWorkerRegistration.prototype)) return false;
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.active) return false;
    await (registration as SyncRegistration).sync.register(SYNC_TAG);
    return true;
  } catch {
    // Permission refused, or no active worker yet: the page's own flushing still covers it.
    return false;
  }
}
